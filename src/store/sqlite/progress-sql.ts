/**
 * One trainee's standing, computed by SQLite over their finished sessions (the indexes by
 * trainee; lesson rows exist for finished sessions only): per case the best exam and whether one passed, per lesson the points summed over
 * every case. What the menu marks and `roleplay progress` shows.
 */
import type { Database as Db } from 'better-sqlite3';
import type { TraineeProgress } from '../../core/records/progress.js';
import { progressOf, type CaseProgressRow } from '../progress-rows.js';
import type { LessonCell } from '../store.js';

export function progressFromSql(db: Db, trainee: string): TraineeProgress {
  const cases = db
    .prepare(`
    SELECT s.scenario_id AS scenarioId, COUNT(*) AS attempts, SUM(s.mode = 'exam') AS exams,
           MAX(CASE WHEN s.mode = 'exam' THEN s.percent END) AS bestExamPercent,
           MAX(CASE WHEN s.mode = 'exam' THEN s.passed ELSE 0 END) AS passed,
           MAX(s.percent) AS bestPercent, MAX(s.started_at) AS lastAt
      FROM sessions s
     WHERE s.trainee = @trainee AND s.finished_at IS NOT NULL
     GROUP BY s.scenario_id
     ORDER BY s.scenario_id`)
    .all({ trainee }) as CaseProgressRow[];
  const lessons = db
    .prepare(`
    SELECT trainee, lesson, COUNT(*) AS sessions, SUM(points) AS points, SUM(max) AS max
      FROM session_lessons
     WHERE trainee = @trainee
     GROUP BY lesson
     ORDER BY lesson`)
    .all({ trainee }) as LessonCell[];
  return progressOf(trainee, cases, lessons);
}
