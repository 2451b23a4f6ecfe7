/**
 * A row of the `events` table, and its translation to and from a StoredEvent, shared by the
 * SQLite and PostgreSQL stores. The two differ only in the internal session id (an integer;
 * a bigint string) and in the JSON columns: SQLite returns their text, PostgreSQL (jsonb)
 * returns them parsed.
 */
import type { RecordedAction, StoredEvent } from './store.js';

type Json<T> = T | string;

export interface EventColumns<RowId> {
  sid: RowId;
  seq: number;
  at: string;
  node: string;
  kind: string;
  way: string;
  text: string | null;
  idx: number | null;
  shown: Json<string[]>;
  decision_ms: number;
  points: Json<Record<string, number>>;
  meters: Json<Record<string, number>>;
  feedback: string | null;
  goto: string;
  prev_hash: string;
  hash: string;
}

/** The way column: what the report's choice distribution counts. */
export function wayOf(action: RecordedAction): { way: string; text: string | null; idx: number | null } {
  switch (action.kind) {
    case 'choice':
      return { way: action.choice, text: null, idx: null };
    case 'say':
      return { way: `rule ${action.rule + 1}`, text: action.text, idx: action.rule };
    case 'timeout':
      return { way: 'timeout', text: null, idx: null };
    case 'auto':
      return { way: `when ${action.branch + 1}`, text: null, idx: action.branch };
  }
}

function actionOf(row: EventColumns<unknown>): RecordedAction {
  switch (row.kind) {
    case 'choice':
      return { kind: 'choice', choice: row.way };
    case 'say':
      return { kind: 'say', text: row.text ?? '', rule: row.idx ?? 0 };
    case 'timeout':
      return { kind: 'timeout' };
    default:
      return { kind: 'auto', branch: row.idx ?? 0 };
  }
}

const parsed = <T>(v: Json<T>): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export function eventOf(e: EventColumns<unknown>, sessionId: string): StoredEvent {
  return {
    sessionId,
    seq: e.seq,
    at: e.at,
    node: e.node,
    action: actionOf(e),
    shown: parsed(e.shown),
    decisionMs: e.decision_ms,
    points: parsed(e.points),
    meters: parsed(e.meters),
    feedback: e.feedback,
    goto: e.goto,
    prevHash: e.prev_hash,
    hash: e.hash,
  };
}
