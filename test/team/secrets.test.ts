/**
 * Secrets stay out of sight (issue 23, item 3): the team server's password is never needed on
 * the command line (~/.pgpass, PGPASSFILE, PGPASSWORD, or a prompt on a terminal); no password
 * typed into a URL is printed, in a message, a notice or an error, or stored in the local
 * database; the local database, its -wal and -shm files and its folder are the owner's alone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tellResumable } from '../../src/cli/store-access.js';
import type { StoreRecorder } from '../../src/store/recorder.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { PgTestServer, postgresSkipReason } from '../pg/pg-server.js';
import { header, SOURCE_A } from '../store-shared/fixtures.js';
import { BASEMENT, BIN, ROOT, rp, tempHome } from './helpers.js';
import { hasTmux, skipWithout } from '../required-tools.js';

const mode = (file: string) => statSync(file).mode & 0o777;
const homes: (() => void)[] = [];
const laptop = () => {
  const t = tempHome();
  homes.push(t.done);
  return t.home;
};
afterAll(() => {
  for (const done of homes) done();
});

describe('the local database is the owner’s alone', () => {
  it('a new database file and its -wal and -shm files are 0600', async () => {
    const file = join(laptop(), 'records.db');
    const store = openSqliteStore(file);
    await store.saveSource(SOURCE_A);
    await store.startSession(header('00000000-0000-4000-8000-000000000001', 'ann', SOURCE_A, '2026-01-01T00:00:00Z'));
    expect(existsSync(`${file}-wal`)).toBe(true);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f).toString(8), f).toBe('600');
    await store.close();
  });

  it('the default folder is 0700, also when an older roleplay left it 0755', () => {
    for (const before of [undefined, 0o755]) {
      const home = laptop();
      if (before !== undefined) mkdirSync(join(home, '.roleplay'), { mode: before });
      expect(rp(['sessions'], { HOME: home }).status).toBe(0);
      expect(mode(join(home, '.roleplay')).toString(8)).toBe('700');
      // a command that only reads makes no database (the one a recording makes is 0600, above)
      expect(existsSync(join(home, '.roleplay', 'roleplay.db'))).toBe(false);
    }
  });
});

describe('the resume hint after play', () => {
  it('names the server of a --db URL without its password', async () => {
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    const left = { leftUnfinished: async () => '3f2a9c1e-0000-4000-8000-000000000001' } as unknown as StoreRecorder;
    try {
      await tellResumable([left], { db: 'postgres://zoe:hint-secret-77@db.example.com:5432/roleplay' }, 'en');
    } finally {
      write.mockRestore();
    }
    expect(printed.join('')).toMatch(/roleplay resume 3f2a9c1e --db postgres:\/\/zoe@db\.example\.com:5432\/roleplay /);
    expect(printed.join('')).not.toContain('hint-secret-77');
  });
});

const skip = postgresSkipReason();

describe.skipIf(skip !== undefined)('the team server’s password', { timeout: 180_000 }, () => {
  let server: PgTestServer;
  let port: string;
  let database: string;
  const PASSWORD = 'zoe-secret-9c1f7e';
  /** zoe's URL: no password in it */
  const url = () => `postgres://zoe@127.0.0.1:${port}/${database}`;
  const withPassword = (password = PASSWORD) => `postgres://zoe:${password}@127.0.0.1:${port}/${database}`;

  beforeAll(async () => {
    server = await PgTestServer.start();
    const admin = await server.createDatabase('secrets');
    const u = new URL(admin);
    port = u.port;
    database = u.pathname.slice(1);
    expect(rp(['team', 'init'], { ROLEPLAY_DB: admin }).status).toBe(0);
    const added = spawnSync(process.execPath, [BIN, 'team', 'add-trainee', 'zoe', '--password-stdin'], {
      cwd: ROOT,
      input: `${PASSWORD}\n`,
      encoding: 'utf8',
      env: { ...process.env, ROLEPLAY_DB: admin },
    });
    expect(added.status).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await server?.destroy();
  });

  const sessions = (env: NodeJS.ProcessEnv) =>
    rp(['sessions', '--json', '--lang', 'en'], { ROLEPLAY_DB: url(), ...env });

  it('is found in ~/.pgpass when only its owner can read it, in PGPASSFILE, or in PGPASSWORD', () => {
    const home = laptop();
    const pgpass = join(home, '.pgpass');
    writeFileSync(pgpass, `# the team server\n127.0.0.1:${port}:${database}:zoe:${PASSWORD}\n`, { mode: 0o600 });
    expect(sessions({ HOME: home })).toMatchObject({ status: 0, stderr: '' });

    // libpq's rule: a password file others can read is not used.
    chmodSync(pgpass, 0o644);
    const ignored = sessions({ HOME: home });
    expect(ignored.status).toBe(1);
    expect(ignored.stderr).toBe(
      `roleplay: the team server postgres://zoe@127.0.0.1:${port}/${database} asks for a password and none was found: put it in ~/.pgpass (mode 0600), or set PGPASSWORD (see docs/team-server.md)\n`,
    );

    const elsewhere = join(home, 'team.pgpass');
    writeFileSync(elsewhere, `*:*:*:zoe:${PASSWORD}\n`, { mode: 0o600 });
    expect(sessions({ HOME: home, PGPASSFILE: elsewhere })).toMatchObject({ status: 0, stderr: '' });
    expect(sessions({ HOME: laptop(), PGPASSWORD: PASSWORD })).toMatchObject({ status: 0, stderr: '' });
  });

  describe.skipIf(skipWithout('tmux', hasTmux))('on a terminal', () => {
    const names: string[] = [];
    afterEach(() => {
      for (const n of names.splice(0)) spawnSync('tmux', ['kill-session', '-t', n]);
    });
    const screen = (name: string) => execFileSync('tmux', ['capture-pane', '-p', '-t', name], { encoding: 'utf8' });
    const waitFor = async (name: string, text: RegExp) => {
      const until = Date.now() + 20_000;
      for (;;) {
        const s = screen(name);
        if (text.test(s)) return s;
        if (Date.now() > until) throw new Error(`waited for ${String(text)}; screen:\n${s}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    it('asks for it once, without echoing it, when nothing else has it', async () => {
      const home = laptop();
      const name = `roleplay-secrets-${process.pid}-${Date.now() % 100000}`;
      names.push(name);
      const cmd = `cd ${JSON.stringify(ROOT)} && env -u PGPASSWORD -u PGPASSFILE CI=false HOME=${JSON.stringify(home)} ROLEPLAY_DB=${JSON.stringify(url())} node bin/roleplay.js sessions --lang en; echo "[exit $?]"; sleep 30`;
      execFileSync('tmux', ['-u', 'new-session', '-d', '-s', name, '-x', '150', '-y', '20', cmd]);
      await waitFor(name, new RegExp(`password for the team server zoe@127\\.0\\.0\\.1:${port}/${database}: ?$`, 'm'));
      execFileSync('tmux', ['send-keys', '-t', name, '-l', PASSWORD]);
      execFileSync('tmux', ['send-keys', '-t', name, 'Enter']);
      const done = await waitFor(name, /\[exit \d+\]/);
      expect(done).toMatch(/\[exit 0\]/);
      expect(done).not.toContain(PASSWORD);
    });
  });

  it('typed into a URL, it is never printed nor stored on the laptop', () => {
    const home = laptop();
    const outputs: string[] = [];
    const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
      const r = rp(args, { HOME: home, ...env });
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    // Works, with a warning that others can see it, which does not repeat it.
    const recorded = run(['run', BASEMENT, '--choices', 'x', '--record', '--db', withPassword(), '--lang', 'en']);
    expect(recorded.stderr).toMatch(/^roleplay: warning: the password in the --db URL can be seen by other users/);
    expect(recorded.stderr).toMatch(/recorded as session/);
    run(['sessions', '--json', '--db', withPassword()]);
    run(['verify', '--lang', 'zh'], { ROLEPLAY_DB: withPassword() });
    // Refused, unreachable, unparsable: the error names the server without the password.
    const refused = run(['sessions', '--lang', 'en'], { ROLEPLAY_DB: withPassword('wrong-secret-5d2a') });
    expect(refused.stderr).toBe(
      `roleplay: the team server postgres://zoe@127.0.0.1:${port}/${database} refused the user name or password\n`,
    );
    const offline = run(['run', BASEMENT, '--choices', 'x', '--record', '--lang', 'en'], {
      ROLEPLAY_DB: `postgres://zoe:${PASSWORD}@127.0.0.1:1/${database}`,
    });
    expect(offline.stderr).toMatch(/cannot reach the team server postgres:\/\/zoe@127\.0\.0\.1:1\//);
    run(['sync', '--lang', 'en'], { ROLEPLAY_DB: `postgres://zoe:${PASSWORD}@127.0.0.1:1/${database}` });
    const unparsable = run(['sessions', '--lang', 'en'], {
      ROLEPLAY_DB: `postgres://zoe:${PASSWORD}@127.0.0.1:99999/x`,
    });
    expect(unparsable.status).toBe(1);
    run(['team', 'list', '--db', `postgres://zoe:${PASSWORD}@[::1/x`, '--lang', 'en']);
    run(['export', '--lrs', `ftp://key:${PASSWORD}@lrs.invalid/xAPI`, '--lang', 'en']);

    for (const text of outputs) expect(text).not.toContain(PASSWORD);
    expect(outputs.join('')).not.toContain('wrong-secret-5d2a');
    const folder = join(home, '.roleplay');
    const files = readdirSync(folder);
    expect(files).toContain('roleplay.db');
    for (const f of files) expect(readFileSync(join(folder, f)).includes(PASSWORD), f).toBe(false);
  });
});
