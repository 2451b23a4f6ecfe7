/**
 * The one way a command turns the case named on its command line (a path or an id) into a
 * scenario: run, play, play --watch, graph and paths all resolve it here, before anything else
 * (the steps, the terminal), so that `play nosuch` and `run nosuch` say the same line and exit
 * with the same status (1). When the case does not load, its errors are printed as
 * file:line:column, or one `roleplay:` line when there is no file to point into.
 */
import { formatDiagnostic, type Lang } from '../../core/index.js';
import { printProblem, printErr } from '../env.js';
import { locateScenario, type Resolved, resolveScenario } from '../files.js';

export type Opened = Extract<Resolved, { ok: true }>;

/** The exit status of a case that cannot be found or does not load (as `run`'s contract says: 1). */
export const CASE_NOT_OPENED = 1;

export function scenarioOrReport(ref: string, lang: Lang): Opened | undefined {
  const resolved = resolveScenario(ref, lang);
  if (resolved.ok) return resolved;
  for (const d of resolved.diagnostics.filter((d) => d.severity === 'error')) printErr(`${formatDiagnostic(d)}\n`);
  if (resolved.message) printProblem(resolved.message);
  return undefined;
}

/** Only the case's file, found the same way, for play --watch (which shows a broken file's problems live). */
export function caseFileOrReport(ref: string, lang: Lang): string | undefined {
  const located = locateScenario(ref, lang);
  if (located.ok) return located.file;
  printProblem(located.message);
  return undefined;
}
