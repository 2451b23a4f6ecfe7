/**
 * The report's aggregates, computed by SQLite. Each query returns one row per group (a
 * scenario, a lesson, a node's way, an ending, a trainee), never one per event, so a report
 * over millions of events needs memory for the groups only. The events scan uses the
 * covering index `events_ways`.
 */
import type { Database as Db } from 'better-sqlite3';
import {
  modeBreakdowns,
  scenarioAggregates,
  traineeAggregate,
  withoutHeadless,
  type LessonRow,
  type SummaryRow,
  type TraineeRow,
  type WayRow,
} from '../report-rows.js';
import type { ReportData } from '../store.js';
import { viewsFromSql } from './report-views-sql.js';

const RECENT = 10;

/**
 * `where` filters the sessions table aliased `s` (see whereOf). `byScenario` says the filter
 * names at most a scenario, so the choice counts can come from the events index alone.
 */
export function reportFromSql(
  db: Db,
  where: string,
  params: Record<string, string>,
  byScenario?: { scenario?: string | undefined },
  offsetMinutes = 0,
): ReportData {
  const views = viewsFromSql(db, where, params, byScenario, offsetMinutes);
  const finished = where ? `${where} AND s.finished_at IS NOT NULL` : 'WHERE s.finished_at IS NOT NULL';

  const summaries = db
    .prepare(`
    SELECT s.scenario_id AS id,
           SUM(s.finished_at IS NOT NULL) AS attempts,
           SUM(s.finished_at IS NULL) AS unfinished,
           COUNT(DISTINCT CASE WHEN s.finished_at IS NOT NULL THEN s.trainee END) AS trainees,
           COALESCE(SUM(s.passed), 0) AS passed,
           AVG(s.percent) AS meanPercent
      FROM sessions s ${where}
     GROUP BY s.scenario_id
     ORDER BY s.scenario_id`)
    .all(params) as SummaryRow[];

  // The middle one or two percents per scenario; the counts come from a plain GROUP BY so
  // that the only window (the ranks) streams the percent-ordered index.
  const medians = new Map(
    (
      db
        .prepare(`
    WITH counts AS (SELECT s.scenario_id, COUNT(*) AS n FROM sessions s ${finished} GROUP BY s.scenario_id),
         ranked AS (
           SELECT s.scenario_id, s.percent, ROW_NUMBER() OVER (PARTITION BY s.scenario_id ORDER BY s.percent) AS rn
             FROM sessions s ${finished})
    SELECT r.scenario_id AS id, AVG(r.percent) AS median
      FROM ranked r JOIN counts c ON c.scenario_id = r.scenario_id
     WHERE r.rn IN ((c.n + 1) / 2, (c.n + 2) / 2)
     GROUP BY r.scenario_id`)
        .all(params) as { id: string; median: number }[]
    ).map((r) => [r.id, r.median]),
  );

  // Lesson rows exist for finished sessions only; without session filters the index answers alone.
  const lessons = (
    byScenario
      ? db
          .prepare(`
        SELECT scenario_id AS id, lesson, AVG(points) AS meanPoints, AVG(max) AS max
          FROM session_lessons ${byScenario.scenario !== undefined ? 'WHERE scenario_id = @scenario' : ''}
         GROUP BY scenario_id, lesson`)
          .all(byScenario.scenario !== undefined ? { scenario: byScenario.scenario } : {})
      : db
          .prepare(`
        SELECT s.scenario_id AS id, l.lesson, AVG(l.points) AS meanPoints, AVG(l.max) AS max
          FROM session_lessons l JOIN sessions s ON s.sid = l.sid ${finished}
         GROUP BY s.scenario_id, l.lesson`)
          .all(params)
  ) as LessonRow[];

  // One pass over the trainee's decisions: counts per way and the decision time sums.
  const ways = [
    ...(byScenario
      ? waysFromIndex(db, byScenario.scenario)
      : (db
          .prepare(`
    SELECT s.scenario_id AS id, e.node, e.way, COUNT(*) AS n,
           SUM(CASE WHEN s.mode <> 'headless' THEN e.decision_ms END) AS ms,
           SUM(s.mode <> 'headless') AS timed
      FROM sessions s JOIN events e ON e.sid = s.sid AND e.kind <> 'auto' ${where}
     GROUP BY s.scenario_id, e.node, e.way`)
          .all(params) as WayRow[])),
  ];
  ways.sort((a, b) => cmp(a.id, b.id) || cmp(a.node, b.node) || b.n - a.n || cmp(a.way, b.way));

  const endings = db
    .prepare(`
    SELECT s.scenario_id AS id, s.ending, COUNT(*) AS n
      FROM sessions s ${finished}
     GROUP BY s.scenario_id, s.ending
     ORDER BY s.scenario_id, n DESC, s.ending`)
    .all(params) as { id: string; ending: string; n: number }[];

  const scenarios = scenarioAggregates({
    summaries,
    lessons,
    ways,
    endings,
    medianOf: (id) => medians.get(id),
    periods: views.periods,
    answers: views.answers,
    branches: views.branches,
  });

  // One pass per trainee, newest first: the last percent and the recent ones in order.
  const traineeRows = db
    .prepare(`
    WITH ranked AS (
      SELECT s.trainee, s.percent, s.passed,
             ROW_NUMBER() OVER (PARTITION BY s.trainee ORDER BY s.started_at DESC, s.sid DESC) AS back
        FROM sessions s ${finished})
    SELECT trainee AS name, COUNT(*) AS attempts, SUM(passed) AS passed, MAX(percent) AS best,
           MAX(CASE WHEN back = 1 THEN percent END) AS last,
           json_group_array(percent ORDER BY back DESC) FILTER (WHERE back <= ${RECENT}) AS recent
      FROM ranked GROUP BY trainee ORDER BY trainee`)
    .all(params) as (TraineeRow & { recent: string })[];

  const traineeModes = modeBreakdowns(views.traineePeriods);
  const trainees = traineeRows.map((t) =>
    traineeAggregate(t, JSON.parse(t.recent) as number[], traineeModes.get(t.name)),
  );

  return {
    scenarios,
    trainees,
    trend: { scenarios: views.periods, trainees: views.traineePeriods },
    matrix: views.matrix,
  };
}

/** Byte order, as SQLite and PostgreSQL's C collation sort. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The choice counts straight from the `events_by_way` index, in group order; the decision
 * time of headless runs (no person deciding) is taken out with a second, small query over
 * the headless sessions only.
 */
function waysFromIndex(db: Db, scenario: string | undefined): readonly WayRow[] {
  const filter = scenario === undefined ? '' : 'AND scenario_id = @scenario';
  const params = scenario === undefined ? {} : { scenario };
  const rows = db
    .prepare(`
    SELECT scenario_id AS id, node, way, COUNT(*) AS n, SUM(decision_ms) AS ms, COUNT(*) AS timed
      FROM events WHERE kind <> 'auto' ${filter}
     GROUP BY scenario_id, node, way`)
    .all(params) as WayRow[];
  const headless = db
    .prepare(`
    SELECT s.scenario_id AS id, e.node, e.way, COUNT(*) AS n, SUM(e.decision_ms) AS ms
      FROM sessions s JOIN events e ON e.sid = s.sid AND e.kind <> 'auto'
     WHERE s.mode = 'headless' ${scenario === undefined ? '' : 'AND s.scenario_id = @scenario'}
     GROUP BY s.scenario_id, e.node, e.way`)
    .all(params) as { id: string; node: string; way: string; n: number; ms: number }[];
  return withoutHeadless(rows, headless);
}
