/** Four terminals recording into one database at once (and a team lead reading it): nothing lost, nothing locked. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASEMENT, BIN, rp, tempDir } from './helpers.js';

const WRITER = join(import.meta.dirname, 'helpers', 'writer.mjs');
const PER_WRITER = 25;
const EVENTS_PER_SESSION = 4; // the answer, call-noc, wait-calmly, and the automatic delay check

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.done());

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CI: 'false' } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('concurrent writers', () => {
  it('four writer processes and a reader: every event kept, chains intact, no "database is locked"', async () => {
    // The first open creates and migrates the database; the writers race to do it too.
    const writers = ['w1', 'w2', 'w3', 'w4'].map((t) => run([WRITER, tmp.db, BASEMENT, t, String(PER_WRITER)]));
    const reader = (async () => {
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await run([BIN, 'report', '--json', '--db', tmp.db]));
      return results;
    })();
    const done = await Promise.all(writers);
    for (const w of done) {
      expect(w.err).not.toMatch(/locked|busy/i);
      expect(w.code, w.err).toBe(0);
      expect(JSON.parse(w.out).ids).toHaveLength(PER_WRITER);
    }
    for (const r of await reader) {
      expect(r.err).not.toMatch(/locked|busy/i);
      expect(r.code, r.err).toBe(0);
    }
    const sessions = JSON.parse(rp(['sessions', '--json', '--db', tmp.db]).stdout).sessions as {
      trainee: string;
      events: number;
      percent: number;
    }[];
    expect(sessions).toHaveLength(4 * PER_WRITER);
    expect(sessions.every((s) => s.events === EVENTS_PER_SESSION && s.percent === 100)).toBe(true);
    for (const t of ['w1', 'w2', 'w3', 'w4']) expect(sessions.filter((s) => s.trainee === t)).toHaveLength(PER_WRITER);
    const verify = rp(['verify', '--db', tmp.db, '--lang', 'en']);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain(`${4 * PER_WRITER} sessions, ${4 * PER_WRITER * EVENTS_PER_SESSION} events`);
    const report = JSON.parse(rp(['report', '--json', '--db', tmp.db]).stdout);
    expect(report.scenarios[0]).toMatchObject({
      attempts: 4 * PER_WRITER,
      trainees: 4,
      passRate: 1,
      choices: { permit: { 'call-noc': 4 * PER_WRITER } },
    });
  }, 120_000);
});
