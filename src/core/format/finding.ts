/**
 * A problem the checks find in the data, before the loader gives it a file position. Its own
 * module because the checks that produce findings call each other (references.ts calls
 * answer-checks.ts) and the type must not tie them in a circle.
 */
import type { Severity } from './diagnostics.js';
import type { MessageCode } from './messages.js';
import type { Said } from '../text.js';
import type { Path } from '../yaml/yaml-source.js';

/** A problem found while checking, before it has a position: where in the data, and what, in both languages. */
export interface Finding {
  readonly path: Path;
  readonly part?: 'key' | 'value';
  readonly severity: Severity;
  readonly code: MessageCode;
  /** the message in both languages; the loader keeps the trainer's */
  readonly text: Said;
}
