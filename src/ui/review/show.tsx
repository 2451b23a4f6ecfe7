/** Showing a review: the Ink screen in a terminal, every step as plain text otherwise. */
import { render } from 'ink';
import { type Lang, safeText } from '../../core/index.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { ThemeContext, themeFromEnv } from '../theme.js';
import { plainReview } from './review-lines.js';
import { ReviewScreen } from './review-screen.js';
import type { Timeline } from './timeline.js';

function Sized({ timeline, lang }: { readonly timeline: Timeline; readonly lang: Lang }) {
  const size = useTerminalSize();
  // One row short of the terminal, as the play screens do, so the frame never scrolls it.
  return (
    <ReviewScreen
      timeline={timeline}
      lang={lang}
      width={Math.max(20, size.columns)}
      height={Math.max(8, size.rows - 1)}
    />
  );
}

/** `signal`: closes the screen from outside (the terminal went away). */
export async function showReview(timeline: Timeline, lang: Lang, signal?: AbortSignal): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stdout.write(safeText(plainReview(timeline, lang, process.stdout.columns || 80)));
    return 0;
  }
  const instance = render(
    <ThemeContext.Provider value={themeFromEnv()}>
      <Sized timeline={timeline} lang={lang} />
    </ThemeContext.Provider>,
    { exitOnCtrlC: true, patchConsole: false },
  );
  signal?.addEventListener('abort', () => instance.unmount(), { once: true });
  await instance.waitUntilExit();
  return 0;
}
