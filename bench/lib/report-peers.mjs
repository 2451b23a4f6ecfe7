// The report's peer (bench/report-pg.mjs): plain hand-written SQL computing the same
// aggregates `roleplay report` shows, through the bare driver: per scenario its attempts,
// unfinished sessions, trainees, pass rate and mean percent, the median percent, the lessons,
// the choice distribution with decision times, the endings; per trainee attempts, best, last
// and the last ten percents; finished sessions per week and mode, per scenario and per
// trainee; the trainee × lesson matrix; the three answers typed most often per rule; the
// automatic branches taken. Twelve queries, one row per group, as someone who knows the
// schema would type them into the database's shell: events carry their scenario id (no join
// for the choice counts; headless sessions, whose decision times do not count, are a
// subquery), and SQLite's lesson rows carry their scenario and trainee. Weeks are in UTC here
// (the report's zone may shift them; the cost is the same).

const RECENT = 10;

const HEADLESS = "sid NOT IN (SELECT sid FROM sessions WHERE mode = 'headless')";

/**
 * `S` is the sessions with their results (PostgreSQL keeps results in a table of their own);
 * `L` the lesson rows with their scenario_id and trainee.
 */
const queries = (S, L, week, ms) => [
  `SELECT scenario_id, SUM(CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END) AS attempts,
          SUM(CASE WHEN finished_at IS NULL THEN 1 ELSE 0 END) AS unfinished,
          COUNT(DISTINCT CASE WHEN finished_at IS NOT NULL THEN trainee END) AS trainees, AVG(percent) AS mean
     FROM ${S} s GROUP BY scenario_id ORDER BY scenario_id`,
  `SELECT scenario_id, AVG(percent) AS median FROM (
     SELECT scenario_id, percent, ROW_NUMBER() OVER (PARTITION BY scenario_id ORDER BY percent) AS rn,
            COUNT(*) OVER (PARTITION BY scenario_id) AS n
       FROM ${S} s WHERE finished_at IS NOT NULL) m
    WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY scenario_id`,
  `SELECT scenario_id, lesson, AVG(points) AS points, AVG(max) AS max FROM ${L} l GROUP BY scenario_id, lesson`,
  `SELECT scenario_id, node, way, COUNT(*) AS n, SUM(CASE WHEN ${HEADLESS} THEN decision_ms END) AS ms,
          SUM(CASE WHEN ${HEADLESS} THEN 1 ELSE 0 END) AS timed
     FROM events WHERE kind <> 'auto'
    GROUP BY scenario_id, node, way ORDER BY scenario_id, node, n DESC, way`,
  `SELECT scenario_id, ending, COUNT(*) AS n FROM ${S} s WHERE finished_at IS NOT NULL
    GROUP BY scenario_id, ending ORDER BY scenario_id, n DESC, ending`,
  `SELECT trainee, COUNT(*) AS attempts, MAX(percent) AS best, MAX(CASE WHEN back = 1 THEN percent END) AS last
     FROM (SELECT trainee, percent, ROW_NUMBER() OVER (PARTITION BY trainee ORDER BY started_at DESC, sid DESC) AS back
             FROM ${S} s WHERE finished_at IS NOT NULL) t
    GROUP BY trainee ORDER BY trainee`,
  `SELECT trainee, percent FROM (
     SELECT trainee, percent, ROW_NUMBER() OVER (PARTITION BY trainee ORDER BY started_at DESC, sid DESC) AS back
       FROM ${S} s WHERE finished_at IS NOT NULL) t
    WHERE back <= ${RECENT} ORDER BY trainee, back DESC`,
  ...['scenario_id', 'trainee'].map(
    (key) => `SELECT ${key}, ${week} AS week, mode, COUNT(*) AS attempts,
          SUM(CASE WHEN passed THEN 1 ELSE 0 END) AS passed, AVG(percent) AS mean, MAX(percent) AS best
     FROM ${S} s WHERE finished_at IS NOT NULL GROUP BY ${key}, week, mode ORDER BY ${key}, week, mode`,
  ),
  `SELECT trainee, lesson, COUNT(*) AS sessions, SUM(points) AS points, SUM(max) AS max
     FROM ${L} l GROUP BY trainee, lesson ORDER BY trainee, lesson`,
  `SELECT scenario_id, node, way, text, n FROM (
     SELECT scenario_id, node, way, text, n, ROW_NUMBER() OVER (PARTITION BY scenario_id, node, way ORDER BY n DESC, text) AS r
       FROM (SELECT scenario_id, node, way, ${ms.trim}(text) AS text, COUNT(*) AS n FROM events WHERE kind = 'say'
              GROUP BY scenario_id, node, way, ${ms.trim}(text)) said) ranked
    WHERE r <= 3 ORDER BY scenario_id, node, way, r`,
  `SELECT scenario_id, node, way, COUNT(*) AS n FROM events WHERE kind = 'auto'
    GROUP BY scenario_id, node, way ORDER BY scenario_id, node, way`,
];

export const SQLITE_PEER = queries('sessions', 'session_lessons', "date(started_at, '-6 days', 'weekday 1')", {
  trim: 'trim',
});
export const PG_PEER = queries(
  '(SELECT s0.*, r.finished_at, r.percent, r.passed, r.ending FROM sessions s0 LEFT JOIN session_results r ON r.sid = s0.sid)',
  '(SELECT l0.*, s0.scenario_id, s0.trainee FROM session_lessons l0 JOIN sessions s0 ON s0.sid = l0.sid)',
  "to_char(date_trunc('week', started_at::timestamptz), 'YYYY-MM-DD')",
  { trim: 'btrim' },
);

/** All twelve through better-sqlite3, every row fetched. */
export function rawSqlite(db) {
  let rows = 0;
  for (const sql of SQLITE_PEER) rows += db.prepare(sql).all().length;
  return rows;
}

/** All twelve through a pg pool, concurrently as the store runs its own, every row fetched. */
export async function rawPg(pool) {
  const results = await Promise.all(PG_PEER.map((sql) => pool.query(sql)));
  return results.reduce((n, r) => n + r.rows.length, 0);
}
