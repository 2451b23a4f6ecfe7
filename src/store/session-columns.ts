/**
 * A row of the `sessions` table as the databases return it. SQLite and PostgreSQL differ only
 * in the internal row id (an integer; a bigint string) and in booleans (0/1; true/false).
 */
import type { Outcome } from '../core/index.js';
import { StoreError, storeProblems, type SessionHeader, type SessionRow } from './store.js';
import type { MergeHead } from './sync/merge.js';

export interface SessionColumns<RowId, Flag> {
  sid: RowId;
  id: string;
  trainee: string;
  scenario_id: string;
  scenario_hash: string;
  lang: string;
  mode: string;
  started_at: string;
  finished_at: string | null;
  outcome: string | null;
  ending: string | null;
  total: number | null;
  max: number | null;
  percent: number | null;
  passed: Flag | null;
  event_count: number;
  head_hash: string;
  seal: string | null;
  /** null: replies in file order (see SessionHeader.shuffleSeed) */
  shuffle_seed?: number | null;
}

/** The header fields of a sessions row (what the genesis hash covers). */
export function headerOf<RowId, Flag>(r: SessionColumns<RowId, Flag>): SessionHeader {
  return {
    id: r.id,
    trainee: r.trainee,
    scenarioId: r.scenario_id,
    scenarioHash: r.scenario_hash,
    lang: r.lang as SessionHeader['lang'],
    mode: r.mode as SessionHeader['mode'],
    startedAt: r.started_at,
    ...(r.shuffle_seed !== null && r.shuffle_seed !== undefined ? { shuffleSeed: Number(r.shuffle_seed) } : {}),
  };
}

/**
 * The store-neutral session row. `lessons` are asked for only when the session is finished
 * (SQLite reads them from their own table, PostgreSQL has them on the row already).
 */
export function sessionRowOf<RowId, Flag>(
  r: SessionColumns<RowId, Flag>,
  lessons: () => Record<string, { points: number; max: number }>,
): SessionRow {
  const base = {
    ...headerOf(r),
    eventCount: r.event_count,
    headHash: r.head_hash,
  };
  if (r.finished_at === null) return base;
  return {
    ...base,
    result: {
      finishedAt: r.finished_at,
      outcome: r.outcome as Outcome,
      ending: r.ending ?? '',
      total: r.total ?? 0,
      max: r.max ?? 0,
      // SQLite answers 1/0, PostgreSQL true/false
      percent: r.percent ?? 0,
      passed: r.passed === true || r.passed === 1,
      lessons: lessons(),
    },
    ...(r.seal !== null ? { seal: r.seal } : {}),
  };
}

/**
 * The session row a new step may be appended to: it exists, is not finished, and expects
 * exactly this step next (anything else means the session is being played in two places).
 */
export function appendableRow<R extends Pick<SessionColumns<unknown, unknown>, 'finished_at' | 'event_count'>>(
  s: R | undefined,
  sessionId: string,
  seq: number,
): R {
  if (!s) throw new StoreError(storeProblems.noSession(sessionId));
  if (s.finished_at !== null) throw new StoreError(storeProblems.finished(sessionId));
  if (seq !== s.event_count + 1) {
    throw new StoreError(storeProblems.outOfStep(sessionId, s.event_count + 1, seq));
  }
  return s;
}

/** The session as merging sees it: its header, where its chain ends, whether it is finished. */
export function mergeHeadOf<RowId, Flag>(s: SessionColumns<RowId, Flag>): MergeHead {
  return {
    header: headerOf(s),
    eventCount: s.event_count,
    headHash: s.head_hash,
    finished: s.finished_at !== null,
    ...(s.seal !== null ? { seal: s.seal } : {}),
  };
}
