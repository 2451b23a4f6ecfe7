/**
 * `verify` checks everything a result depends on (issue 18): the file itself (empty, not
 * roleplay's, damaged pages), each session's result against its seal, its events and the
 * stored scenario, the stored scenario against its hash, and the server it was asked about.
 * Each attack is run as a trainee with a SQLite shell would run it; verify must exit 1 naming
 * it, and the commands that would act on the altered record refuse to.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forge, tamper } from './forge.js';
import { BIN, ENV, rp, tempDir } from './helpers.js';

const PASS = 'listen,lower,empathize,leave-now,call-back,report';
const FAIL = 'defend,raise';

let tmp: ReturnType<typeof tempDir>;
let db: string;
let passed: string;
let failed: string;

const idOf = (stderr: string) => /session ([0-9a-f-]{36})/.exec(stderr)![1]!;

function record(choices: string, mode: string[] = []): string {
  const r = rp(['run', 'angry-customer', '--choices', choices, '--record', '--db', db, ...mode]);
  expect(r.status, r.stderr).toBe(0);
  return idOf(r.stderr);
}

beforeEach(() => {
  tmp = tempDir();
  db = join(tmp.dir, 'sessions.db');
  passed = record(PASS);
  failed = record(FAIL);
});
afterEach(() => tmp.done());

/** One line on stderr, for a person: no stack, no internal error. */
function expectOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^roleplay: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/internal error|SqliteError|\n\s+at |node_modules/);
}

function verifyJson() {
  const r = rp(['verify', '--db', db, '--json']);
  expect(r.status, r.stdout + r.stderr).toBe(1);
  return JSON.parse(r.stdout) as { ok: boolean; sessionId: string | null; code: string; problem: string };
}

describe('verify: the database file itself', { timeout: 120_000 }, () => {
  it('an untouched database passes', () => {
    const r = rp(['verify', '--db', db]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/All intact: 2 sessions/);
  });

  it('a database truncated to 0 bytes: one line saying it is empty, exit 1, for every reading command', () => {
    writeFileSync(db, '');
    for (const args of [['verify'], ['sessions'], ['report'], ['export'], ['review', passed]]) {
      const r = rp([...args, '--db', db]);
      expect(r.status, `${args[0]}: ${r.stdout}`).toBe(1);
      expectOneLine(r.stderr, /empty|not a roleplay/);
    }
    expect(statSync(db).size).toBe(0); // nothing was created in it
  });

  it("a SQLite database that is not roleplay's: one line, exit 1, and no tables added", () => {
    const other = join(tmp.dir, 'other.db');
    const conn = new Database(other);
    conn.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)');
    conn.close();
    const before = readFileSync(other);
    for (const args of [['verify'], ['sessions']]) {
      const r = rp([...args, '--db', other]);
      expect(r.status).toBe(1);
      expectOneLine(r.stderr, /not a roleplay/);
    }
    const r = rp(['run', 'angry-customer', '--choices', PASS, '--record', '--db', other]);
    expect(r.status).not.toBe(0);
    expect(readFileSync(other)).toEqual(before);
  });

  it('a damaged page that the session tables never read (an index): integrity_check finds it', () => {
    const conn = new Database(db);
    conn.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = conn.pragma('page_size', { simple: true }) as number;
    // the root page of an index over events: verify walks the tables, never this page
    const { rootpage } = conn.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'events_ways'").get() as {
      rootpage: number;
    };
    conn.close();
    const bytes = readFileSync(db);
    const at = (rootpage - 1) * pageSize;
    for (let i = at + 8; i < at + pageSize; i++) bytes[i] = (i * 131) % 251;
    writeFileSync(db, bytes);
    const r = rp(['verify', '--db', db]);
    expect(r.status, r.stdout).toBe(1);
    expectOneLine(r.stderr, /damaged/);
    const zh = rp(['verify', '--db', db, '--lang', 'zh']);
    expect(zh.status).toBe(1);
    expectOneLine(zh.stderr, /已损坏/);
  });
});

