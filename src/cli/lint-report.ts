/**
 * What `roleplay lint` reports, from what it knows of each file: the file's own diagnostics,
 * plus the few facts the checks across files need (a scenario's id and scored lessons, a
 * catalog's lesson ids). Kept apart from the loader so that a lint answered from the cache
 * (lint-cache.ts) prints exactly what a fresh lint prints without loading the core's
 * parser and validator.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { errorsFirst, formatDiagnostic, type Diagnostic } from '../core/format/diagnostics.js';
import { fileMessages as M, lintSummary, type Message } from '../core/format/messages.js';
import type { Lang } from '../core/text.js';
import { printLine } from './env.js';
import { printJson } from './json-output.js';
import { type FileKind, skippedText } from './read-file.js';
import { CATALOG_FILE } from './scenario-paths.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** What lint knows of one file. */
export interface FileFacts {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
  /** a scenario that loaded: its id (and where it is written) and the lessons it scores */
  readonly scenario?: { readonly id: string; readonly idAt: Position; readonly scoredLessons: readonly string[] };
  /** a lesson catalog that loaded: its lessons and where each is defined */
  readonly catalog?: { readonly lessons: readonly { readonly id: string; readonly at: Position }[] };
}

/** A FIFO, socket or device found while scanning a folder: passed over, with a warning. */
export interface Skipped {
  readonly file: string;
  readonly kind: FileKind;
}

function skippedWarning(s: Skipped, lang: Lang): Diagnostic {
  const text = skippedText(s.kind);
  return { file: s.file, line: 1, column: 1, severity: 'warning', code: 'not-regular-file', message: text[lang] };
}

/**
 * Every file's diagnostics, the files passed over, and the checks across files (repeated
 * scenario ids, catalog lessons nobody scores): errors first, each in file order.
 */
export function lintDiagnostics(
  paths: readonly string[],
  files: readonly FileFacts[],
  lang: Lang,
  skipped: readonly Skipped[] = [],
): Diagnostic[] {
  const said = (m: Message) => ({ code: m.code, message: m.text[lang] });
  const diagnostics: Diagnostic[] = [
    ...files.flatMap((f) => f.diagnostics),
    ...skipped.map((s) => skippedWarning(s, lang)),
  ];
  const ids = new Map<string, string>();
  const scored = new Set<string>();
  for (const f of files) {
    if (!f.scenario) continue;
    const first = ids.get(f.scenario.id);
    if (first !== undefined) {
      const m = said(M.duplicateScenarioId(f.scenario.id, first));
      diagnostics.push({ file: f.file, ...f.scenario.idAt, severity: 'error', ...m });
      continue;
    }
    ids.set(f.scenario.id, f.file);
    for (const l of f.scenario.scoredLessons) scored.add(l);
  }
  // A catalog lesson that no scenario in the linted folders scores is never taught.
  if (paths.some(isDirectory))
    for (const f of files) {
      if (!f.catalog || basename(f.file) !== CATALOG_FILE) continue;
      for (const { id, at } of f.catalog.lessons)
        if (!scored.has(id))
          diagnostics.push({ file: f.file, ...at, severity: 'warning', ...said(M.catalogLessonNeverScored(id)) });
    }
  return diagnostics.sort(errorsFirst);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export interface PrintOptions {
  readonly strict?: boolean;
  readonly format?: 'text' | 'json';
  readonly lang: Lang;
}

/** Prints lint's report; returns its exit status (1 with errors, or warnings under --strict). */
export function printLint(files: number, diagnostics: readonly Diagnostic[], options: PrintOptions): number {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (options.format === 'json') {
    printJson({ files, errors, warnings, diagnostics });
  } else {
    for (const d of diagnostics) printLine(formatDiagnostic(d));
    process.stderr.write(`${lintSummary(files, errors, warnings)[options.lang]}\n`);
  }
  return errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
}
