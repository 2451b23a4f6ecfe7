/**
 * Nothing vanishes unnoticed (issue 23): the store-wide ledger numbers every session and every
 * result. A failed exam deleted with its events, an entry deleted, two entries swapped, a session
 * put in by hand, a finished session reopened and finished again: verify exits 1 naming it by
 * number. Each attack is made as someone with a SQLite shell would make it (dropping the
 * ledger's append-only triggers where the attack needs to).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { forge, tamper } from './forge.js';
import { rp, tempDir } from './helpers.js';

const PASS = 'listen,lower,empathize,leave-now,call-back,report';
const FAIL = 'defend,raise';

let tmp: ReturnType<typeof tempDir>;
let db: string;
/** in recording order: passed (entries 1, 2), failed exam (3, 4), unfinished (5) , passed (6, 7) */
let ids: string[];

const idOf = (stderr: string) => /session ([0-9a-f-]{36})/.exec(stderr)![1]!;

function record(choices: string, extra: string[] = []): string {
  const r = rp(['run', 'angry-customer', '--choices', choices, '--record', '--db', db, ...extra]);
  expect(r.status === 0 || r.status === 2, r.stderr).toBe(true);
  return idOf(r.stderr);
}

beforeEach(() => {
  tmp = tempDir();
  db = join(tmp.dir, 'sessions.db');
  ids = [record(PASS), record(FAIL), record('listen'), record(PASS)];
});
afterEach(() => tmp.done());

interface Verified {
  ok: boolean;
  sessionId: string | null;
  code: string;
  problem: string;
  entry: number | null;
  ledger?: { entries: number; head: string };
}

function verify(expectStatus = 1): Verified {
  const r = rp(['verify', '--db', db, '--json']);
  expect(r.status, r.stdout + r.stderr).toBe(expectStatus);
  return JSON.parse(r.stdout) as Verified;
}

/** What someone deleting a session by hand deletes: its row, its steps and its lesson scores. */
function deleteSession(conn: Database.Database, id: string) {
  const sid = `(SELECT sid FROM sessions WHERE id = '${id}')`;
  conn.exec(`DELETE FROM events WHERE sid = ${sid}; DELETE FROM session_lessons WHERE sid = ${sid};
    DELETE FROM sessions WHERE id = '${id}';`);
}

function withDb(fn: (conn: Database.Database) => void) {
  const conn = new Database(db);
  try {
    fn(conn);
  } finally {
    conn.close();
  }
}

const dropTriggers = (conn: Database.Database) =>
  conn.exec('DROP TRIGGER IF EXISTS ledger_no_update; DROP TRIGGER IF EXISTS ledger_no_delete;');

