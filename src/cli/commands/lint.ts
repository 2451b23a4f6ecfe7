/** `roleplay lint`: check scenario and catalog files, print problems as path:line:column. */
import { basename } from 'node:path';
import { statSync } from 'node:fs';
import { byPosition, formatDiagnostic, type Diagnostic, type Scenario } from '../../core/index.js';
import { CATALOG_FILE, expandPaths, loadPath, type LoadedFile } from '../files.js';

export interface LintOptions {
  readonly strict?: boolean;
  readonly format?: 'text' | 'json';
}

export interface LintResult {
  readonly files: readonly LoadedFile[];
  readonly diagnostics: readonly Diagnostic[];
  readonly scenarios: readonly { file: string; scenario: Scenario }[];
}

/** Loads and checks every file under `paths`, including the checks that span files. */
export function lintPaths(paths: readonly string[]): LintResult {
  const files = expandPaths(paths).map(loadPath);
  const diagnostics: Diagnostic[] = files.flatMap((f) => f.diagnostics);
  const scenarios: { file: string; scenario: Scenario }[] = [];
  const ids = new Map<string, string>();
  for (const f of files) {
    if (f.loaded?.kind !== 'scenario' || !f.loaded.scenario) continue;
    const { scenario } = f.loaded;
    const first = ids.get(scenario.id);
    if (first !== undefined) {
      const pos = f.loaded.locate(['id']);
      diagnostics.push({ file: f.file, ...pos, severity: 'error', code: 'duplicate-scenario-id', message: `scenario id '${scenario.id}' is already used by ${first}; every scenario needs its own id` });
      continue;
    }
    ids.set(scenario.id, f.file);
    scenarios.push({ file: f.file, scenario });
  }

  // A catalog lesson that no scenario in the linted folders scores is never taught.
  const linted = paths.some((p) => { try { return statSync(p).isDirectory(); } catch { return false; } });
  if (linted) {
    const scored = new Set(scenarios.flatMap((s) => s.scenario.scoredLessons));
    for (const f of files) {
      if (f.loaded?.kind !== 'catalog' || !f.loaded.catalog || basename(f.file) !== CATALOG_FILE) continue;
      for (const id of Object.keys(f.loaded.catalog.lessons)) {
        if (scored.has(id)) continue;
        const pos = f.loaded.locate(['lessons', id], 'key');
        diagnostics.push({ file: f.file, ...pos, severity: 'warning', code: 'lesson-never-scored', message: `lesson '${id}' is in the catalog but no scenario here scores it; write a step that scores it, or remove it` });
      }
    }
  }
  return { files, diagnostics: diagnostics.sort(byPosition), scenarios };
}

export function lintCommand(paths: readonly string[], options: LintOptions): number {
  const result = lintPaths(paths.length ? paths : ['scenarios']);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (options.format === 'json') {
    process.stdout.write(JSON.stringify({ files: result.files.length, errors, warnings, diagnostics: result.diagnostics }, null, 2) + '\n');
  } else {
    for (const d of result.diagnostics) process.stdout.write(formatDiagnostic(d) + '\n');
    const n = result.files.length;
    process.stderr.write(`${n} file${n === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  }
  return errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
}
