/**
 * The report's aggregates, computed by the PostgreSQL server: the same groups, numbers and
 * order as the SQLite report (../sqlite/report-sql.ts), so a team lead reads the same report
 * whichever store the team uses. Only the grouped rows travel to the client. The queries run
 * concurrently on the pool's connections.
 */
import type pg from 'pg';
import { groupBy, scenarioAggregates, traineeAggregate, withoutHeadless, type WayRow } from '../report-rows.js';
import type { ReportData, SessionFilter } from '../store.js';
import { pgWhereOf } from './where.js';

const RECENT = 10;

export async function pgReport(pool: pg.Pool, filter: SessionFilter): Promise<ReportData> {
  const { where, params } = pgWhereOf(filter);
  const finished = where ? `${where} AND s.finished_at IS NOT NULL` : 'WHERE s.finished_at IS NOT NULL';
  const rows = async <R extends pg.QueryResultRow>(sql: string) => (await pool.query<R>(sql, params)).rows;

  const ranked = `
    WITH ranked AS (
      SELECT s.trainee, s.percent, s.passed,
             row_number() OVER (PARTITION BY s.trainee ORDER BY s.started_at DESC, s.sid DESC) AS back
        FROM sessions s ${finished})`;

  const [summaries, lessons, ways, endings, traineeRows, recentRows] = await Promise.all([
    rows<{
      id: string;
      attempts: number;
      unfinished: number;
      trainees: number;
      passed: number;
      meanPercent: number | null;
      median: number | null;
    }>(`
      SELECT s.scenario_id AS id,
             count(*) FILTER (WHERE s.finished_at IS NOT NULL)::int AS attempts,
             count(*) FILTER (WHERE s.finished_at IS NULL)::int AS unfinished,
             count(DISTINCT s.trainee) FILTER (WHERE s.finished_at IS NOT NULL)::int AS trainees,
             count(*) FILTER (WHERE s.passed)::int AS passed,
             avg(s.percent)::float8 AS "meanPercent",
             (percentile_cont(0.5) WITHIN GROUP (ORDER BY s.percent) FILTER (WHERE s.finished_at IS NOT NULL))::float8 AS median
        FROM sessions s ${where}
       GROUP BY s.scenario_id
       ORDER BY s.scenario_id`),
    rows<{ id: string; lesson: string; meanPoints: number; max: number }>(`
      SELECT s.scenario_id AS id, l.lesson, avg(l.points)::float8 AS "meanPoints", avg(l.max)::float8 AS max
        FROM session_lessons l JOIN sessions s ON s.sid = l.sid ${finished}
       GROUP BY s.scenario_id, l.lesson`),
    waysOf(pool, filter, where, params),
    rows<{ id: string; ending: string; n: number }>(`
      SELECT s.scenario_id AS id, s.ending, count(*)::int AS n
        FROM sessions s ${finished}
       GROUP BY s.scenario_id, s.ending
       ORDER BY s.scenario_id, n DESC, s.ending`),
    rows<{ name: string; attempts: number; passed: number; best: number; last: number }>(`${ranked}
      SELECT trainee AS name, count(*)::int AS attempts, count(*) FILTER (WHERE passed)::int AS passed,
             max(percent) AS best, max(CASE WHEN back = 1 THEN percent END) AS last
        FROM ranked GROUP BY trainee ORDER BY trainee`),
    rows<{ trainee: string; percent: number }>(`${ranked}
      SELECT trainee, percent FROM ranked WHERE back <= ${RECENT} ORDER BY trainee, back DESC`),
  ]);

  const scenarios = scenarioAggregates({
    summaries,
    lessons,
    ways,
    endings,
    medianOf: (() => {
      const m = new Map(summaries.map((r) => [r.id, r.median ?? undefined]));
      return (id: string) => m.get(id);
    })(),
  });
  const recent = groupBy(recentRows, (r) => r.trainee);
  const trainees = traineeRows.map((t) =>
    traineeAggregate(
      t,
      (recent.get(t.name) ?? []).map((r) => r.percent),
    ),
  );

  return { scenarios, trainees };
}

/**
 * The choice distribution and decision times per scenario, node and way. Unless the report
 * is narrowed to a trainee or a period, this is an index-only scan of `events_by_way`
 * (events carry their scenario id: migration 2) with no join; the decision time of headless
 * runs (no person deciding) is then taken out by a second, small query over the headless
 * sessions only. Otherwise the events are joined to the chosen sessions.
 */
async function waysOf(
  pool: pg.Pool,
  filter: SessionFilter,
  where: string,
  params: unknown[],
): Promise<readonly WayRow[]> {
  const narrowed =
    filter.trainee !== undefined ||
    filter.since !== undefined ||
    filter.finished !== undefined ||
    filter.withSteps === true;
  if (narrowed) {
    return (
      await pool.query<WayRow>(
        `
      SELECT s.scenario_id AS id, e.node, e.way, count(*)::int AS n,
             sum(e.decision_ms) FILTER (WHERE s.mode <> 'headless')::float8 AS ms,
             count(*) FILTER (WHERE s.mode <> 'headless')::int AS timed
        FROM sessions s JOIN events e ON e.sid = s.sid AND e.kind <> 'auto' ${where}
       GROUP BY s.scenario_id, e.node, e.way
       ORDER BY s.scenario_id, e.node, n DESC, e.way`,
        params,
      )
    ).rows;
  }
  const scenario = filter.scenario !== undefined ? [filter.scenario] : [];
  const [all, headless] = await Promise.all([
    pool.query<WayRow>(
      `
      SELECT e.scenario_id AS id, e.node, e.way, count(*)::int AS n, sum(e.decision_ms)::float8 AS ms, count(*)::int AS timed
        FROM events e WHERE e.kind <> 'auto'${scenario.length ? ' AND e.scenario_id = $1' : ''}
       GROUP BY e.scenario_id, e.node, e.way
       ORDER BY e.scenario_id, e.node, n DESC, e.way`,
      scenario,
    ),
    pool.query<{ id: string; node: string; way: string; n: number; ms: number }>(
      `
      SELECT s.scenario_id AS id, e.node, e.way, count(*)::int AS n, coalesce(sum(e.decision_ms), 0)::float8 AS ms
        FROM sessions s JOIN events e ON e.sid = s.sid AND e.kind <> 'auto'
       WHERE s.mode = 'headless'${scenario.length ? ' AND s.scenario_id = $1' : ''}
       GROUP BY s.scenario_id, e.node, e.way`,
      scenario,
    ),
  ]);
  return withoutHeadless(all.rows, headless.rows);
}
