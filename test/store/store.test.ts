/** The SQLite store through the SessionStore interface: migrations, events, sources, lookups. */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compile, runSteps } from '../../src/core/index.js';
import { compiledFromSource, sourceOf } from '../../src/store/scenario-source.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { StoreError } from '../../src/store/store.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/sqlite/migrations.js';
import { dbPathFrom, traineeFrom } from '../../src/store/open.js';
import { loadBasement, record, tempDir } from './helpers.js';
import { verifyStore } from '../../src/store/verify.js';

let tmp: ReturnType<typeof tempDir>;
let store: SqliteStore;
beforeEach(() => {
  tmp = tempDir();
  store = openSqliteStore(tmp.db);
});
afterEach(async () => {
  await store.close();
  tmp.done();
});

describe('opening and migrations', () => {
  it('creates a WAL database at the latest schema, with every migration listed once', async () => {
    const db = new Database(tmp.db, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM migrations ORDER BY version').all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version })),
    );
    db.close();
    // opening again applies nothing twice
    const again = openSqliteStore(tmp.db);
    expect(again.db.prepare('SELECT COUNT(*) AS n FROM migrations').get()).toEqual({ n: MIGRATIONS.length });
    expect(again.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(again.db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(5000);
    await again.close();
  });

  it('migrates a version-1 database with data to the latest, backfilling what versions 2, 3 and 4 add', async () => {
    await record(store, { trainee: 'old', steps: [{ say: 'hello' }, 'show-permit'] });
    const before = await store.report();
    await store.close();
    // Take the file back to version 1 as it was shipped.
    const db = new Database(tmp.db);
    db.exec(`DROP TRIGGER events_scenario_id; DROP INDEX events_by_way; DROP INDEX sessions_headless; ALTER TABLE events DROP COLUMN scenario_id;
      DROP TRIGGER session_lessons_scenario_id; DROP INDEX session_lessons_by_scenario; ALTER TABLE session_lessons DROP COLUMN scenario_id;
      DROP INDEX sessions_report; DROP INDEX sessions_trainee_report; ALTER TABLE sessions DROP COLUMN shuffle_seed;
      DELETE FROM migrations WHERE version > 1;`);
    db.pragma('user_version = 1');
    db.close();
    store = openSqliteStore(tmp.db);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM events WHERE scenario_id IS NULL').get()).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM session_lessons WHERE scenario_id IS NULL').get()).toEqual({
      n: 0,
    });
    expect(await store.report()).toEqual(before);
    // version 4: sessions recorded before shuffling have no seed, and their chains still verify
    expect(store.db.prepare('SELECT shuffle_seed FROM sessions').all()).toEqual([{ shuffle_seed: null }]);
    expect((await store.listSessions())[0]!.shuffleSeed).toBeUndefined();
    expect((await verifyStore(store)).ok).toBe(true);
  });

  it('fills in the scenario of an event inserted without it (an import or an older writer)', async () => {
    const id = await record(store, { trainee: 'a', steps: [{ say: 'hello' }] });
    store.db.prepare('UPDATE events SET scenario_id = NULL').run();
    const row = store.db.prepare('SELECT * FROM events LIMIT 1').get() as Record<string, unknown>;
    store.db.prepare('DELETE FROM events').run();
    const { scenario_id: _drop, ...rest } = row;
    store.db
      .prepare(
        `INSERT INTO events (${Object.keys(rest).join(', ')}) VALUES (${Object.keys(rest)
          .map((k) => `@${k}`)
          .join(', ')})`,
      )
      .run(rest);
    expect(store.db.prepare('SELECT scenario_id FROM events').all()).toEqual([{ scenario_id: 'basement-alarm' }]);
    expect(id).toBeTruthy();
  });

  it('refuses a database written by a newer version, in words', async () => {
    await store.close();
    const db = new Database(tmp.db);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openSqliteStore(tmp.db)).toThrow(/newer roleplay/);
    store = openSqliteStore(':memory:');
  });

  it('takes the database from --db, then ROLEPLAY_DB, else ~/.roleplay; the trainee from --trainee, ROLEPLAY_TRAINEE, the user', () => {
    expect(dbPathFrom('/x/a.db', { ROLEPLAY_DB: '/y/b.db' })).toBe('/x/a.db');
    expect(dbPathFrom(undefined, { ROLEPLAY_DB: '/y/b.db' })).toBe('/y/b.db');
    expect(dbPathFrom(undefined, { HOME: '/' })).toMatch(/^\/\.roleplay\/roleplay\.db$/);
    expect(traineeFrom('张工', { ROLEPLAY_TRAINEE: 'x' })).toBe('张工');
    expect(traineeFrom(undefined, { ROLEPLAY_TRAINEE: 'li\u001b[31m' })).toBe('li');
    expect(traineeFrom(undefined, {}).length).toBeGreaterThan(0);
  });
});

