/**
 * Which database and which trainee: `--db`, else ROLEPLAY_DB, else ~/.roleplay/roleplay.db;
 * `--trainee`, else ROLEPLAY_TRAINEE, else the name of the user logged in to this computer.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { safeLine, type Lang } from '../core/index.js';
import { DEFAULT_DB_PATH, openSqliteStore } from './sqlite/sqlite-store.js';
import type { SessionStore } from './store.js';

export function dbPathFrom(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = option ?? (env.ROLEPLAY_DB || undefined);
  if (chosen !== undefined) return chosen === ':memory:' || isPostgresUrl(chosen) ? chosen : resolve(chosen);
  return DEFAULT_DB_PATH;
}

export const MAX_TRAINEE_LENGTH = 100;

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
  /** asked for a team server's password when the URL, PGPASSWORD and ~/.pgpass have none */
  readonly askPassword?: (who: {
    user: string;
    host: string;
    port: number;
    database: string;
  }) => Promise<string | undefined>;
}

/**
 * The store for a database path, or for a postgres:// URL the team store: the server, with
 * this computer's default database as the offline copy (see sync/team-store.ts). Loaded
 * lazily so that commands without a server never load node-postgres.
 */
export async function openStore(path: string, lang: Lang, options: OpenOptions = {}): Promise<SessionStore> {
  if (isPostgresUrl(path)) {
    const { TeamStore } = await import('./sync/team-store.js');
    return TeamStore.open(path, { localPath: DEFAULT_DB_PATH, lang, ...options });
  }
  return openSqliteStore(path);
}
