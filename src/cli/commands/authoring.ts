/**
 * The trainer's authoring tools: `new` (a starter case), `schema` (JSON Schema for editors),
 * `graph` (the case as a diagram) and `paths` (endings, scores and the steps that reach
 * them). The analysis is the core's (paths.ts, graph-export.ts); here are only files and
 * printing.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import {
  ID_PATTERN, catalogJsonSchema, formatDiagnostic, safeLine, scenarioJsonSchema, type Lang, type Scenario, type TestStep,
} from '../../core/index.js';
import { renderGraph, type GraphFormat } from '../../core/graph-export.js';
import { analysePaths, bestPath, type EndingReport, type PathsReport } from '../../core/paths.js';
import { ExplorationLimitError } from '../../core/explore.js';
import { UserError } from '../env.js';
import { PACKAGE_ROOT, resolveScenario } from '../files.js';
import { starterScenario } from './starter.js';

export const SCENARIO_SCHEMA_FILE = join(PACKAGE_ROOT, 'docs', 'scenario.schema.json');

// ---------------------------------------------------------------------------------------- new

export function newCommand(id: string, opts: { dir?: string }): number {
  if (!ID_PATTERN.test(id)) {
    throw new UserError(`'${id}' cannot be a scenario id: use lower-case letters, digits and hyphens, e.g. late-delivery`, 2);
  }
  const dir = opts.dir ?? (isDirectory('scenarios') ? 'scenarios' : '.');
  const file = join(dir, `${id}.yaml`);
  if (existsSync(file)) {
    process.stderr.write(`roleplay: ${file} already exists; not overwriting it (choose another id, or --dir)\n`);
    return 1;
  }
  try {
    mkdirSync(dir, { recursive: true });
    // 'wx': fail rather than overwrite, even if the file appeared since the check above.
    writeFileSync(file, starterScenario(id, schemaRefFrom(dir)), { flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(`roleplay: cannot write ${file}: ${code === 'EEXIST' ? 'it already exists' : code === 'EACCES' ? 'permission denied' : String((e as Error).message)}\n`);
    return 1;
  }
  process.stdout.write(`wrote ${file}\n`);
  process.stdout.write(`next: edit it, then  roleplay lint --strict ${file}  and  roleplay test ${file}\n`);
  return 0;
}

function isDirectory(p: string): boolean {
  try { return statSync(p).isDirectory(); } catch { return false; }
}

/** The schema's path relative to the new file's folder, with forward slashes (as YAML tools expect). */
function schemaRefFrom(dir: string): string {
  return relative(resolve(dir), SCENARIO_SCHEMA_FILE).split(sep).join('/');
}

// ------------------------------------------------------------------------------------- schema

export function schemaText(catalog = false): string {
  return JSON.stringify(catalog ? catalogJsonSchema() : scenarioJsonSchema(), null, 2) + '\n';
}

export function schemaCommand(opts: { catalog?: boolean }): number {
  process.stdout.write(schemaText(opts.catalog));
  return 0;
}

// -------------------------------------------------------------------------------------- graph

function loadOrReport(ref: string, lang: Lang): Scenario | undefined {
  const resolved = resolveScenario(ref, lang);
  if (resolved.ok) return resolved.scenario;
  for (const d of resolved.diagnostics.filter((d) => d.severity === 'error')) process.stderr.write(formatDiagnostic(d) + '\n');
  if (resolved.message) process.stderr.write(`roleplay: ${resolved.message}\n`);
  return undefined;
}

export function graphCommand(ref: string, opts: { format: GraphFormat; best?: boolean; lang: Lang }): number {
  const scenario = loadOrReport(ref, opts.lang);
  if (!scenario) return 1;
  let highlight;
  if (opts.best) {
    highlight = guard(() => bestPath(scenario));
    if (!highlight) process.stderr.write('roleplay: no best path to highlight: no ending can be reached\n');
  }
  process.stdout.write(renderGraph(scenario, { format: opts.format, lang: opts.lang, ...(highlight ? { highlight } : {}) }));
  return 0;
}

function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ExplorationLimitError) throw new UserError(`this case is too complex to analyse: ${e.message}`, 1);
    throw e;
  }
}

// -------------------------------------------------------------------------------------- paths

