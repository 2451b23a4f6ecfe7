/**
 * The report against numbers worked out by hand from basement-alarm's scoring (max 7; lesson
 * maxima courtesy 3, paperwork 3, escalate 3, composure 0; pass mark 65%). Way points: lobby
 * rule 1 +3, rule 2 +1, rule 3 −2; permit show-permit +2, argue −2; on-hold wait-calmly +2.
 *
 *   A alice 01-01 exam      讯达电源 (5 s) → show-permit (3 s)               courtesy 2 paperwork 3               71%  passed  repaired
 *   B bob   01-02 practice  hello (2 s) → argue (1 s) → wait-calmly (4 s)   courtesy 1 composure -1 escalate 1   14%          repaired
 *   C alice 01-03 exam      师傅您好 (3 s) → show-permit (1 s)               courtesy 1 paperwork 2               43%          repaired
 *   D carol 01-04 headless  快点 (→ turned away)                             composure -3                          0%          turned-away
 *   E bob   01-05 headless  hello …                                         unfinished
 *   F dave  01-06 practice  hello (4 s) → show-permit (2 s)                 courtesy 1 paperwork 2               43%          repaired
 *
 * mean of the five finished: (71 + 14 + 43 + 0 + 43) / 5 = 34.2; median 43; lessons' mean points
 * composure -4/5 = -0.8, escalate 1/5 = 0.2, courtesy 5/5 = 1, paperwork 7/5 = 1.4.
 * Exam (A, C): 2 finished, 1 passed, pass rate 0.5, mean 57. Practice (B, F): 2, mean 28.5.
 * Headless (D): 1. Decision times of played sessions: lobby (5+2+3+4)/4 = 3.5 s, permit
 * (3+1+1+2)/4 = 1.75 s, on-hold 4 s; overall 25/9 s = 2778 ms.
 * Points lost against the best reply at the node: lobby rule 2 (3−1)×4 = 8, lobby rule 3
 * (3+2)×1 = 5, permit argue (2+2)×1 = 4.
 */
import type { SessionStore } from '../../src/store/store.js';
import { record } from './helpers.js';

/** Records the six sessions above (A–F) into `store`. */
export async function recordReportFixture(store: SessionStore): Promise<void> {
  await record(store, {
    trainee: 'alice',
    steps: [{ say: '讯达电源' }, 'show-permit'],
    startedAt: '2026-01-01T08:00:00Z',
    mode: 'exam',
    decisionMs: [5000, 3000],
  });
  await record(store, {
    trainee: 'bob',
    steps: [{ say: 'hello' }, 'argue', 'wait-calmly'],
    startedAt: '2026-01-02T08:00:00Z',
    mode: 'practice',
    decisionMs: [2000, 1000, 4000],
  });
  await record(store, {
    trainee: 'alice',
    steps: [{ say: '师傅您好' }, 'show-permit'],
    startedAt: '2026-01-03T08:00:00Z',
    mode: 'exam',
    decisionMs: [3000, 1000],
  });
  await record(store, { trainee: 'carol', steps: [{ say: '快点' }], startedAt: '2026-01-04T08:00:00Z' });
  await record(store, { trainee: 'bob', steps: [{ say: 'hello' }], startedAt: '2026-01-05T08:00:00Z' });
  await record(store, {
    trainee: 'dave',
    steps: [{ say: 'hello' }, 'show-permit'],
    startedAt: '2026-01-06T08:00:00Z',
    mode: 'practice',
    decisionMs: [4000, 2000],
  });
}
