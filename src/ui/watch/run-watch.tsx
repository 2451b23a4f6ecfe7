/** Starting live preview in a real terminal: Ink render, real clock, until the trainer quits. */
import type { Lang } from '../../core/index.js';
import { realClock } from '../clock.js';
import type { Mode } from '../../core/records/records.js';
import { runFullScreen } from '../full-screen.js';
import { themeFromEnv } from '../theme.js';
import type { WatchSource } from './source.js';
import { WatchApp } from './watch-app.js';

export type { Reload, WatchSource } from './source.js';

export async function runWatch(options: {
  source: WatchSource;
  lang: Lang;
  mode: Mode;
  /** closes the preview from outside (the terminal went away) */
  signal?: AbortSignal;
}): Promise<number> {
  await runFullScreen(
    <WatchApp
      source={options.source}
      lang={options.lang}
      mode={options.mode}
      clock={realClock}
      theme={themeFromEnv()}
    />,
    options.signal,
  );
  return 0;
}
