/**
 * The default database lives in $HOME/.roleplay. A HOME that is unset, empty, relative, not a
 * folder, a folder that does not exist, one that cannot be written, or /proc (where a
 * recursive mkdir never returns) gives one clear line naming what to set — `--db PATH` or
 * ROLEPLAY_DB — and creates nothing: no ./.roleplay in the current folder, no missing folder
 * made up. With --db or ROLEPLAY_DB, HOME does not matter.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ENV, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => {
  chmodSync(join(tmp.dir, 'locked'), 0o755);
  tmp.done();
});
const CHOICES = 'listen,lower,empathize,leave-now,text-only';
const COMMANDS: readonly (readonly string[])[] = [
  ['run', 'angry-customer', '--choices', CHOICES, '--record'],
  ['sessions'],
  ['verify'],
];

mkdirSync(join(tmp.dir, 'cwd'));
writeFileSync(join(tmp.dir, 'a-file'), 'not a folder');
mkdirSync(join(tmp.dir, 'locked'));
chmodSync(join(tmp.dir, 'locked'), 0o555);

/** As root, modes are ignored: the unwritable case runs as `nobody`, who must be able to read the program. */
const asNobody = process.getuid?.() === 0;
const nobodyCanRun =
  !asNobody ||
  spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)}, 4)`], { uid: 65534, gid: 65534 })
    .status === 0;

function rpWithHome(home: string | undefined, args: readonly string[], extra: NodeJS.ProcessEnv = {}, nobody = false) {
  const env: NodeJS.ProcessEnv = { ...ENV, ...extra };
  delete env.ROLEPLAY_DB;
  if (home === undefined) delete env.HOME;
  else env.HOME = home;
  Object.assign(env, extra);
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env,
    cwd: join(tmp.dir, 'cwd'),
    timeout: 30_000,
    ...(nobody && asNobody ? { uid: 65534, gid: 65534 } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error !== undefined };
}

const HOMES: readonly [string, string | undefined][] = [
  ['unset', undefined],
  ['empty', ''],
  ['relative', 'somewhere'],
  ['a folder that does not exist', join(tmp.dir, 'no-such-home')],
  ['a file', join(tmp.dir, 'a-file')],
  ['/proc', '/proc'],
];

describe('HOME that gives no place for the default database', () => {
  for (const [what, home] of HOMES) {
    it(`HOME ${what}: one line naming --db PATH and ROLEPLAY_DB; nothing created`, () => {
      for (const args of COMMANDS) {
        const r = rpWithHome(home, args);
        const said = `${args[0]}: ${r.stderr}`;
        expect(r.timedOut, `${args[0]} hung`).toBe(false);
        expect(r.status, said).toBe(1);
        const lines = r.stderr.trim().split('\n');
        expect(lines, said).toHaveLength(1);
        expect(lines[0]).toMatch(/^roleplay: .*HOME.*--db PATH.*ROLEPLAY_DB/);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      }
      expect(readdirSync(join(tmp.dir, 'cwd'))).toEqual([]);
      expect(existsSync(join(tmp.dir, 'no-such-home'))).toBe(false);
    });
  }

  it.skipIf(!nobodyCanRun)('HOME a folder that cannot be written: the same one line', () => {
    for (const args of COMMANDS.slice(0, 1)) {
      const r = rpWithHome(join(tmp.dir, 'locked'), args, {}, true);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^roleplay: .*HOME.*--db PATH.*ROLEPLAY_DB/);
    }
    expect(readdirSync(join(tmp.dir, 'locked'))).toEqual([]);
  });

  it('with --db or ROLEPLAY_DB, HOME does not matter', () => {
    const db = join(tmp.dir, 'chosen.db');
    const r = rpWithHome('', [...COMMANDS[0]!, '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    const listed = rpWithHome(undefined, ['sessions', '--json'], { ROLEPLAY_DB: db });
    expect(listed.status, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { sessions: unknown[] }).sessions).toHaveLength(1);
    expect(readdirSync(join(tmp.dir, 'cwd'))).toEqual([]);
  });

  it('a good HOME: the database is made in $HOME/.roleplay', () => {
    const home = join(tmp.dir, 'home');
    mkdirSync(home);
    const r = rpWithHome(home, COMMANDS[0]!);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(home, '.roleplay', 'roleplay.db'))).toBe(true);
  });
});
