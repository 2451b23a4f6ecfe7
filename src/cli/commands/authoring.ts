/**
 * The trainer's authoring tools: `new` (a starter case), `schema` (JSON Schema for editors),
 * `graph` (the case as a diagram) and `paths` (endings, scores and the steps that reach
 * them). The analysis is the core's (paths.ts, graph-export.ts); here are only files and
 * printing.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import {
  ID_PATTERN,
  catalogJsonSchema,
  formatDiagnostic,
  safeLine,
  scenarioJsonSchema,
  type Lang,
  type Scenario,
  type TestStep,
} from '../../core/index.js';
import { renderGraph, type GraphFormat } from '../../core/graph-export.js';
import { bestPath } from '../../core/best-path.js';
import { analysePaths, type EndingReport, type PathsReport } from '../../core/paths.js';
import { ExplorationLimitError } from '../../core/explore.js';
import { UserError } from '../env.js';
import { graphMessages, newMessages, pathsMessages as says, type MissingAnswer } from '../tool-messages.js';
import { PACKAGE_ROOT, resolveScenario } from '../files.js';
import { starterScenario } from './starter.js';

export const SCENARIO_SCHEMA_FILE = join(PACKAGE_ROOT, 'docs', 'scenario.schema.json');

// ---------------------------------------------------------------------------------------- new

/** `lang`: as --lang gave it, if at all (program.ts passes it); else the environment's. */
export function newCommand(id: string, opts: { dir?: string; lang: Lang }): number {
  const { lang } = opts;
  if (!ID_PATTERN.test(id)) throw new UserError(newMessages.badId(id)[lang], 2);
  const dir = opts.dir ?? (isDirectory('scenarios') ? 'scenarios' : '.');
  const file = join(dir, `${id}.yaml`);
  if (existsSync(file)) {
    process.stderr.write(`roleplay: ${newMessages.exists(file)[lang]}\n`);
    return 1;
  }
  try {
    mkdirSync(dir, { recursive: true });
    // 'wx': fail rather than overwrite, even if the file appeared since the check above.
    writeFileSync(file, starterScenario(id, schemaRefFrom(dir), lang), { flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(`roleplay: ${newMessages.cannotWrite(file, code, String((e as Error).message))[lang]}\n`);
    return 1;
  }
  process.stdout.write(`${newMessages.wrote(file)[lang]}\n`);
  process.stdout.write(`${newMessages.next(file)[lang]}\n`);
  return 0;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The schema's path relative to the new file's folder, with forward slashes (as YAML tools expect). */
function schemaRefFrom(dir: string): string {
  return relative(resolve(dir), SCENARIO_SCHEMA_FILE).split(sep).join('/');
}

// ------------------------------------------------------------------------------------- schema

export function schemaText(catalog = false): string {
  return `${JSON.stringify(catalog ? catalogJsonSchema() : scenarioJsonSchema(), null, 2)}\n`;
}

export function schemaCommand(opts: { catalog?: boolean }): number {
  process.stdout.write(schemaText(opts.catalog));
  return 0;
}

// -------------------------------------------------------------------------------------- graph

function loadOrReport(ref: string, lang: Lang): Scenario | undefined {
  const resolved = resolveScenario(ref, lang);
  if (resolved.ok) return resolved.scenario;
  for (const d of resolved.diagnostics.filter((d) => d.severity === 'error'))
    process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (resolved.message) process.stderr.write(`roleplay: ${resolved.message}\n`);
  return undefined;
}

export function graphCommand(ref: string, opts: { format: GraphFormat; best?: boolean; lang: Lang }): number {
  const scenario = loadOrReport(ref, opts.lang);
  if (!scenario) return 1;
  let highlight;
  if (opts.best) {
    highlight = guard(() => bestPath(scenario), opts.lang);
    if (!highlight) process.stderr.write(`roleplay: ${graphMessages.noBestPath()[opts.lang]}\n`);
  }
  process.stdout.write(
    renderGraph(scenario, { format: opts.format, lang: opts.lang, ...(highlight ? { highlight } : {}) }),
  );
  return 0;
}

function guard<T>(f: () => T, lang: Lang): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ExplorationLimitError) throw new UserError(graphMessages.tooComplex(e.limit)[lang], 1);
    throw e;
  }
}

// -------------------------------------------------------------------------------------- paths

