/**
 * Merging into whichever store the records commands opened. The PostgreSQL store (and the
 * team store that wraps it) merge on the server in one transaction; the SQLite store merges
 * in one IMMEDIATE transaction on its connection (sqlite-merge.ts).
 */
import { SqliteStore } from '../sqlite/sqlite-store.js';
import { StoreError } from '../store.js';
import type { SessionStore } from '../store.js';
import type { MergeOutcome, SessionBundle } from './bundle.js';
import { mergeIntoSqlite } from './sqlite-merge.js';

/** A store that can merge bundles itself. */
export interface MergingStore {
  merge(bundles: readonly SessionBundle[]): Promise<MergeOutcome[]>;
}

function canMerge(store: SessionStore): store is SessionStore & MergingStore {
  return typeof (store as Partial<MergingStore>).merge === 'function';
}

/** All the bundles, or none of them (one transaction). */
export async function mergeSessions(store: SessionStore, bundles: readonly SessionBundle[]): Promise<MergeOutcome[]> {
  if (canMerge(store)) return store.merge(bundles);
  if (store instanceof SqliteStore) return mergeIntoSqlite(store.db, bundles);
  throw new StoreError({
    zh: `${store.location} 不能导入练习记录`,
    en: `${store.location} cannot take imported sessions`,
  });
}
