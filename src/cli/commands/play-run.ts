/** What `roleplay play <scenario>` does: open and check the case, then the play screen, recorded. */
import type { Lang } from '../../core/index.js';
import type { Start } from '../../ui/run-app.js';
import type { PlayMode } from '../options.js';
import { type StoreOptions, withPlayRecorder } from '../store-access.js';
import { onTerminalLoss } from '../terminal-loss.js';
import { needsTerminal, prepareTerminalUi } from '../terminal-ui.js';
import { fileLibrary } from './file-library.js';
import { CASE_NOT_OPENED, scenarioOrReport } from './scenario-or-report.js';

/** Opened and checked before the screen starts, so a broken case is one clear line. */
export async function playCase(
  ref: string,
  opts: StoreOptions & { lang: Lang; mode: PlayMode; shuffle?: boolean },
): Promise<number> {
  const { lang, mode } = opts;
  // the case first, as `run` does: a case that is not there is the same line and status everywhere
  const r = scenarioOrReport(ref, lang);
  if (!r) return CASE_NOT_OPENED;
  if (needsTerminal(lang)) return 2;
  const start: Start = { kind: 'briefing', opened: { scenario: r.scenario, source: r.source, file: r.file } };
  prepareTerminalUi();
  const { runApp } = await import('../../ui/run-app.js');
  const shuffle = opts.shuffle !== false;
  // The terminal going away closes the screen, and the recorder and the store after it.
  const gone = new AbortController();
  const release = onTerminalLoss(() => gone.abort());
  try {
    return await withPlayRecorder(opts, lang, (recorder) =>
      runApp({ library: fileLibrary, start, lang, mode, recorder, shuffle, signal: gone.signal }),
    );
  } finally {
    release();
  }
}