/** A step as YAML flow text; strings are JSON-quoted (valid YAML) with invisible characters escaped. */
export function stepText(step: TestStep): string {
  const quote = (s: string) =>
    JSON.stringify(s).replace(
      /[\u0080-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  if (typeof step === 'string')
    return /^[a-z0-9][a-z0-9-]*$/.test(step) && !/^(true|false|null|yes|no|on|off|y|n|\d+)$/.test(step)
      ? step
      : quote(step);
  if ('say' in step) return `{ say: ${quote(step.say)} }`;
  return '{ wait: true }';
}

export function stepsText(steps: readonly TestStep[]): string {
  return `[${steps.map(stepText).join(', ')}]`;
}

function percentRange(e: EndingReport, lang: Lang): string {
  if (e.best === undefined || e.worst === undefined || e.bestPercent === undefined || e.worstPercent === undefined)
    return says.onlyByRevisit()[lang];
  return says.score(e.worst, e.best, e.worstPercent, e.bestPercent)[lang];
}

function jsonOf(report: PathsReport) {
  return {
    scenario: report.scenario,
    max: report.max ?? null,
    passScore: report.passScore,
    complete: report.complete,
    flags: {
      nobodyCanPass: report.nobodyCanPass,
      nobodyCanFail: report.nobodyCanFail,
      unreachableEndings: report.unreachableEndings,
    },
    endings: report.endings.map((e) => ({
      id: e.id,
      outcome: e.outcome,
      reachable: e.reachable,
      best: e.best ?? null,
      worst: e.worst ?? null,
      bestPercent: e.bestPercent ?? null,
      worstPercent: e.worstPercent ?? null,
      shortest: e.shortest
        ? {
            steps: e.shortest.steps,
            path: e.shortest.nodes,
            complete: e.shortest.complete,
            ...(e.shortest.complete
              ? {}
              : {
                  missingAnswers: e.shortest.ways
                    .filter((w) => w.noAnswer)
                    .map((w) => ({ node: w.node, rule: w.way.kind === 'rule' ? w.way.index + 1 : 0 })),
                }),
          }
        : null,
    })),
  };
}

export function pathsCommand(ref: string, opts: { json?: boolean; ending?: string; lang: Lang }): number {
  const scenario = loadOrReport(ref, opts.lang);
  if (!scenario) return 1;
  const lang = opts.lang;
  const report = guard(() => analysePaths(scenario), lang);

  if (opts.ending !== undefined) {
    const e = report.endings.find((x) => x.id === opts.ending);
    if (!e) {
      process.stderr.write(
        `roleplay: ${
          says.notAnEnding(
            safeLine(opts.ending),
            scenario.id,
            report.endings.map((x) => x.id),
          )[lang]
        }\n`,
      );
      return 1;
    }
    if (!e.shortest) {
      process.stderr.write(`roleplay: ${says.endingCannotBeReached(e.id)[lang]}\n`);
      return 1;
    }
    if (!e.shortest.complete) {
      process.stderr.write(`roleplay: ${says.endingNeedsAnswer(e.id, missingOf(e))[lang]}\n`);
      return 1;
    }
    // An empty list is written `[]`: an empty file would not be a list of steps.
    process.stdout.write(
      e.shortest.steps.length === 0 ? '[]\n' : e.shortest.steps.map((s) => `- ${stepText(s)}\n`).join(''),
    );
    return 0;
  }

  if (opts.json) {
    process.stdout.write(`${JSON.stringify(jsonOf(report), null, 2)}\n`);
    return 0;
  }

  const out: string[] = [];
  out.push(
    (report.max === undefined
      ? says.headingTooComplex(scenario.id)
      : says.heading(scenario.id, report.max, report.passScore))[lang],
  );
  out.push('');
  const width = Math.max(...report.endings.map((e) => `${e.id} (${e.outcome})`.length));
  for (const e of report.endings) {
    const head = `${e.id} (${e.outcome})`.padEnd(width);
    if (!e.reachable) {
      out.push(`${head}  ${says.neverReached()[lang]}`);
      continue;
    }
    out.push(
      `${head}  ${says.reachable()[lang]}${report.max === undefined ? '' : `${says.then()[lang]}${percentRange(e, lang)}`}`,
    );
    if (e.shortest) {
      const shown = e.shortest.ways
        .filter((w) => w.step !== undefined || w.noAnswer)
        .map((w) => (w.step !== undefined ? stepText(w.step) : '{ say: ??? }'));
      const n = shown.length;
      out.push(`  ${says.shortest(n, safeLine(`[${shown.join(', ')}]`))[lang]}`);
      if (!e.shortest.complete) out.push(`  ${says.noAnswerWritten(missingOf(e))[lang]}`);
    }
  }
  const flags: string[] = [];
  if (report.nobodyCanPass) flags.push(says.nobodyCanPass(report.passScore)[lang]);
  if (report.nobodyCanFail) flags.push(says.nobodyCanFail()[lang]);
  for (const id of report.unreachableEndings) flags.push(says.endingUnreachable(id)[lang]);
  if (!report.complete) flags.push(says.searchStopped(report.situations.toLocaleString('en'))[lang]);
  if (flags.length) {
    out.push('');
    for (const f of flags) out.push(`! ${f}`);
  }
  out.push('');
  out.push(says.saveHint(safeLine(ref))[lang]);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

function missingOf(e: EndingReport): MissingAnswer[] {
  return (e.shortest?.ways ?? [])
    .filter((w) => w.noAnswer)
    .map((w) => ({ node: w.node, rule: w.way.kind === 'rule' ? w.way.index + 1 : undefined }));
}
