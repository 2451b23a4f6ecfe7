/** What `roleplay lint` does: check scenario and catalog files, print problems as path:line:column. */
// the core's modules by name, not core/index.js: lint should not load the play engine (xstate)
import type { Diagnostic } from '../../core/format/diagnostics.js';
import type { Scenario } from '../../core/format/model.js';
import type { Lang } from '../../core/text.js';
import { expandPaths, loadPath, type LoadedFile } from '../files.js';
import { keyOf, storeInCache } from '../lint-cache.js';
import { lintDiagnostics, printLint, type FileFacts, type Skipped } from '../lint-report.js';

export interface LintOptions {
  readonly strict?: boolean;
  readonly format?: 'text' | 'json';
  /** the language of the messages (codes, paths and the words error/warning never change) */
  readonly lang: Lang;
  /** false (--no-cache): neither read nor write lint's cache */
  readonly cache?: boolean;
}

export interface LintResult {
  readonly files: readonly LoadedFile[];
  /** errors first, then warnings, each by file and position */
  readonly diagnostics: readonly Diagnostic[];
  readonly scenarios: readonly { file: string; scenario: Scenario }[];
}

/** What lint knows of a loaded file: its diagnostics, and the facts the checks across files need. */
export function factsOf(f: LoadedFile): FileFacts {
  const loaded = f.loaded;
  if (loaded?.kind === 'scenario' && loaded.scenario) {
    const { id, scoredLessons } = loaded.scenario;
    return { file: f.file, diagnostics: f.diagnostics, scenario: { id, idAt: loaded.locate(['id']), scoredLessons } };
  }
  if (loaded?.kind === 'catalog' && loaded.catalog) {
    const lessons = Object.keys(loaded.catalog.lessons).map((id) => ({
      id,
      at: loaded.locate(['lessons', id], 'key'),
    }));
    return { file: f.file, diagnostics: f.diagnostics, catalog: { lessons } };
  }
  return { file: f.file, diagnostics: f.diagnostics };
}

/** Loads and checks every file under `paths`, including the checks that span files. */
export function lintPaths(paths: readonly string[], lang: Lang): LintResult {
  const skipped: Skipped[] = [];
  const files = expandPaths(paths, skipped).map((file) => loadPath(file, lang));
  const diagnostics = lintDiagnostics(paths, files.map(factsOf), lang, skipped);
  const scenarios: { file: string; scenario: Scenario }[] = [];
  const ids = new Set<string>();
  for (const f of files) {
    if (f.loaded?.kind !== 'scenario' || !f.loaded.scenario || ids.has(f.loaded.scenario.id)) continue;
    ids.add(f.loaded.scenario.id);
    scenarios.push({ file: f.file, scenario: f.loaded.scenario });
  }
  return { files, diagnostics, scenarios };
}

/** (lint.ts first asks lint-cache.ts, which answers without loading this module when nothing changed) */
export function lintCommand(paths: readonly string[], options: LintOptions): number {
  const linted = paths.length ? paths : ['scenarios'];
  const cache = options.cache !== false;
  // keys of the files as they are before linting, so a file saved meanwhile is not cached wrongly
  const keys = cache ? expandPaths(linted).map((f) => keyOf(f, options.lang)) : [];
  const result = lintPaths(linted, options.lang);
  if (cache) storeInCache(result.files.map(factsOf), options.lang, keys);
  return printLint(result.files.length, result.diagnostics, options);
}
