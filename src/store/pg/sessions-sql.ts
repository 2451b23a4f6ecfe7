/**
 * The sessions as the queries read them: the session row with its result beside it. Since
 * migration 4 a result is a row of its own (`session_results`, appended once when the session
 * finishes, never updated), so every read joins it back under the old column names
 * (`finished_at`, `percent`, `seal`, …), aliased `s` like the table was. A plain subquery, not a
 * view: a view would read the tables with its owner's rights and bypass row-level security.
 */
export const SESSIONS = `(SELECT s0.*, r.finished_at, r.outcome, r.ending, r.total, r.max, r.percent, r.passed, r.seal
    FROM sessions s0 LEFT JOIN session_results r ON r.sid = s0.sid)`;

/** The condition (over `sessions`, unaliased) that a session has no result yet. */
export const UNFINISHED = 'NOT EXISTS (SELECT 1 FROM session_results r WHERE r.sid = sessions.sid)';