describe('sessions and events', () => {
  it('stores each step with its details and returns them as written', async () => {
    const id = await record(store, {
      trainee: 'alice',
      mode: 'practice',
      steps: [{ say: 'hello' }, 'argue', 'wait-calmly'],
      decisionMs: [4200, 1800, 900],
    });
    const s = await store.findSession(id);
    expect(s).not.toBe('ambiguous');
    const session = s as Exclude<typeof s, 'ambiguous' | undefined>;
    expect(session).toMatchObject({
      trainee: 'alice',
      scenarioId: 'basement-alarm',
      mode: 'practice',
      lang: 'zh',
      eventCount: 5,
    });
    expect(session.result).toMatchObject({
      outcome: 'success',
      ending: 'repaired',
      total: 1,
      max: 7,
      percent: 14,
      passed: false,
    });
    expect(session.result!.lessons).toEqual({
      composure: { points: -1, max: 0 },
      courtesy: { points: 1, max: 3 },
      escalate: { points: 1, max: 3 },
      paperwork: { points: 0, max: 3 },
    });
    const events = await store.events(id);
    expect(events.map((e) => [e.seq, e.node, e.action.kind, e.goto])).toEqual([
      [1, 'lobby', 'say', 'permit'],
      [2, 'permit', 'choice', 'after-argue'],
      [3, 'after-argue', 'auto', 'on-hold'],
      [4, 'on-hold', 'choice', 'clock-check'],
      [5, 'clock-check', 'auto', 'repaired'],
    ]);
    expect(events[0]!.action).toEqual({ kind: 'say', text: 'hello', rule: 1 });
    expect(events[0]!.decisionMs).toBe(4200);
    expect(events[1]!.shown).toEqual(['show-permit', 'call-noc', 'argue']);
    expect(events[1]!.points).toEqual({ composure: -1, courtesy: -1 });
    expect(events[1]!.meters).toEqual({ goodwill: 2, delay: 0 });
    // at `on-hold` with delay 0: `give-up` is hidden (delay >= 2), `slip-past` is shown
    expect(events[3]!.shown).toEqual(['wait-calmly', 'slip-past']);
    expect(events[3]!.decisionMs).toBe(900);
    expect(events[2]!.decisionMs).toBe(0);
    expect(events.every((e, i) => i === 0 || e.prevHash === events[i - 1]!.hash)).toBe(true);
  });

  it('refuses a step out of sequence and a step after the end', async () => {
    const id = await record(store, { trainee: 'a', steps: [{ say: 'hello' }] });
    const e = (await store.events(id))[0]!;
    const { sessionId: _s, prevHash: _p, hash: _h, ...content } = e;
    await expect(store.appendEvent(id, { ...content, seq: 3 })).rejects.toThrow(/expects step 2 next/);
    const done = await record(store, { trainee: 'a', steps: [{ say: 'hello' }, 'show-permit'] });
    await expect(store.appendEvent(done, { ...content, seq: 3 })).rejects.toThrow(StoreError);
  });

  it('finds a session by a unique prefix and says when a prefix is ambiguous', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, () => record(store, { trainee: 'a', steps: [] })));
    const one = ids[0]!;
    expect((await store.findSession(one.slice(0, 13))) as { id: string }).toMatchObject({ id: one });
    expect(await store.findSession('zzzz')).toBeUndefined();
    // 40 random ids: some share their first hex digit
    const byFirst = new Map<string, number>();
    for (const id of ids) byFirst.set(id[0]!, (byFirst.get(id[0]!) ?? 0) + 1);
    const shared = [...byFirst].find(([, n]) => n > 1)![0];
    expect(await store.findSession(shared)).toBeUndefined(); // too short to search
    const twoOf = ids.filter((id) => id.startsWith(shared));
    let prefix = shared;
    while (twoOf.every((id) => id.startsWith(prefix + twoOf[0]![prefix.length]))) prefix += twoOf[0]![prefix.length];
    if (prefix.length >= 4) expect(await store.findSession(prefix)).toBe('ambiguous');
  });

  it('lists newest first and filters by trainee, scenario and start time', async () => {
    await record(store, { trainee: 'alice', steps: [], startedAt: '2026-01-01T08:00:00Z' });
    await record(store, { trainee: 'bob', steps: [], startedAt: '2026-01-03T08:00:00Z' });
    await record(store, { trainee: 'alice', steps: [], startedAt: '2026-01-02T08:00:00Z' });
    expect((await store.listSessions()).map((s) => s.startedAt.slice(0, 10))).toEqual([
      '2026-01-03',
      '2026-01-02',
      '2026-01-01',
    ]);
    expect((await store.listSessions({ trainee: 'alice' })).length).toBe(2);
    expect((await store.listSessions({ since: '2026-01-02T00:00:00.000Z' })).length).toBe(2);
    expect((await store.listSessions({ scenario: 'other' })).length).toBe(0);
  });
});

