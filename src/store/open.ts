/**
 * Which database and which trainee: `--db`, else ROLEPLAY_DB, else ~/.roleplay/roleplay.db;
 * `--trainee`, else ROLEPLAY_TRAINEE, else the name of the user logged in to this computer.
 */
import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { safeLine, type Lang, type Said, said } from '../core/index.js';
import { DEFAULT_DB_PATH, openSqliteStore } from './sqlite/sqlite-store.js';
import { RECORD_LIMITS } from './record-limits.js';
import { StoreError, type SessionStore } from './store.js';

export function dbPathFrom(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = option ?? (env.ROLEPLAY_DB || undefined);
  if (chosen === undefined) return homeDbPath(env);
  if (chosen === ':memory:') return chosen;
  if (!isPostgresUrl(chosen)) return resolve(chosen);
  homeDbPath(env); // a team server's offline copy is the default database
  return chosen;
}

/**
 * ~/.roleplay/roleplay.db, when HOME names a folder that exists; otherwise a StoreError that
 * says what to set. Node's homedir() would take an empty HOME as "" (a ./.roleplay in whatever
 * folder roleplay runs in), an unset one from the password file, and make folders up under a
 * HOME that does not exist; none of that is where a trainee would look for their sessions.
 */
export function homeDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const home = process.platform === 'win32' ? (env.USERPROFILE ?? env.HOME) : env.HOME;
  if (home === undefined || home.trim() === '') throw new StoreError(noHome.unset());
  if (!isAbsolute(home)) throw new StoreError(noHome.relative(safeLine(home)));
  let folder = false;
  try {
    folder = statSync(home).isDirectory();
  } catch {
    // missing, or not ours to look at: not a folder to use either way
  }
  if (!folder) throw new StoreError(noHome.notAFolder(safeLine(home)));
  return join(home, '.roleplay', 'roleplay.db');
}

/** What to do instead, in every message about HOME. */
const instead = said(
  '请用 --db PATH 或 ROLEPLAY_DB 指定练习记录库文件，或把 HOME 设为自己的主文件夹',
  'name a database file with --db PATH or ROLEPLAY_DB, or set HOME to your home folder',
);

const noHome = {
  unset: (): Said =>
    said(
      `没有设置 HOME，练习记录库（~/.roleplay/roleplay.db）没有默认位置；${instead.zh}`,
      `HOME is not set, so the session database (~/.roleplay/roleplay.db) has no default place; ${instead.en}`,
    ),
  relative: (home: string): Said =>
    said(
      `HOME（${home}）不是绝对路径，练习记录库（~/.roleplay/roleplay.db）没有默认位置；${instead.zh}`,
      `HOME (${home}) is not an absolute path, so the session database (~/.roleplay/roleplay.db) has no default place; ${instead.en}`,
    ),
  notAFolder: (home: string): Said =>
    said(
      `HOME（${home}）不是一个存在的文件夹，练习记录库（~/.roleplay/roleplay.db）没有默认位置；${instead.zh}`,
      `HOME (${home}) is not a folder that exists, so the session database (~/.roleplay/roleplay.db) has no default place; ${instead.en}`,
    ),
};

/** as imports hold names to (record-limits.ts) */
export const MAX_TRAINEE_LENGTH = RECORD_LIMITS.trainee;

export function traineeFrom(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const raw = option ?? (env.ROLEPLAY_TRAINEE || undefined) ?? osUser(env);
  const name = safeLine(raw).trim().slice(0, MAX_TRAINEE_LENGTH);
  return name === '' ? 'trainee' : name;
}

function osUser(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    // no passwd entry (some containers)
    return env.USER ?? env.USERNAME ?? 'trainee';
  }
}

/** A team server URL (postgres://user:pass@host:port/db) rather than a file. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

export interface OpenOptions {
  /** where the team store's notices go (working offline, uploads that wait); default: nowhere */
  readonly notice?: (line: string) => void;
  /** the team store says again at close that sessions wait here (see TeamStoreOptions) */
  readonly repeatAtClose?: boolean;
  /** asked for a team server's password when the URL, PGPASSWORD and ~/.pgpass have none */
  readonly askPassword?: (who: {
    user: string;
    host: string;
    port: number;
    database: string;
  }) => Promise<string | undefined>;
}

/**
 * What a command does with the store: `write` records (and creates the database when there is
 * none); `read` only reads (sessions, review, report, export: a read-only file is fine, and a
 * missing one reads as empty); `verify` reads too, but a missing database or an unreachable
 * server is an error rather than an empty result.
 */
export type StoreAccess = 'write' | 'read' | 'verify';

/**
 * The store for a database path, or for a postgres:// URL the team store: the server, with
 * this computer's default database as the offline copy (see sync/team-store.ts). Loaded
 * lazily so that commands without a server never load node-postgres.
 */
export async function openStore(
  path: string,
  lang: Lang,
  access: StoreAccess = 'write',
  options: OpenOptions = {},
): Promise<SessionStore> {
  if (isPostgresUrl(path)) {
    const { TeamStore } = await import('./sync/team-store.js');
    // verify says an unreachable server itself, in its one line: no offline notice before it
    const notice = access === 'verify' ? () => {} : (options.notice ?? (() => {}));
    return TeamStore.open(path, { localPath: DEFAULT_DB_PATH, lang, ...options, notice });
  }
  if (access === 'write') return openSqliteStore(path);
  const { openSqliteReader } = await import('./sqlite/reader.js');
  return openSqliteReader(path, { missing: access === 'verify' ? 'refuse' : 'empty' });
}
