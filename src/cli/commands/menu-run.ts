/**
 * What the bare `roleplay` does: the menu. This module is on the menu's path to its first frame,
 * so it loads only what that frame needs (the file list, YAML for each case's head, Ink); the
 * validator, the store and SQLite are imported after the frame is drawn.
 */
import type { Lang, RunOutput, RunReport, StepRecord } from '../../core/index.js';
import type { Recorder, RunStart, SnapshotInfo, StepInfo } from '../../core/records/recorder.js';
import type { Library } from '../../ui/run-app.js';
import type { PlayMode } from '../options.js';
import type { StoreOptions } from '../store-access.js';
import { onTerminalLoss } from '../terminal-loss.js';
import { needsTerminal, prepareTerminalUi } from '../terminal-ui.js';
import { fileLibrary } from './file-library.js';
import type { MenuStore } from './menu-store.js';

/**
 * Play is recorded through this: the menu draws before the session database is open, and a
 * resumed session switches to the recorder that continues it. Calls made before a recorder
 * is attached are kept, in order, and passed on when it is.
 */
export class LateRecorder implements Recorder {
  private target: Recorder | undefined;
  private waiting: ((r: Recorder) => void)[] = [];

  attach(target: Recorder): void {
    this.target = target;
    for (const call of this.waiting.splice(0)) call(target);
  }

  private call(fn: (r: Recorder) => void): void {
    if (this.target) fn(this.target);
    else this.waiting.push(fn);
  }

  onStart(start: RunStart): void {
    this.call((r) => r.onStart?.(start));
  }
  onStep(record: StepRecord, info: StepInfo): void {
    this.call((r) => r.onStep?.(record, info));
  }
  onSnapshot(persisted: unknown, info: SnapshotInfo): void {
    this.call((r) => r.onSnapshot?.(persisted, info));
  }
  onFinish(report: RunReport, output: RunOutput): void {
    this.call((r) => r.onFinish?.(report, output));
  }
  onLeave(): void {
    this.call((r) => r.onLeave?.());
  }
}

/** The menu: drawn first; the store, the validator and the play screens load behind it. */
export async function playMenu(
  opts: StoreOptions & {
    lang: Lang;
    mode: PlayMode;
    shuffle?: boolean;
    /** --lang was given: a resumed session is played in it, not in the session's own language */
    langGiven?: boolean;
  },
): Promise<number> {
  const { lang } = opts;
  if (needsTerminal(lang)) return 2;
  prepareTerminalUi();
  const { runApp } = await import('../../ui/run-app.js');
  const recorder = new LateRecorder();
  let opened!: (store: MenuStore) => void;
  const store = new Promise<MenuStore>((resolve) => {
    opened = resolve;
  });
  const files = fileLibrary;
  const library: Library = {
    ...files,
    unfinished: async () => (await store).unfinished(files.entries()),
    resume: async (session) => (await store).resume(session, lang, opts.langGiven === true),
    progress: async () => (await store).progress(files.entries()),
  };
  const stop = new AbortController();
  // The terminal going away closes the screen, and the recorders and the store after it.
  const release = onTerminalLoss(() => stop.abort());
  const closed = runApp({
    library,
    start: { kind: 'menu' },
    lang,
    mode: opts.mode,
    recorder,
    signal: stop.signal,
    shuffle: opts.shuffle !== false,
  });
  // The first frame is on the screen now (Ink draws it synchronously in render()).
  void import('./open-scenario.js');
  try {
    const { withMenuStore } = await import('./menu-store.js');
    return await withMenuStore(opts, lang, { ready: opened, record: (r) => recorder.attach(r), closed });
  } catch (e) {
    // The database cannot be opened: close the screen before saying why, as before it opened.
    stop.abort();
    await closed;
    throw e;
  } finally {
    release();
  }
}
