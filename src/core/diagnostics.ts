/** A problem found in a file, written for the trainer who will fix it. */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly file: string;
  /** 1-based */
  readonly line: number;
  /** 1-based, in characters */
  readonly column: number;
  readonly severity: Severity;
  /** Stable identifier of the kind of problem, for editors and tests (e.g. "unknown-node"). */
  readonly code: string;
  readonly message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}