describe('scenario sources', () => {
  it('keeps one copy per content hash, and an edited YAML keeps old sessions scoring as they were', async () => {
    const a = await record(store, { trainee: 'a', steps: [{ say: '讯达电源' }, 'show-permit'] });
    await record(store, { trainee: 'b', steps: [{ say: '讯达电源' }, 'show-permit'] });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM scenario_sources').get()).toEqual({ n: 1 });

    // A trainer makes show-permit worth 5 instead of 2.
    const edited = loadBasement().source.replace(
      'score: { paperwork: 2 }\n        goto: repaired',
      'score: { paperwork: 5 }\n        goto: repaired',
    );
    expect(edited).not.toBe(loadBasement().source);
    const c = await record(store, { trainee: 'c', steps: [{ say: '讯达电源' }, 'show-permit'], text: edited });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM scenario_sources').get()).toEqual({ n: 2 });

    const old = (await store.findSession(a)) as { scenarioHash: string; result: { total: number; percent: number } };
    const fresh = (await store.findSession(c)) as { scenarioHash: string; result: { total: number; percent: number } };
    expect(old.scenarioHash).not.toBe(fresh.scenarioHash);
    expect(old.result.total).toBe(5);
    expect(fresh.result.total).toBe(8);
    // Replaying the old session on its stored source gives exactly its recorded score.
    const compiled = compiledFromSource((await store.loadSource(old.scenarioHash))!);
    const replay = runSteps(compiled, [{ say: '讯达电源' }, 'show-permit']);
    expect(replay.ok && replay.report.score.total).toBe(5);
    expect(replay.ok && replay.report.score.percent).toBe(old.result.percent);
    expect(sourceOf(loadBasement().scenario, loadBasement().source).hash).toBe(old.scenarioHash);
    expect(compile(loadBasement(edited).scenario)).toBeDefined();
  });
});
