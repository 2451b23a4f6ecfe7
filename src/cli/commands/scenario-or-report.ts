/**
 * A scenario named on the command line (by path or id), or, when it does not load, its errors
 * printed as file:line:column and one `roleplay:` line. Shared by run, play, graph and paths.
 */
import { formatDiagnostic, type Lang } from '../../core/index.js';
import { printProblem, printErr } from '../env.js';
import { type Resolved, resolveScenario } from '../files.js';

export type Opened = Extract<Resolved, { ok: true }>;

export function scenarioOrReport(ref: string, lang: Lang): Opened | undefined {
  const resolved = resolveScenario(ref, lang);
  if (resolved.ok) return resolved;
  for (const d of resolved.diagnostics.filter((d) => d.severity === 'error')) printErr(`${formatDiagnostic(d)}\n`);
  if (resolved.message) printProblem(resolved.message);
  return undefined;
}
