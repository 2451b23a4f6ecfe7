/**
 * Shuffled replies (issue #16): each play shows the replies in its own order, keys 1-9 follow
 * the order shown, the seed is recorded with the session (in its genesis hash, so verify
 * covers it), review shows the order the trainee saw, a resumed session keeps it, and
 * without shuffling the replies stay in file order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { compile, shuffledChoices } from '../../src/core/index.js';
import { StoreRecorder } from '../../src/store/recorder.js';
import { restorePoint } from '../../src/store/resume.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { verifyStore } from '../../src/store/verify.js';
import { plainReview } from '../../src/ui/review/review-lines.js';
import { timelineOf } from '../../src/ui/review/timeline.js';
import { KEY, openFixture, renderApp } from '../ui/helpers.js';
import { readFileSync } from 'node:fs';
import { rp, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
let store: SqliteStore;
beforeEach(() => {
  tmp = tempDir();
  store = openSqliteStore(tmp.db);
});
afterEach(async () => {
  cleanup();
  await store.close();
  tmp.done();
});

const opened = () => openFixture('scoring-model.yaml');
const PLAN = (opened().scenario.nodes.plan as unknown as { choices: readonly { id: string; text: { zh: string } }[] })
  .choices;
const FILE_ORDER = PLAN.map((c) => c.id);
const orderOf = (seed: number) => shuffledChoices(PLAN, seed, 'plan').map((c) => c.id);
/** Two seeds whose orders differ from each other and from file order. */
const [SEED_A, SEED_B] = (() => {
  const seeds: number[] = [];
  for (let s = 1; seeds.length < 2; s++) {
    const o = orderOf(s).join();
    if (o !== FILE_ORDER.join() && seeds.every((x) => orderOf(x).join() !== o)) seeds.push(s);
  }
  return seeds as [number, number];
})();
const textOf = (id: string) => PLAN.find((c) => c.id === id)!.text.zh;

