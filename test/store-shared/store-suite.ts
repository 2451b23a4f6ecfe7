/**
 * The behaviour every session store must have, written once against the SessionStore
 * interface and run for each implementation (sqlite.test.ts, postgres.test.ts). Whatever
 * the database, the records commands must see the same sessions, events, hashes and report.
 */
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { eventHash, genesisHash, sealHash } from '../../src/store/chain.js';
import { ledgerGenesis, ledgerHash } from '../../src/store/ledger.js';
import { originOf } from '../../src/store/sync/origin.js';
import type { SessionStore } from '../../src/store/store.js';
import { MergeConflict, type SessionBundle } from '../../src/store/sync/bundle.js';
import { mergeSessions } from '../../src/store/sync/merge-target.js';
import { verifyStore } from '../../src/store/verify.js';
import { bundleOf, contentOf, header, record, reportFixture, result, SOURCE_A, SOURCE_B } from './fixtures.js';

export interface StoreFactory {
  /** a new, empty store */
  open(): Promise<SessionStore>;
  /** another connection to the same database (for concurrent writers) */
  reopen(store: SessionStore): Promise<SessionStore>;
  /** runs SQL on the database directly, as someone with a database shell would */
  sql(store: SessionStore, statements: string): Promise<void>;
  /** the SQL that drops the ledger's append-only triggers */
  readonly unguard: string;
  /** SQL that takes a finished session's result away (SQLite keeps it on the session row, PostgreSQL in a table of its own) */
  readonly wipeResult: (id: string) => string;
}

