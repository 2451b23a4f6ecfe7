/**
 * The team lead's views, computed by SQLite beside the report's figures (report-sql.ts):
 * finished sessions per week and mode (per scenario, per trainee), the trainee × lesson
 * matrix, the answers typed most often per rule and the automatic branches taken. Like the
 * rest of the report, each query returns one row per group; typed answers and branches
 * stream their own partial indexes (migration 4), so they never read the other events.
 */
import type { Database as Db } from 'better-sqlite3';
import { periodFigures, type AnswerRow, type BranchRow, type PeriodRow, type ViewRows } from '../report-rows.js';
import type { LessonCell } from '../store.js';

/** The Monday (in the reader's zone, shifted by @shift) of the week a session started. */
const WEEK = "date(s.started_at, @shift, '-6 days', 'weekday 1')";

/** `where` filters sessions aliased `s`; `byScenario` as in reportFromSql (only a scenario, or nothing). */
export function viewsFromSql(
  db: Db,
  where: string,
  params: Record<string, string>,
  byScenario: { scenario?: string | undefined } | undefined,
  offsetMinutes: number,
): ViewRows {
  const finished = where ? `${where} AND s.finished_at IS NOT NULL` : 'WHERE s.finished_at IS NOT NULL';
  const shifted = {
    ...params,
    shift: `${offsetMinutes >= 0 ? '+' : '-'}${Math.abs(Math.round(offsetMinutes))} minutes`,
  };
  const weeks = (key: string) =>
    periodFigures(
      db
        .prepare(`
    SELECT ${key} AS key, ${WEEK} AS period, s.mode, COUNT(*) AS attempts, SUM(s.passed) AS passed,
           AVG(s.percent) AS meanPercent, MAX(s.percent) AS bestPercent
      FROM sessions s ${finished}
     GROUP BY ${key}, period, s.mode
     ORDER BY key, period, s.mode`)
        .all(shifted) as PeriodRow[],
    );
  const matrix = matrixOf(db, finished, params, byScenario);
  return {
    periods: weeks('s.scenario_id'),
    traineePeriods: weeks('s.trainee'),
    matrix,
    answers: answersOf(db, where, params, byScenario),
    branches: branchesOf(db, where, params, byScenario),
  };
}

/**
 * Per trainee and lesson over the finished sessions (lesson rows exist for those only).
 * Without session filters the index by trainee answers alone, in group order (migration 5).
 */
function matrixOf(
  db: Db,
  finished: string,
  params: Record<string, string>,
  byScenario: { scenario?: string | undefined } | undefined,
): LessonCell[] {
  if (byScenario) {
    const one = byScenario.scenario !== undefined;
    return db
      .prepare(`
    SELECT trainee, lesson, COUNT(*) AS sessions, SUM(points) AS points, SUM(max) AS max
      FROM session_lessons ${one ? 'WHERE scenario_id = @scenario' : ''}
     GROUP BY trainee, lesson
     ORDER BY trainee, lesson`)
      .all(one ? { scenario: byScenario.scenario } : {}) as LessonCell[];
  }
  return db
    .prepare(`
    SELECT s.trainee, l.lesson, COUNT(*) AS sessions, SUM(l.points) AS points, SUM(l.max) AS max
      FROM session_lessons l JOIN sessions s ON s.sid = l.sid ${finished}
     GROUP BY s.trainee, l.lesson
     ORDER BY s.trainee, l.lesson`)
    .all(params) as LessonCell[];
}

/** The events of one kind: from the events' own index when no session filter needs the join. */
function eventsOfKind(kind: 'say' | 'auto', where: string, byScenario: { scenario?: string | undefined } | undefined) {
  if (byScenario)
    return `events e WHERE e.kind = '${kind}'${byScenario.scenario !== undefined ? ' AND e.scenario_id = @scenario' : ''}`;
  return `sessions s JOIN events e ON e.sid = s.sid AND e.kind = '${kind}' ${where}`;
}

/** The three answers typed most often for each rule (blanks around them do not count). */
function answersOf(
  db: Db,
  where: string,
  params: Record<string, string>,
  byScenario: { scenario?: string | undefined } | undefined,
): AnswerRow[] {
  return db
    .prepare(`
    WITH said AS (
      SELECT e.scenario_id AS id, e.node, e.way, trim(e.text) AS text, COUNT(*) AS n
        FROM ${eventsOfKind('say', where, byScenario)}
       GROUP BY e.scenario_id, e.node, e.way, trim(e.text)),
    ranked AS (
      SELECT id, node, way, text, n, ROW_NUMBER() OVER (PARTITION BY id, node, way ORDER BY n DESC, text) AS r
        FROM said)
    SELECT id, node, way, text, n FROM ranked WHERE r <= 3 ORDER BY id, node, way, r`)
    .all(
      byScenario ? (byScenario.scenario !== undefined ? { scenario: byScenario.scenario } : {}) : params,
    ) as AnswerRow[];
}

function branchesOf(
  db: Db,
  where: string,
  params: Record<string, string>,
  byScenario: { scenario?: string | undefined } | undefined,
): BranchRow[] {
  return db
    .prepare(`
    SELECT e.scenario_id AS id, e.node, e.way, COUNT(*) AS n
      FROM ${eventsOfKind('auto', where, byScenario)}
     GROUP BY e.scenario_id, e.node, e.way
     ORDER BY id, e.node, e.way`)
    .all(
      byScenario ? (byScenario.scenario !== undefined ? { scenario: byScenario.scenario } : {}) : params,
    ) as BranchRow[];
}
