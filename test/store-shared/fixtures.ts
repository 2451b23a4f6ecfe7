/**
 * Synthetic sessions for the store tests, built through the store interface only, with
 * numbers simple enough to compute the report by hand (see report expectations in
 * store-suite.ts).
 */
import { canonicalJson, eventHash, genesisHash, sealHash, sha256 } from '../../src/store/chain.js';
import type {
  EventContent,
  RecordedAction,
  ScenarioSource,
  SessionHeader,
  SessionResult,
  SessionStore,
  StoredEvent,
} from '../../src/store/store.js';
import type { SessionBundle } from '../../src/store/sync/bundle.js';

/** A stored scenario whose hash is its own (so verify finds it intact), though it does not load as a case. */
function sourceOf(scenarioId: string, source: string): ScenarioSource {
  const catalog = { lessons: {} };
  return { hash: sha256(canonicalJson({ source, catalog })), scenarioId, file: `${scenarioId}.yaml`, source, catalog };
}

export const SOURCE_A: ScenarioSource = sourceOf('alpha', 'id: alpha\n# test source\n');
export const SOURCE_B: ScenarioSource = sourceOf('beta', 'id: beta\n');

export interface FakeStep {
  readonly node: string;
  readonly action: RecordedAction;
  readonly decisionMs: number;
  readonly points?: Record<string, number>;
}

export interface FakeSession {
  readonly header: SessionHeader;
  readonly steps: readonly FakeStep[];
  readonly result?: SessionResult;
}

export function header(
  id: string,
  trainee: string,
  scenario: ScenarioSource,
  startedAt: string,
  mode: SessionHeader['mode'] = 'practice',
): SessionHeader {
  return { id, trainee, scenarioId: scenario.scenarioId, scenarioHash: scenario.hash, lang: 'zh', mode, startedAt };
}

export function contentOf(step: FakeStep, seq: number, startedAt: string): EventContent {
  return {
    seq,
    at: new Date(Date.parse(startedAt) + seq * 10_000).toISOString(),
    node: step.node,
    action: step.action,
    shown: step.action.kind === 'choice' ? ['good', 'bad'] : [],
    decisionMs: step.decisionMs,
    points: step.points ?? {},
    meters: { patience: 3 - seq },
    feedback: step.action.kind === 'choice' && step.action.choice === 'bad' ? '不要这样说。' : null,
    goto: `after-${step.node}`,
  };
}

export function result(
  finishedAt: string,
  percent: number,
  passed: boolean,
  lessons: Record<string, { points: number; max: number }>,
  ending = 'good-end',
): SessionResult {
  const total = Object.values(lessons).reduce((s, l) => s + l.points, 0);
  const max = Object.values(lessons).reduce((s, l) => s + l.max, 0);
  return { finishedAt, outcome: passed ? 'success' : 'failure', ending, total, max, percent, passed, lessons };
}

/** Records a fake session through the public write methods. */
export async function record(store: SessionStore, s: FakeSession): Promise<void> {
  await store.startSession(s.header);
  let seq = 0;
  for (const step of s.steps) await store.appendEvent(s.header.id, contentOf(step, ++seq, s.header.startedAt));
  if (s.result) await store.finishSession(s.header.id, s.result);
}

/** The same session as a bundle with its hashes, as import and sync carry it. */
export function bundleOf(s: FakeSession, source?: ScenarioSource): SessionBundle {
  let prev = genesisHash(s.header);
  const events: StoredEvent[] = s.steps.map((step, i) => {
    const content = contentOf(step, i + 1, s.header.startedAt);
    const hash = eventHash(prev, content);
    const e = { ...content, sessionId: s.header.id, prevHash: prev, hash };
    prev = hash;
    return e;
  });
  return {
    header: s.header,
    ...(source ? { source } : {}),
    events,
    ...(s.result ? { result: s.result, seal: sealHash(prev, s.result) } : {}),
  };
}

const choice = (c: string): RecordedAction => ({ kind: 'choice', choice: c });

/**
 * The report fixture: scenario alpha played by ann (twice) and bob, one unfinished attempt by
 * cy; scenario beta played once by ann.
 *
 *   alpha  ann 1  start choose good (1000 ms, respect 2), ask say rule 0 (3000 ms)      85 % passed (exam)
 *          ann 2  start choose bad  (2000 ms),            ask timeout     (5000 ms)    40 % failed
 *          bob    start choose good (4000 ms, respect 2), auto branch, ask rule 1 (1000 ms) 70 % failed  (headless: no decision time)
 *          cy     start choose bad  (6000 ms)             (unfinished)
 *   beta   ann    open choose good (500 ms)                                             100 % passed
 */
export function reportFixture(): FakeSession[] {
  const L = (respect: number, prepare: number) => ({
    prepare: { points: prepare, max: 2 },
    respect: { points: respect, max: 4 },
  });
  return [
    {
      header: header('11111111-0000-4000-8000-000000000001', 'ann', SOURCE_A, '2026-03-01T09:00:00.000Z', 'exam'),
      steps: [
        { node: 'start', action: choice('good'), decisionMs: 1000, points: { respect: 2 } },
        {
          node: 'ask',
          action: { kind: 'say', text: '您好，我是华苏的张工', rule: 0 },
          decisionMs: 3000,
          points: { respect: 1, prepare: 2 },
        },
      ],
      result: result('2026-03-01T09:05:00.000Z', 85, true, L(3, 2)),
    },
    {
      header: header('11111111-0000-4000-8000-000000000002', 'ann', SOURCE_A, '2026-03-02T09:00:00.000Z'),
      steps: [
        { node: 'start', action: choice('bad'), decisionMs: 2000 },
        { node: 'ask', action: { kind: 'timeout' }, decisionMs: 5000 },
      ],
      result: result('2026-03-02T09:05:00.000Z', 40, false, L(0, 1), 'bad-end'),
    },
    {
      header: header('22222222-0000-4000-8000-000000000003', 'bob', SOURCE_A, '2026-03-01T10:00:00.000Z', 'headless'),
      steps: [
        { node: 'start', action: choice('good'), decisionMs: 4000, points: { respect: 2 } },
        { node: 'check', action: { kind: 'auto', branch: 1 }, decisionMs: 0 },
        { node: 'ask', action: { kind: 'say', text: 'hello', rule: 1 }, decisionMs: 1000 },
      ],
      result: result('2026-03-01T10:05:00.000Z', 70, false, L(2, 0)),
    },
    {
      header: header('33333333-0000-4000-8000-000000000004', 'cy', SOURCE_A, '2026-03-03T09:00:00.000Z'),
      steps: [{ node: 'start', action: choice('bad'), decisionMs: 6000 }],
    },
    {
      header: header('44444444-0000-4000-8000-000000000005', 'ann', SOURCE_B, '2026-03-04T09:00:00.000Z'),
      steps: [{ node: 'open', action: choice('good'), decisionMs: 500, points: { respect: 1 } }],
      result: result('2026-03-04T09:01:00.000Z', 100, true, { respect: { points: 1, max: 1 } }),
    },
  ];
}
