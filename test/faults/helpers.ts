/** The real binary as a child process, a throw-away folder, and the recorded events read straight from SQLite. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { TestStep } from '../../src/core/index.js';
import { BIN, CLEAN_ENV, runCli } from '../run-cli.js';

export { BIN };
export const ENV = {
  ...CLEAN_ENV,
  ROLEPLAY_LANG: 'en',
  LANG: 'C.UTF-8',
  ROLEPLAY_TRAINEE: 'fault-tester',
};

export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'roleplay-faults-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

export function rp(args: readonly string[], input?: string) {
  return runCli(args, { env: ENV, ...(input !== undefined ? { input } : {}) });
}

/** Runs the binary and SIGKILLs it after `killAfterMs`; resolves with how it ended. */
export function rpKilled(
  args: readonly string[],
  killAfterMs: number,
): Promise<{ killed: boolean; status: number | null; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (status, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', status, stderr, ms: performance.now() - started });
    });
  });
}

export interface RecordedSession {
  readonly id: string;
  readonly finished: boolean;
  readonly total: number | null;
  readonly percent: number | null;
  readonly ending: string | null;
  /** the trainee's own steps (automatic `when` steps left out), as run --steps would take them */
  readonly steps: TestStep[];
}

export function recordedSessions(db: string): RecordedSession[] {
  if (!existsSync(db)) return []; // killed before the database was made
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const sessions = conn
      .prepare('SELECT sid, id, finished_at, total, percent, ending FROM sessions ORDER BY sid')
      .all() as {
      sid: number;
      id: string;
      finished_at: string | null;
      total: number | null;
      percent: number | null;
      ending: string | null;
    }[];
    const events = conn.prepare("SELECT kind, way, text FROM events WHERE sid = ? AND kind <> 'auto' ORDER BY seq");
    return sessions.map((s) => ({
      id: s.id,
      finished: s.finished_at !== null,
      total: s.total,
      percent: s.percent,
      ending: s.ending,
      steps: (events.all(s.sid) as { kind: string; way: string; text: string | null }[]).map(
        (e): TestStep => (e.kind === 'choice' ? e.way : e.kind === 'say' ? { say: e.text ?? '' } : { wait: true }),
      ),
    }));
  } finally {
    conn.close();
  }
}