describe('verify: a result must follow from its events and its scenario', { timeout: 120_000 }, () => {
  it("a failed exam's result wiped back to unfinished is reported, and resume will not reopen it", () => {
    tamper(
      db,
      `UPDATE sessions SET finished_at = NULL, outcome = NULL, ending = NULL, total = NULL, max = NULL,
       percent = NULL, passed = NULL, seal = NULL WHERE id = ?`,
      failed,
    );
    tamper(db, `DELETE FROM session_lessons WHERE sid = (SELECT sid FROM sessions WHERE id = ?)`, failed);
    expect(verifyJson()).toMatchObject({ ok: false, sessionId: failed, code: 'result-removed' });
    const r = rp(['resume', failed, '--choices', 'lower', '--db', db]);
    expect(r.status).toBe(1);
    expectOneLine(r.stderr, /finished|result/);
    // still exactly as tampered: nothing was appended or re-finished
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare('SELECT finished_at, event_count FROM sessions WHERE id = ?').get(failed)).toEqual({
      finished_at: null,
      event_count: 2,
    });
    conn.close();
  });

  it('a forged result with every hash recomputed: 62 points of a maximum of 14 (443%)', () => {
    forge(db, failed, (conn, sid) => {
      conn.prepare('UPDATE sessions SET total = 62, max = 14, percent = 443, passed = 1 WHERE sid = ?').run(sid);
    });
    expect(verifyJson()).toMatchObject({ sessionId: failed, code: 'result-unfounded' });
  });

  it('a forged percent of -1e308 with every hash recomputed', () => {
    forge(db, passed, (conn, sid) => {
      conn.prepare('UPDATE sessions SET percent = -1e308 WHERE sid = ?').run(sid);
    });
    expect(verifyJson()).toMatchObject({ sessionId: passed, code: 'result-unfounded' });
  });

  it('a forged pass: points of a step raised, result recomputed to match, every hash recomputed', () => {
    forge(db, failed, (conn, sid) => {
      conn.prepare(`UPDATE events SET points = '{"calm-before-solving":40}' WHERE sid = ? AND seq = 1`).run(sid);
    });
    expect(verifyJson()).toMatchObject({ sessionId: failed, code: 'event-impossible' });
  });

  it('a choice that is not in the scenario, every hash recomputed', () => {
    forge(db, passed, (conn, sid) => {
      conn.prepare(`UPDATE events SET way = 'bribe' WHERE sid = ? AND seq = 2`).run(sid);
    });
    const r = verifyJson();
    expect(r).toMatchObject({ sessionId: passed, code: 'event-impossible' });
    expect(r.problem).toMatch(/bribe/);
  });

  it('an edited stored scenario is reported, and review refuses to show the edited text', () => {
    tamper(
      db,
      "UPDATE scenario_sources SET source = replace(source, 'angry-customer', 'angry-customer') || '\n# edited' ",
    );
    expect(verifyJson()).toMatchObject({ sessionId: passed, code: 'scenario-altered' });
    const review = rp(['review', passed, '--json', '--db', db]);
    expect(review.status).toBe(1);
    expectOneLine(review.stderr, /scenario .*altered/);
  });
});

describe('verify: the team server', { timeout: 60_000 }, () => {
  it('an unreachable server is an error in one line, not a check of the empty local copy', () => {
    const r = spawnSync(process.execPath, [BIN, 'verify', '--db', 'postgres://trainer@127.0.0.1:1/roleplay'], {
      encoding: 'utf8',
      env: { ...ENV, HOME: tmp.dir },
    });
    expect(r.status).toBe(1);
    expectOneLine(r.stderr, /cannot reach the team server postgres:\/\/trainer@127\.0\.0\.1:1\/roleplay/);
    expect(r.stderr + r.stdout).not.toContain('secret');
    expect(r.stdout).toBe('');
  });
});
