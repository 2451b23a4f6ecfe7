/**
 * The team server drops connections in the middle of recorded runs (issue 18, item 5): another
 * connection terminates every backend of the trainee's role (`pg_terminate_backend`) again
 * and again while 50 `roleplay run --record` processes record against a real server, on
 * loopback. None may crash (no "Unhandled 'error' event", no stack, exit 0 with the run's
 * JSON), and none may be lost: each is recorded on the laptop whatever the connection did,
 * and after one `roleplay sync` the server holds all 50, finished, their chains intact.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore, ServerUnreachable } from '../../src/store/pg/pg-store.js';
import { PgTestServer, postgresSkipReason } from '../pg/pg-server.js';
import { BIN, ROOT, rp, rpAsync, tempHome } from '../team/helpers.js';
import { spawnSync } from 'node:child_process';

const LOOP = join(import.meta.dirname, 'fixtures', 'loop.yaml');
const RUNS = Number(process.env.FAULT_PG_RUNS ?? 50);
const AT_ONCE = 2;
const skip = postgresSkipReason();

/** Terminates kim's backends every few milliseconds until stopped; counts the ones it ended. */
async function killer(adminUrl: string): Promise<{ stop: () => Promise<number> }> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => {});
  await client.connect();
  let running = true;
  let terminated = 0;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE usename = 'kim'",
      );
      terminated += rows[0]!.n;
      await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 40)));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await client.end();
      return terminated;
    },
  };
}

/** Records RUNS runs, AT_ONCE at a time; what each printed tells whether it crashed or went offline. */
async function recordRuns(env: NodeJS.ProcessEnv, steps: string) {
  const crashes: string[] = [];
  const ids: string[] = [];
  let offline = 0;
  let next = 0;
  const worker = async () => {
    while (next < RUNS) {
      next++;
      const run = rpAsync(['run', LOOP, '--steps', steps, '--record', '--lang', 'en'], env);
      const guard = setTimeout(() => run.child.kill('SIGKILL'), 60_000);
      const r = await run;
      clearTimeout(guard);
      const id = /recorded as session ([0-9a-f-]{36})/.exec(r.stderr)?.[1];
      if (id) ids.push(id);
      if (/working offline|did not take/.test(r.stderr)) offline++;
      const stack = /Unhandled|\n\s+at |internal error|TypeError|Error:/.test(r.stderr);
      if (r.status !== 0 || stack || !r.stdout.includes('"outcome": "success"'))
        crashes.push(`exit ${r.status}: ${r.stderr.slice(0, 400)}`);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  return { crashes, ids, offline };
}

describe.skipIf(skip !== undefined)('PostgreSQL backends killed during recorded runs', { timeout: 300_000 }, () => {
  let server: PgTestServer;
  let adminUrl: string;
  const home = tempHome();
  const PASSWORD = 'kim-password-4417';
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await PgTestServer.start();
    adminUrl = await server.createDatabase('backends');
    expect(rp(['team', 'init'], { ROLEPLAY_DB: adminUrl }).status).toBe(0);
    const added = spawnSync(process.execPath, [BIN, 'team', 'add-trainee', 'kim', '--password-stdin'], {
      cwd: ROOT,
      input: `${PASSWORD}\n`,
      env: { ...process.env, ROLEPLAY_DB: adminUrl },
    });
    expect(added.status).toBe(0);
    const u = new URL(adminUrl);
    env = { HOME: home.home, ROLEPLAY_DB: `postgres://kim@127.0.0.1:${u.port}${u.pathname}`, PGPASSWORD: PASSWORD };
  }, 120_000);
  afterAll(async () => {
    await server?.destroy();
    home.done();
  });

  it('a connection checked out of the pool and cut mid-transaction fails that transaction as "unreachable", and nothing else', async () => {
    const store = await openPgStore(adminUrl);
    try {
      for (const cut of ['terminate', 'crash'] as const) {
        let pid = 0;
        // Between its two statements the connection is checked out and idle: the moment the
        // pool's own listener is not on it, and node-postgres's 'error' event used to crash.
        const tx = store.transaction(async (q) => {
          pid = (await q.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
          await new Promise((r) => setTimeout(r, 600));
          await q.query('SELECT 1');
        });
        await new Promise((r) => setTimeout(r, 200));
        if (cut === 'terminate') {
          const admin = new pg.Client({ connectionString: adminUrl });
          await admin.connect();
          await admin.query('SELECT pg_terminate_backend($1)', [pid]);
          await admin.end();
        } else {
          await server.stop('immediate');
        }
        await expect(tx, cut).rejects.toBeInstanceOf(ServerUnreachable);
        if (cut === 'crash') await server.restart();
        // The store goes on with a fresh connection.
        expect((await store.listSessions({ limit: 1 })).length, cut).toBeLessThanOrEqual(1);
      }
    } finally {
      await store.close();
    }
  });

  it(`${RUNS} runs: 0 crashed, 0 lost; the server has them all after one sync`, async () => {
    // 61 steps each: every step is uploaded in its own transaction, so the connections are
    // busy (and checked out of the pool) for much of each run's life.
    const steps = join(home.home, 'steps.json');
    writeFileSync(
      steps,
      JSON.stringify([...Array.from({ length: 30 }, () => ['ask', { say: '谢谢' }]).flat(), 'leave']),
    );
    const kill = await killer(adminUrl);
    const { crashes, ids, offline } = await recordRuns(env, steps);
    const terminated = await kill.stop();

    expect(crashes).toEqual([]);
    expect(ids).toHaveLength(RUNS);
    // The kills landed: connections were ended under the runs, and some runs fell back to the laptop.
    expect(terminated).toBeGreaterThan(RUNS / 2);
    expect(offline).toBeGreaterThan(0);

    // Whatever did not reach the server waits on the laptop; one sync takes it up.
    const synced = rp(['sync', '--lang', 'en'], env);
    expect(synced.stderr).toBe('');
    expect(synced.status).toBe(0);
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const { rows } = await client.query<{ id: string; finished: boolean; events: number }>(
      `SELECT s.id, r.sid IS NOT NULL AS finished, s.event_count AS events
         FROM sessions s LEFT JOIN session_results r USING (sid) WHERE s.id = ANY($1)`,
      [ids],
    );
    await client.end();
    const lost = ids.filter((id) => !rows.some((r) => r.id === id && r.finished && r.events === 61));
    expect(lost).toEqual([]);
    const verified = rp(['verify', '--lang', 'en'], { HOME: home.home, ROLEPLAY_DB: adminUrl });
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toContain(`${RUNS} sessions`);
    expect(verified.status).toBe(0);
  });
});
