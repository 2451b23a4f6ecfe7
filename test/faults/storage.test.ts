/**
 * The session database in trouble: read-only, a full disk, a damaged file, a file from a newer
 * roleplay. Each gives one clear line (no stack, no "internal error") and a non-zero exit; play
 * without recording still works; and what was recorded before is left exactly as it was.
 *
 * Simulations (the tests run as root on a machine without spare mounts):
 *  - read-only: the database (file and folder) made read-only and the command run as the
 *    unprivileged user `nobody` when the test is root (root ignores file modes);
 *  - full disk: the child's file-size limit (ulimit -f, RLIMIT_FSIZE) set to the database's
 *    current size, so the first write that grows it fails as on a full disk (EFBIG; a real
 *    ENOSPC was checked by hand on a 160 KB tmpfs and gives SQLite's same refusal).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ENV, recordedSessions, rp, tempDir } from './helpers.js';
import { SCHEMA_VERSION } from '../../src/store/sqlite/migrations.js';

const CHOICES = 'listen,lower,empathize,leave-now,call-back,report';
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  tmp.done();
});

const hashOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A database holding two finished sessions, checkpointed into one file. */
function seeded(dir = tmp.dir): string {
  const db = join(dir, 'sessions.db');
  for (let i = 0; i < 2; i++) {
    const r = rp(['run', 'angry-customer', '--choices', CHOICES, '--record', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
  }
  const conn = new Database(db);
  conn.pragma('wal_checkpoint(TRUNCATE)');
  conn.close();
  return db;
}

/** One line on stderr, written for a person: no stack, no internal error. */
function expectOneClearLine(stderr: string) {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^roleplay: /);
  expect(stderr).not.toMatch(/internal error|SqliteError|\n\s+at |node_modules/);
}

function expectPlainRunWorks(extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, 'run', 'angry-customer', '--choices', CHOICES], {
    encoding: 'utf8',
    env: { ...ENV, ...extraEnv },
  });
  expect(r.status, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout).ending).toBe('resolved');
}

