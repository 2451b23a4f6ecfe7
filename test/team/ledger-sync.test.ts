/**
 * The team server keeps each laptop's ledger entries as its sessions arrive (issue 23): a laptop
 * that recorded a failed exam offline and deleted it before `sync` leaves a gap the server's
 * `verify` names; a laptop that never had such a session leaves none. And `verify` of the
 * team server names a session deleted there, by number.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresSkipReason } from '../pg/pg-server.js';
import { rp, useTeamServer } from './helpers.js';

const skip = postgresSkipReason();
if (skip) console.warn(skip);

const PASS = 'listen,lower,empathize,leave-now,call-back,report';
const FAIL = 'defend,raise';
const TRAINEE_PASSWORD = 'a-trainee-password-1';
const idOf = (stderr: string) => /([0-9a-f]{8}-[0-9a-f-]{27})/.exec(stderr)![1]!;

describe.skipIf(skip !== undefined)('the ledger over sync', { timeout: 240_000 }, () => {
  const host = useTeamServer();
  const laptop = () => host.laptop();
  /** A team server set up as docs/team-server.md says, with trainees who log in as themselves. */
  const teamServer = async (prefix: string, trainees: readonly string[]) => {
    const url = await host.server.createDatabase(prefix);
    expect(rp(['team', 'init'], { HOME: laptop(), ROLEPLAY_DB: url }).status).toBe(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const name of trainees)
      await client.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${name}') THEN
          CREATE ROLE ${name} LOGIN PASSWORD '${TRAINEE_PASSWORD}' IN ROLE roleplay_trainee;
        END IF; END $$`);
    await client.end();
    const laptopOf = (name: string) => {
      const u = new URL(url);
      u.username = name;
      u.password = '';
      return { HOME: laptop(), ROLEPLAY_DB: u.toString(), PGPASSWORD: TRAINEE_PASSWORD };
    };
    // verify of the whole server is the owner's (or a lead's): a trainee sees only their own sessions
    return { owner: { HOME: laptop(), ROLEPLAY_DB: url }, laptopOf, url };
  };
  const play = (env: NodeJS.ProcessEnv, choices: string) => {
    const r = rp(['run', 'angry-customer', '--choices', choices, '--record'], env);
    expect(r.status, r.stderr).toBe(0);
    return idOf(r.stderr);
  };
  const verifyJson = (env: NodeJS.ProcessEnv): { status: number | null; problem?: string } => {
    const r = rp(['verify', '--json'], env);
    return { status: r.status, ...(JSON.parse(r.stdout) as { problem?: string }) };
  };

  it('a laptop that deleted an offline session before sync is told apart from one that never had it', async () => {
    const team = await teamServer('dropped', ['ann', 'bob']);
    const cheat = team.laptopOf('ann');
    const honest = team.laptopOf('bob');
    play(cheat, PASS);
    play(honest, PASS);
    await host.server.stop();
    const failed = play(cheat, FAIL); // offline: waits on the laptop
    const later = play(cheat, PASS);
    play(honest, PASS);
    // ann deletes her failed exam from her laptop, ledger entries and all, before it goes up
    const local = new Database(join(cheat.HOME, '.roleplay', 'roleplay.db'));
    const sid = `(SELECT sid FROM sessions WHERE id = '${failed}')`;
    local.exec(`DROP TRIGGER ledger_no_update; DROP TRIGGER ledger_no_delete;
      DELETE FROM events WHERE sid = ${sid}; DELETE FROM session_lessons WHERE sid = ${sid};
      DELETE FROM sessions WHERE id = '${failed}'; DELETE FROM ledger WHERE session_id = '${failed}';
      DELETE FROM sync_outbox WHERE session_id = '${failed}';`);
    local.close();
    await host.server.restart();
    expect(rp(['sync'], honest).status).toBe(0);
    expect(rp(['sync'], cheat).status).toBe(0);

    const found = verifyJson(team.owner);
    expect(found).toMatchObject({ status: 1, code: 'origin-gap', entry: 3, sessionId: later });
    expect(found.problem).toMatch(
      /entries 3–4 of the ledger of the computer with store .* \(sessions of ann\) never arrived/,
    );
    // bob's laptop never had such a session: nothing of his is named
    expect(String(found.problem)).not.toMatch(/bob/);
  });

  it('a session deleted on the team server is named by its number there', async () => {
    const team = await teamServer('deleted', ['cy']);
    const env = team.laptopOf('cy');
    const url = team.url;
    play(env, PASS);
    const failed = play(env, FAIL);
    play(env, PASS);
    expect(verifyJson(team.owner)).toMatchObject({ status: 0, ok: true, ledger: { entries: 6 } });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`SELECT roleplay_delete_session('${failed}')`);
    await client.end();
    const r = rp(['verify', '--lang', 'en'], team.owner);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      `session ${failed}: the session (entry 3 of the store's ledger) is missing: it was deleted from the database\n`,
    );
  });
});
