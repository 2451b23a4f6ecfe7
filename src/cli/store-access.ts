/**
 * The session store for the commands that need one: opened from --db / ROLEPLAY_DB (default
 * ~/.roleplay/roleplay.db), closed after the command, its failures turned into one clear line;
 * and what those commands look up in it (the sessions a filter names, a session by id, the
 * scenario a session was played on). Imported only by the modules a command loads when it runs.
 */
import { type Lang, safeLine, withoutUrlPasswords } from '../core/index.js';
import { parseSince } from '../store/since.js';
import { dbPathFrom, openStore, type StoreAccess, traineeFrom } from '../store/open.js';
import { StoreRecorder } from '../store/recorder.js';
import { compiledFromSource } from '../store/scenario-source.js';
import type { SessionFilter, SessionRow, SessionStore } from '../store/store.js';
import { StoreError } from '../store/store.js';
import type { Recorder } from '../core/records/recorder.js';
import { printLine, printProblem, said, UserError } from './env.js';
import { passwordPrompt, warnIfPasswordInDbOption } from './server-password.js';

export interface StoreOptions {
  readonly db?: string;
  readonly trainee?: string;
}

/** A store's failure in the reader's language; anything else in its own words. */
const reasonOf = (e: unknown, lang: Lang) =>
  e instanceof StoreError ? e.in(lang) : e instanceof Error ? e.message : String(e);

/**
 * Opens the store, runs `fn`, closes it; store failures become one clear line. `access`: what
 * the command does with it (a command that only reads opens a file read-only; see StoreAccess).
 */
export async function withStore<T>(
  opts: StoreOptions,
  lang: Lang,
  fn: (store: SessionStore) => Promise<T>,
  access: StoreAccess = 'write',
): Promise<T> {
  let store: SessionStore;
  warnIfPasswordInDbOption(opts.db, lang);
  const prompt = passwordPrompt(lang);
  try {
    store = await openStore(dbPathFrom(opts.db), lang, access, {
      askPassword: prompt.ask,
      notice: printProblem,
      repeatAtClose: process.stderr.isTTY === true,
    });
  } catch (e) {
    throw new UserError(reasonOf(e, lang), 1);
  } finally {
    prompt.close();
  }
  try {
    return await fn(store);
  } catch (e) {
    if (e instanceof StoreError) throw new UserError(e.in(lang), 1);
    const refused = refusedWrite(e, store.location, lang);
    if (refused) throw new UserError(refused, 1);
    throw e;
  } finally {
    await store.close();
  }
}

/**
 * The database refused mid-command (disk full, read-only, damaged file): one line that names the
 * cause, not an "internal error" (found by the fault tests, issue 8). SQLite rolls a refused
 * write back, so what was recorded before it stays intact.
 */
function refusedWrite(e: unknown, location: string, lang: Lang): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) return REFUSED.full(location)[lang];
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM')
    return REFUSED.readOnly(location)[lang];
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return REFUSED.damaged(location)[lang];
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return REFUSED.locked(location)[lang];
  return REFUSED.other(location, (e as Error).message)[lang];
}

const REFUSED = {
  full: (db: string) =>
    said(
      `练习记录库 ${db} 写入失败：磁盘拒绝写入（空间满了？）；之前记录的步骤完好无损（可用 \`roleplay verify\` 检查）`,
      `the session database ${db} could not be written: the disk refused the write (is it full?); the steps recorded before are intact (check with \`roleplay verify\`)`,
    ),
  readOnly: (db: string) =>
    said(
      `练习记录库 ${db} 在这里不能写入（文件或文件夹是只读的）；之前记录的步骤完好无损（可用 \`roleplay verify\` 检查）`,
      `the session database ${db} cannot be written here (read-only file or folder); the steps recorded before are intact (check with \`roleplay verify\`)`,
    ),
  damaged: (db: string) =>
    said(
      `练习记录库 ${db} 已损坏，已保持原样未动：请从备份恢复，或用 --db 记录到另一个文件`,
      `the session database ${db} is damaged, and was left as it is: restore it from a backup, or record into another file with --db`,
    ),
  locked: (db: string) =>
    said(
      `练习记录库 ${db} 一直被另一个程序锁着；请稍后再试`,
      `the session database ${db} was kept locked by another program; try again`,
    ),
  other: (db: string, why: string) =>
    said(`练习记录库 ${db} 无法使用：${why}`, `the session database ${db} cannot be used: ${why}`),
};

/**
 * The name a session is recorded under: --trainee, else ROLEPLAY_TRAINEE, else the login name;
 * on a team server always the database role this computer logs in as. There, a --trainee or
 * ROLEPLAY_TRAINEE naming anyone else is refused before anything is recorded (the server's
 * row-level security would refuse the session anyway, but only at the upload, long after play).
 */
