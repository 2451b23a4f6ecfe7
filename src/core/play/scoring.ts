/** The contract's scoring: points per lesson, total, max, percent and passed. */
import { explore } from '../analysis/explore.js';
import type { LessonId, Outcome, Scenario } from '../format/model.js';

export interface LessonScore {
  readonly points: number;
  readonly max: number;
}

export interface Score {
  readonly total: number;
  readonly max: number;
  readonly percent: number;
  readonly passed: boolean;
  readonly lessons: Readonly<Record<LessonId, LessonScore>>;
}

export function percentOf(total: number, max: number): number {
  if (max <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((100 * total) / max)));
}

/** Points per lesson are the sums over every step taken; see explore.ts for the maxima. */
export function scoreOf(scenario: Scenario, points: Readonly<Record<LessonId, number>>, outcome: Outcome): Score {
  const maxima = explore(scenario).maxima;
  const lessons: Record<LessonId, LessonScore> = {};
  let total = 0;
  for (const id of scenario.scoredLessons) {
    const p = points[id] ?? 0;
    total += p;
    lessons[id] = { points: p, max: maxima.lessons[id] ?? 0 };
  }
  const percent = percentOf(total, maxima.total);
  return { total, max: maxima.total, percent, passed: percent >= scenario.passScore && outcome !== 'failure', lessons };
}
