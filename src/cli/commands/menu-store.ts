/**
 * The session database behind the menu: recording what is played from it, and the trainee's
 * unfinished sessions to continue. Loaded and opened after the menu's first frame (see
 * menu-run.ts), so neither the store nor SQLite delays it.
 */
import { type Lang, type ProgressView, safeLine, safeText } from '../../core/index.js';
import { progressViewOf } from '../progress-view.js';
import { StoreRecorder } from '../../store/recorder.js';
import { continuation, endedSaid } from '../../store/resume.js';
import { StoreError } from '../../store/store.js';
import type { SessionRow } from '../../store/store.js';
import type { MenuEntry, ResumeResult, UnfinishedSession } from '../../ui/library.js';
import type { Recorder } from '../../core/records/recorder.js';
import { said, UserError } from '../env.js';
import { type StoreOptions, scenarioOf, tellResumable, traineeFor, unrecorded, withStore } from '../store-access.js';

/** The menu offers the most recent few; `roleplay sessions` lists them all. */
const OFFERED = 9;

export interface MenuStore {
  unfinished(entries: readonly MenuEntry[]): Promise<readonly UnfinishedSession[]>;
  /** `keepLang`: play in the menu's language (--lang was given), not the session's */
  resume(session: UnfinishedSession, lang: Lang, keepLang?: boolean): Promise<ResumeResult>;
  progress(entries: readonly MenuEntry[]): Promise<ProgressView>;
}

export interface MenuStoreHooks {
  /** the store is open */
  ready(store: MenuStore): void;
  /** from now on, record play through this recorder */
  record(recorder: Recorder): void;
  /** resolves when the play UI has closed */
  readonly closed: Promise<number>;
}

/**
 * Opens the store for as long as the UI runs. A resumed session gets its own recorder, which
 * continues that session's chain; the recorders are all flushed before the store closes.
 */
export async function withMenuStore(opts: StoreOptions, lang: Lang, hooks: MenuStoreHooks): Promise<number> {
  return withStore(opts, lang, async (store) => {
    const trainee = traineeFor(store, opts.trainee, lang);
    const recorders = [new StoreRecorder(store, trainee)];
    const rows = new Map<string, SessionRow>();
    hooks.record(recorders[0]!);
    hooks.ready({
      async progress(entries) {
        return progressViewOf(await store.progress(trainee), entries, lang);
      },
      async unfinished(entries) {
        const list = await store.listSessions({ trainee, finished: false, withSteps: true, limit: OFFERED });
        const titles = new Map(entries.map((e) => [e.id, e.title]));
        rows.clear();
        return list.map((s) => {
          rows.set(s.id, s);
          const title = titles.get(s.scenarioId);
          // shown on the menu: made safe here, as the database may hold anything
          return {
            id: s.id,
            scenarioId: safeLine(s.scenarioId),
            startedAt: safeLine(s.startedAt),
            steps: s.eventCount,
            mode: s.mode === 'exam' ? 'exam' : 'practice',
            ...(title !== undefined ? { title } : {}),
          } satisfies UnfinishedSession;
        });
      },
      async resume(u, _lang, keepLang) {
        const session = rows.get(u.id);
        if (!session) return { ok: false, message: said('找不到这个练习了', 'that session is no longer there')[lang] };
        try {
          const { compiled, source } = await scenarioOf(store, session, lang);
          const next = await continuation(store, session, compiled);
          if (next.kind === 'ended') return { ok: false, message: safeText(endedSaid(u.id, next.report)[lang]) };
          const { events, point } = next;
          const recorder = new StoreRecorder(store, session.trainee, { session, events });
          recorders.push(recorder);
          hooks.record(recorder);
          return {
            ok: true,
            opened: { scenario: compiled.scenario, source: source.source, file: source.file },
            resume: {
              snapshot: point.snapshot,
              ...(point.remainingMs !== undefined ? { remainingMs: point.remainingMs } : {}),
              ...(session.shuffleSeed !== undefined ? { shuffleSeed: session.shuffleSeed } : {}),
            },
            mode: u.mode,
            ...(keepLang ? {} : { lang: session.lang }),
          };
        } catch (e) {
          if (e instanceof UserError || e instanceof StoreError) {
            return {
              ok: false,
              message: safeText(
                said('这个练习无法继续：', 'this session cannot be continued: ')[lang] +
                  (e instanceof StoreError ? e.in(lang) : e.message),
              ),
            };
          }
          throw e;
        }
      },
    });
    const code = await hooks.closed;
    for (const r of recorders) {
      const failure = await r.close();
      if (failure !== undefined) throw unrecorded(failure, store.location, lang);
    }
    await tellResumable(recorders, opts, lang);
    return code;
  });
}
