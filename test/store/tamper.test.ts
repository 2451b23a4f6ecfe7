/** verify: every chain intact → 0; an edited, deleted or reordered step → 1, naming the session and step. */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/store/chain.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { chainProblem, verifyStore, type ChainBreak } from '../../src/store/verify.js';
import { record, rp, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
let store: SqliteStore;
let ids: string[];

const FULL = [{ say: 'hello' }, 'argue', 'wait-calmly'];

beforeEach(async () => {
  tmp = tempDir();
  store = openSqliteStore(tmp.db);
  ids = [
    await record(store, { trainee: 'alice', steps: FULL, startedAt: '2026-01-01T08:00:00Z' }),
    await record(store, { trainee: 'bob', steps: FULL, startedAt: '2026-01-02T08:00:00Z' }),
    await record(store, { trainee: 'carol', steps: [{ say: 'hello' }], startedAt: '2026-01-03T08:00:00Z' }),
  ];
  await store.close();
});
afterEach(async () => {
  await store.close();
  tmp.done();
});

/** Tamper with the file the way someone with a SQLite shell would. */
function tamper(sql: string, ...params: unknown[]) {
  const db = new Database(tmp.db);
  db.prepare(sql).run(...params);
  db.close();
}
const sid = (id: string) => `(SELECT sid FROM sessions WHERE id = '${id}')`;

async function check() {
  store = openSqliteStore(tmp.db);
  return verifyStore(store);
}

describe('verify', { timeout: 60_000 }, () => {
  it('passes an untouched database, in-process and from the command line', async () => {
    expect(await check()).toEqual({ ok: true, sessions: 3, events: 11 });
    const r = rp(['verify', '--db', tmp.db, '--lang', 'en']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('All intact: 3 sessions, 11 events');
  });

  it('catches an edited step: points changed', async () => {
    tamper(`UPDATE events SET points = '{"courtesy":3}' WHERE sid = ${sid(ids[1]!)} AND seq = 2`);
    expect(await check()).toMatchObject({
      ok: false,
      sessionId: ids[1],
      seq: 2,
      problem: expect.stringMatching(/event 2 was altered/),
    });
    const r = rp(['verify', '--db', tmp.db, '--lang', 'en']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(ids[1]);
    expect(r.stdout).toMatch(/event 2 was altered/);
  });

  it('catches an edited typed answer and an edited decision time', async () => {
    tamper(`UPDATE events SET text = 'hello there' WHERE sid = ${sid(ids[0]!)} AND seq = 1`);
    expect(await check()).toMatchObject({ ok: false, sessionId: ids[0], seq: 1 });
    await store.close();
    tamper(`UPDATE events SET text = 'hello' WHERE sid = ${sid(ids[0]!)} AND seq = 1`);
    tamper(`UPDATE events SET decision_ms = 1 WHERE sid = ${sid(ids[2]!)} AND seq = 1`);
    expect(await check()).toMatchObject({ ok: false, sessionId: ids[2], seq: 1 });
  });

  it('catches a deleted step in the middle and at the end', async () => {
    tamper(`DELETE FROM events WHERE sid = ${sid(ids[1]!)} AND seq = 3`);
    expect(await check()).toMatchObject({
      ok: false,
      sessionId: ids[1],
      seq: 3,
      problem: expect.stringMatching(/event 3 is missing/),
    });
    await store.close();
    const r = rp(['verify', '--db', tmp.db]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(ids[1]);
  });

  it('catches the last step deleted (the chain before it is intact)', async () => {
    tamper(`DELETE FROM events WHERE sid = ${sid(ids[0]!)} AND seq = 5`);
    expect(await check()).toMatchObject({
      ok: false,
      sessionId: ids[0],
      seq: 5,
      problem: expect.stringMatching(/missing/),
    });
  });

  it('catches reordered steps, whether the numbers or the contents were swapped', async () => {
    const swapSeq = () => {
      const db = new Database(tmp.db);
      const s = (db.prepare(`SELECT sid FROM sessions WHERE id = ?`).get(ids[1]) as { sid: number }).sid;
      db.transaction(() => {
        db.prepare('UPDATE events SET seq = -2 WHERE sid = ? AND seq = 2').run(s);
        db.prepare('UPDATE events SET seq = 2 WHERE sid = ? AND seq = 4').run(s);
        db.prepare('UPDATE events SET seq = 4 WHERE sid = ? AND seq = -2').run(s);
      })();
      db.close();
    };
    swapSeq();
    expect(await check()).toMatchObject({
      ok: false,
      sessionId: ids[1],
      seq: 2,
      problem: expect.stringMatching(/reordered/),
    });
    await store.close();
    swapSeq(); // back as it was
    expect(await check()).toEqual({ ok: true, sessions: 3, events: 11 });
    await store.close();
    // Swap everything but the numbers (content and hashes) of steps 2 and 4.
    const db = new Database(tmp.db);
    const s = (db.prepare(`SELECT sid FROM sessions WHERE id = ?`).get(ids[1]) as { sid: number }).sid;
    const cols = [
      'at',
      'node',
      'kind',
      'way',
      'text',
      'idx',
      'shown',
      'decision_ms',
      'points',
      'meters',
      'feedback',
      'goto',
      'prev_hash',
      'hash',
    ];
    const row = (seq: number) =>
      db.prepare(`SELECT ${cols.join(', ')} FROM events WHERE sid = ? AND seq = ?`).get(s, seq) as Record<
        string,
        unknown
      >;
    const two = row(2);
    const four = row(4);
    const put = db.prepare(
      `UPDATE events SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE sid = @sid AND seq = @seq`,
    );
    put.run({ ...four, sid: s, seq: 2 });
    put.run({ ...two, sid: s, seq: 4 });
    db.close();
    expect(await check()).toMatchObject({
      ok: false,
      sessionId: ids[1],
      seq: 2,
      problem: expect.stringMatching(/reordered|altered/),
    });
  });

  it('catches an edited result and an edited trainee name', async () => {
    tamper(`UPDATE sessions SET percent = 100, passed = 1 WHERE id = ?`, ids[0]);
    expect(await check()).toMatchObject({
      ok: false,
      sessionId: ids[0],
      seq: null,
      problem: expect.stringMatching(/result/),
    });
    await store.close();
    tamper(`UPDATE sessions SET percent = 14, passed = 0 WHERE id = ?`, ids[0]); // back to the recorded 1 of 7
    tamper(`UPDATE sessions SET trainee = 'mallory' WHERE id = ?`, ids[2]);
    expect(await check()).toMatchObject({
      ok: false,
      sessionId: ids[2],
      seq: 1,
      problem: expect.stringMatching(/details/),
    });
  });

  it('names the first broken session when several are broken', async () => {
    tamper(`UPDATE events SET node = 'x' WHERE sid = ${sid(ids[2]!)} AND seq = 1`);
    tamper(`UPDATE events SET goto = 'x' WHERE sid = ${sid(ids[0]!)} AND seq = 4`);
    expect(await check()).toMatchObject({ ok: false, sessionId: ids[0], seq: 4, sessions: 1 });
  });

  it('says the break in the language asked for; --json keeps the English problem and adds a stable code', async () => {
    tamper(`DELETE FROM events WHERE sid = ${sid(ids[1]!)} AND seq = 3`);
    const en = rp(['verify', '--db', tmp.db, '--lang', 'en']);
    const zh = rp(['verify', '--db', tmp.db, '--lang', 'zh']);
    expect(en).toMatchObject({
      status: 1,
      stderr: '',
      stdout: `session ${ids[1]}: event 3 is missing: it was deleted (the next stored event is 4)\n`,
    });
    expect(zh).toMatchObject({
      status: 1,
      stderr: '',
      stdout: `练习 ${ids[1]}：第 3 步缺失：已被删除（之后保存的是第 4 步）\n`,
    });
    for (const lang of ['zh', 'en']) {
      const json = rp(['verify', '--db', tmp.db, '--json', '--lang', lang]);
      expect(json.status).toBe(1);
      expect(JSON.parse(json.stdout)).toEqual({
        version: 1,
        ok: false,
        sessionId: ids[1],
        seq: 3,
        code: 'event-missing',
        problem: 'event 3 is missing: it was deleted (the next stored event is 4)',
        sessions: 2,
      });
    }
    tamper(`UPDATE sessions SET percent = 100, passed = 1 WHERE id = ?`, ids[0]);
    expect(rp(['verify', '--db', tmp.db, '--lang', 'zh']).stdout).toBe(
      `练习 ${ids[0]}：练习结果（得分、结果、结局或各要点得分）被改动过\n`,
    );
    expect(JSON.parse(rp(['verify', '--db', tmp.db, '--json']).stdout)).toMatchObject({
      seq: null,
      code: 'result-altered',
      problem: expect.stringMatching(/^the session's result/),
    });
  });

  it('every kind of break reads in both languages', () => {
    const breaks: ChainBreak[] = [
      { code: 'event-missing', seq: 3, nextStored: 4 },
      { code: 'details-altered', seq: 1 },
      { code: 'details-altered', seq: null },
      { code: 'events-reordered', seq: 2 },
      { code: 'event-altered', seq: 2 },
      { code: 'events-cut', seq: 5, recorded: 5, remaining: 4 },
      { code: 'head-mismatch', seq: 4 },
      { code: 'result-altered', seq: null },
      { code: 'result-removed', seq: null },
    ];
    for (const b of breaks) {
      expect(chainProblem(b, 'en')).not.toMatch(/[\u4e00-\u9fff]/);
      expect(chainProblem(b, 'zh')).toMatch(/[\u4e00-\u9fff]/);
      if (b.seq !== null) expect(chainProblem(b, 'zh')).toContain(`第 ${b.seq} 步`);
    }
  });

  it('hashes canonical JSON: key order does not matter, values do', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
    expect(canonicalJson({ a: undefined, b: '中' })).toBe('{"b":"中"}');
  });
});
