/**
 * The behaviour every session store must have, written once against the SessionStore
 * interface and run for each implementation (sqlite.test.ts, postgres.test.ts). Whatever
 * the database, the records commands must see the same sessions, events, hashes and report.
 */
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { eventHash, genesisHash, sealHash } from '../../src/store/chain.js';
import type { SessionStore } from '../../src/store/store.js';
import { MergeConflict, type SessionBundle } from '../../src/store/sync/bundle.js';
import { mergeSessions } from '../../src/store/sync/merge-target.js';
import { bundleOf, contentOf, header, record, reportFixture, result, SOURCE_A, SOURCE_B } from './fixtures.js';

export interface StoreFactory {
  /** a new, empty store */
  open(): Promise<SessionStore>;
  /** another connection to the same database (for concurrent writers) */
  reopen(store: SessionStore): Promise<SessionStore>;
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
          passed: 1,
          passRate: 0.3333,
          meanPercent: 65,
          medianPercent: 70,
          meanDecisionMs: 3400, // (1000 + 3000 + 2000 + 5000 + 6000) / 5: bob's run is headless
          lessons: [
            { id: 'respect', meanPoints: 1.67, max: 4 },
            { id: 'prepare', meanPoints: 1, max: 2 },
          ],
          choices: { ask: { 'rule 1': 1, 'rule 2': 1, timeout: 1 }, start: { bad: 2, good: 2 } },
          endings: { 'good-end': 2, 'bad-end': 1 },
        },
        {
          id: 'beta',
          attempts: 1,
          unfinished: 0,
          trainees: 1,
          passed: 1,
          passRate: 1,
          meanPercent: 100,
          medianPercent: 100,
          meanDecisionMs: 500,
          lessons: [{ id: 'respect', meanPoints: 1, max: 1 }],
          choices: { open: { good: 1 } },
          endings: { 'good-end': 1 },
        },
      ]);
      expect(Object.keys(report.scenarios[0]!.endings)).toEqual(['good-end', 'bad-end']);
      expect(Object.keys(report.scenarios[0]!.choices.start!)).toEqual(['bad', 'good']);
      expect(report.trainees).toEqual([
        { name: 'ann', attempts: 3, passed: 2, bestPercent: 100, lastPercent: 100, recent: [85, 40, 100] },
        { name: 'bob', attempts: 1, passed: 0, bestPercent: 70, lastPercent: 70, recent: [70] },
      ]);

      const annOnAlpha = await store.report({ trainee: 'ann', scenario: 'alpha' });
      expect(annOnAlpha.scenarios).toHaveLength(1);
      expect(annOnAlpha.scenarios[0]).toMatchObject({
        attempts: 2,
        unfinished: 0,
        meanPercent: 62.5,
        medianPercent: 62.5,
        meanDecisionMs: 2750,
      });
      expect(annOnAlpha.trainees).toEqual([
        { name: 'ann', attempts: 2, passed: 1, bestPercent: 85, lastPercent: 40, recent: [85, 40] },
      ]);
      expect(await store.report({ since: '2026-03-05T00:00:00.000Z' })).toEqual({ scenarios: [], trainees: [] });
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
        await expect(mergeSessions(store, [rewritten])).rejects.toThrow(
          /event 2 differs from the copy already stored|result was altered/,
        );
        const otherTrainee = bundleOf({ ...a!, header: { ...a!.header, trainee: 'mallory' } });
        await expect(mergeSessions(store, [otherTrainee])).rejects.toThrow(/exists here with a different trainee/);
        expect(await store.events(a!.header.id)).toEqual(good.events);
        expect(await store.listSessions()).toHaveLength(1);
      });
    });
  });
}
