/**
 * A process killed after a session's last step and before its result was written (two
 * transactions) leaves a session that reached its ending unfinished. That is not tampering:
 * verify says the record is intact, and resume records the result the steps give. A result
 * that was written and then wiped stays refused (the store's ledger names it).
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { record, rp, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.done());

const STEPS = [{ say: '讯达电源' }, 'show-permit'] as const;

async function recorded(noFinish: boolean): Promise<string> {
  const store = openSqliteStore(tmp.db);
  const id = await record(store, { trainee: 'wang', steps: STEPS, mode: 'exam', noFinish });
  await store.close();
  return id;
}

describe('a session killed between its last step and its result', { timeout: 60_000 }, () => {
  it('is intact, and resume records the result its steps give', async () => {
    const id = await recorded(true);
    expect(rp(['verify', '--db', tmp.db]).status).toBe(0);
    const none = join(tmp.dir, 'none.json');
    writeFileSync(none, '[]');
    const resumed = rp(['resume', id, '--steps', none, '--db', tmp.db]);
    expect(resumed.status, resumed.stderr).toBe(0);
    const report = JSON.parse(resumed.stdout);
    expect(report).toMatchObject({ outcome: 'success' });
    const { sessions } = JSON.parse(rp(['sessions', '--json', '--db', tmp.db]).stdout);
    expect(sessions[0]).toMatchObject({ id, outcome: 'success', percent: report.score.percent });
    expect(rp(['verify', '--db', tmp.db]).status).toBe(0);
  });

  it('the same steps finished in one go give the same result', async () => {
    const whole = await recorded(false);
    const cut = await recorded(true);
    const none = join(tmp.dir, 'none.json');
    writeFileSync(none, '[]');
    expect(rp(['resume', cut, '--steps', none, '--db', tmp.db]).status).toBe(0);
    const { sessions } = JSON.parse(rp(['sessions', '--json', '--db', tmp.db]).stdout);
    const byId = new Map<string, Record<string, unknown>>(sessions.map((s: { id: string }) => [s.id, s]));
    const { total, max, percent, passed, outcome, ending } = byId.get(whole)!;
    expect(byId.get(cut)).toMatchObject({ total, max, percent, passed, outcome, ending });
  });

  it('a result written and then wiped is still refused, naming the ledger', async () => {
    const id = await recorded(false);
    const conn = new Database(tmp.db);
    conn
      .prepare(
        `UPDATE sessions SET finished_at = NULL, outcome = NULL, ending = NULL, total = NULL, max = NULL,
         percent = NULL, passed = NULL, seal = NULL WHERE id = ?`,
      )
      .run(id);
    conn.close();
    const none = join(tmp.dir, 'none.json');
    writeFileSync(none, '[]');
    const r = rp(['resume', id, '--steps', none, '--db', tmp.db, '--lang', 'en']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot be continued: .*ledger/);
  });
});