/** The replies on screen, in their numbered order. */
const shownOn = (frame: string) =>
  PLAN.map((c) => ({ id: c.id, at: frame.indexOf(c.text.zh) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.id);

async function toPlan(seeds: readonly number[] | undefined, recorder?: StoreRecorder) {
  const h = await renderApp({
    start: { kind: 'play', opened: opened() },
    mode: 'exam',
    ...(seeds ? { seeds } : {}),
    ...(recorder ? { recorder } : {}),
  });
  await h.waitFor((f) => f.includes('误码'));
  await h.answer('今晚十点我们一起去站上测');
  const f = await h.waitFor((x) => x.includes('到时候谁来'));
  return { h, frame: f };
}

describe('shuffled replies', () => {
  it('two plays with different seeds show different orders; keys follow the order shown', async () => {
    const a = await toPlan([SEED_A]);
    expect(shownOn(a.frame)).toEqual(orderOf(SEED_A));
    expect(a.frame).toContain(`1. ${textOf(orderOf(SEED_A)[0]!)}`);
    a.h.unmount();
    const b = await toPlan([SEED_B]);
    expect(shownOn(b.frame)).toEqual(orderOf(SEED_B));
    expect(orderOf(SEED_A)).not.toEqual(orderOf(SEED_B));
    b.h.unmount();
  });

  it('without shuffling (--no-shuffle) the replies are in file order', async () => {
    const { frame } = await toPlan(undefined);
    expect(shownOn(frame)).toEqual(FILE_ORDER);
    expect(frame).toContain(`1. ${textOf(FILE_ORDER[0]!)}`);
  });

  it('records the seed and the order shown; verify covers them; review shows that order; resume keeps it', async () => {
    const recorder = new StoreRecorder(store, '张工');
    const { h } = await toPlan([SEED_A], recorder);
    const id = (await recorder.sessionId())!;
    h.unmount(); // the terminal dies at the plan node
    expect(await recorder.close()).toBeUndefined();

    const session = (await store.findSession(id)) as Exclude<
      Awaited<ReturnType<typeof store.findSession>>,
      'ambiguous' | undefined
    >;
    expect(session.shuffleSeed).toBe(SEED_A);
    expect(await verifyStore(store)).toMatchObject({ ok: true, sessions: 1 });

    // resume in a new App whose own seed would give another order: the session's seed wins
    const events = await store.events(id);
    const point = restorePoint(compile(opened().scenario), events, await store.savedPlay(id));
    const again = new StoreRecorder(store, '张工', { session, events });
    const r = await renderApp({
      start: { kind: 'play', opened: opened(), resume: { ...point, shuffleSeed: session.shuffleSeed! } },
      recorder: again,
      seeds: [SEED_B],
    });
    const f = await r.waitFor((x) => x.includes('到时候谁来'));
    expect(shownOn(f)).toEqual(orderOf(SEED_A));
    await r.press('1'); // the first reply shown, whichever it is in the file
    await r.waitFor((x) => x.includes('这一步的反馈')); // practice mode
    await r.press(KEY.enter);
    await r.waitFor((x) => x.includes('总结'));
    expect(await again.close()).toBeUndefined();

    const after = await store.events(id);
    const plan = after.find((e) => e.node === 'plan')!;
    expect(plan.shown).toEqual(orderOf(SEED_A));
    expect(plan.action).toEqual({ kind: 'choice', choice: orderOf(SEED_A)[0] });
    expect(await verifyStore(store)).toMatchObject({ ok: true, sessions: 1 });

    const done = (await store.findSession(id)) as typeof session;
    const timeline = timelineOf(opened().scenario, done, after, 'zh');
    expect(timeline.steps.find((s) => s.node === 'plan')!.shown.map((c) => c.id)).toEqual(orderOf(SEED_A));
    const text = plainReview(timeline, 'zh', 200);
    const at = (cid: string) => text.indexOf(`${cid}: ${textOf(cid)}`);
    const seen = orderOf(SEED_A).map(at);
    expect(seen.every((x) => x > 0)).toBe(true);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);

    // export and import carry it: the copy verifies on the other machine
    const file = `${tmp.dir}/me.jsonl`;
    const other = `${tmp.dir}/other.db`;
    expect(rp(['export', '--format', 'jsonl', '-o', file, '--db', tmp.db]).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(`"shuffleSeed":${SEED_A}`);
    expect(rp(['import', file, '--db', other]).status).toBe(0);
    expect(rp(['verify', '--db', other]).status).toBe(0);

    // the seed is in the chain: changing it is caught
    store.db.prepare('UPDATE sessions SET shuffle_seed = ? WHERE id = ?').run(SEED_B, id);
    expect((await verifyStore(store)).ok).toBe(false);
  });

  it('a session played without shuffling has no seed and hashes as sessions always did', async () => {
    const recorder = new StoreRecorder(store, '李工');
    const { h } = await toPlan(undefined, recorder);
    await h.press('1');
    await h.waitFor((x) => x.includes('总结'));
    h.unmount();
    expect(await recorder.close()).toBeUndefined();
    const [s] = await store.listSessions();
    expect(s!.shuffleSeed).toBeUndefined();
    expect((await store.events(s!.id)).find((e) => e.node === 'plan')!.shown).toEqual(FILE_ORDER);
    expect(await verifyStore(store)).toMatchObject({ ok: true });
  });
});

describe('a new run takes a new seed', () => {
  it('retry from the debrief shuffles again with the next seed', async () => {
    const { h } = await toPlan([SEED_A, SEED_B]);
    await h.press('1');
    await h.waitFor((x) => x.includes('总结'));
    await h.press('r');
    await h.waitFor((x) => x.includes('误码'));
    await h.answer('今晚十点我们一起去站上测');
    const f = await h.waitFor((x) => x.includes('到时候谁来'));
    expect(shownOn(f)).toEqual(orderOf(SEED_B));
  });
});
