/**
 * kill -9 during play loses nothing answered before it; `resume` continues exactly there,
 * and the chain still verifies. The player is a child process recording through the same
 * recorder the play screen uses; it is killed with SIGKILL between steps.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASEMENT, rp, tempDir } from './helpers.js';

const PLAYER = join(import.meta.dirname, 'helpers', 'slow-player.mjs');

let tmp: ReturnType<typeof tempDir>;
let child: ChildProcessWithoutNullStreams | undefined;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  child?.kill('SIGKILL');
  tmp.done();
});

/** Starts the player; `send` writes a line and waits for its "ok". */
async function player() {
  child = spawn(process.execPath, [PLAYER, tmp.db, BASEMENT, '张工'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const waitFor = async (re: RegExp) => {
    const until = Date.now() + 40_000;
    for (;;) {
      const m = re.exec(out);
      if (m) return m;
      if (Date.now() > until || child!.exitCode !== null)
        throw new Error(`player: no ${re} in ${JSON.stringify(out)}; stderr ${err}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  let sent = 0;
  return {
    /** the session's id, known once the first step is recorded */
    get id(): string {
      return /session (\S+)\n/.exec(out)![1]!;
    },
    async send(line: string) {
      sent++;
      child!.stdin.write(`${line}\n`);
      await waitFor(new RegExp(`(?:ok \\d+\\n){${sent}}`));
    },
    async kill9() {
      const gone = new Promise((r) => child!.once('exit', r));
      child!.kill('SIGKILL');
      await gone;
    },
  };
}

const sessions = () =>
  JSON.parse(rp(['sessions', '--json', '--db', tmp.db]).stdout).sessions as {
    id: string;
    finishedAt: string | null;
    events: number;
  }[];

describe('kill -9 and resume', { timeout: 90_000 }, () => {
  it('keeps every answered step, resumes at the same node with the same meters, and verifies', async () => {
    const p = await player();
    await p.send(JSON.stringify({ say: 'hello' }));
    await p.send('argue');
    await p.kill9();

    const [s] = sessions();
    expect(s).toMatchObject({ id: p.id, finishedAt: null, events: 3 }); // hello, argue, the automatic check
    expect(rp(['verify', '--db', tmp.db]).status).toBe(0);

    // `slip-past` is only shown while delay ≤ 1: the restored meters decide what is offered.
    const resumed = rp(['resume', p.id.slice(0, 8), '--choices', 'wait-calmly', '--db', tmp.db]);
    expect(resumed.stderr).toContain(p.id);
    expect(resumed.status).toBe(0);
    const report = JSON.parse(resumed.stdout);
    expect(report).toMatchObject({
      outcome: 'success',
      ending: 'repaired',
      path: ['lobby', 'permit', 'after-argue', 'on-hold', 'clock-check', 'repaired'],
      meters: { goodwill: 3, delay: 1 },
      score: {
        total: 1,
        max: 7,
        percent: 14,
        lessons: { courtesy: { points: 1 }, composure: { points: -1 }, escalate: { points: 1 } },
      },
    });
    const [after] = sessions();
    expect(after).toMatchObject({ id: p.id, events: 5, percent: 14, outcome: 'success' });
    expect(rp(['verify', '--db', tmp.db]).status).toBe(0);
    // The review shows the whole transcript, before and after the crash.
    const timeline = JSON.parse(rp(['review', p.id, '--json', '--db', tmp.db]).stdout);
    expect(timeline.steps.map((st: { node: string }) => st.node)).toEqual([
      'lobby',
      'permit',
      'after-argue',
      'on-hold',
      'clock-check',
    ]);
    expect(timeline.steps[0].did).toBe('hello');
  });

  it('resumes when the process died between a step and its snapshot (replaying the missing step)', async () => {
    const p = await player();
    await p.send(JSON.stringify({ say: '您好，我是讯达的张工，来处理电源告警' }));
    await p.send('nosnap call-noc');
    await p.kill9();
    const resumed = rp(['resume', p.id, '--choices', 'wait-calmly', '--db', tmp.db]);
    expect(resumed.status, resumed.stderr).toBe(0);
    // best path: 3 + 2 + 2 = 7 of 7 — call-noc was not asked again
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      ending: 'repaired',
      score: { total: 7, percent: 100, passed: true },
    });
    expect(rp(['verify', '--db', tmp.db]).status).toBe(0);
  });

  it('says so when there is nothing to resume, or the session is finished', () => {
    const none = rp(['resume', '--choices', 'a', '--db', tmp.db, '--trainee', 'nobody', '--lang', 'en']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('nobody has no unfinished session to resume');
    const done = rp([
      'run',
      BASEMENT,
      '--steps',
      join(import.meta.dirname, 'helpers', 'best.yaml'),
      '--record',
      '--db',
      tmp.db,
      '--lang',
      'en',
    ]);
    expect(done.status).toBe(0);
    const id = /session (\S+)/.exec(done.stderr)![1]!;
    const again = rp(['resume', id, '--choices', 'a', '--db', tmp.db, '--lang', 'en']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already finished \(100%\)/);
  });
});
