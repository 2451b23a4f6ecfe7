/** `roleplay lint`: check scenario and catalog files, print problems as path:line:column. */
import { basename } from 'node:path';
import { statSync } from 'node:fs';
// the core's modules by name, not core/index.js: lint should not load the play engine (xstate)
import { byPosition, formatDiagnostic, type Diagnostic } from '../../core/diagnostics.js';
import type { Scenario } from '../../core/model.js';
import type { Lang } from '../../core/text.js';
import { fileMessages as M, lintSummary, type Message } from '../../core/messages.js';
import { CATALOG_FILE, expandPaths, loadPath, type LoadedFile } from '../files.js';

export interface LintOptions {
  readonly strict?: boolean;
  readonly format?: 'text' | 'json';
  /** the language of the messages (codes, paths and the words error/warning never change) */
  readonly lang: Lang;
}

export interface LintResult {
  readonly files: readonly LoadedFile[];
  readonly diagnostics: readonly Diagnostic[];
  readonly scenarios: readonly { file: string; scenario: Scenario }[];
}

/** Loads and checks every file under `paths`, including the checks that span files. */
export function lintPaths(paths: readonly string[], lang: Lang): LintResult {
  const files = expandPaths(paths).map((file) => loadPath(file, lang));
  const said = (m: Message) => ({ code: m.code, message: m.text[lang] });
  const diagnostics: Diagnostic[] = files.flatMap((f) => f.diagnostics);
  const scenarios: { file: string; scenario: Scenario }[] = [];
  const ids = new Map<string, string>();
  for (const f of files) {
    if (f.loaded?.kind !== 'scenario' || !f.loaded.scenario) continue;
    const { scenario } = f.loaded;
    const first = ids.get(scenario.id);
    if (first !== undefined) {
      const pos = f.loaded.locate(['id']);
      diagnostics.push({ file: f.file, ...pos, severity: 'error', ...said(M.duplicateScenarioId(scenario.id, first)) });
      continue;
    }
    ids.set(scenario.id, f.file);
    scenarios.push({ file: f.file, scenario });
  }

  // A catalog lesson that no scenario in the linted folders scores is never taught.
  const linted = paths.some((p) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  });
  if (linted) {
    const scored = new Set(scenarios.flatMap((s) => s.scenario.scoredLessons));
    for (const f of files) {
      if (f.loaded?.kind !== 'catalog' || !f.loaded.catalog || basename(f.file) !== CATALOG_FILE) continue;
      for (const id of Object.keys(f.loaded.catalog.lessons)) {
        if (scored.has(id)) continue;
        const pos = f.loaded.locate(['lessons', id], 'key');
        diagnostics.push({ file: f.file, ...pos, severity: 'warning', ...said(M.catalogLessonNeverScored(id)) });
      }
    }
  }
  return { files, diagnostics: diagnostics.sort(byPosition), scenarios };
}

export function lintCommand(paths: readonly string[], options: LintOptions): number {
  const result = lintPaths(paths.length ? paths : ['scenarios'], options.lang);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (options.format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ files: result.files.length, errors, warnings, diagnostics: result.diagnostics }, null, 2)}\n`,
    );
  } else {
    for (const d of result.diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
    process.stderr.write(`${lintSummary(result.files.length, errors, warnings)[options.lang]}\n`);
  }
  return errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
}
