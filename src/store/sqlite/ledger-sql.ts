/**
 * The ledger (../ledger.ts) in SQLite: reading it, and appending to it inside a write
 * transaction the caller has opened (BEGIN IMMEDIATE holds the write lock, so two writers
 * never take the same number).
 */
import type { Database as Db } from 'better-sqlite3';
import {
  type EntryRow,
  entryOf,
  nextEntry,
  type LedgerEntry,
  type LedgerKind,
  type OriginEntry,
  type OriginVia,
} from '../ledger.js';

export function storeIdOf(db: Db): string {
  const row = db.prepare("SELECT value FROM store_meta WHERE key = 'store_id'").get() as { value: string } | undefined;
  return row?.value ?? '';
}

/** Appends the next entry; the caller holds the write transaction. */
export function appendEntry(db: Db, storeId: string, kind: LedgerKind, sessionId: string, body: string): LedgerEntry {
  const last = db.prepare('SELECT n, hash FROM ledger ORDER BY n DESC LIMIT 1').get() as
    | { n: number; hash: string }
    | undefined;
  const e = nextEntry(storeId, last, kind, sessionId, body);
  db.prepare('INSERT INTO ledger (n, kind, session_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)').run(
    e.n,
    e.kind,
    e.sessionId,
    e.body,
    e.prevHash,
    e.hash,
  );
  return e;
}

/** Whether the ledger says the session finished (its result was sealed here once). */
export function hasResultEntry(db: Db, sessionId: string): boolean {
  return (
    db.prepare("SELECT 1 FROM ledger WHERE session_id = ? AND kind = 'result' LIMIT 1").get(sessionId) !== undefined
  );
}

export function entriesOf(db: Db, sessionId: string): LedgerEntry[] {
  return (db.prepare('SELECT * FROM ledger WHERE session_id = ? ORDER BY n').all(sessionId) as EntryRow[]).map(entryOf);
}

export function allEntries(db: Db): LedgerEntry[] {
  return (db.prepare('SELECT * FROM ledger ORDER BY n').all() as EntryRow[]).map(entryOf);
}

export function originEntries(db: Db): OriginEntry[] {
  return (
    db.prepare('SELECT * FROM origin_ledger ORDER BY origin, n').all() as (EntryRow & {
      origin: string;
      via: OriginVia;
    })[]
  ).map((r) => ({ ...entryOf(r), origin: r.origin, via: r.via }));
}

export function originEntry(db: Db, origin: string, n: number): Pick<LedgerEntry, 'hash' | 'prevHash'> | undefined {
  const r = db.prepare('SELECT hash, prev_hash FROM origin_ledger WHERE origin = ? AND n = ?').get(origin, n) as
    | { hash: string; prev_hash: string }
    | undefined;
  return r ? { hash: r.hash, prevHash: r.prev_hash } : undefined;
}

/** Keeps another store's entry; one that came by import and now comes by sync counts as synced. */
export function putOriginEntry(db: Db, e: OriginEntry): void {
  db.prepare(`INSERT INTO origin_ledger (origin, n, kind, session_id, body, prev_hash, hash, via)
    VALUES (@origin, @n, @kind, @sessionId, @body, @prevHash, @hash, @via)
    ON CONFLICT (origin, n) DO UPDATE SET via = 'sync' WHERE excluded.via = 'sync'`).run(e);
}
