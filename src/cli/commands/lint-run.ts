/** What `roleplay lint` does: check scenario and catalog files, print problems as path:line:column. */
import { basename } from 'node:path';
import { statSync } from 'node:fs';
import { errorsFirst, formatDiagnostic, type Diagnostic, type Lang, type Scenario } from '../../core/index.js';
import { fileMessages as M, lintSummary, type Message } from '../../core/messages.js';
import { printLine } from '../env.js';
import { printJson } from '../json-output.js';
import { CATALOG_FILE, expandPaths, loadPath, type LoadedFile } from '../files.js';
import { type FileKind, skippedText } from '../read-file.js';

export interface LintOptions {
  readonly strict?: boolean;
  readonly format?: 'text' | 'json';
  /** the language of the messages (codes, paths and the words error/warning never change) */
  readonly lang: Lang;
}

export interface LintResult {
  readonly files: readonly LoadedFile[];
  /** errors first, then warnings, each by file and position */
  readonly diagnostics: readonly Diagnostic[];
  readonly scenarios: readonly { file: string; scenario: Scenario }[];
}

/** A FIFO, socket or device found while scanning a folder: passed over, with a warning. */
function skippedWarning(s: { file: string; kind: FileKind }, lang: Lang): Diagnostic {
  const text = skippedText(s.kind);
  return { file: s.file, line: 1, column: 1, severity: 'warning', code: 'not-regular-file', message: text[lang] };
}

/** Loads and checks every file under `paths`, including the checks that span files. */
export function lintPaths(paths: readonly string[], lang: Lang): LintResult {
  const skipped: { file: string; kind: FileKind }[] = [];
  const files = expandPaths(paths, skipped).map((file) => loadPath(file, lang));
  const finding = (m: Message) => ({ code: m.code, message: m.text[lang] });
  const diagnostics: Diagnostic[] = [
    ...files.flatMap((f) => f.diagnostics),
    ...skipped.map((s) => skippedWarning(s, lang)),
  ];
  const scenarios: { file: string; scenario: Scenario }[] = [];
  const ids = new Map<string, string>();
  for (const f of files) {
    if (f.loaded?.kind !== 'scenario' || !f.loaded.scenario) continue;
    const { scenario } = f.loaded;
    const first = ids.get(scenario.id);
    if (first !== undefined) {
      const pos = f.loaded.locate(['id']);
      diagnostics.push({
        file: f.file,
        ...pos,
        severity: 'error',
        ...finding(M.duplicateScenarioId(scenario.id, first)),
      });
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
        diagnostics.push({ file: f.file, ...pos, severity: 'warning', ...finding(M.catalogLessonNeverScored(id)) });
      }
    }
  }
  return { files, diagnostics: diagnostics.sort(errorsFirst), scenarios };
}

export function lintCommand(paths: readonly string[], options: LintOptions): number {
  const result = lintPaths(paths.length ? paths : ['scenarios'], options.lang);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (options.format === 'json') {
    printJson({ files: result.files.length, errors, warnings, diagnostics: result.diagnostics });
  } else {
    for (const d of result.diagnostics) printLine(formatDiagnostic(d));
    process.stderr.write(`${lintSummary(result.files.length, errors, warnings)[options.lang]}\n`);
  }
  return errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
}
