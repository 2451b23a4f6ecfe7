/**
 * What live preview needs from the edge that reads files: the scenario as it is now, and
 * word whenever it changes. A version that does not load arrives as its problems (one line
 * each, file:line:column), so the screen can show them in place and keep playing the last
 * good version.
 */
import type { OpenedScenario } from '../library.js';

export type Reload =
  | { readonly ok: true; readonly opened: OpenedScenario }
  | { readonly ok: false; readonly problems: readonly string[] };

export interface WatchSource {
  /** the file being watched, as the trainer named it */
  readonly file: string;
  readonly initial: Reload;
  /** calls `listener` after every save; returns a function that stops listening */
  subscribe(listener: (reload: Reload) => void): () => void;
}
