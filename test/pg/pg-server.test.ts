/** The harness itself: a real server comes up, answers, goes down and comes back with its data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PgTestServer, postgresSkipReason } from './pg-server.js';

const skip = postgresSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)('PostgreSQL test server', () => {
  let server: PgTestServer;
  beforeAll(async () => {
    server = await PgTestServer.start();
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('serves a fresh database with password authentication, survives a restart, and is removed afterwards', async () => {
    const url = await server.createDatabase('harness');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE TABLE t (x int)');
    await client.query('INSERT INTO t VALUES (42)');
    await client.end();

    const wrong = new pg.Client({ connectionString: url.replace('roleplay-test', 'wrong') });
    await expect(wrong.connect()).rejects.toThrow(/password/);

    await server.stop();
    const down = new pg.Client({ connectionString: url });
    await expect(down.connect()).rejects.toThrow(/ECONNREFUSED/);
    await server.restart();

    const again = new pg.Client({ connectionString: url });
    await again.connect();
    expect((await again.query('SELECT x FROM t')).rows).toEqual([{ x: 42 }]);
    await again.end();
  });
});