/** As root, file modes are ignored: the read-only case runs as `nobody`, who must be able to read the program. */
const asNobody = process.getuid?.() === 0;
const nobodyCanRun =
  !asNobody ||
  spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)}, 4)`], { uid: 65534, gid: 65534 })
    .status === 0;

describe.skipIf(!nobodyCanRun)('a read-only database (skipped where user nobody cannot read the checkout)', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      env: { ...ENV, HOME: tmp.dir },
      ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
    });

  it('refuses to record in one line, leaves the file as it was, and plain play still works', () => {
    const dir = join(tmp.dir, 'ro');
    mkdirSync(dir);
    const db = seeded(dir);
    const before = hashOf(db);
    chmodSync(db, 0o444);
    chmodSync(dir, 0o555);
    chmodSync(tmp.dir, 0o755);
    try {
      const r = run(['run', 'angry-customer', '--choices', CHOICES, '--record', '--db', db]);
      expect(r.status).not.toBe(0);
      expectOneClearLine(r.stderr);
      // a new database in a folder that cannot be written
      const r2 = run(['run', 'angry-customer', '--choices', CHOICES, '--record', '--db', join(dir, 'new.db')]);
      expect(r2.status).not.toBe(0);
      expectOneClearLine(r2.stderr);
    } finally {
      chmodSync(dir, 0o755);
      chmodSync(db, 0o644);
    }
    expect(hashOf(db)).toBe(before);
    expect(rp(['verify', '--db', db]).status).toBe(0);
    expect(recordedSessions(db).filter((s) => s.finished)).toHaveLength(2);
    expectPlainRunWorks();
  });
});

describe('a full disk', () => {
  it('stops recording with one clear line, keeps every earlier step intact, and the run still reports', () => {
    const db = seeded();
    const before = recordedSessions(db);
    const blocks = Math.ceil(statSync(db).size / 1024);
    // --db on a file the process may not grow: the next page written fails as on a full disk
    const r = spawnSync(
      'bash',
      [
        '-c',
        `ulimit -f ${blocks}; exec "$0" "$@"`,
        process.execPath,
        BIN,
        'run',
        'angry-customer',
        '--choices',
        CHOICES,
        '--record',
        '--db',
        db,
      ],
      { encoding: 'utf8', env: ENV },
    );
    expect(r.status).not.toBe(0);
    expectOneClearLine(r.stderr);
    expect(r.stderr).toMatch(/disk|full|written/i);
    // play went on: the run's result is still printed, then the message
    expect(JSON.parse(r.stdout).ending).toBe('resolved');
    const v = rp(['verify', '--db', db]);
    expect(v.status, v.stdout + v.stderr).toBe(0);
    const after = recordedSessions(db);
    for (const s of before) expect(after.find((a) => a.id === s.id)).toEqual(s);
    // whatever part of the new session made it to disk is a clean prefix of its steps
    for (const s of after.filter((a) => !before.some((b) => b.id === a.id))) {
      expect(s.steps).toEqual(CHOICES.split(',').slice(0, s.steps.length));
    }
    // the same, told in Chinese
    const zh = spawnSync(
      'bash',
      [
        '-c',
        `ulimit -f ${Math.ceil(statSync(db).size / 1024)}; exec "$0" "$@"`,
        process.execPath,
        BIN,
        'run',
        'angry-customer',
        '--choices',
        CHOICES,
        '--record',
        '--db',
        db,
        '--lang',
        'zh',
      ],
      { encoding: 'utf8', env: ENV },
    );
    expectOneClearLine(zh.stderr);
    expect(zh.stderr).toMatch(/^roleplay: 练习记录库 .* 写入失败：磁盘拒绝写入（空间满了？）；之前记录的步骤完好无损/);
  });
});

describe('a damaged database file', () => {
  const damage: Record<string, (db: string) => void> = {
    'random bytes': (db) =>
      writeFileSync(db, Buffer.from(Array.from({ length: 40_000 }, (_, i) => (i * 7919 + 13) % 256))),
    'pages overwritten': (db) => {
      const b = readFileSync(db);
      for (let i = 4096; i < Math.min(b.length, 4096 * 6); i++) b[i] = (i * 31) % 256;
      writeFileSync(db, b);
    },
    'cut in half': (db) => writeFileSync(db, readFileSync(db).subarray(0, Math.floor(statSync(db).size / 2))),
    'not a database at all': (db) =>
      writeFileSync(db, 'id: angry-customer\ntitle: oops, a scenario saved over the database\n'),
  };
  for (const [name, hurt] of Object.entries(damage)) {
    it(`${name}: every command says so in one line and writes nothing into it`, () => {
      const db = seeded();
      hurt(db);
      const before = hashOf(db);
      for (const args of [
        ['run', 'angry-customer', '--choices', CHOICES, '--record', '--db', db],
        ['sessions', '--db', db],
        ['verify', '--db', db],
        ['report', '--db', db],
      ]) {
        const r = rp(args);
        if (args[0] === 'verify' || args[0] === 'run') expect(r.status, `${args[0]}: ${r.stdout}`).not.toBe(0);
        if (r.status !== 0) {
          expectOneClearLine(r.stderr);
          expect(r.stderr).toMatch(/damaged|not a (session )?database|cannot be used|cannot open/i);
        }
        expect(r.stderr + r.stdout).not.toMatch(/internal error|SqliteError|\n\s+at /);
      }
      const zh = rp(['verify', '--db', db, '--lang', 'zh']);
      expectOneClearLine(zh.stderr);
      expect(zh.stderr).toMatch(/^roleplay: (练习记录库 .*(已损坏|无法使用)|无法打开练习记录库 )/);
      expect(hashOf(db)).toBe(before);
      expectPlainRunWorks();
    });
  }
});

describe('a database from a newer roleplay', () => {
  it('is refused in one line that says to update, and is left untouched', () => {
    const db = seeded();
    const conn = new Database(db);
    conn.pragma('user_version = 999');
    conn.close();
    const before = hashOf(db);
    for (const args of [
      ['run', 'angry-customer', '--choices', CHOICES, '--record', '--db', db],
      ['sessions', '--db', db],
      ['verify', '--db', db],
    ]) {
      const r = rp(args);
      expect(r.status).not.toBe(0);
      expectOneClearLine(r.stderr);
      expect(r.stderr).toMatch(/newer/);
    }
    const zh = rp(['sessions', '--db', db, '--lang', 'zh']);
    expect(zh.stderr).toBe(
      `roleplay: 练习记录库由更新版本的 roleplay 写入（结构版本 999，本版本只认识到 ${SCHEMA_VERSION}）；请先升级 roleplay\n`,
    );
    expect(hashOf(db)).toBe(before);
    expectPlainRunWorks();
  });
});