export function traineeFor(store: SessionStore, option: string | undefined, lang: Lang): string {
  const fixed = store.recordsAs;
  if (fixed === undefined) return traineeFrom(option);
  const fromEnv = option === undefined;
  const asked = option ?? (process.env.ROLEPLAY_TRAINEE || undefined);
  if (asked === undefined || asked.trim() === fixed) return fixed;
  const what = fromEnv ? 'ROLEPLAY_TRAINEE' : '--trainee';
  const name = safeLine(asked);
  throw new UserError(
    said(
      `在团队服务器上，练习记录在你登录所用的数据库角色 '${fixed}' 名下；${what} '${name}' 是另一个名字：请去掉它，或用那个人自己的角色登录`,
      `on the team server, sessions are recorded under the database role you log in as, '${fixed}'; ${what} '${name}' names someone else: leave it out, or log in as that person's own role`,
    )[lang],
    2,
  );
}

/** A write that failed during play, told once the screen has closed. */
export function unrecorded(failure: unknown, location: string, lang: Lang): UserError {
  const why = refusedWrite(failure, location, lang) ?? reasonOf(failure, lang);
  return new UserError(said(`练习记录写入失败：${why}`, `the session could not be recorded: ${why}`)[lang], 1);
}

/**
 * For `play`: a recorder writing into the store named by --db / ROLEPLAY_DB for the trainee
 * named by --trainee / ROLEPLAY_TRAINEE / the user name, open while `fn` runs. A write that
 * failed during play is reported once the screen has closed.
 */
export async function withPlayRecorder(
  opts: StoreOptions,
  lang: Lang,
  fn: (recorder: Recorder) => Promise<number>,
): Promise<number> {
  return withStore(opts, lang, async (store) => {
    const recorder = new StoreRecorder(store, traineeFor(store, opts.trainee, lang));
    const code = await fn(recorder);
    const failure = await recorder.close();
    if (failure !== undefined) throw unrecorded(failure, store.location, lang);
    await tellResumable([recorder], opts, lang);
    return code;
  });
}

/**
 * After the screen has closed (quit or Ctrl+C): when the trainee left a case before its
 * ending with a step taken, one line on how to continue it. The latest such session is named.
 */
export async function tellResumable(
  recorders: readonly StoreRecorder[],
  opts: StoreOptions,
  lang: Lang,
): Promise<void> {
  for (const r of [...recorders].reverse()) {
    const id = await r.leftUnfinished();
    if (id === undefined) continue;
    // The command shown names the server, never its password (issue 23).
    const shown = opts.db === undefined ? undefined : withoutUrlPasswords(opts.db);
    const db = shown !== undefined ? ` --db ${/^[\w./:@-]+$/.test(shown) ? shown : JSON.stringify(shown)}` : '';
    const command = `roleplay resume ${shortId(id)}${db}`;
    printLine(
      said(
        `这次练习已保存，可以接着练：${command}（或在菜单里按 c）`,
        `This session is saved and can be continued: ${command} (or press c in the menu)`,
      )[lang],
    );
    return;
  }
}

/** The sessions named by --trainee, --scenario and --since. */
export function filterOf(opts: { trainee?: string; scenario?: string; since?: string }, lang: Lang): SessionFilter {
  let since: string | undefined;
  if (opts.since !== undefined) {
    since = parseSince(opts.since);
    if (since === undefined) {
      throw new UserError(
        said(
          `--since '${opts.since}' 不是日期：请写成 2026-11-01、2026-11-01T08:00Z，或 7d、12h、2w 这样的时长`,
          `--since '${opts.since}' is not a date: use 2026-11-01, 2026-11-01T08:00Z, or a span such as 7d, 12h, 2w`,
        )[lang],
        2,
      );
    }
  }
  return {
    ...(opts.trainee !== undefined ? { trainee: opts.trainee } : {}),
    ...(opts.scenario !== undefined ? { scenario: opts.scenario } : {}),
    ...(since !== undefined ? { since } : {}),
  };
}

/** A session named by id or id prefix; a clear error when there is none or several. */
export async function sessionNamed(store: SessionStore, ref: string, lang: Lang): Promise<SessionRow> {
  const found = await store.findSession(ref.trim().toLowerCase());
  if (found === 'ambiguous') {
    throw new UserError(
      said(
        `不止一次练习的编号以 '${ref}' 开头；请多写几位编号（\`roleplay sessions\` 会列出它们）`,
        `more than one session starts with '${ref}'; give more of the id (\`roleplay sessions\` lists them)`,
      )[lang],
      2,
    );
  }
  if (!found) {
    throw new UserError(
      said(
        `${store.location} 里没有编号为 '${ref}' 的练习（\`roleplay sessions\` 会列出它们）`,
        `no session '${ref}' in ${store.location} (\`roleplay sessions\` lists them)`,
      )[lang],
      1,
    );
  }
  return found;
}

/** The scenario a session was played on, as stored with it. */
export async function scenarioOf(store: SessionStore, session: SessionRow, lang: Lang) {
  const source = await store.loadSource(session.scenarioHash);
  if (!source) {
    const hash = session.scenarioHash.slice(0, 12);
    throw new UserError(
      said(
        `练习 ${session.id} 所用的案例不在数据库里（哈希 ${hash}…）`,
        `the scenario of session ${session.id} is missing from the database (hash ${hash}…)`,
      )[lang],
      1,
    );
  }
  return { compiled: compiledFromSource(source), source };
}

/** A session id as lists show it. */
export const shortId = (id: string) => id.slice(0, 8);
