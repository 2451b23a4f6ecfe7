/** The rows both stores compute for one trainee's progress, and how they become the core type. */
import type { TraineeProgress } from '../core/records/progress.js';
import type { LessonCell } from './store.js';

export interface CaseProgressRow {
  scenarioId: string;
  attempts: number | string;
  exams: number | string;
  bestExamPercent: number | null;
  /** SQLite 0/1, PostgreSQL a boolean */
  passed: number | boolean;
  bestPercent: number;
  lastAt: string;
}

export function progressOf(
  trainee: string,
  cases: readonly CaseProgressRow[],
  lessons: readonly LessonCell[],
): TraineeProgress {
  return {
    trainee,
    cases: cases.map((c) => ({
      scenarioId: c.scenarioId,
      attempts: Number(c.attempts),
      exams: Number(c.exams),
      bestExamPercent: c.bestExamPercent === null ? null : Number(c.bestExamPercent),
      passed: c.passed === true || c.passed === 1,
      bestPercent: Number(c.bestPercent),
      lastAt: c.lastAt,
    })),
    lessons: lessons.map((l) => ({
      lesson: l.lesson,
      sessions: Number(l.sessions),
      points: Number(l.points),
      max: Number(l.max),
    })),
  };
}
