/**
 * The real play screen in a pseudo-terminal (util-linux `script`), killed with SIGKILL right
 * after an answer: the answers before the kill are in the database, `resume` continues from
 * there, and the chain verifies.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, rp, tempDir } from './helpers.js';
import { join } from 'node:path';
import { hasScript, skipWithout } from '../required-tools.js';

const BASEMENT = join(ROOT, 'test', 'fixtures', 'ui', 'basement-alarm.yaml');

let tmp: ReturnType<typeof tempDir>;
let child: ChildProcess | undefined;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  child?.kill('SIGKILL');
  tmp.done();
});

/** pids of processes whose command line contains `marker` (the unique database path). */
function pidsOf(marker: string): number[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(marker) && l.includes(BIN) && !l.includes('script '))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

describe.skipIf(skipWithout('script (util-linux)', hasScript))(
  'kill -9 of the play screen',
  { timeout: 120_000 },
  () => {
    it('loses no answered step; resume continues and verify passes', async () => {
      const cmd = `${process.execPath} ${BIN} play ${BASEMENT} --db ${tmp.db} --trainee pty --lang zh --no-shuffle`;
      child = spawn('script', ['-qfec', cmd, '/dev/null'], {
        cwd: ROOT,
        env: { ...process.env, CI: 'false', TERM: 'xterm-256color', COLUMNS: '100', LINES: '30' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
      });
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const waitFor = async (text: string) => {
        const until = Date.now() + 40_000;
        while (!out.includes(text)) {
          if (Date.now() > until) throw new Error(`the screen never showed '${text}'; last output: ${out.slice(-400)}`);
          await sleep(50);
        }
        out = out.slice(out.indexOf(text) + text.length);
        await sleep(150); // the new screen attaches its keys just after drawing
      };
      const type = (s: string) => child!.stdin!.write(s);

      await waitFor('Enter');
      type('\r');
      await waitFor('站住！');
      type('hello');
      await sleep(200);
      type('\r');
      await waitFor('这一步的反馈');
      type('\r');
      await waitFor('施工单和出入证呢');
      type('3');
      await waitFor('这一步的反馈'); // the answer is on screen: it has been written
      const pids = pidsOf(tmp.db);
      expect(pids.length).toBeGreaterThan(0);
      for (const pid of pids) process.kill(pid, 'SIGKILL');
      await sleep(200);

      const [s] = JSON.parse(rp(['sessions', '--json', '--db', tmp.db]).stdout).sessions;
      expect(s).toMatchObject({ trainee: 'pty', mode: 'practice', finishedAt: null, events: 3 });
      expect(rp(['verify', '--db', tmp.db]).status).toBe(0);

      const resumed = rp(['resume', '--trainee', 'pty', '--choices', 'wait-calmly', '--db', tmp.db]);
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({
        ending: 'repaired',
        path: ['lobby', 'permit', 'after-argue', 'on-hold', 'clock-check', 'repaired'],
        score: { total: 1, percent: 14 },
      });
      expect(rp(['verify', '--db', tmp.db]).status).toBe(0);
      const timeline = JSON.parse(rp(['review', '--json', '--db', tmp.db]).stdout);
      expect(timeline.steps.map((x: { did: string }) => x.did).slice(0, 2)).toEqual([
        'hello',
        '告警都响半天了，你还查什么证？',
      ]);
    });
  },
);
