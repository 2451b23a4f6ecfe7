/** The harness itself: a real server comes up, answers, goes down and comes back with its data. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { inCi, PgTestServer, postgresSkipReason, skipReasonOf } from './pg-server.js';

const skip = postgresSkipReason();

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

describe('when PostgreSQL is missing', () => {
  const missing = { ok: false as const, reason: 'PostgreSQL tests: initdb, pg_ctl and postgres were not found' };
  it('skips with the reason on a developer machine, and runs (to fail with it) in CI', () => {
    expect(skipReasonOf(missing, {})).toMatch(
      /^PostgreSQL tests: initdb.*not found\. Skipped here; in CI \(CI set\) these tests fail instead\.$/,
    );
    expect(skipReasonOf(missing, { CI: 'false' })).toBeDefined();
    for (const ci of ['true', '1', 'yes']) expect(skipReasonOf(missing, { CI: ci }), ci).toBeUndefined();
    expect(inCi({ CI: '0' })).toBe(false);
    expect(skipReasonOf(missing, { ROLEPLAY_REQUIRE_SERVICES: '1' })).toBeUndefined();
    expect(skipReasonOf({ ok: true, binaries: { initdb: 'i', pgCtl: 'p' } }, {})).toBeUndefined();
  });
});

describe('.ci/ensure-postgres', () => {
  const script = join(import.meta.dirname, '..', '..', '.ci', 'ensure-postgres');
  const run = (env: NodeJS.ProcessEnv) =>
    spawnSync('bash', [script], { encoding: 'utf8', env: { ...process.env, ROLEPLAY_CI_DRY_RUN: '1', ...env } });
  it('installs the postgresql package with apt-get when the binaries are nowhere the tests look', () => {
    const r = run({ PG_SEARCH_DIRS: '/nonexistent', PATH: '/usr/bin:/bin' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/apt-get update\n.*apt-get install -y --no-install-recommends postgresql\n$/);
  });
  it('installs nothing when they are there', () => {
    const r = run({ PG_SEARCH_DIRS: join(import.meta.dirname, 'fake-bin'), PATH: '/usr/bin:/bin' });
    expect(r).toMatchObject({ status: 0, stdout: '' });
  });
});
