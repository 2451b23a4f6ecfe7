/**
 * A real, throw-away PostgreSQL server for the test suite: `initdb` into a temporary
 * directory, `pg_ctl start` on a free loopback port, and `pg_ctl stop` plus removal of the
 * directory afterwards. PostgreSQL refuses to run as root, so when the tests run as root
 * (CI does) every server binary is run as the `postgres` system user through `runuser`,
 * with the directory handed over to that user.
 *
 * Where the binaries (or, as root, the postgres user) are missing, `findPostgres()` says why.
 * On a developer's machine the PostgreSQL tests then skip with that message; in CI (the CI
 * variable set) they run and fail with it, so that a CI machine without PostgreSQL cannot pass
 * by testing nothing. `.ci/run` installs PostgreSQL when it is missing.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { inCi } from '../required-tools.js';

const run = promisify(execFile);

export interface PostgresBinaries {
  readonly initdb: string;
  readonly pgCtl: string;
  /** as root: the uid/gid the server runs as */
  readonly runAs?: { readonly user: string; readonly uid: number; readonly gid: number; readonly runuser: string };
}

export type PostgresAvailability =
  | { readonly ok: true; readonly binaries: PostgresBinaries }
  | { readonly ok: false; readonly reason: string };

function onPath(name: string): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  // Debian installs the server binaries outside PATH (/usr/lib/postgresql/<version>/bin); look there too, newest first.
  dirs.push('/usr/local/bin', '/usr/sbin', '/sbin', ...debianVersions().map((v) => `/usr/lib/postgresql/${v}/bin`));
  for (const dir of dirs) {
    const file = join(dir, name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

function debianVersions(): string[] {
  try {
    return readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
  } catch {
    return [];
  }
}

let cached: PostgresAvailability | undefined;

/** Whether a PostgreSQL server can be started here, and with which binaries. */
export function findPostgres(): PostgresAvailability {
  if (cached) return cached;
  const initdb = onPath('initdb');
  const pgCtl = onPath('pg_ctl');
  if (!initdb || !pgCtl || !onPath('postgres')) {
    return (cached = {
      ok: false,
      reason:
        'PostgreSQL tests: initdb, pg_ctl and postgres were not found on PATH, in /usr/local/bin or in /usr/lib/postgresql/*/bin (install the PostgreSQL server package, e.g. `apt-get install postgresql`)',
    });
  }
  if (userInfo().uid !== 0) return (cached = { ok: true, binaries: { initdb, pgCtl } });
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  // runuser lives in /usr/sbin, which a CI environment's PATH may leave out.
  const runuser = onPath('runuser');
  if (id.status !== 0 || gid.status !== 0 || !runuser) {
    return (cached = {
      ok: false,
      reason:
        'PostgreSQL tests: running as root, and PostgreSQL refuses root; there is no `postgres` system user (or no runuser) to run the server as (installing the postgresql package creates the user)',
    });
  }
  return (cached = {
    ok: true,
    binaries: {
      initdb,
      pgCtl,
      runAs: { user: 'postgres', uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()), runuser },
    },
  });
}

/** A free TCP port on 127.0.0.1 (asked of the kernel; PostgreSQL binds it a moment later). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const USER = 'roleplay';
const PASSWORD = 'roleplay-test';

export class PgTestServer {
  private running = false;
  private databases = 0;
  private readonly exitHook = () => this.stopSync();

  private constructor(
    private readonly binaries: PostgresBinaries,
    readonly dir: string,
    private port: number,
  ) {}

  /** initdb + start. Throws (with the server log) if the server does not come up. */
  static async start(): Promise<PgTestServer> {
    const found = findPostgres();
    if (!found.ok) throw new Error(found.reason);
    const dir = mkdtempSync(join(tmpdir(), 'roleplay-pg-'));
    const { runAs } = found.binaries;
    if (runAs) {
      chownSync(dir, runAs.uid, runAs.gid);
      chmodSync(dir, 0o700);
    }
    const pwfile = join(dir, 'pw');
    writeFileSync(pwfile, `${PASSWORD}\n`);
    if (runAs) chownSync(pwfile, runAs.uid, runAs.gid);
    const server = new PgTestServer(found.binaries, dir, await freePort());
    try {
      // Password authentication over TCP, as a team server would have it; trust on the socket.
      await server.exec(found.binaries.initdb, [
        '-D',
        server.dataDir,
        '-U',
        USER,
        `--pwfile=${pwfile}`,
        '--auth-host=scram-sha-256',
        '--auth-local=trust',
        '-E',
        'UTF8',
        '--no-locale',
        '--no-sync',
      ]);
      await server.startServer();
    } catch (e) {
      await server.destroy();
      throw e;
    }
    return server;
  }

  private get dataDir() {
    return join(this.dir, 'data');
  }

  private get logFile() {
    return join(this.dir, 'server.log');
  }

  private async exec(file: string, args: string[]) {
    const { runAs } = this.binaries;
    const [cmd, argv] = runAs ? [runAs.runuser, ['-u', runAs.user, '--', file, ...args]] : [file, args];
    try {
      await run(cmd, argv, { cwd: this.dir, timeout: 60_000 });
    } catch (e) {
      const err = e as Error & { stderr?: string };
      const log = existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8').slice(-2000) : '';
      throw new Error(`${file.split('/').pop()} failed: ${err.stderr || err.message}\n${log}`);
    }
  }

  private async startServer() {
    for (let attempt = 0; ; attempt++) {
      try {
        // Durability settings off: this server lives for one test file.
        const options = [
          `-p ${this.port}`,
          '-c listen_addresses=127.0.0.1',
          `-k ${this.dir}`,
          '-c fsync=off',
          '-c synchronous_commit=off',
          '-c full_page_writes=off',
          '-c max_connections=200',
        ].join(' ');
        await this.exec(this.binaries.pgCtl, [
          'start',
          '-w',
          '-t',
          '60',
          '-D',
          this.dataDir,
          '-l',
          this.logFile,
          '-o',
          options,
        ]);
        break;
      } catch (e) {
        // Another process may have taken the port between asking and binding: try another.
        if (attempt >= 3) throw e;
        this.port = await freePort();
      }
    }
    this.running = true;
    process.once('exit', this.exitHook);
  }

  /** The URL of a database on this server (the default one unless named). */
  url(database = 'postgres'): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.port}/${database}`;
  }

  get isRunning() {
    return this.running;
  }

  /** A fresh, empty database; returns its URL. */
  async createDatabase(prefix = 'test'): Promise<string> {
    const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${++this.databases}`;
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  /**
   * Stop the server, keeping its data (for "server goes down, comes back" tests). `immediate`
   * is a crash as clients see it: every connection is cut without a goodbye.
   */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!this.running) return;
    await this.exec(this.binaries.pgCtl, ['stop', '-w', '-m', mode, '-D', this.dataDir]);
    this.running = false;
    process.removeListener('exit', this.exitHook);
  }

  /** Start it again on the same port, with the same data. */
  async restart(): Promise<void> {
    if (this.running) return;
    await this.startServer();
  }

  /** Stop the server and remove its directory. */
  async destroy(): Promise<void> {
    try {
      await this.stop();
    } catch {
      this.stopSync();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Last resort when the test process exits without cleaning up. */
  private stopSync() {
    if (!this.running) return;
    const { runAs } = this.binaries;
    const args = ['stop', '-m', 'immediate', '-D', this.dataDir];
    try {
      if (runAs)
        execFileSync(runAs.runuser, ['-u', runAs.user, '--', this.binaries.pgCtl, ...args], { stdio: 'ignore' });
      else execFileSync(this.binaries.pgCtl, args, { stdio: 'ignore' });
    } catch {
      // nothing more can be done while exiting
    }
    this.running = false;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export { inCi } from '../required-tools.js';

/**
 * Why the Postgres tests skip here, or undefined when they run (for describe.skipIf). In CI
 * they always run: where PostgreSQL is missing, starting the server fails each test with the
 * reason, loudly, instead of a skip that reads like a pass.
 */
export function postgresSkipReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const reason = skipReasonOf(findPostgres(), env);
  if (reason) console.warn(reason);
  return reason;
}

/** The rule above, for a given finding and environment. */
export function skipReasonOf(found: PostgresAvailability, env: NodeJS.ProcessEnv): string | undefined {
  if (found.ok || inCi(env)) return undefined;
  return `${found.reason}. Skipped here; in CI (CI set) these tests fail instead.`;
}
