/**
 * The ledger (../ledger.ts) on PostgreSQL. Appending takes a transaction-scoped advisory lock
 * first, so two writers never take the same number; every transaction that may append takes
 * it before it locks any session row (lockLedger), so ledger writers queue in one order and
 * never deadlock each other. Writing a step takes no ledger lock at all.
 */
import {
  type EntryRow,
  entryOf,
  nextEntry,
  type LedgerEntry,
  type LedgerKind,
  type OriginEntry,
  type OriginVia,
} from '../ledger.js';
import type pg from 'pg';
import { LEDGER_LOCK } from './locks.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

export async function lockLedger(q: Queryable): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [LEDGER_LOCK]);
}

export async function storeIdOf(q: Queryable): Promise<string> {
  const { rows } = await q.query<{ value: string }>("SELECT value FROM store_meta WHERE key = 'store_id'");
  return rows[0]?.value ?? '';
}

/** Appends the next entry; the caller's transaction holds the ledger lock (lockLedger). */
export async function appendEntry(
  q: Queryable,
  storeId: string,
  kind: LedgerKind,
  sessionId: string,
  body: string,
): Promise<LedgerEntry> {
  const { rows } = await q.query<{ n: number; hash: string }>('SELECT n, hash FROM ledger ORDER BY n DESC LIMIT 1');
  const e = nextEntry(storeId, rows[0], kind, sessionId, body);
  await q.query('INSERT INTO ledger (n, kind, session_id, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6)', [
    e.n,
    e.kind,
    e.sessionId,
    e.body,
    e.prevHash,
    e.hash,
  ]);
  return e;
}

export async function hasResultEntry(q: Queryable, sessionId: string): Promise<boolean> {
  const { rows } = await q.query("SELECT 1 FROM ledger WHERE session_id = $1 AND kind = 'result' LIMIT 1", [sessionId]);
  return rows.length > 0;
}

export async function entriesOf(q: Queryable, sessionId: string): Promise<LedgerEntry[]> {
  const { rows } = await q.query<EntryRow>('SELECT * FROM ledger WHERE session_id = $1 ORDER BY n', [sessionId]);
  return rows.map(entryOf);
}

export async function allEntries(q: Queryable): Promise<LedgerEntry[]> {
  const { rows } = await q.query<EntryRow>('SELECT * FROM ledger ORDER BY n');
  return rows.map(entryOf);
}

export async function originEntries(q: Queryable): Promise<OriginEntry[]> {
  const { rows } = await q.query<EntryRow & { origin: string; via: OriginVia }>(
    'SELECT * FROM origin_ledger ORDER BY origin, n',
  );
  return rows.map((r) => ({ ...entryOf(r), origin: r.origin, via: r.via }));
}

export async function originEntry(
  q: Queryable,
  origin: string,
  n: number,
): Promise<Pick<LedgerEntry, 'hash' | 'prevHash'> | undefined> {
  const { rows } = await q.query<{ hash: string; prev_hash: string }>(
    'SELECT hash, prev_hash FROM origin_ledger WHERE origin = $1 AND n = $2',
    [origin, n],
  );
  return rows[0] ? { hash: rows[0].hash, prevHash: rows[0].prev_hash } : undefined;
}

/** Keeps another store's entry; one that came by import and now comes by sync counts as synced. */
export async function putOriginEntry(q: Queryable, e: OriginEntry): Promise<void> {
  await q.query(
    `INSERT INTO origin_ledger (origin, n, kind, session_id, body, prev_hash, hash, via)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (origin, n) DO UPDATE SET via = 'sync' WHERE excluded.via = 'sync'`,
    [e.origin, e.n, e.kind, e.sessionId, e.body, e.prevHash, e.hash, e.via],
  );
}
