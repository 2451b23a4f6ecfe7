/**
 * Who may do what on a team server set up with `roleplay team init`, checked by PostgreSQL
 * itself: the SQL runs through node-postgres as each person's own role (what anyone could do
 * from psql with their password), not through the CLI. A trainee can read, change or delete
 * nobody else's records, nor change or delete their own finished ones; a lead reads everyone
 * and writes nothing; only the owner deletes, and each deletion is logged.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASEMENT, ROOT, rp, tempHome } from '../team/helpers.js';
import { runCli } from '../run-cli.js';
import { PgTestServer, postgresSkipReason } from './pg-server.js';

const skip = postgresSkipReason();

const WHOLE = '- say: 您好 我是讯达的 来修电源\n- show-permit\n';
const HALF = '- say: 您好\n- call-noc\n';

/** The CLI with a password on standard input (for --password-stdin). */
function rpWithInput(args: readonly string[], input: string, env: NodeJS.ProcessEnv) {
  return runCli(args, { input, env });
}

describe.skipIf(skip !== undefined)('roles on the team server', { timeout: 180_000 }, () => {
  let server: PgTestServer;
  let adminUrl: string;
  const passwords = new Map<string, string>();
  const homes: (() => void)[] = [];
  /** sessions recorded by each trainee through the CLI: id → trainee */
  const recorded = new Map<string, string>();
  /** the environment (the laptop) each of those sessions was recorded on */
  const laptops = new Map<string, NodeJS.ProcessEnv>();

  /** The URL a person uses: their role, no password in it. */
  const urlOf = (role: string) => {
    const u = new URL(adminUrl);
    u.username = role;
    u.password = '';
    return u.toString();
  };
  /** A person's environment: their URL, their password where libpq and roleplay look for it, their own HOME. */
  const envOf = (role: string) => {
    const t = tempHome();
    homes.push(t.done);
    return { HOME: t.home, ROLEPLAY_DB: urlOf(role), PGPASSWORD: passwords.get(role)! };
  };
  const as = async <T>(role: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const u = new URL(adminUrl);
    const client = new pg.Client({
      host: u.hostname,
      port: Number(u.port),
      database: u.pathname.slice(1),
      user: role,
      password: passwords.get(role)!,
    });
    client.on('error', () => {});
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const admin = <T>(fn: (c: pg.Client) => Promise<T>) => as('roleplay', fn);
  /** The database's answer: the error's code, or the number of rows the statement touched. */
  const attempt = async (role: string, sql: string, params: unknown[] = []) =>
    as(role, async (c) => {
      try {
        return { rows: (await c.query(sql, params)).rowCount };
      } catch (e) {
        return { code: (e as { code?: string }).code, message: (e as Error).message };
      }
    });

  const record = (role: string, steps: string, extra: string[] = []) => {
    const env = envOf(role);
    const file = join(env.HOME, 'steps.yaml');
    writeFileSync(file, steps);
    const r = rp(['run', BASEMENT, '--steps', file, '--record', '--lang', 'en', ...extra], env);
    const id = /recorded as session ([0-9a-f-]{36})/.exec(r.stderr)?.[1];
    if (id) {
      recorded.set(id, role);
      laptops.set(id, env);
    }
    return { ...r, id };
  };

  beforeAll(async () => {
    server = await PgTestServer.start();
    adminUrl = await server.createDatabase('roles');
    passwords.set('roleplay', new URL(adminUrl).password);
    const init = rp(['team', 'init', '--lang', 'en'], { ROLEPLAY_DB: adminUrl });
    expect(init.stderr).toBe('');
    expect(init.stdout).toMatch(
      /^the team server postgres:\/\/roleplay@127\.0\.0\.1:\d+\/roles_\w+ is set up: schema \d+/,
    );
    expect(init.status).toBe(0);
    for (const name of ['ann', 'bob']) {
      const added = rp(['team', 'add-trainee', name, '--lang', 'en'], { ROLEPLAY_DB: adminUrl });
      expect(added.status).toBe(0);
      expect(added.stdout).toMatch(/^[A-Za-z0-9]{24}\n$/); // the generated password, alone, once
      expect(added.stderr).toMatch(new RegExp(`^added trainee ${name} to .*ROLEPLAY_DB=postgres://${name}@127`));
      expect(added.stderr).not.toContain(added.stdout.trim());
      passwords.set(name, added.stdout.trim());
    }
    passwords.set('lee', 'lead-password-from-a-pipe');
    const lead = rpWithInput(
      ['team', 'add-lead', 'lee', '--password-stdin', '--lang', 'en'],
      'lead-password-from-a-pipe\n',
      {
        ROLEPLAY_DB: adminUrl,
      },
    );
    expect(lead.stdout).toBe('');
    expect(lead.status).toBe(0);
    // Running init again (after an upgrade) changes nothing and fails on nothing.
    expect(rp(['team', 'init'], { ROLEPLAY_DB: adminUrl }).status).toBe(0);

    expect(record('ann', WHOLE).status).toBe(0);
    expect(record('ann', HALF).status).toBe(2); // unfinished: the steps ran out
    expect(record('bob', WHOLE).status).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await server?.destroy();
    for (const done of homes) done();
  });

  const sidOf = (id: string) =>
    admin(async (c) => (await c.query<{ sid: string }>('SELECT sid FROM sessions WHERE id = $1', [id])).rows[0]!.sid);
  const finishedOf = (role: string) => [...recorded].find(([, who]) => who === role)![0];

  it('lists the team', () => {
    const r = rp(['team', 'list', '--lang', 'en'], { ROLEPLAY_DB: adminUrl });
    expect(r.stdout).toBe('trainee    ann\ntrainee    bob\nteam lead  lee\n');
  });

  it('a trainee sees only their own sessions, through roleplay and through SQL', async () => {
    const mine = JSON.parse(rp(['sessions', '--json'], envOf('ann')).stdout).sessions as { trainee: string }[];
    expect(mine.map((s) => s.trainee)).toEqual(['ann', 'ann']);
    const bobs = [...recorded].find(([, who]) => who === 'bob')![0];
    expect((await attempt('ann', 'SELECT * FROM sessions WHERE id = $1', [bobs])).rows).toBe(0);
    expect(
      (await attempt('ann', 'SELECT * FROM events e JOIN sessions s USING (sid) WHERE s.trainee = $1', ['bob'])).rows,
    ).toBe(0);
    expect((await attempt('ann', 'SELECT * FROM session_results')).rows).toBe(1);
    expect((await attempt('ann', 'SELECT * FROM roleplay_deletions')).code).toBe('42501');
  });

  it('a trainee can neither update nor delete sessions, results or events, their own included', async () => {
    const id = finishedOf('ann');
    const sid = await sidOf(id);
    const before = await admin(async (c) => (await c.query('SELECT * FROM sessions WHERE sid = $1', [sid])).rows);
    const beforeEvents = await admin(async (c) => (await c.query('SELECT * FROM events ORDER BY sid, seq')).rows);
    // Refused outright: no right to these columns or tables.
    for (const sql of [
      'UPDATE sessions SET trainee = $1',
      'UPDATE sessions SET started_at = $1',
      'UPDATE events SET feedback = $1',
      'UPDATE session_results SET percent = 100 WHERE $1::text IS NOT NULL',
      'UPDATE session_lessons SET points = 99 WHERE $1::text IS NOT NULL',
      'DELETE FROM sessions WHERE trainee = $1',
      'DELETE FROM events WHERE $1::text IS NOT NULL',
      'DELETE FROM session_results WHERE $1::text IS NOT NULL',
      'UPDATE roleplay_migrations SET name = $1',
    ])
      expect(await attempt('ann', sql, ['ann']), sql).toMatchObject({ code: '42501' });
    expect(await attempt('ann', 'TRUNCATE events')).toMatchObject({ code: '42501' });
    // The head of a finished session: a column she may update while playing, but not once it is finished.
    expect(await attempt('ann', "UPDATE sessions SET head_hash = 'forged' WHERE id = $1", [id])).toEqual({ rows: 0 });
    // Nothing changed.
    expect(await admin(async (c) => (await c.query('SELECT * FROM sessions WHERE sid = $1', [sid])).rows)).toEqual(
      before,
    );
    expect(await admin(async (c) => (await c.query('SELECT * FROM events ORDER BY sid, seq')).rows)).toEqual(
      beforeEvents,
    );
    expect(rp(['verify', '--lang', 'en'], envOf('lee')).stdout).toMatch(/intact/i);
  });

  it('a finished session takes no more events, no second result and no more lesson points', async () => {
    const sid = await sidOf(finishedOf('ann'));
    const event = await admin(
      async (c) => (await c.query('SELECT * FROM events WHERE sid = $1 ORDER BY seq DESC LIMIT 1', [sid])).rows[0]!,
    );
    const values = Object.keys(event).map((_, i) => `$${i + 1}`);
    const columns = Object.keys(event).join(', ');
    const extra = {
      ...event,
      seq: event.seq + 1,
      shown: JSON.stringify(event.shown),
      points: JSON.stringify(event.points),
      meters: JSON.stringify(event.meters),
    };
    expect(
      await attempt('ann', `INSERT INTO events (${columns}) VALUES (${values.join(', ')})`, Object.values(extra)),
    ).toMatchObject({
      code: '42501',
      message: expect.stringMatching(/row-level security/),
    });
    expect(
      await attempt(
        'ann',
        "INSERT INTO session_results (sid, finished_at, outcome, total, max, percent, passed, seal) VALUES ($1, '2030-01-01', 'success', 9, 9, 100, true, 'x')",
        [sid],
      ),
    ).toMatchObject({ code: '23505' }); // one result per session: the primary key
    expect(
      await attempt('ann', "INSERT INTO session_lessons (sid, lesson, points, max) VALUES ($1, 'extra', 5, 5)", [sid]),
    ).toMatchObject({ code: '42501' });
  });

  it("a trainee's verify of the whole server is refused with the reason, not a false alarm", () => {
    const r = rp(['verify', '--lang', 'en'], envOf('ann'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^roleplay: a trainee's login sees only their own sessions, so it cannot check the whole team server/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it("a trainee cannot write into someone else's name or session", async () => {
    const bobsSid = await sidOf(finishedOf('bob'));
    const source = await admin(
      async (c) => (await c.query<{ hash: string }>('SELECT hash FROM scenario_sources')).rows[0]!.hash,
    );
    expect(
      await attempt(
        'ann',
        "INSERT INTO sessions (id, trainee, scenario_id, scenario_hash, lang, mode, started_at, head_hash) VALUES ('forged-1', 'bob', 'basement-alarm', $1, 'en', 'exam', '2030-01-01', 'x')",
        [source],
      ),
    ).toMatchObject({ code: '42501', message: expect.stringMatching(/row-level security/) });
    expect(
      await attempt('ann', "INSERT INTO session_lessons (sid, lesson, points, max) VALUES ($1, 'extra', 5, 5)", [
        bobsSid,
      ]),
    ).toMatchObject({ code: '42501' });
    // The store-wide ledger takes entries only for the trainee's own sessions, and none change.
    expect(
      await attempt(
        'ann',
        "INSERT INTO ledger (n, kind, session_id, body, prev_hash, hash) VALUES (100000, 'result', $1, 'x', 'x', 'x')",
        [finishedOf('bob')],
      ),
    ).toMatchObject({ code: '42501', message: expect.stringMatching(/row-level security/) });
    for (const sql of ['UPDATE ledger SET body = body', 'DELETE FROM ledger'])
      expect(await attempt('ann', sql), sql).toMatchObject({ code: '42501' });
    // SET ROLE to the group does not open a shared name: the policies look at the login role.
    expect(
      await as('ann', async (c) => {
        await c.query('SET ROLE roleplay_trainee');
        try {
          await c.query(
            "INSERT INTO sessions (id, trainee, scenario_id, scenario_hash, lang, mode, started_at, head_hash) VALUES ('forged-2', 'roleplay_trainee', 'basement-alarm', $1, 'en', 'exam', '2030-01-01', 'x')",
            [source],
          );
          return 'inserted';
        } catch (e) {
          return (e as { code?: string }).code;
        }
      }),
    ).toBe('42501');
  });

  it('recording under another name is refused before anything is recorded; without --trainee the role is the name', async () => {
    const before = await admin(async (c) => (await c.query('SELECT count(*)::int AS n FROM sessions')).rows[0]!.n);
    const other = record('ann', WHOLE, ['--trainee', 'bob']);
    expect(other.status).toBe(2);
    expect(other.stderr).toBe(
      "roleplay: on the team server, sessions are recorded under the database role you log in as, 'ann'; --trainee 'bob' names someone else: leave it out, or log in as that person's own role\n",
    );
    const env = { ...envOf('ann'), ROLEPLAY_TRAINEE: 'bob' };
    writeFileSync(join(env.HOME, 's.yaml'), WHOLE);
    const fromEnv = rp(['run', BASEMENT, '--steps', join(env.HOME, 's.yaml'), '--record', '--lang', 'zh'], env);
    expect(fromEnv.status).toBe(2);
    expect(fromEnv.stderr).toMatch(
      /^roleplay: 在团队服务器上，练习记录在你登录所用的数据库角色 'ann' 名下；ROLEPLAY_TRAINEE 'bob'/,
    );
    expect(await admin(async (c) => (await c.query('SELECT count(*)::int AS n FROM sessions')).rows[0]!.n)).toBe(
      before,
    );
    // Naming yourself is fine.
    const self = record('bob', WHOLE, ['--trainee', 'bob']);
    expect(self.status).toBe(0);
  });

  it("a lead's report covers everyone, and a lead writes nothing", async () => {
    const report = JSON.parse(rp(['report', '--json'], envOf('lee')).stdout) as { trainees: { name: string }[] };
    expect(report.trainees.map((t) => t.name)).toEqual(['ann', 'bob']);
    const annsReport = JSON.parse(rp(['report', '--json'], envOf('ann')).stdout) as { trainees: { name: string }[] };
    expect(annsReport.trainees.map((t) => t.name)).toEqual(['ann']);
    for (const sql of [
      "INSERT INTO scenario_sources (hash, scenario_id, file, source, catalog) VALUES ('h', 'x', 'x', 'x', '{}')",
      "UPDATE sessions SET head_hash = 'x'",
      'UPDATE session_results SET percent = 100',
      'DELETE FROM events',
      'DELETE FROM roleplay_deletions',
    ])
      expect(await attempt('lee', sql), sql).toMatchObject({ code: '42501' });
    // Recording as a lead: played and kept on the laptop, but the server does not take it.
    const played = record('lee', WHOLE);
    expect(played.status).toBe(0);
    expect(played.stderr).toMatch(/may read the team server but not write to it/);
  });

  it('only the owner deletes, and every deleted row is logged in a table nobody can change', async () => {
    const id = finishedOf('bob');
    const events = await admin(
      async (c) =>
        (
          await c.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM events e JOIN sessions s USING (sid) WHERE s.id = $1',
            [id],
          )
        ).rows[0]!.n,
    );
    expect(await admin(async (c) => (await c.query('SELECT roleplay_delete_session($1) AS n', [id])).rows[0])).toEqual({
      n: events,
    });
    const log = await admin(
      async (c) =>
        (
          await c.query<{ login: string; table_name: string; id: string | null }>(
            "SELECT login, table_name, old_row->>'id' AS id FROM roleplay_deletions ORDER BY seq",
          )
        ).rows,
    );
    expect(log.filter((r) => r.table_name === 'events')).toHaveLength(events);
    expect(log.filter((r) => r.table_name === 'session_results')).toHaveLength(1);
    expect(log.filter((r) => r.table_name === 'sessions')).toEqual([{ login: 'roleplay', table_name: 'sessions', id }]);
    // The log is append-only, for the owner too; and no roleplay table can be truncated unlogged.
    for (const sql of [
      "UPDATE roleplay_deletions SET login = 'nobody'",
      'DELETE FROM roleplay_deletions',
      'TRUNCATE roleplay_deletions',
      'TRUNCATE events',
    ])
      expect(await attempt('roleplay', sql), sql).toMatchObject({
        code: '42501',
        message: expect.stringMatching(/^roleplay: /),
      });
    // A lead sees the log.
    expect((await attempt('lee', 'SELECT * FROM roleplay_deletions')).rows).toBe(log.length);
    // The trainee's laptop still has the session, and puts it back (docs/team-server.md).
    const back = rp(['sync', '--all', '--lang', 'en'], laptops.get(id)!);
    expect(back.stderr).toBe('');
    expect(back.status).toBe(0);
    const restored = JSON.parse(rp(['sessions', '--json'], envOf('lee')).stdout).sessions as { id: string }[];
    expect(restored.map((s) => s.id)).toContain(id);
    // …and the store-wide ledger keeps the memory of it: verify names the session put back.
    const v = rp(['verify', '--lang', 'en'], envOf('lee'));
    expect(v.status).toBe(1);
    expect(v.stdout).toMatch(new RegExp(`session ${id}: .*ledger \\(entry \\d+\\): it was deleted and inserted again`));
  });

  it('passwd gives a new password and the old one stops working; the team commands refuse what they cannot do', async () => {
    const old = passwords.get('ann')!;
    const r = rp(['team', 'passwd', 'ann', '--lang', 'en'], { ROLEPLAY_DB: adminUrl });
    expect(r.status).toBe(0);
    passwords.set('ann', r.stdout.trim());
    expect(r.stdout.trim()).not.toBe(old);
    expect(await as('ann', async (c) => (await c.query('SELECT current_user AS u')).rows[0])).toEqual({ u: 'ann' });
    passwords.set('ann', old);
    await expect(as('ann', async () => 'connected')).rejects.toThrow(/password authentication failed/);
    passwords.set('ann', r.stdout.trim());

    const twice = rp(['team', 'add-trainee', 'bob', '--lang', 'en'], { ROLEPLAY_DB: adminUrl });
    expect(twice).toMatchObject({ status: 1, stdout: '' });
    expect(twice.stderr).toBe('roleplay: bob is already a trainee; `roleplay team passwd bob` gives a new password\n');
    const taken = rp(['team', 'add-lead', 'roleplay', '--lang', 'en'], { ROLEPLAY_DB: adminUrl });
    expect(taken.stderr).toMatch(/a role roleplay already exists on this server and is not one of the team's/);
    expect(rp(['team', 'add-trainee', 'pg_x', '--lang', 'en'], { ROLEPLAY_DB: adminUrl }).stderr).toMatch(/reserved/);
    expect(rp(['team', 'passwd', 'nobody', '--lang', 'en'], { ROLEPLAY_DB: adminUrl }).stderr).toMatch(
      /is not a member/,
    );
    const byTrainee = rp(['team', 'add-trainee', 'eve', '--lang', 'en'], envOf('bob'));
    expect(byTrainee.status).toBe(1);
    expect(byTrainee.stderr).toMatch(/cannot set up the team server|may not create/);
    const noServer = rp(['team', 'init', '--db', join(ROOT, 'x.db'), '--lang', 'en']);
    expect(noServer).toMatchObject({ status: 2 });
    const shortPassword = rpWithInput(['team', 'add-trainee', 'eve', '--password-stdin', '--lang', 'en'], 'short\n', {
      ROLEPLAY_DB: adminUrl,
    });
    expect(shortPassword).toMatchObject({
      status: 2,
      stderr: 'roleplay: the password must be at least 12 characters long\n',
    });
  });
});
