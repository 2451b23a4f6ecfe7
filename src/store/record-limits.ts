/**
 * The bounds of a recorded session, as live play produces it and as `import` holds every file
 * to (issue 18): a file from elsewhere may claim anything, and what it claims is stored,
 * listed, reviewed and averaged into reports like a session played here.
 */
import { MAX_DECISION_MS, MAX_RECORDED_NUMBER } from './numbers.js';

export const RECORD_LIMITS = {
  /** a trainee's name, as `--trainee`, ROLEPLAY_TRAINEE or the login name is cut to */
  trainee: 100,
  /** ids of scenarios, nodes, choices, lessons and meters */
  id: 200,
  /** a typed answer: the play screen takes 500 characters, the matcher reads 2,000 */
  answer: 10_000,
  /** a feedback text as shown */
  feedback: 20_000,
  /** steps in one session */
  events: 100_000,
  /** choices shown at one step; lessons or meters in one record */
  entries: 1_000,
  /** a decision: 30 days (a terminal left open over a holiday) */
  decisionMs: MAX_DECISION_MS,
  /** a step's points or a meter's value: lint bounds every scenario number to ±10,000 */
  stepNumber: 10_000,
  /** a result's total, maximum or lesson score (see numbers.ts) */
  resultNumber: MAX_RECORDED_NUMBER,
  /** a stored scenario's text: a scenario file's limit */
  sourceChars: 2 * 1024 * 1024,
  /** a file name kept with a stored scenario */
  fileName: 4096,
  /** a line of an export (a session line, or a scenario source with its escapes) */
  lineChars: 8 * 1024 * 1024,
} as const;

/** A moment as the store writes it: ISO 8601 in UTC, a date that exists. */
export function isRecordedTime(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)) return false;
  const t = Date.parse(value);
  // 2026-02-30 parses (as 2 March): the text must be the date it names
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 19) === value.slice(0, 19);
}
