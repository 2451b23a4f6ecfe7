/**
 * Offline first, against a real PostgreSQL server that the tests stop and start: play goes on
 * while the server is down (one notice), `sync` and the next start upload what waits, and a
 * sync killed half-way loses and duplicates nothing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PG_MIGRATIONS } from '../../src/store/pg/migrations.js';
import { describeUrl } from '../../src/store/pg/pg-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { Outbox } from '../../src/store/sync/outbox.js';
import { mergeIntoSqlite } from '../../src/store/sync/sqlite-merge.js';
import { postgresSkipReason } from '../pg/pg-server.js';
import { bundleOf, header, result, SOURCE_A } from '../store-shared/fixtures.js';
import { BASEMENT, rp, rpAsync, useTeamServer, withOtherTrainee } from './helpers.js';

const skip = postgresSkipReason();

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(skip !== undefined)('offline first, with a team server', { timeout: 180_000 }, () => {
  const host = useTeamServer();
  const laptop = () => host.laptop();
  const stepsFile = (home: string, name: string, text: string) => {
    const file = join(home, `${name}.yaml`);
    writeFileSync(file, text);
    return file;
  };

  it('the server goes down during play: play goes on with one notice; sync uploads it; the chains verify on the server', async () => {
    const url = await host.server.createDatabase('down');
    const home = laptop();
    const env = { HOME: home, ROLEPLAY_DB: url };

    // Online: ann starts a session and stops half-way.
    const started = rp(
      ['run', BASEMENT, '--steps', stepsFile(home, 'half', '- say: 您好\n- call-noc\n'), '--record', '--lang', 'en'],
      env,
    );
    expect(started.status).toBe(2);
    expect(started.stderr).not.toMatch(/team server/);
    const [online] = await query<{ id: string; event_count: number }>(url, 'SELECT id, event_count FROM sessions');
    expect(online!.event_count).toBeGreaterThan(0);

    await host.server.stop();
    // She finishes it with the server down, and bob plays a whole session.
    const resumed = rp(['resume', online!.id, '--choices', 'wait-calmly', '--lang', 'en'], env);
    expect(resumed.status).toBe(0);
    const notices = resumed.stderr.split('\n').filter((l) => l.includes('team server'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(
      /^roleplay: cannot reach the team server postgres:\/\/roleplay@127\.0\.0\.1:\d+\/down_\w+: nothing is listening there \(connection refused\); working offline: sessions stay on this computer \(.*\.roleplay\/roleplay\.db\) until `roleplay sync` uploads them$/,
    );
    expect(notices[0]).not.toContain('roleplay-test'); // the password is never shown
    const bob = rp(
      [
        'run',
        BASEMENT,
        '--steps',
        stepsFile(home, 'whole', '- say: 您好 我是讯达的 来修电源\n- show-permit\n'),
        '--record',
        '--lang',
        'en',
      ],
      env,
    );
    expect(bob.status).toBe(0);
    expect(bob.stderr).toMatch(/working offline/);
    const stillDown = rp(['sync', '--lang', 'en'], env);
    expect(stillDown.status).toBe(1);
    expect(stillDown.stderr).toMatch(/connection refused.*2 still wait on this computer/);

    await host.server.restart();
    const before = await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM session_results');
    expect(before[0]!.n).toBe(0);
    const synced = rp(['sync', '--lang', 'en'], env);
    expect(synced.stderr).toBe('');
    expect(synced.stdout).toMatch(
      /^uploaded 2 session\(s\), \d+ new event\(s\), to postgres:\/\/roleplay@127\.0\.0\.1:\d+\/down_\w+; nothing is waiting on this computer\n$/,
    );
    expect(synced.status).toBe(0);

    // The server now holds exactly what the laptop holds, and every chain verifies there.
    const local = join(home, '.roleplay', 'roleplay.db');
    const list = (db: string) =>
      JSON.parse(rp(['sessions', '--json'], { HOME: home, ROLEPLAY_DB: db }).stdout).sessions as {
        id: string;
        outcome: string;
      }[];
    expect(list(url)).toEqual(list(local));
    expect(
      list(url)
        .map((s) => s.outcome)
        .sort(),
    ).toEqual(['success', 'success']);
    const verified = rp(['verify', '--lang', 'en'], env);
    expect(verified.stdout).toMatch(/2 sessions/);
    expect(verified.status).toBe(0);
    const report = (db: string) => {
      const r = JSON.parse(rp(['report', '--json'], { HOME: home, ROLEPLAY_DB: db }).stdout) as Record<string, unknown>;
      // (when each report was made: the two runs may straddle a minute)
      delete r.generatedAt;
      delete r.generatedAtLocal;
      return r;
    };
    expect(report(url)).toEqual(report(local));
    const review = (db: string) =>
      JSON.parse(rp(['review', online!.id, '--json'], { HOME: home, ROLEPLAY_DB: db }).stdout) as unknown;
    expect(review(url)).toEqual(review(local));

    expect(rp(['sync', '--lang', 'en'], env).stdout).toBe('nothing on this computer is waiting to be uploaded\n');
  });

  it('sync names each session the server refuses, in the language asked for; the others go up', async () => {
    const url = await host.server.createDatabase('refused');
    const home = laptop();
    for (const [trainee, steps] of [
      ['ann', '- say: 您好 我是讯达的 来修电源\n- show-permit\n'],
      ['bob', '- say: 您好\n- call-noc\n- wait-calmly\n'],
    ] as const) {
      expect(
        rp(['run', BASEMENT, '--steps', stepsFile(home, trainee, steps), '--record', '--trainee', trainee], {
          HOME: home,
        }).status,
      ).toBe(0);
    }
    // The server already holds ann's session under another trainee name (a forged copy).
    const exported = join(home, 'all.jsonl');
    expect(rp(['export', '--format', 'jsonl', '-o', exported], { HOME: home }).status).toBe(0);
    const forged = withOtherTrainee(readFileSync(exported, 'utf8').split('\n').filter(Boolean), 'mallory');
    writeFileSync(exported, `${forged.lines.join('\n')}\n`);
    expect(rp(['import', exported, '--db', url, '--lang', 'en'], { HOME: home }).stdout).toMatch(/^imported 2 session/);
    const id = forged.sessionId;

    const zh = rp(['sync', '--all', '--lang', 'zh'], { HOME: home, ROLEPLAY_DB: url });
    expect(zh.status).toBe(1);
    expect(zh.stderr).toBe(
      `roleplay: 练习记录 ${id} 没有上传成功：练习 ${id} 在这里已经存在，但学员、案例或开始时间不同\n` +
        'roleplay: 有 1 个练习被团队服务器拒收（见上文）；已上传 1 个练习，还有 1 个保存在本机（稍后再运行 `roleplay sync`，不会丢失也不会重复）\n',
    );
    const en = rp(['sync', '--lang', 'en'], { HOME: home, ROLEPLAY_DB: url });
    expect(en.status).toBe(1);
    expect(en.stderr).toBe(
      `roleplay: session ${id} was not uploaded: session ${id} exists here with a different trainee, scenario or start time\n` +
        'roleplay: 1 session(s) were refused by the server (see above); uploaded 0 session(s), 1 still wait on this computer (run `roleplay sync` again later; nothing is lost or sent twice)\n',
    );
  });

  it('the next start uploads what waits, once the server is back', async () => {
    const url = await host.server.createDatabase('nextstart');
    const home = laptop();
    const env = { HOME: home, ROLEPLAY_DB: url };
    // First contact creates the tables (a versioned migration on first use).
    expect(JSON.parse(rp(['sessions', '--json'], env).stdout).sessions).toEqual([]);
    await host.server.stop();
    const played = rp(
      ['run', BASEMENT, '--steps', stepsFile(home, 's', '- say: 您好\n- call-noc\n- wait-calmly\n'), '--record'],
      env,
    );
    expect(played.status).toBe(0);
    await host.server.restart();
    const listed = JSON.parse(rp(['sessions', '--json'], env).stdout).sessions as {
      trainee: string;
      outcome: string;
    }[];
    // On a team server the trainee is the role the laptop logs in as (here the test server's admin).
    expect(listed).toMatchObject([{ trainee: 'roleplay', outcome: 'success' }]);
    expect(rp(['verify'], env).status).toBe(0);
    const migrations = await query<{ version: number }>(
      url,
      'SELECT version FROM roleplay_migrations ORDER BY version',
    );
    expect(migrations.map((m) => m.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
  });

  it('a session started on one laptop is resumed on another through the server', async () => {
    const url = await host.server.createDatabase('twolaptops');
    const a = laptop();
    const b = laptop();
    const started = rp(['run', BASEMENT, '--steps', stepsFile(a, 'half', '- say: 您好\n- call-noc\n'), '--record'], {
      HOME: a,
      ROLEPLAY_DB: url,
    });
    expect(started.status).toBe(2);
    const [session] = JSON.parse(rp(['sessions', '--json'], { HOME: b, ROLEPLAY_DB: url }).stdout).sessions as {
      id: string;
      finishedAt: string | null;
    }[];
    expect(session!.finishedAt).toBeNull();
    const resumed = rp(['resume', '--choices', 'wait-calmly'], { HOME: b, ROLEPLAY_DB: url });
    expect(resumed.stderr).not.toMatch(/team server/);
    expect(resumed.status).toBe(0);
    const [after] = JSON.parse(rp(['sessions', '--json'], { HOME: a, ROLEPLAY_DB: url }).stdout).sessions as {
      id: string;
      outcome: string;
    }[];
    expect(after).toMatchObject({ id: session!.id, outcome: 'success' });
    expect(rp(['verify'], { HOME: a, ROLEPLAY_DB: url }).status).toBe(0);
  });

  it('a sync killed half-way, then sync again: every event arrives once', { timeout: 300_000 }, async () => {
    const url = await host.server.createDatabase('killed');
    const home = laptop();
    const N = 800;
    const EVENTS = 6;
    // 800 sessions recorded on this laptop while the server was out of reach, all waiting.
    mkdirSync(join(home, '.roleplay'), { recursive: true });
    const local = openSqliteStore(join(home, '.roleplay', 'roleplay.db'));
    const bundles = Array.from({ length: N }, (_, i) =>
      bundleOf(
        {
          header: header(
            `66666666-0000-4000-8000-${String(i).padStart(12, '0')}`,
            `t${i % 40}`,
            SOURCE_A,
            new Date(Date.UTC(2026, 5, 1, 0, i)).toISOString(),
          ),
          steps: Array.from({ length: EVENTS }, (_, j) => ({
            node: `n${j}`,
            action: { kind: 'choice' as const, choice: (i + j) % 3 ? 'good' : 'bad' },
            decisionMs: 100 * j,
          })),
          result: result(new Date(Date.UTC(2026, 5, 1, 1, i)).toISOString(), i % 101, i % 2 === 0, {
            respect: { points: i % 3, max: 2 },
          }),
        },
        i === 0 ? SOURCE_A : undefined,
      ),
    );
    await mergeIntoSqlite(local.db, bundles);
    const outbox = Outbox.open(local.db, describeUrl(url));
    for (const b of bundles) outbox.mark(b.header.id);
    await local.close();

    const env = { HOME: home, ROLEPLAY_DB: url };
    // One connection for all the polling, so each look costs one round trip.
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    const count = async () =>
      (await watcher.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions')).rows[0]!.n;
    // Until the sync has created the tables, counting fails: that counts as none yet.
    const sync = rpAsync(['sync', '--lang', 'en'], env);
    let seen = 0;
    const until = Date.now() + 120_000;
    while (seen === 0 && Date.now() < until) seen = await count().catch(() => 0);
    sync.child.kill('SIGKILL');
    const killed = await sync;
    expect(killed.status).toBeNull();
    const afterKill = await count();
    await watcher.end();
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(N); // it really was interrupted half-way

    const again = rp(['sync', '--lang', 'en'], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/nothing is waiting on this computer/);
    const [totals] = await query<{ sessions: number; events: number; distinct_events: number; finished: number }>(
      url,
      `
      SELECT (SELECT count(*)::int FROM sessions) AS sessions,
             (SELECT count(*)::int FROM events) AS events,
             (SELECT count(*)::int FROM (SELECT DISTINCT sid, seq FROM events) d) AS distinct_events,
             (SELECT count(*)::int FROM sessions JOIN session_results r USING (sid)
                WHERE r.seal IS NOT NULL AND event_count = ${EVENTS}) AS finished`,
    );
    expect(totals).toEqual({ sessions: N, events: N * EVENTS, distinct_events: N * EVENTS, finished: N });
    const verified = rp(['verify', '--lang', 'en'], env);
    expect(verified.stdout).toContain(`${N} sessions, ${N * EVENTS} events`);
    expect(verified.status).toBe(0);
    // And the report on the server counts every attempt once.
    const report = JSON.parse(rp(['report', '--json'], env).stdout) as {
      scenarios: { id: string; attempts: number }[];
    };
    expect(report.scenarios).toMatchObject([{ id: 'alpha', attempts: N }]);
  });
});
