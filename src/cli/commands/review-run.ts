/** What `roleplay review` does: a session's timeline, in the review screen or as JSON. */
import type { Lang } from '../../core/index.js';
import type { SessionRow, SessionStore } from '../../store/store.js';
import { type Timeline, timelineOf } from '../../ui/review/timeline.js';
import { said, UserError } from '../env.js';
import { printJson } from '../json-output.js';
import { type StoreOptions, scenarioOf, sessionNamed, withStore } from '../store-access.js';
import { onTerminalLoss } from '../terminal-loss.js';
import { prepareTerminalUi } from '../terminal-ui.js';

export async function reviewCommand(
  ref: string | undefined,
  opts: StoreOptions & { json?: boolean },
  lang: Lang,
): Promise<number> {
  const timeline = await withStore(opts, lang, async (store): Promise<Timeline> => {
    const session = ref !== undefined ? await sessionNamed(store, ref, lang) : await latest(store, opts.trainee, lang);
    const { compiled } = await scenarioOf(store, session, lang);
    return timelineOf(compiled.scenario, session, await store.events(session.id), lang);
  });
  if (opts.json) {
    printJson({ ...timeline });
    return 0;
  }
  prepareTerminalUi();
  const { showReview } = await import('../../ui/review/show.js');
  const gone = new AbortController();
  // Without a terminal the review is printed as plain text: nothing to close then.
  const onScreen = process.stdin.isTTY && process.stdout.isTTY;
  const release = onScreen ? onTerminalLoss(() => gone.abort()) : () => {};
  try {
    return await showReview(timeline, lang, gone.signal);
  } finally {
    release();
  }
}

/** With no id: the latest session (of the trainee, if one is named). */
async function latest(store: SessionStore, trainee: string | undefined, lang: Lang): Promise<SessionRow> {
  const [session] = await store.listSessions({ ...(trainee !== undefined ? { trainee } : {}), limit: 1 });
  if (!session)
    throw new UserError(
      said(`${store.location} 里还没有练习记录`, `there are no recorded sessions in ${store.location} yet`)[lang],
      1,
    );
  return session;
}