/** A step as YAML flow text; strings are JSON-quoted (valid YAML) with invisible characters escaped. */
export function stepText(step: TestStep): string {
  const quote = (s: string) => JSON.stringify(s).replace(/[\u0080-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof step === 'string') return /^[a-z0-9][a-z0-9-]*$/.test(step) && !/^(true|false|null|yes|no|on|off|y|n|\d+)$/.test(step) ? step : quote(step);
  if ('say' in step) return `{ say: ${quote(step.say)} }`;
  return '{ wait: true }';
}

export function stepsText(steps: readonly TestStep[]): string {
  return `[${steps.map(stepText).join(', ')}]`;
}

function percentRange(e: EndingReport): string {
  if (e.best === undefined) return 'only by coming back to a node already visited, so no score counts it (scores are over ways that visit each node once)';
  const pts = e.best === e.worst ? `${e.best} point${Math.abs(e.best) === 1 ? '' : 's'}` : `${e.worst} to ${e.best} points`;
  const pct = e.bestPercent === e.worstPercent ? `${e.bestPercent}%` : `${e.worstPercent}% to ${e.bestPercent}%`;
  return `score ${pts} (${pct})`;
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
            ...(e.shortest.complete ? {} : { missingAnswers: e.shortest.ways.filter((w) => w.noAnswer).map((w) => ({ node: w.node, rule: w.way.kind === 'rule' ? w.way.index + 1 : 0 })) }),
          }
        : null,
    })),
  };
}

export function pathsCommand(ref: string, opts: { json?: boolean; ending?: string; lang: Lang }): number {
  const scenario = loadOrReport(ref, opts.lang);
  if (!scenario) return 1;
  const report = guard(() => analysePaths(scenario));

  if (opts.ending !== undefined) {
    const e = report.endings.find((x) => x.id === opts.ending);
    if (!e) {
      process.stderr.write(`roleplay: '${safeLine(opts.ending)}' is not an ending of ${scenario.id}; endings: ${report.endings.map((x) => x.id).join(', ')}\n`);
      return 1;
    }
    if (!e.shortest) {
      process.stderr.write(`roleplay: ending '${e.id}' cannot be reached\n`);
      return 1;
    }
    if (!e.shortest.complete) {
      process.stderr.write(`roleplay: the way to '${e.id}' passes an answer rule for which no matching answer could be written (${describeMissing(e)}); write that step by hand\n`);
      return 1;
    }
    // An empty list is written `[]`: an empty file would not be a list of steps.
    process.stdout.write(e.shortest.steps.length === 0 ? '[]\n' : e.shortest.steps.map((s) => `- ${stepText(s)}\n`).join(''));
    return 0;
  }

  if (opts.json) {
    process.stdout.write(JSON.stringify(jsonOf(report), null, 2) + '\n');
    return 0;
  }

  const out: string[] = [];
  out.push(report.max === undefined
    ? `${scenario.id}: too complex to score (too many ways through its loops); reachability and shortest steps only`
    : `${scenario.id}: best possible score ${report.max} point${report.max === 1 ? '' : 's'}; pass mark ${report.passScore}%`);
  out.push('');
  const width = Math.max(...report.endings.map((e) => `${e.id} (${e.outcome})`.length));
  for (const e of report.endings) {
    const head = `${e.id} (${e.outcome})`.padEnd(width);
    if (!e.reachable) {
      out.push(`${head}  NEVER REACHED`);
      continue;
    }
    out.push(`${head}  reachable${report.max === undefined ? '' : `; ${percentRange(e)}`}`);
    if (e.shortest) {
      const shown = e.shortest.ways.filter((w) => w.step !== undefined || w.noAnswer).map((w) => (w.step !== undefined ? stepText(w.step) : '{ say: ??? }'));
      const n = shown.length;
      out.push(`  shortest, ${n} step${n === 1 ? '' : 's'}: ${safeLine(`[${shown.join(', ')}]`)}`);
      if (!e.shortest.complete) out.push(`  ??? no answer could be written for ${describeMissing(e)}; write that step by hand`);
    }
  }
  const flags: string[] = [];
  if (report.nobodyCanPass) flags.push(`nobody can pass this case: no way through it reaches ${report.passScore}% with an ending that is not a failure`);
  if (report.nobodyCanFail) flags.push('nobody can fail this case: every way through it passes; add a way to go wrong');
  for (const id of report.unreachableEndings) flags.push(`ending '${id}' can never be reached`);
  if (!report.complete) flags.push(`the search stopped after ${report.situations.toLocaleString('en')} situations; endings marked NEVER REACHED may be reachable after all`);
  if (flags.length) {
    out.push('');
    for (const f of flags) out.push(`! ${f}`);
  }
  out.push('');
  out.push(`Steps can be saved to a file and replayed: roleplay paths ${safeLine(ref)} --ending <id> > steps.yaml; roleplay run ${safeLine(ref)} --steps steps.yaml`);
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

function describeMissing(e: EndingReport): string {
  return (e.shortest?.ways ?? [])
    .filter((w) => w.noAnswer)
    .map((w) => `rule ${w.way.kind === 'rule' ? w.way.index + 1 : '?'} of node '${w.node}'`)
    .join(', ');
}
