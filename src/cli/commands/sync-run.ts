/**
 * What `roleplay sync` does: upload the sessions recorded on this computer while the team server
 * was out of reach. The team store and its rules live in src/store/sync; here is one line each.
 */
import type { Lang } from '../../core/index.js';
import { dbPathFrom, homeDbPath, isPostgresUrl } from '../../store/open.js';
import { StoreError } from '../../store/store.js';
import { SYNC_NOTICES } from '../../store/sync/notices.js';
import { TeamStore } from '../../store/sync/team-store.js';
import { printProblem, said, UserError, printText, printErr } from '../env.js';
import { printJson } from '../json-output.js';

export async function syncCommand(opts: { db?: string; all?: boolean; json?: boolean }, lang: Lang): Promise<number> {
  const store = await openTeamStore(opts.db, lang);
  try {
    if (opts.json) return await syncJson(store, opts.all === true);
    if (!opts.all && store.waiting === 0) {
      printText(said('本机没有待上传的记录\n', 'nothing on this computer is waiting to be uploaded\n')[lang]);
      return 0;
    }
    const result = await store.sync({ all: opts.all === true });
    if (result.ok) {
      printText(
        said(
          `已上传 ${result.sessions} 个练习（${result.events} 个新步骤）到 ${store.location}；本机没有待上传的记录\n`,
          `uploaded ${result.sessions} session(s), ${result.events} new event(s), to ${store.location}; nothing is waiting on this computer\n`,
        )[lang],
      );
      return 0;
    }
    // The store's notices are off here (its offline notice would repeat the problem below), so
    // the sessions the server refused are named here, before the line that counts them.
    for (const r of result.refused) printProblem(SYNC_NOTICES[lang].notUploaded(r.sessionId, r.reason));
    printErr(
      said(
        `roleplay: ${result.problem}；已上传 ${result.sessions} 个练习，还有 ${result.remaining} 个保存在本机（稍后再运行 \`roleplay sync\`，不会丢失也不会重复）\n`,
        `roleplay: ${result.problem}; uploaded ${result.sessions} session(s), ${result.remaining} still wait on this computer (run \`roleplay sync\` again later; nothing is lost or sent twice)\n`,
      )[lang],
    );
    return 1;
  } finally {
    await store.close();
  }
}

/** `sync --json`: what was uploaded and what still waits, as one object; exit 1 when something still waits. */
async function syncJson(store: TeamStore, all: boolean): Promise<number> {
  const result =
    !all && store.waiting === 0 ? ({ ok: true, sessions: 0, events: 0 } as const) : await store.sync({ all });
  printJson({
    ok: result.ok,
    server: store.location,
    uploaded: result.sessions,
    events: result.events,
    remaining: result.ok ? 0 : result.remaining,
    problem: result.ok ? null : result.problem,
    refused: result.ok ? [] : result.refused.map((r) => ({ session: r.sessionId, reason: r.reason })),
  });
  return result.ok ? 0 : 1;
}

/** The team server named by --db / ROLEPLAY_DB, with this computer's offline queue beside it. */
async function openTeamStore(db: string | undefined, lang: Lang): Promise<TeamStore> {
  let url: string;
  try {
    url = dbPathFrom(db);
  } catch (e) {
    throw new UserError(e instanceof StoreError ? e.in(lang) : String(e), 1);
  }
  if (!isPostgresUrl(url)) {
    throw new UserError(
      said(
        'sync 用于上传到团队服务器：请用 --db postgres://用户:密码@主机:5432/roleplay，或把 ROLEPLAY_DB 设为该地址',
        'sync uploads to a team server: give --db postgres://user:password@host:5432/roleplay, or set ROLEPLAY_DB to that address',
      )[lang],
      2,
    );
  }
  try {
    return await TeamStore.open(url, {
      localPath: homeDbPath(),
      uploadOnOpen: false,
      notice: () => {},
      lang,
    });
  } catch (e) {
    throw new UserError(e instanceof StoreError ? e.in(lang) : e instanceof Error ? e.message : String(e), 1);
  }
}
