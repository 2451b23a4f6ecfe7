/**
 * Playing a scenario without a screen, from a list of steps: `roleplay run`, and the headless
 * side of `run --record` and `resume --steps`. Steps come from --steps (a YAML or JSON list) or
 * --choices; the result is the run's JSON.
 */
import {
  compile,
  type Lang,
  type RunReport,
  runSteps,
  type Scenario,
  type StepRecord,
  safeLine,
  type TestStep,
} from '../../core/index.js';
import { MAX_NESTING, parseDocumentBounded, tooDeepMessage } from '../../core/yaml/yaml-depth.js';
import { printProblem, type Said, said, UserError, printErr } from '../env.js';
import { printJson } from '../json-output.js';
import { failureText, MAX_STEPS_BYTES, readTextFile } from '../read-file.js';
import { stepsFileMessages as says } from '../tool-messages.js';
import { CASE_NOT_OPENED, type Opened, scenarioOrReport } from './scenario-or-report.js';

export interface RunOptions {
  readonly steps?: string;
  readonly choices?: string;
  /** the language of every problem reported: the scenario does not load, a step is refused */
  readonly lang: Lang;
}

export interface RunHooks {
  /** called once the scenario is loaded; returns a per-step callback (used by --record) */
  readonly onStart?: (args: {
    scenario: Scenario;
    source: string;
    steps: readonly TestStep[];
  }) => ((record: StepRecord) => void) | undefined;
  readonly onFinish?: (result: RunReport) => void;
}

/** `roleplay run <scenario>`: the case is resolved first (as play does), then the steps are read. */
export function runCommand(ref: string, options: RunOptions): number {
  const opened = scenarioOrReport(ref, options.lang);
  if (!opened) return CASE_NOT_OPENED;
  return runOpened(opened, options, {}, readSteps(options, options.lang));
}

/** A headless run of a case already opened, on steps already read (a steps file can be a pipe, readable only once). */
export function runOpened(resolved: Opened, options: RunOptions, hooks: RunHooks, steps: readonly TestStep[]): number {
  const compiled = compile(resolved.scenario);
  const onStep = hooks.onStart?.({ scenario: resolved.scenario, source: resolved.source, steps });
  const result = runSteps(compiled, steps, onStep ? (r) => onStep(r) : undefined);
  if (!result.ok) {
    printProblem(safeLine(result.text[options.lang])); // the error quotes the steps file
    return 2;
  }
  hooks.onFinish?.(result.report);
  printJson({ ...result.report });
  return 0;
}

/** Steps from --steps (a YAML or JSON list) or --choices (comma-separated choice ids); problems worded in `lang`. */
export function readSteps(options: { readonly steps?: string; readonly choices?: string }, lang: Lang): TestStep[] {
  const refuse = (text: Said) => new UserError(text[lang], 2);
  if (options.steps !== undefined && options.choices !== undefined) throw refuse(says.bothGiven());
  if (options.choices !== undefined) {
    return options.choices
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  if (options.steps === undefined) throw refuse(says.noneGiven());
  const file = options.steps;
  const read = readTextFile(file, MAX_STEPS_BYTES, { pipes: true });
  if (!read.ok) {
    const why = failureText(read.failure, { zh: '步骤文件', en: 'a steps file' }, { pipes: true })[lang];
    throw refuse(says.unreadable(file, read.failure.reason === 'not-found', why));
  }
  let data: unknown;
  try {
    const bounded = parseDocumentBounded(read.text.replace(/^\uFEFF/, ''), {});
    if (bounded.tooDeep !== undefined) throw new Error(tooDeepMessage(MAX_NESTING).text[lang]);
    if (bounded.doc.errors[0]) throw bounded.doc.errors[0];
    data = bounded.doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw refuse(says.notYamlOrJson(file, String((e as Error).message).split('\n')[0]!));
  }
  // A steps file may be the list itself, or a map with `steps:` (like a scenario test).
  const list = Array.isArray(data) ? data : (data as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(list)) throw refuse(says.notAList(file));
  return list.map((s, i) => {
    if (typeof s === 'string') return s;
    if (typeof s === 'number') return String(s);
    if (s && typeof s === 'object' && 'say' in s && (typeof s.say === 'string' || typeof s.say === 'number'))
      return { say: String(s.say) };
    if (s && typeof s === 'object' && 'wait' in s && s.wait === true) return { wait: true as const };
    throw refuse(says.badStep(file, i + 1));
  });
}

/** Decision time of a headless step: a timeout took the node's full time, anything else none. */
export function headlessDecisionMs(scenario: Scenario, record: StepRecord): number {
  const node = scenario.nodes[record.node];
  if (record.action.kind === 'timeout' && node && (node.kind === 'choice' || node.kind === 'input') && node.timeout)
    return node.timeout.seconds * 1000;
  return 0;
}

/** After a recorded headless run: the session it was recorded as, and how to continue it. */
export function reportRecorded(id: string, finished: boolean, lang: Lang): void {
  printErr(
    finished
      ? said(`已记录为练习 ${id}\n`, `recorded as session ${id}\n`)[lang]
      : said(
          `已记录为练习 ${id}（未完成：用 \`roleplay resume ${id}\` 继续）\n`,
          `recorded as session ${id} (unfinished: continue it with \`roleplay resume ${id}\`)\n`,
        )[lang],
  );
}
