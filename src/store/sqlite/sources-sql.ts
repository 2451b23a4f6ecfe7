/**
 * Stored scenario sources on SQLite: the statements the store and a merge (import, sync)
 * both write them with, so a source is stored the same way whichever way it arrives.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import type { ScenarioSource } from '../store.js';

export interface SourceStatements {
  readonly exists: Statement<[string], { one: number }>;
  /** keeps the first copy of a hash: a source is content-addressed, so a second is the same text */
  readonly insert: Statement<[string, string, string, string, string, string]>;
}

export function sourceStatements(db: Db): SourceStatements {
  return {
    exists: db.prepare('SELECT 1 AS one FROM scenario_sources WHERE hash = ?'),
    insert: db.prepare(
      'INSERT OR IGNORE INTO scenario_sources (hash, scenario_id, file, source, catalog, stored_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  };
}

/** Stores a source unless its hash is stored already. */
export function insertSource(st: SourceStatements, s: ScenarioSource, storedAt: Date): void {
  if (st.exists.get(s.hash)) return;
  st.insert.run(s.hash, s.scenarioId, s.file, s.source, JSON.stringify(s.catalog), storedAt.toISOString());
}
