/**
 * Numbers as they are stored, hashed and sealed: one text per value, the same after a round
 * trip through either database. YAML reads `1e308` as a finite number; two such scores sum to
 * Infinity and the percent becomes NaN. SQLite stores NaN as NULL (read back as 0) and
 * PostgreSQL's integer columns take neither, so a seal computed over them would not match the
 * stored row, and verify would call an untouched session altered. Results are therefore made
 * finite before they are sealed and stored (NaN is 0, ±Infinity and anything beyond is
 * ±MAX_RECORDED_NUMBER, -0 is 0), and verify re-derives a result through the same function.
 * (Since lint bounds every point value to ±10,000, only scenarios from before that bound can
 * get there; their sessions still verify.)
 */
import type { EventContent, SessionResult } from './store.js';

/** The largest magnitude of a recorded total, maximum, percent or lesson score: fits PostgreSQL's integer. */
export const MAX_RECORDED_NUMBER = 1_000_000_000;

/** A number as it is recorded: finite, within ±MAX_RECORDED_NUMBER, never -0 or NaN. */
export function recordedNumber(value: number): number {
  if (Number.isNaN(value)) return 0;
  const bounded = Math.min(MAX_RECORDED_NUMBER, Math.max(-MAX_RECORDED_NUMBER, value));
  return bounded === 0 ? 0 : bounded;
}

/** A result as it is sealed and stored. */
export function recordedResult(result: SessionResult): SessionResult {
  const lessons: Record<string, { points: number; max: number }> = {};
  for (const [id, l] of Object.entries(result.lessons))
    lessons[id] = { points: recordedNumber(l.points), max: recordedNumber(l.max) };
  return {
    ...result,
    total: recordedNumber(result.total),
    max: recordedNumber(result.max),
    percent: recordedNumber(result.percent),
    lessons,
  };
}

/** The longest decision a step records (30 days, as imports are held to; record-limits.ts). */
export const MAX_DECISION_MS = 30 * 24 * 3600 * 1000;

/** A step as it is hashed and stored: its decision time a whole number of milliseconds, 0 to 30 days. */
export function recordedContent(content: EventContent): EventContent {
  const ms = Math.round(content.decisionMs);
  return { ...content, decisionMs: Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_DECISION_MS) : 0 };
}
