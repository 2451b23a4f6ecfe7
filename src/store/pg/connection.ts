/**
 * How roleplay connects to a team server without a password on the command line. The URL
 * names the server and the role (postgres://zhang@db.example.com:5432/roleplay); the password
 * is looked up only when the server asks for one, in the order libpq (psql) uses:
 *
 *   1. the URL's own password (works, but shows in `ps` and shell history: discouraged),
 *   2. PGPASSWORD,
 *   3. the password file: PGPASSFILE, else ~/.pgpass (ignored unless only its owner can read it),
 *   4. a prompt on the terminal, when the command offers one (`ask`).
 *
 * The URL is parsed here and handed to node-postgres as separate fields: given as a connection
 * string, its empty password would override the lookup.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parse } from 'pg-connection-string';

export interface PasswordOptions {
  /** asked when nothing else has the password (a prompt on a terminal); undefined: no answer */
  readonly ask?: (who: { user: string; host: string; port: number; database: string }) => Promise<string | undefined>;
  readonly env?: NodeJS.ProcessEnv;
}

/** The pool's connection settings for a URL, with the password looked up as above. */
export function connectionConfig(url: string, options: PasswordOptions = {}): pg.PoolConfig {
  const { password: inUrl, ...fields } = parse(url);
  const env = options.env ?? process.env;
  const config = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined));
  const lookup = async (params: { user?: string; host?: string; port?: number; database?: string }) => {
    if (inUrl) return inUrl;
    if (env.PGPASSWORD !== undefined) return env.PGPASSWORD;
    const who = {
      user: params.user ?? '',
      host: params.host ?? 'localhost',
      port: Number(params.port ?? 5432),
      database: params.database ?? params.user ?? '',
    };
    return passwordFromFile(who, env) ?? (await options.ask?.(who));
  };
  // node-postgres calls it with the connection's parameters and takes undefined for "none"
  // (its type declares neither).
  return {
    ...(config as pg.PoolConfig),
    password: lookup as unknown as () => Promise<string>,
    Client: SafeClient as unknown as pg.PoolConfig['Client'],
  };
}

/**
 * node-postgres's client, made safe to lose:
 *
 * - It has an 'error' listener from birth. node-postgres emits 'error' on a client whose
 *   connection the server drops (pg_terminate_backend, a restart, a cut cable); the pool
 *   listens only while the client is idle, so a client checked out by `pool.connect()` had
 *   none, and the event crashed the process (issue 18). The failure still reaches whoever
 *   uses the client: its queries fail, and the pool throws it away.
 * - A connection that fails while logging in is closed at once. node-postgres leaves the
 *   socket open when the failure is its own (no password to give): the server then waits for
 *   the password for a minute, and the process with it.
 */
class SafeClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => {});
  }

  // biome-ignore lint/suspicious/noExplicitAny: both of node-postgres's forms (callback, Promise)
  override connect(callback?: any): any {
    const drop = () =>
      (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    if (callback)
      return super.connect((err: Error | null) => {
        if (err) drop();
        callback(err);
      });
    return super.connect().catch((err: unknown) => {
      drop();
      throw err;
    });
  }
}

/** The pgpass file (PGPASSFILE, else ~/.pgpass), if it may be used: a plain file no one else can read. */
function pgpassFile(env: NodeJS.ProcessEnv): string | undefined {
  const file = env.PGPASSFILE || join(env.HOME || homedir(), '.pgpass');
  try {
    const st = statSync(file);
    // libpq ignores a password file that others can read, and so do we.
    if (!st.isFile() || (process.platform !== 'win32' && (st.mode & 0o077) !== 0)) return undefined;
    return file;
  } catch {
    return undefined;
  }
}

/**
 * The password for this connection in the pgpass file: the first line whose
 * `host:port:database:user` fields match (`*` matches anything; `\:` and `\\` are escapes).
 */
export function passwordFromFile(
  who: { user: string; host: string; port: number; database: string },
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const file = pgpassFile(env);
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // A socket directory counts as localhost, as libpq has it.
  const host = who.host.startsWith('/') ? 'localhost' : who.host;
  const wanted = [host, String(who.port), who.database, who.user];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields = splitPgpassLine(line);
    if (fields.length < 5) continue;
    if (wanted.every((w, i) => fields[i] === '*' || fields[i] === w)) return fields.slice(4).join(':');
  }
  return undefined;
}

function splitPgpassLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) current += line[++i];
    else if (ch === ':' && fields.length < 4) {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields;
}
