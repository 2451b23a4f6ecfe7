/**
 * The team lead's views, computed by the PostgreSQL server: the same groups, numbers and order
 * as SQLite's (../sqlite/report-views-sql.ts). Weeks, the trainee × lesson matrix, the answers
 * typed most often per rule and the automatic branches taken.
 */
import type pg from 'pg';
import { periodFigures, type AnswerRow, type BranchRow, type PeriodRow, type ViewRows } from '../report-rows.js';
import type { LessonCell, SessionFilter } from '../store.js';
import { SESSIONS } from './sessions-sql.js';
import { pgWhereOf } from './where.js';

/** The Monday (in the reader's zone: $n minutes east of UTC) of the week a session started. */
const week = (n: number) =>
  `to_char(date_trunc('week', (s.started_at::timestamptz AT TIME ZONE 'UTC') + make_interval(mins => $${n}::int)), 'YYYY-MM-DD')`;

export async function pgViews(pool: pg.Pool, filter: SessionFilter, offsetMinutes: number): Promise<ViewRows> {
  const { where, params } = pgWhereOf(filter);
  const finished = where ? `${where} AND s.finished_at IS NOT NULL` : 'WHERE s.finished_at IS NOT NULL';
  const weeks = async (key: string) =>
    periodFigures(
      (
        await pool.query<PeriodRow>(
          `
      SELECT ${key} AS key, ${week(params.length + 1)} AS period, s.mode, count(*)::int AS attempts,
             count(*) FILTER (WHERE s.passed)::int AS passed, avg(s.percent)::float8 AS "meanPercent",
             max(s.percent) AS "bestPercent"
        FROM ${SESSIONS} s ${finished}
       GROUP BY 1, 2, 3
       ORDER BY 1, 2, 3`,
          [...params, Math.round(offsetMinutes)],
        )
      ).rows,
    );
  const [periods, traineePeriods, matrix, answers, branches] = await Promise.all([
    weeks('s.scenario_id'),
    weeks('s.trainee'),
    pool
      .query<LessonCell>(
        `
      SELECT s.trainee, l.lesson, count(*)::int AS sessions, sum(l.points)::int AS points, sum(l.max)::int AS max
        FROM session_lessons l JOIN ${SESSIONS} s ON s.sid = l.sid ${finished}
       GROUP BY s.trainee, l.lesson
       ORDER BY s.trainee, l.lesson`,
        params,
      )
      .then((r) => r.rows),
    pool
      .query<AnswerRow>(
        `
      WITH said AS (
        SELECT e.scenario_id AS id, e.node, e.way, btrim(e.text) COLLATE "C" AS text, count(*)::int AS n
          FROM ${eventsOfKind('say', filter, where)}
         GROUP BY 1, 2, 3, 4),
      ranked AS (
        SELECT id, node, way, text, n, row_number() OVER (PARTITION BY id, node, way ORDER BY n DESC, text) AS r
          FROM said)
      SELECT id, node, way, text, n FROM ranked WHERE r <= 3 ORDER BY id, node, way, r`,
        params,
      )
      .then((r) => r.rows),
    pool
      .query<BranchRow>(
        `
      SELECT e.scenario_id AS id, e.node, e.way, count(*)::int AS n
        FROM ${eventsOfKind('auto', filter, where)}
       GROUP BY 1, 2, 3
       ORDER BY 1, 2, 3`,
        params,
      )
      .then((r) => r.rows),
  ]);
  return { periods, traineePeriods, matrix, answers, branches };
}

/** The events of one kind: from their own index unless the filter names more than a scenario. */
function eventsOfKind(kind: 'say' | 'auto', filter: SessionFilter, where: string): string {
  const narrowed =
    filter.trainee !== undefined ||
    filter.since !== undefined ||
    filter.finished !== undefined ||
    filter.withSteps === true;
  if (narrowed) return `${SESSIONS} s JOIN events e ON e.sid = s.sid AND e.kind = '${kind}' ${where}`;
  return `events e WHERE e.kind = '${kind}'${filter.scenario !== undefined ? ' AND e.scenario_id = $1' : ''}`;
}
