/**
 * Which database and which trainee: `--db`, else ROLEPLAY_DB, else ~/.roleplay/roleplay.db;
 * `--trainee`, else ROLEPLAY_TRAINEE, else the name of the user logged in to this computer.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { safeLine, type Lang } from '../core/index.js';
import { DEFAULT_DB_PATH, openSqliteStore } from './sqlite/sqlite-store.js';
import { RECORD_LIMITS } from './record-limits.js';
import type { SessionStore } from './store.js';

export function dbPathFrom(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = option ?? (env.ROLEPLAY_DB || undefined);
  if (chosen !== undefined) return chosen === ':memory:' || isPostgresUrl(chosen) ? chosen : resolve(chosen);
  return DEFAULT_DB_PATH;
}

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
export async function openStore(path: string, lang: Lang, access: StoreAccess = 'write'): Promise<SessionStore> {
  if (isPostgresUrl(path)) {
    const { TeamStore } = await import('./sync/team-store.js');
    // verify says an unreachable server itself, in its one line: no offline notice before it
    const quiet = access === 'verify' ? { notice: () => {} } : {};
    return TeamStore.open(path, { localPath: DEFAULT_DB_PATH, lang, ...quiet });
  }
  if (access === 'write') return openSqliteStore(path);
  const { openSqliteReader } = await import('./sqlite/reader.js');
  return openSqliteReader(path, { missing: access === 'verify' ? 'refuse' : 'empty' });
}