export function storeSuite(name: string, factory: () => StoreFactory) {
  describe(`${name} store`, () => {
    let store: SessionStore;
    let f: StoreFactory;
    const extra: SessionStore[] = [];
    beforeEach(async () => {
      f = factory();
      store = await f.open();
      await store.saveSource(SOURCE_A);
      await store.saveSource(SOURCE_B);
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await store.close();
    });

    it('keeps scenario sources once per hash and gives them back unchanged', async () => {
      await store.saveSource(SOURCE_A);
      expect(await store.loadSource(SOURCE_A.hash)).toEqual(SOURCE_A);
      expect(await store.loadSource('f'.repeat(64))).toBeUndefined();
    });

    it('records a session step by step, chaining each event to the one before', async () => {
      const [s] = reportFixture();
      const started = await store.startSession(s!.header, { snapshot: { at: 'start' } });
      expect(started).toMatchObject({ id: s!.header.id, eventCount: 0, headHash: genesisHash(s!.header) });
      expect(started.result).toBeUndefined();
      expect(await store.savedPlay(s!.header.id)).toEqual({ snapshot: { at: 'start' } });

      const first = await store.appendEvent(s!.header.id, contentOf(s!.steps[0]!, 1, s!.header.startedAt), {
        snapshot: { at: 1 },
        remainingMs: 900,
      });
      expect(first.prevHash).toBe(genesisHash(s!.header));
      expect(first.hash).toBe(eventHash(first.prevHash, contentOf(s!.steps[0]!, 1, s!.header.startedAt)));
      expect(await store.savedPlay(s!.header.id)).toEqual({ snapshot: { at: 1 }, remainingMs: 900 });
      await store.savePlay(s!.header.id, { snapshot: { at: 'paused' }, remainingMs: 5 });
      expect(await store.savedPlay(s!.header.id)).toEqual({ snapshot: { at: 'paused' }, remainingMs: 5 });

      const second = await store.appendEvent(s!.header.id, contentOf(s!.steps[1]!, 2, s!.header.startedAt));
      expect(second.prevHash).toBe(first.hash);
      const finished = await store.finishSession(s!.header.id, s!.result!);
      expect(finished.result).toEqual(s!.result);
      expect(finished.seal).toBe(sealHash(second.hash, s!.result!));
      expect(finished.eventCount).toBe(2);
      expect(await store.savedPlay(s!.header.id)).toBeUndefined();

      const events = await store.events(s!.header.id);
      expect(events).toEqual([first, second]);
      expect(events[1]!.action).toEqual({ kind: 'say', text: '您好，我是华苏的张工', rule: 0 });
      expect(events[0]!.feedback).toBeNull();
      // The stored copy is exactly what the bundle (export) computes.
      expect(events).toEqual(bundleOf(s!).events);
    });

    it('keeps the shuffle seed with the session, in its genesis hash, and through a merge', async () => {
      const [s] = reportFixture();
      const seeded = { ...s!.header, shuffleSeed: 123456789 };
      const started = await store.startSession(seeded);
      expect(started.shuffleSeed).toBe(123456789);
      expect(started.headHash).toBe(genesisHash(seeded));
      expect(genesisHash(seeded)).not.toBe(genesisHash(s!.header)); // the seed is hashed
      expect((await store.listSessions())[0]!.shuffleSeed).toBe(123456789);
      // without a seed the header hashes as before the seed existed
      const [, other] = reportFixture();
      expect((await store.startSession(other!.header)).shuffleSeed).toBeUndefined();
      // a merged copy keeps it, so the chain verifies on the other side too
      const fresh = await f.open();
      extra.push(fresh);
      const bundle = { ...bundleOf({ ...s!, header: seeded }, SOURCE_A) };
      expect(bundle.header.shuffleSeed).toBe(123456789);
      await mergeSessions(fresh, [bundle]);
      expect(await fresh.findSession(seeded.id)).toMatchObject({
        shuffleSeed: 123456789,
        headHash: bundle.events.at(-1)!.hash,
      });
    });

    it('refuses an event out of order or after the end, with the same message everywhere', async () => {
      const [s] = reportFixture();
      await store.startSession(s!.header);
      await expect(store.appendEvent(s!.header.id, contentOf(s!.steps[1]!, 2, s!.header.startedAt))).rejects.toThrow(
        `session ${s!.header.id} expects step 1 next, not 2 (is it being played in two places?)`,
      );
      await store.appendEvent(s!.header.id, contentOf(s!.steps[0]!, 1, s!.header.startedAt));
      await store.finishSession(s!.header.id, s!.result!);
      await expect(store.appendEvent(s!.header.id, contentOf(s!.steps[1]!, 2, s!.header.startedAt))).rejects.toThrow(
        'is already finished',
      );
      await expect(store.finishSession(s!.header.id, s!.result!)).rejects.toThrow('is already finished');
      await expect(
        store.appendEvent('no-such-session', contentOf(s!.steps[0]!, 1, s!.header.startedAt)),
      ).rejects.toThrow('no session no-such-session');
      expect(await store.events(s!.header.id)).toHaveLength(1);
    });

    it('lists sessions newest first, filtered by trainee, scenario, start time and state', async () => {
      for (const s of reportFixture()) await record(store, s);
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id.slice(0, 8));
      expect(ids(await store.listSessions())).toEqual(['44444444', '33333333', '11111111', '22222222', '11111111']);
      expect((await store.listSessions()).map((r) => r.startedAt)).toEqual([
        '2026-03-04T09:00:00.000Z',
        '2026-03-03T09:00:00.000Z',
        '2026-03-02T09:00:00.000Z',
        '2026-03-01T10:00:00.000Z',
        '2026-03-01T09:00:00.000Z',
      ]);
      expect(ids(await store.listSessions({ trainee: 'bob' }))).toEqual(['22222222']);
      expect(ids(await store.listSessions({ scenario: 'beta' }))).toEqual(['44444444']);
      expect(ids(await store.listSessions({ since: '2026-03-02T00:00:00.000Z' }))).toEqual([
        '44444444',
        '33333333',
        '11111111',
      ]);
      expect(ids(await store.listSessions({ finished: false }))).toEqual(['33333333']);
      expect(await store.listSessions({ finished: true, limit: 2 })).toHaveLength(2);
      const [beta] = await store.listSessions({ scenario: 'beta' });
      expect(beta!.result).toEqual(reportFixture()[4]!.result);
    });

    it('leaves out unfinished sessions without a step when asked (withSteps)', async () => {
      for (const s of reportFixture()) await record(store, s);
      await record(store, {
        header: header('55555555-0000-4000-8000-000000000005', 'cy', SOURCE_A, '2026-03-05T09:00:00.000Z'),
        steps: [],
      });
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id.slice(0, 8));
      expect(ids(await store.listSessions({ finished: false }))).toEqual(['55555555', '33333333']);
      expect(ids(await store.listSessions({ finished: false, withSteps: true }))).toEqual(['33333333']);
      expect(await store.listSessions({ withSteps: true })).toHaveLength(5);
      expect(ids(await store.listSessions({ trainee: 'cy', withSteps: true, limit: 1 }))).toEqual(['33333333']);
    });

    it('finds a session by id or by a unique prefix, and says when a prefix is ambiguous', async () => {
      for (const s of reportFixture()) await record(store, s);
      expect(await store.findSession('22222222-0000-4000-8000-000000000003')).toMatchObject({ trainee: 'bob' });
      expect(await store.findSession('2222')).toMatchObject({ trainee: 'bob' });
      expect(await store.findSession('1111')).toBe('ambiguous');
      expect(await store.findSession('11111111-0000-4000-8000-000000000002')).toMatchObject({ trainee: 'ann' });
      expect(await store.findSession('9999')).toBeUndefined();
      expect(await store.findSession('22')).toBeUndefined();
    });

    it('hands out every session with its events, oldest first, filtered', async () => {
      const fixture = reportFixture();
      for (const s of fixture) await record(store, s);
      const seen: [string, number][] = [];
      await store.eachSession({}, (s, events) => {
        seen.push([s.id.slice(0, 8), events.length]);
      });
      expect(seen).toEqual([
        ['11111111', 2],
        ['11111111', 2],
        ['22222222', 3],
        ['33333333', 1],
        ['44444444', 1],
      ]);
      const ann: string[] = [];
      await store.eachSession({ trainee: 'ann', finished: true }, async (s, events) => {
        expect(events).toEqual(bundleOf(fixture.find((f) => f.header.id === s.id)!).events);
        ann.push(s.id.slice(0, 8));
      });
      expect(ann).toEqual(['11111111', '11111111', '44444444']);
    });

    it('reports the hand-computed numbers', async () => {
      for (const s of reportFixture()) await record(store, s);
      const report = await store.report();
      expect(report.scenarios).toEqual([
        {
          id: 'alpha',
          attempts: 3,
          unfinished: 1,
          trainees: 2,
          // exam only: ann's first attempt
          passed: 1,
          passRate: 1,
          meanPercent: 65,
          medianPercent: 70,
          modes: {
            exam: { attempts: 1, passed: 1, passRate: 1, meanPercent: 85, bestPercent: 85 },
            practice: { attempts: 1, passed: 0, passRate: 0, meanPercent: 40, bestPercent: 40 },
            headless: { attempts: 1, passed: 0, passRate: 0, meanPercent: 70, bestPercent: 70 },
          },
          meanDecisionMs: 3400, // (1000 + 3000 + 2000 + 5000 + 6000) / 5: bob's run is headless
          decisions: { ask: { n: 2, meanMs: 4000 }, start: { n: 3, meanMs: 3000 } },
          lessons: [
            { id: 'respect', meanPoints: 1.67, max: 4 },
            { id: 'prepare', meanPoints: 1, max: 2 },
          ],
          choices: { ask: { 'rule 1': 1, 'rule 2': 1, timeout: 1 }, start: { bad: 2, good: 2 } },
          answers: {
            ask: { 'rule 1': [{ text: '您好，我是华苏的张工', n: 1 }], 'rule 2': [{ text: 'hello', n: 1 }] },
          },
          branches: { check: { 'when 2': 1 } },
          endings: { 'good-end': 2, 'bad-end': 1 },
        },
        {
          id: 'beta',
          attempts: 1,
          unfinished: 0,
          trainees: 1,
          passed: 0,
          passRate: null,
          meanPercent: 100,
          medianPercent: 100,
          modes: { practice: { attempts: 1, passed: 1, passRate: 1, meanPercent: 100, bestPercent: 100 } },
          meanDecisionMs: 500,
          decisions: { open: { n: 1, meanMs: 500 } },
          lessons: [{ id: 'respect', meanPoints: 1, max: 1 }],
          choices: { open: { good: 1 } },
          answers: {},
          branches: {},
          endings: { 'good-end': 1 },
        },
      ]);
      expect(Object.keys(report.scenarios[0]!.endings)).toEqual(['good-end', 'bad-end']);
      expect(Object.keys(report.scenarios[0]!.choices.start!)).toEqual(['bad', 'good']);
      expect(report.trainees).toEqual([
        {
          name: 'ann',
          attempts: 3,
          exams: 1,
          passed: 1,
          passRate: 1,
          bestPercent: 100,
          bestExamPercent: 85,
          lastPercent: 100,
          recent: [85, 40, 100],
        },
        {
          name: 'bob',
          attempts: 1,
          exams: 0,
          passed: 0,
          passRate: null,
          bestPercent: 70,
          bestExamPercent: null,
          lastPercent: 70,
          recent: [70],
        },
      ]);

      const annOnAlpha = await store.report({ trainee: 'ann', scenario: 'alpha' });
      expect(annOnAlpha.scenarios).toHaveLength(1);
      expect(annOnAlpha.scenarios[0]).toMatchObject({
        attempts: 2,
        unfinished: 0,
        meanPercent: 62.5,
        medianPercent: 62.5,
        meanDecisionMs: 2750,
        answers: { ask: { 'rule 1': [{ text: '您好，我是华苏的张工', n: 1 }] } },
        branches: {},
      });
      expect(annOnAlpha.trainees).toEqual([
        {
          name: 'ann',
          attempts: 2,
          exams: 1,
          passed: 1,
          passRate: 1,
          bestPercent: 85,
          bestExamPercent: 85,
          lastPercent: 40,
          recent: [85, 40],
        },
      ]);
      expect(await store.report({ since: '2026-03-05T00:00:00.000Z' })).toEqual({
        scenarios: [],
        trainees: [],
        trend: { scenarios: [], trainees: [] },
        matrix: [],
      });
    });

    it('groups weeks in the reader zone, sums lessons per trainee, and tells a trainee where they stand', async () => {
      for (const s of reportFixture()) await record(store, s);
      const week = (key: string, period: string, mode: string, attempts: number, passed: number, percent: number) => ({
        key,
        period,
        mode,
        attempts,
        passed,
        meanPercent: percent,
        bestPercent: percent,
      });
      // 03-01 is a Sunday (the week of 02-23), 03-02 a Monday
      const utc = await store.report();
      expect(utc.trend.scenarios).toEqual([
        week('alpha', '2026-02-23', 'exam', 1, 1, 85),
        week('alpha', '2026-02-23', 'headless', 1, 0, 70),
        week('alpha', '2026-03-02', 'practice', 1, 0, 40),
        week('beta', '2026-03-02', 'practice', 1, 1, 100),
      ]);
      expect(utc.trend.trainees.map((w) => [w.key, w.period, w.mode])).toEqual([
        ['ann', '2026-02-23', 'exam'],
        ['ann', '2026-03-02', 'practice'],
        ['bob', '2026-02-23', 'headless'],
      ]);
      // ten hours west of UTC, Monday 09:00 is still Sunday: ann's second attempt moves back a week
      const west = await store.report({}, { offsetMinutes: -600 });
      expect(west.trend.scenarios.filter((w) => w.key === 'alpha').map((w) => w.period)).toEqual([
        '2026-02-23',
        '2026-02-23',
        '2026-02-23',
      ]);
      expect(utc.matrix).toEqual([
        { trainee: 'ann', lesson: 'prepare', sessions: 2, points: 3, max: 4 },
        { trainee: 'ann', lesson: 'respect', sessions: 3, points: 4, max: 9 },
        { trainee: 'bob', lesson: 'prepare', sessions: 1, points: 0, max: 2 },
        { trainee: 'bob', lesson: 'respect', sessions: 1, points: 2, max: 4 },
      ]);
      expect(await store.progress('ann')).toEqual({
        trainee: 'ann',
        cases: [
          {
            scenarioId: 'alpha',
            attempts: 2,
            exams: 1,
            bestExamPercent: 85,
            passed: true,
            bestPercent: 85,
            lastAt: '2026-03-02T09:00:00.000Z',
          },
          {
            scenarioId: 'beta',
            attempts: 1,
            exams: 0,
            bestExamPercent: null,
            passed: false,
            bestPercent: 100,
            lastAt: '2026-03-04T09:00:00.000Z',
          },
        ],
        lessons: [
          { lesson: 'prepare', sessions: 2, points: 3, max: 4 },
          { lesson: 'respect', sessions: 3, points: 4, max: 9 },
        ],
      });
      expect(await store.progress('nobody')).toEqual({ trainee: 'nobody', cases: [], lessons: [] });
    });

    it('keeps every event of several writers recording at once', async () => {
      const writers = await Promise.all([1, 2, 3, 4].map(() => f.reopen(store)));
      extra.push(...writers);
      const sessions = writers.map((_, w) => ({
        header: header(`55555555-0000-4000-8000-00000000000${w}`, `w${w}`, SOURCE_A, `2026-04-0${w + 1}T00:00:00.000Z`),
        steps: Array.from({ length: 25 }, (_, i) => ({
          node: `n${i}`,
          action: { kind: 'choice' as const, choice: i % 2 ? 'good' : 'bad' },
          decisionMs: i,
        })),
        result: result('2026-04-09T00:00:00.000Z', 50, false, {}),
      }));
      await Promise.all(writers.map((w, i) => record(w, sessions[i]!)));
      for (const s of sessions) {
        const events = await store.events(s.header.id);
        expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
        expect(events).toEqual(bundleOf(s).events);
      }
      expect((await store.report()).scenarios[0]!.choices.n0).toEqual({ bad: 4 });
    });

    it('a second writer of one session is refused, not interleaved', async () => {
      const [s] = reportFixture();
      const other = await f.reopen(store);
      extra.push(other);
      await store.startSession(s!.header);
      const step1 = contentOf(s!.steps[0]!, 1, s!.header.startedAt);
      const results = await Promise.allSettled([
        store.appendEvent(s!.header.id, step1),
        other.appendEvent(s!.header.id, step1),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(
        /expects step 2 next, not 1/,
      );
      expect(await store.events(s!.header.id)).toHaveLength(1);
    });

    it('stores no Infinity or NaN: a result of two 1e308 scores (total Infinity, percent NaN) verifies untouched', async () => {
      const [s] = reportFixture();
      await store.startSession(s!.header);
      await store.appendEvent(s!.header.id, { ...contentOf(s!.steps[0]!, 1, s!.header.startedAt), decisionMs: 1.5 });
      const overflowed = {
        ...s!.result!,
        total: 1e308 + 1e308,
        max: Number.POSITIVE_INFINITY,
        percent: Number.NaN,
        lessons: { respect: { points: Number.POSITIVE_INFINITY, max: -0 }, prepare: { points: 1e308, max: 2 } },
      };
      const finished = await store.finishSession(s!.header.id, overflowed);
      const stored = finished.result!;
      for (const n of [
        stored.total,
        stored.max,
        stored.percent,
        ...Object.values(stored.lessons).flatMap((l) => [l.points, l.max]),
      ])
        expect(Number.isFinite(n), String(n)).toBe(true);
      expect(stored).toMatchObject({ total: 1e9, max: 1e9, percent: 0 });
      expect(Object.is(stored.lessons.respect!.max, -0)).toBe(false);
      expect(await verifyStore(store)).toMatchObject({ ok: true, sessions: 1 });
      expect((await store.events(s!.header.id))[0]!.decisionMs).toBe(2);
    });

    describe('the store-wide ledger', () => {
      const ids = reportFixture().map((s) => s.header.id);
      const deleteSession = (id: string) =>
        f.sql(
          store,
          `DELETE FROM events WHERE sid = (SELECT sid FROM sessions WHERE id = '${id}');
           ${f.wipeResult(id)}
           DELETE FROM session_lessons WHERE sid = (SELECT sid FROM sessions WHERE id = '${id}');
           DELETE FROM sessions WHERE id = '${id}';`,
        );

      it('numbers every session and result in order; verify names a deleted session, then the gap, by number', async () => {
        for (const s of reportFixture()) await record(store, s);
        const entries = await store.ledger();
        expect(entries.map((e) => [e.n, e.kind, e.sessionId])).toEqual([
          [1, 'session', ids[0]],
          [2, 'result', ids[0]],
          [3, 'session', ids[1]],
          [4, 'result', ids[1]],
          [5, 'session', ids[2]],
          [6, 'result', ids[2]],
          [7, 'session', ids[3]],
          [8, 'session', ids[4]],
          [9, 'result', ids[4]],
        ]);
        expect(await store.ledgerOf(ids[1]!)).toEqual(entries.slice(2, 4));
        expect(await verifyStore(store)).toMatchObject({ ok: true, ledger: { entries: 9, head: entries[8]!.hash } });

        await deleteSession(ids[1]!); // ann's failed attempt
        expect(await verifyStore(store)).toMatchObject({
          ok: false,
          sessionId: ids[1],
          code: 'session-missing',
          entry: 3,
        });
        await f.sql(store, `${f.unguard} DELETE FROM ledger WHERE session_id = '${ids[1]}';`);
        expect(await verifyStore(store)).toMatchObject({ ok: false, sessionId: null, code: 'ledger-gap', entry: 3 });
      });

      it('names by number a session whose entries were reordered, and one deleted and put back', async () => {
        for (const s of reportFixture()) await record(store, s);
        // entries 3 (ann's failed attempt) and 5 swapped: the order the store took them in is gone
        await f.sql(
          store,
          `${f.unguard} UPDATE ledger SET n = -1 WHERE n = 3; UPDATE ledger SET n = 3 WHERE n = 5;
           UPDATE ledger SET n = 5 WHERE n = -1;`,
        );
        expect(await verifyStore(store)).toMatchObject({ ok: false, code: 'ledger-broken', entry: 3 });
        await f.sql(
          store,
          'UPDATE ledger SET n = -1 WHERE n = 3; UPDATE ledger SET n = 3 WHERE n = 5; UPDATE ledger SET n = 5 WHERE n = -1;',
        );
        expect(await verifyStore(store)).toMatchObject({ ok: true });

        // the same attempt deleted and stored again (as an import would): it takes new entries,
        // and its first entry still names it
        await deleteSession(ids[1]!);
        const [, failed] = reportFixture();
        await mergeSessions(store, [bundleOf(failed!)]);
        expect(await verifyStore(store)).toMatchObject({
          ok: false,
          sessionId: ids[1],
          code: 'session-relisted',
          entry: 10,
        });
      });

      it('keeps the ledger append-only, and a session finished once cannot be finished again', async () => {
        const [s] = reportFixture();
        await record(store, s!);
        await expect(f.sql(store, 'DELETE FROM ledger WHERE n = 1;')).rejects.toThrow(/append-only/);
        await f.sql(
          store,
          `${f.wipeResult(s!.header.id)}
           DELETE FROM session_lessons WHERE sid = (SELECT sid FROM sessions WHERE id = '${s!.header.id}');`,
        );
        expect(await verifyStore(store)).toMatchObject({ ok: false, code: 'result-removed', entry: 2 });
        await expect(store.finishSession(s!.header.id, s!.result!)).rejects.toThrow('is already finished');
        await expect(store.appendEvent(s!.header.id, contentOf(s!.steps[0]!, 3, s!.header.startedAt))).rejects.toThrow(
          'is already finished',
        );
        // nor by merging a finished copy into it
        await expect(mergeSessions(store, [bundleOf(s!)])).rejects.toThrow(/finished here once/);
        expect(await store.ledger()).toHaveLength(2);
      });

      it("keeps a laptop's entries as they come by sync: a session it dropped before uploading leaves a gap", async () => {
        const [a, b, c] = reportFixture();
        const laptop = await f.open();
        extra.push(laptop);
        await laptop.saveSource(SOURCE_A);
        for (const s of [a!, b!, c!]) await record(laptop, s);
        const up = async (s: typeof a) => ({ ...bundleOf(s!), origin: await originOf(laptop, s!.header.id) });
        await mergeSessions(store, [await up(a)], { via: 'sync' });
        await mergeSessions(store, [await up(c)], { via: 'sync' }); // b never arrives
        const origin = await laptop.storeId();
        expect((await store.originLedger()).map((e) => [e.origin, e.n, e.kind, e.via])).toEqual([
          [origin, 1, 'session', 'sync'],
          [origin, 2, 'result', 'sync'],
          [origin, 5, 'session', 'sync'],
          [origin, 6, 'result', 'sync'],
        ]);
        const gap = await verifyStore(store);
        expect(gap).toMatchObject({ ok: false, code: 'origin-gap', entry: 3, sessionId: c!.header.id });
        expect(gap.ok ? '' : gap.problem).toMatch(
          /entries 3–4 of the ledger of the computer with store .* \(sessions of ann\)/,
        );
        // it arrives after all: no gap
        await mergeSessions(store, [await up(b)], { via: 'sync' });
        expect(await verifyStore(store)).toMatchObject({ ok: true });
      });

      it('a laptop that never had a session leaves no gap; one whose history was rewritten after upload is refused', async () => {
        const [a, , c] = reportFixture();
        const laptop = await f.open();
        extra.push(laptop);
        await laptop.saveSource(SOURCE_A);
        for (const s of [a!, c!]) await record(laptop, s);
        const up = async (s: typeof a) => ({ ...bundleOf(s!), origin: await originOf(laptop, s!.header.id) });
        await mergeSessions(store, [await up(a), await up(c)], { via: 'sync' });
        expect(await verifyStore(store)).toMatchObject({ ok: true });

        // the laptop's entry 1 rewritten to name another session (as if a was deleted and the ledger rebuilt)
        const [, other] = reportFixture();
        const origin = await laptop.storeId();
        const body = genesisHash(other!.header);
        const prevHash = ledgerGenesis(origin);
        const forged = {
          n: 1,
          kind: 'session' as const,
          prevHash,
          hash: ledgerHash(prevHash, { n: 1, kind: 'session', sessionId: other!.header.id, body }),
        };
        const bundle = { ...bundleOf({ ...other!, result: undefined }), origin: { store: origin, entries: [forged] } };
        await expect(mergeSessions(store, [bundle], { via: 'sync' })).rejects.toThrow(
          /were rewritten after they were uploaded/,
        );
        await expect(
          mergeSessions(store, [
            { ...bundle, origin: { store: origin, entries: [{ ...forged, hash: 'f'.repeat(64) }] } },
          ]),
        ).rejects.toThrow(/does not match it/);
      });

      it('entries that came in an imported file may leave gaps (an export can be filtered)', async () => {
        const [a, b, c] = reportFixture();
        const other = await f.open();
        extra.push(other);
        await other.saveSource(SOURCE_A);
        for (const s of [a!, b!, c!]) await record(other, s);
        await mergeSessions(store, [{ ...bundleOf(c!), origin: await originOf(other, c!.header.id) }]);
        expect(await verifyStore(store)).toMatchObject({ ok: true });
        expect((await store.originLedger()).map((e) => [e.n, e.via])).toEqual([
          [5, 'import'],
          [6, 'import'],
        ]);
      });
    });

    describe('merging sessions recorded elsewhere', () => {
      it('adds them once: merging the same bundles again changes nothing', async () => {
        const bundles = reportFixture().map((s) => bundleOf(s, s.header.scenarioId === 'alpha' ? SOURCE_A : SOURCE_B));
        const first = await mergeSessions(store, bundles);
        expect(first.map((o) => [o.created, o.added, o.finished])).toEqual([
          [true, 2, true],
          [true, 2, true],
          [true, 3, true],
          [true, 1, false],
          [true, 1, true],
        ]);
        const again = await mergeSessions(store, bundles);
        expect(again.every((o) => !o.created && o.added === 0 && !o.finished)).toBe(true);
        const recorded = await f.open();
        extra.push(recorded);
        for (const s of reportFixture()) {
          await recorded.saveSource(SOURCE_A);
          await recorded.saveSource(SOURCE_B);
          await record(recorded, s);
        }
        expect(await store.report()).toEqual(await recorded.report());
        for (const s of reportFixture()) {
          expect(await store.events(s.header.id)).toEqual(bundleOf(s).events);
          expect(await store.findSession(s.header.id)).toEqual(await recorded.findSession(s.header.id));
        }
      });

      it('continues a session from where the target stopped (tail only), then finishes it', async () => {
        const [s] = reportFixture();
        const full = bundleOf(s!);
        await mergeSessions(store, [{ header: full.header, events: full.events.slice(0, 1) }]);
        expect(((await store.findSession(s!.header.id)) as { eventCount: number }).eventCount).toBe(1);
        const [tail] = await mergeSessions(store, [
          { header: full.header, events: full.events.slice(1), result: full.result!, seal: full.seal! },
        ]);
        expect(tail).toMatchObject({ created: false, added: 1, finished: true, eventCount: 2 });
        expect(await store.events(s!.header.id)).toEqual(full.events);
      });

      it('stores the scenario source a bundle brings, and refuses one it does not have', async () => {
        const fresh = await f.open();
        extra.push(fresh);
        const [s] = reportFixture();
        await expect(mergeSessions(fresh, [bundleOf(s!)])).rejects.toThrow(
          /the scenario it was played on \(alpha\) is missing/,
        );
        await mergeSessions(fresh, [bundleOf(s!, SOURCE_A)]);
        expect(await fresh.loadSource(SOURCE_A.hash)).toEqual(SOURCE_A);
      });

      it('refuses altered, reordered or conflicting copies, and stores nothing of the batch', async () => {
        const [a, b, c] = reportFixture();
        const good = bundleOf(a!);
        const edited: SessionBundle = {
          ...bundleOf(b!),
          events: bundleOf(b!).events.map((e, i) => (i === 1 ? { ...e, decisionMs: 1 } : e)),
        };
        await expect(mergeSessions(store, [good, edited])).rejects.toThrow(MergeConflict);
        await expect(mergeSessions(store, [good, edited])).rejects.toThrow(
          `session ${b!.header.id}: event 2 was altered`,
        );
        expect(await store.listSessions()).toEqual([]);

        const swapped = bundleOf(c!);
        const reordered: SessionBundle = {
          ...swapped,
          events: [swapped.events[1]!, swapped.events[0]!, swapped.events[2]!],
        };
        await expect(mergeSessions(store, [reordered])).rejects.toThrow(
          /expected event 3, found 1 \(missing or out of order\)/,
        );
        const gap: SessionBundle = {
          ...swapped,
          events: [swapped.events[0]!, swapped.events[2]!],
          result: undefined,
          seal: undefined,
        };
        await expect(mergeSessions(store, [gap])).rejects.toThrow(/expected event 2, found 3/);
        const reResult: SessionBundle = { ...swapped, result: { ...swapped.result!, percent: 99 } };
        await expect(mergeSessions(store, [reResult])).rejects.toThrow(/the result was altered/);

        await mergeSessions(store, [good]);
        // Same id, a different history: a conflict, not a silent second version.
        const rewritten = bundleOf({ ...a!, steps: [{ ...a!.steps[0]!, decisionMs: 9 }, a!.steps[1]!] });
        await expect(mergeSessions(store, [rewritten])).rejects.toThrow(/event 1 differs from the copy already stored/);
        const otherTrainee = bundleOf({ ...a!, header: { ...a!.header, trainee: 'mallory' } });
        await expect(mergeSessions(store, [otherTrainee])).rejects.toThrow(/exists here with a different trainee/);
        expect(await store.events(a!.header.id)).toEqual(good.events);
        expect(await store.listSessions()).toHaveLength(1);
      });
    });
  });
}
