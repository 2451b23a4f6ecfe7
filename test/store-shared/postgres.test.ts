/** The shared store suite on PostgreSQL: a real server for this file, a fresh database per test. */
import { afterAll, beforeAll, describe } from 'vitest';
import { openPgStore } from '../../src/store/pg/pg-store.js';
import type { SessionStore } from '../../src/store/store.js';
import { PgTestServer, postgresSkipReason } from '../pg/pg-server.js';
import { storeSuite } from './store-suite.js';

const skip = postgresSkipReason();

describe.skipIf(skip !== undefined)('on a PostgreSQL server', () => {
  let server: PgTestServer;
  const urls = new Map<SessionStore, string>();
  beforeAll(async () => {
    server = await PgTestServer.start();
  });
  afterAll(async () => {
    await server?.destroy();
  });

  storeSuite('PostgreSQL', () => ({
    open: async () => {
      const url = await server.createDatabase('shared');
      const store = await openPgStore(url);
      urls.set(store, url);
      return store;
    },
    reopen: async (store) => {
      const other = await openPgStore(urls.get(store)!);
      urls.set(other, urls.get(store)!);
      return other;
    },
  }));
});
