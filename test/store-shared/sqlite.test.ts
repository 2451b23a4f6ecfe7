/** The shared store suite on the embedded SQLite store (a fresh file per test). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { storeSuite } from './store-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'roleplay-store-shared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeSuite('SQLite', () => ({
  open: async () => openSqliteStore(join(dir, `store-${++n}.db`)),
  reopen: async (store) => openSqliteStore(store.location),
  sql: async (store, statements) => {
    (store as SqliteStore).db.exec(statements);
  },
  unguard: 'DROP TRIGGER ledger_no_update; DROP TRIGGER ledger_no_delete;',
  wipeResult: (id) =>
    `UPDATE sessions SET finished_at = NULL, outcome = NULL, ending = NULL, total = NULL, max = NULL, percent = NULL,
       passed = NULL, seal = NULL WHERE id = '${id}';`,
}));
