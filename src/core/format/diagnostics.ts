/** A problem found in a file, written for the trainer who will fix it. */
import type { MessageCode } from './messages.js';
import { safeLine } from '../sanitize.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly file: string;
  /** 1-based */
  readonly line: number;
  /** 1-based, in characters */
  readonly column: number;
  readonly severity: Severity;
  /** Stable identifier of the kind of problem, for editors and tests (e.g. "unknown-node"). */
  readonly code: MessageCode;
  readonly message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${safeLine(d.file)}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

/** Errors before warnings, each in file order: what must be fixed comes before what should be (lint's order). */
export function errorsFirst(a: Diagnostic, b: Diagnostic): number {
  return (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || byPosition(a, b);
}

/**
 * Messages quote what the file says (unknown ids, keys, values), and a file can say anything:
 * escape sequences, newlines, a 100,000-character "id". A message is one line that is safe to
 * print, with any long quoted value ('…' in English, 「…」 in Chinese) or unquoted name (a list of
 * known ids, a wrong value) shortened (both found by fuzzing).
 */
export function tidyMessage(message: string): string {
  return (
    safeLine(message)
      .replace(/'([^']{80,})'/g, (_, quoted: string) => `'${[...quoted].slice(0, 60).join('')}…'`)
      .replace(/「([^」]{80,})」/g, (_, quoted: string) => `「${[...quoted].slice(0, 60).join('')}…」`)
      // unquoted names and values too: a list of known ids, a wrong value quoted with "…"
      .replace(/[^\s'"「」、,，;；:：()（）。！？]{80,}/g, (run) => `${[...run].slice(0, 60).join('')}…`)
      // and a name with spaces in it, thousands long (an id of 'a a a …' in a list of known ids):
      // no sentence of ours runs this long between two commas
      .replace(/[^'"「」、,，;；()（）]{240,}/g, (run) => `${[...run].slice(0, 80).join('')}…`)
  );
}