describe('the store-wide ledger (SQLite)', { timeout: 120_000 }, () => {
  it('numbers every session and result; an untouched store verifies, and says its ledger head', () => {
    const r = rp(['verify', '--db', db, '--lang', 'en']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/All intact: 4 sessions, .* ledger of 7 entries, last hash [0-9a-f]{16}/);
    expect(verify(0)).toMatchObject({
      ok: true,
      ledger: { entries: 7, head: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it('a failed exam deleted with its events and lessons is named, with its number', () => {
    withDb((conn) => deleteSession(conn, ids[1]!));
    expect(verify()).toMatchObject({ sessionId: ids[1], code: 'session-missing', entry: 3 });
    const en = rp(['verify', '--db', db, '--lang', 'en']);
    expect(en.stdout).toBe(
      `session ${ids[1]}: the session (entry 3 of the store's ledger) is missing: it was deleted from the database\n`,
    );
    const zh = rp(['verify', '--db', db, '--lang', 'zh']);
    expect(zh.stdout).toBe(`练习 ${ids[1]}：这次练习（存储账本第 3 条）不见了：它从数据库里被删除了\n`);
  });

  it('a session deleted with its ledger entries leaves a gap, named by number', () => {
    withDb((conn) => {
      deleteSession(conn, ids[1]!);
      dropTriggers(conn);
      conn.prepare('DELETE FROM ledger WHERE session_id = ?').run(ids[1]);
    });
    expect(verify()).toMatchObject({ sessionId: null, code: 'ledger-gap', entry: 3 });
    expect(rp(['verify', '--db', db, '--lang', 'en']).stdout).toBe(
      "entry 3 of the store's ledger is missing: a session or a result was deleted from the database\n",
    );
  });

  it('two entries swapped (reordered) are caught', () => {
    withDb((conn) => {
      dropTriggers(conn);
      conn.exec(
        'UPDATE ledger SET n = -1 WHERE n = 3; UPDATE ledger SET n = 3 WHERE n = 5; UPDATE ledger SET n = 5 WHERE n = -1;',
      );
    });
    expect(verify()).toMatchObject({ code: 'ledger-broken', entry: 3 });
  });

  it('a session put in by hand (a copy with a new id, its chain recomputed) is not in the ledger', () => {
    const copy = '0badc0de-0000-4000-8000-000000000001';
    withDb((conn) => {
      conn.exec(`INSERT INTO sessions (id, trainee, scenario_id, scenario_hash, lang, mode, started_at, finished_at, outcome,
          ending, total, max, percent, passed, event_count, head_hash, seal)
        SELECT '${copy}', trainee, scenario_id, scenario_hash, lang, mode, started_at, finished_at, outcome, ending,
          total, max, percent, passed, event_count, head_hash, seal FROM sessions WHERE id = '${ids[0]}';
        INSERT INTO events SELECT (SELECT sid FROM sessions WHERE id = '${copy}'), seq, at, node, kind, way, text, idx,
          shown, decision_ms, points, meters, feedback, goto, prev_hash, hash, scenario_id
          FROM events WHERE sid = (SELECT sid FROM sessions WHERE id = '${ids[0]}');
        INSERT INTO session_lessons (sid, lesson, points, max, scenario_id)
          SELECT (SELECT sid FROM sessions WHERE id = '${copy}'), lesson, points, max, scenario_id FROM session_lessons WHERE sid = (SELECT sid FROM sessions WHERE id = '${ids[0]}');`);
    });
    forge(db, copy, () => {});
    expect(verify()).toMatchObject({ sessionId: copy, code: 'session-unlisted', entry: null });
  });

  it('a finished exam reopened: its result wiped and its last step cut, then resumed: refused, and reported', () => {
    tamper(
      db,
      `UPDATE sessions SET finished_at = NULL, outcome = NULL, ending = NULL, total = NULL, max = NULL,
       percent = NULL, passed = NULL, seal = NULL WHERE id = ?`,
      ids[1],
    );
    // the last step cut, the chain made to end at the step before (so its own chain looks whole)
    forge(db, ids[1]!, (conn, sid) => {
      conn.prepare('DELETE FROM session_lessons WHERE sid = ?').run(sid);
      conn.prepare('DELETE FROM events WHERE sid = ? AND seq = 2').run(sid);
    });
    expect(verify()).toMatchObject({ sessionId: ids[1], code: 'result-removed', entry: 4 });
    const resumed = rp(['resume', ids[1]!, '--choices', 'lower', '--db', db]);
    expect(resumed.status).toBe(1);
    expect(resumed.stderr).toMatch(/^roleplay: .*(finished|result)/);
    expect(resumed.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a failed exam replaced by a passing play, every hash recomputed: finished once, so reported as reopened', () => {
    // the failed session given the steps and result of a passing one, its chain and seal recomputed
    forge(db, ids[1]!, (conn, sid) => {
      const from = `(SELECT sid FROM sessions WHERE id = '${ids[0]}')`;
      conn.exec(`DELETE FROM events WHERE sid = ${sid}; DELETE FROM session_lessons WHERE sid = ${sid};
        INSERT INTO events SELECT ${sid}, seq, at, node, kind, way, text, idx, shown, decision_ms, points, meters, feedback,
          goto, prev_hash, hash, scenario_id FROM events WHERE sid = ${from};
        INSERT INTO session_lessons (sid, lesson, points, max, scenario_id)
          SELECT ${sid}, lesson, points, max, scenario_id FROM session_lessons WHERE sid = ${from};
        UPDATE sessions SET (outcome, ending, total, max, percent, passed) =
          (SELECT outcome, ending, total, max, percent, passed FROM sessions WHERE sid = ${from}) WHERE sid = ${sid};`);
    });
    expect(verify()).toMatchObject({ sessionId: ids[1], code: 'session-reopened', entry: 4 });
  });

  it('the result entry of a finished session deleted: its result is not in the ledger', () => {
    // the last entry: nothing after it shows a gap, yet the finished session has no result entry
    withDb((conn) => {
      dropTriggers(conn);
      conn.exec('DELETE FROM ledger WHERE n = 7');
    });
    expect(verify()).toMatchObject({ sessionId: ids[3], code: 'result-unlisted' });
  });
});

describe('a database recorded before the ledger', { timeout: 120_000 }, () => {
  it('gets one on opening: every session in its stored order, each followed by its result', () => {
    // back to schema 4: no ledger, no store id
    withDb((conn) => {
      conn.exec(`DROP TABLE ledger; DROP TABLE origin_ledger; DROP TABLE store_meta;
        DROP INDEX events_said; DROP INDEX events_auto; DROP INDEX sessions_modes; DROP INDEX sessions_trainee_modes;
        DROP TRIGGER session_lessons_trainee; DROP INDEX session_lessons_by_trainee;
        ALTER TABLE session_lessons DROP COLUMN trainee;
        DELETE FROM migrations WHERE version >= 5; PRAGMA user_version = 4;`);
    });
    expect(MIGRATIONS.find((m) => m.version === 5)?.backfill).toBeDefined();
    expect(verify(0)).toMatchObject({ ok: true, ledger: { entries: 7 } });
    withDb((conn) => {
      const entries = conn.prepare('SELECT n, kind, session_id AS id FROM ledger ORDER BY n').all();
      expect(entries).toEqual([
        { n: 1, kind: 'session', id: ids[0] },
        { n: 2, kind: 'result', id: ids[0] },
        { n: 3, kind: 'session', id: ids[1] },
        { n: 4, kind: 'result', id: ids[1] },
        { n: 5, kind: 'session', id: ids[2] },
        { n: 6, kind: 'session', id: ids[3] },
        { n: 7, kind: 'result', id: ids[3] },
      ]);
      deleteSession(conn, ids[1]!);
    });
    expect(verify()).toMatchObject({ sessionId: ids[1], code: 'session-missing', entry: 3 });
  });
});
