/** The next case to play, from a trainee's standing (core/records/progress.ts): pure, no store. */
import { describe, expect, it } from 'vitest';
import {
  recommendationReason,
  recommendNext,
  shareOf,
  standingOf,
  type CaseProgress,
  type TraineeProgress,
} from '../../src/core/index.js';

const played = (scenarioId: string, passed: boolean, bestExamPercent: number | null = 50): CaseProgress => ({
  scenarioId,
  attempts: 1,
  exams: bestExamPercent === null ? 0 : 1,
  bestExamPercent,
  passed,
  bestPercent: bestExamPercent ?? 40,
  lastAt: '2026-01-01T00:00:00.000Z',
});

const progress = (cases: CaseProgress[], lessons: [string, number, number][]): TraineeProgress => ({
  trainee: 'ann',
  cases,
  lessons: lessons.map(([lesson, points, max]) => ({ lesson, sessions: 1, points, max })),
});

describe('lesson standing', () => {
  it('is the share of the points earned; a lesson that can only lose points counts while nothing is lost', () => {
    expect(shareOf({ points: 3, max: 4 })).toBe(0.75);
    expect(shareOf({ points: 0, max: 0 })).toBe(1);
    expect(shareOf({ points: -2, max: 0 })).toBe(0);
    expect(standingOf({ points: 4, max: 5 })).toBe('mastered');
    expect(standingOf({ points: 3, max: 5 })).toBe('learning');
    expect(standingOf({ points: 2, max: 5 })).toBe('weak');
  });
});

describe('recommendNext', () => {
  const cases = [
    { id: 'easy', lessons: ['courtesy'] },
    { id: 'escalation', lessons: ['escalate', 'courtesy'] },
    { id: 'paper', lessons: ['paperwork'] },
  ];

  it('picks the case not passed yet that trains the weakest lessons, naming them weakest first', () => {
    const p = progress(
      [played('easy', true, 90)],
      [
        ['courtesy', 2, 5],
        ['escalate', 0, 4],
        ['paperwork', 5, 5],
      ],
    );
    expect(recommendNext(p, cases)).toEqual({
      scenarioId: 'escalation',
      why: 'unplayed',
      lessons: ['escalate', 'courtesy'],
    });
  });

  it('never recommends a passed case, and prefers a failed one to an unplayed one of equal weight', () => {
    const p = progress(
      [played('escalation', true, 80), played('paper', false, 30)],
      [
        ['courtesy', 1, 5],
        ['paperwork', 1, 5],
      ],
    );
    // easy (courtesy 0.8) and paper (paperwork 0.8) weigh the same; paper was failed
    expect(recommendNext(p, cases)).toEqual({ scenarioId: 'paper', why: 'failed', lessons: ['paperwork'] });
  });

  it('starts a new trainee with the first case on offer, and has nothing left once all are passed', () => {
    expect(recommendNext(progress([], []), cases)).toEqual({ scenarioId: 'easy', why: 'unplayed', lessons: [] });
    const all = progress(
      [played('easy', true), played('escalation', true), played('paper', true)],
      [['courtesy', 5, 5]],
    );
    expect(recommendNext(all, cases)).toBeUndefined();
  });

  it('gives the reason in one line, in both languages, with the lessons by title', () => {
    const view = { lessonTitles: { escalate: { zh: '受阻及时上报', en: 'Escalate when blocked' }, courtesy: '礼貌' } };
    expect(recommendationReason(view, { scenarioId: 'x', why: 'failed', lessons: ['escalate', 'courtesy'] })).toEqual({
      zh: '考试还没通过；它练的正是你最弱的要点：受阻及时上报、礼貌',
      en: 'exam not passed yet; it trains your weakest lessons: Escalate when blocked, 礼貌',
    });
    expect(recommendationReason(view, { scenarioId: 'x', why: 'unplayed', lessons: [] }).en).toBe(
      'not played yet: start here',
    );
  });
});
