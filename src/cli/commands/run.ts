/** `roleplay run`: play a scenario headless from a list of steps and print the result as JSON. */
import {
  compile,
  formatDiagnostic,
  runSteps,
  safeLine,
  type Lang,
  type RunReport,
  type Scenario,
  type StepRecord,
  type TestStep,
} from '../../core/index.js';
import type { Said } from '../../core/messages.js';
import { MAX_NESTING, parseDocumentBounded, tooDeepMessage } from '../../core/yaml-depth.js';
import { UserError } from '../env.js';
import { stepsFileMessages as says } from '../tool-messages.js';
import { resolveScenario } from '../files.js';
import { failureText, MAX_STEPS_BYTES, readTextFile } from '../read-file.js';

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

/** `steps` may be given already read (a steps file can be a pipe, readable only once). */
export function runCommand(
  ref: string,
  options: RunOptions,
  hooks: RunHooks = {},
  steps: readonly TestStep[] = readSteps(options, options.lang),
): number {
  const resolved = resolveScenario(ref, options.lang);
  if (!resolved.ok) {
    for (const d of resolved.diagnostics.filter((d) => d.severity === 'error'))
      process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (resolved.message) process.stderr.write(`roleplay: ${resolved.message}\n`);
    return 1;
  }
  const compiled = compile(resolved.scenario);
  const onStep = hooks.onStart?.({ scenario: resolved.scenario, source: resolved.source, steps });
  const result = runSteps(compiled, steps, onStep ? (r) => onStep(r) : undefined);
  if (!result.ok) {
    process.stderr.write(`roleplay: ${safeLine(result.text[options.lang])}\n`); // the error quotes the steps file
    return 2;
  }
  hooks.onFinish?.(result.report);
  process.stdout.write(`${JSON.stringify(result.report, null, 2)}\n`);
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
  const read = readTextFile(options.steps, MAX_STEPS_BYTES, { pipes: true });
  if (!read.ok) {
    const why = failureText(read.failure, { zh: '步骤文件', en: 'a steps file' }, { pipes: true })[lang];
    throw refuse(says.unreadable(options.steps, read.failure.reason === 'not-found', why));
  }
  const text = read.text;
  let data: unknown;
  try {
    const bounded = parseDocumentBounded(text.replace(/^\uFEFF/, ''), {});
    if (bounded.tooDeep !== undefined) throw new Error(tooDeepMessage(MAX_NESTING).text[lang]);
    if (bounded.doc.errors[0]) throw bounded.doc.errors[0];
    data = bounded.doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw refuse(says.notYamlOrJson(options.steps, String((e as Error).message).split('\n')[0]!));
  }
  // A steps file may be the list itself, or a map with `steps:` (like a scenario test).
  const list = Array.isArray(data) ? data : (data as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(list)) throw refuse(says.notAList(options.steps));
  return list.map((s, i) => {
    if (typeof s === 'string') return s;
    if (typeof s === 'number') return String(s);
    if (s && typeof s === 'object' && 'say' in s && (typeof s.say === 'string' || typeof s.say === 'number'))
      return { say: String(s.say) };
    if (s && typeof s === 'object' && 'wait' in s && s.wait === true) return { wait: true as const };
    throw refuse(says.badStep(options.steps!, i + 1));
  });
}
