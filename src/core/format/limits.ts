/**
 * Bounds on the numbers a scenario may hold, so that no arithmetic on them can reach Infinity
 * or NaN. YAML reads `1e308` as a finite number, and two such scores summed to Infinity (then
 * percent was NaN, and `verify` called an untouched session altered). With every point value,
 * meter change, meter bound and comparison within ±MAX_SCENARIO_NUMBER, a total is at most
 * steps × lessons × 10,000: a billion steps over a hundred lessons is 10^15, still an exact
 * integer in a double (below 2^53 ≈ 9·10^15). Seconds (≤ 86,400) and passScore (0–100) have
 * their own, narrower bounds in the schema.
 */

/** The largest magnitude of a point value, meter change, meter initial/min/max or comparison. */
export const MAX_SCENARIO_NUMBER = 10_000;

/** Whether a number from a file may be used in scoring and meters. */
export function withinLimit(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= MAX_SCENARIO_NUMBER;
}
