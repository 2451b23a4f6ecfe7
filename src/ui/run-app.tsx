/** Starting the play UI in a real terminal: Ink render, real clock, until the trainee quits. */
import type { Lang } from '../core/index.js';
import { realClock } from './clock.js';
import { App, loadScreens, type Start } from './components/app.js';
import type { Mode } from '../core/records/records.js';
import type { Library } from './library.js';
import type { Recorder } from '../core/records/recorder.js';
import { runFullScreen } from './full-screen.js';
import { themeFromEnv } from './theme.js';

export type { Start } from './components/app.js';
export type { Library, MenuEntry, OpenedScenario, OpenResult, ResumeResult, UnfinishedSession } from './library.js';
export type { Recorder, ResumePoint } from '../core/records/recorder.js';
export type { Mode } from '../core/records/records.js';

export interface RunAppOptions {
  readonly library: Library;
  readonly start: Start;
  readonly lang: Lang;
  readonly mode: Mode;
  readonly recorder?: Recorder;
  /** closes the UI from outside (e.g. the session database could not be opened) */
  readonly signal?: AbortSignal;
  /** false: replies in file order (--no-shuffle) */
  readonly shuffle?: boolean;
}

/** Resolves when the trainee quits (q, or Ctrl+C, which Ink turns into an orderly unmount). */
export async function runApp(options: RunAppOptions): Promise<number> {
  // Ink turns raw mode on in an effect after the first frame; a key typed before that would
  // be echoed by the terminal and scroll the screen. Raw from the start, keys just wait.
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  // Only the menu draws before the other screens have loaded.
  if (options.start.kind !== 'menu') await loadScreens();
  await runFullScreen(
    <App
      library={options.library}
      start={options.start}
      lang={options.lang}
      mode={options.mode}
      clock={realClock}
      theme={themeFromEnv()}
      {...(options.recorder ? { recorder: options.recorder } : {})}
      {...(options.shuffle === false ? { shuffle: false } : {})}
    />,
    options.signal,
  );
  return 0;
}
