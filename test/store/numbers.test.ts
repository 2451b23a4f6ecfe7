/**
 * Numbers that cannot fool verify (issue 18): a scenario whose two scores of 1e308 sum to
 * Infinity (percent NaN) is played by the engine and recorded as the play screen records it;
 * the stored result holds no Infinity or NaN, and verify calls the untouched session intact.
 * (Lint now refuses such scores; a scenario from before that bound must still verify.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { compile, loadFile, Play, reportOf, type Scenario } from '../../src/core/index.js';
import { Recording } from '../../src/store/recording.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { verifyStore } from '../../src/store/verify.js';
import { tempDir } from './helpers.js';

const yaml = (points: string) => `id: overflow
title: { zh: 溢出, en: Overflow }
cast:
  wang: { name: { zh: 王经理, en: Manager Wang } }
lessons:
  calm: { title: Calm, principle: Stay calm }
start: first
nodes:
  first:
    text: { zh: 你好, en: Hello }
    choices:
      - { id: big, text: { zh: 大, en: Big }, score: { calm: ${points} }, goto: second }
  second:
    text: { zh: 再来, en: Again }
    choices:
      - { id: big, text: { zh: 大, en: Big }, score: { calm: ${points} }, goto: done }
  done:
    end: { outcome: success }
`;

/** The case with scores of 1e308: loaded from a bounded copy, then given the huge scores (the engine sums them). */
function overflowing(): Scenario {
  const loaded = loadFile(yaml('1000'), 'overflow.yaml');
  if (loaded.kind !== 'scenario' || !loaded.scenario) throw new Error(JSON.stringify(loaded.diagnostics));
  const nodes = Object.fromEntries(
    Object.entries(loaded.scenario.nodes).map(([id, node]) => [
      id,
      node.kind === 'choice' ? { ...node, choices: node.choices.map((c) => ({ ...c, score: { calm: 1e308 } })) } : node,
    ]),
  );
  // a new object, so that the maxima are explored again over the huge scores
  return { ...loaded.scenario, nodes };
}

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

describe('scores that overflow', () => {
  it('are recorded finite, and verify calls the untouched session intact', async () => {
    const scenario = overflowing();
    const compiled = compile(scenario);
    const rec = await Recording.start(store, {
      scenario,
      source: yaml('1e308'),
      trainee: 'ann',
      lang: 'en',
      mode: 'headless',
    });
    const play = new Play(compiled, { clock: new SimulatedClock() });
    for (const _ of [1, 2]) {
      const record = play.choose('big');
      void rec.step(record, { decisionMs: 0, feedbackShown: false });
    }
    const report = reportOf(compiled, play.output!);
    expect(report.score.total).toBe(Number.POSITIVE_INFINITY);
    expect(report.score.percent).toBeNaN();
    void rec.finish(report);
    await rec.flush();
    play.stop();

    const [row] = await store.listSessions();
    expect(row!.result).toMatchObject({ total: 1e9, max: 1e9, percent: 0, passed: false });
    expect(row!.result!.lessons).toEqual({ calm: { points: 1e9, max: 1e9 } });
    expect(await verifyStore(store)).toEqual(expect.objectContaining({ ok: true, sessions: 1, events: 2 }));
  });
});
