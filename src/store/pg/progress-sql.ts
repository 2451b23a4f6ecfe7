/** One trainee's standing, computed by the PostgreSQL server: the same rows as SQLite's (../sqlite/progress-sql.ts). */
import type pg from 'pg';
import type { TraineeProgress } from '../../core/records/progress.js';
import { progressOf, type CaseProgressRow } from '../progress-rows.js';
import type { LessonCell } from '../store.js';
import { SESSIONS } from './sessions-sql.js';

export async function pgProgress(pool: pg.Pool, trainee: string): Promise<TraineeProgress> {
  const [cases, lessons] = await Promise.all([
    pool.query<CaseProgressRow>(
      `
      SELECT s.scenario_id AS "scenarioId", count(*)::int AS attempts,
             count(*) FILTER (WHERE s.mode = 'exam')::int AS exams,
             max(s.percent) FILTER (WHERE s.mode = 'exam') AS "bestExamPercent",
             coalesce(bool_or(s.passed) FILTER (WHERE s.mode = 'exam'), false) AS passed,
             max(s.percent) AS "bestPercent", max(s.started_at) AS "lastAt"
        FROM ${SESSIONS} s
       WHERE s.trainee = $1 AND s.finished_at IS NOT NULL
       GROUP BY s.scenario_id
       ORDER BY s.scenario_id`,
      [trainee],
    ),
    pool.query<LessonCell>(
      `
      SELECT s.trainee, l.lesson, count(*)::int AS sessions, sum(l.points)::int AS points, sum(l.max)::int AS max
        FROM ${SESSIONS} s JOIN session_lessons l ON l.sid = s.sid
       WHERE s.trainee = $1 AND s.finished_at IS NOT NULL
       GROUP BY s.trainee, l.lesson
       ORDER BY l.lesson`,
      [trainee],
    ),
  ]);
  return progressOf(trainee, cases.rows, lessons.rows);
}
