/**
 * Live preview: the replay of a trainee's steps on a new version (pure), the preview screen
 * with a fake file source (ink-testing-library, simulated clock), the chokidar source on a
 * real file, and the real binary in a real terminal (tmux; skipped where tmux is missing).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { SimulatedClock } from 'xstate';
import { afterEach, describe, expect, it } from 'vitest';
import { compile, loadFile, runSteps, type StepRecord } from '../../src/core/index.js';
import { catalogFor } from '../../src/cli/files.js';
import { starterScenario } from '../../src/cli/commands/starter.js';
import { fileWatchSource, reloadOf } from '../../src/cli/commands/watch-support.js';
import { replay, trainerSteps } from '../../src/ui/watch/replay.js';
import type { Reload, WatchSource } from '../../src/ui/watch/source.js';
import { WatchApp } from '../../src/ui/watch/watch-app.js';
import { ROOT, rp, tempDir } from './helpers.js';
import { hasTmux, skipWithout } from '../required-tools.js';

const STARTER = starterScenario('preview', '../docs/scenario.schema.json', 'en');

function opened(text: string, file = join(ROOT, 'preview.yaml')) {
  const loaded = loadFile(text, file, catalogFor(file, 'en'));
  if (loaded.kind !== 'scenario' || !loaded.scenario)
    throw new Error(`does not load: ${JSON.stringify(loaded.diagnostics.slice(0, 2))}`);
  return { scenario: loaded.scenario, source: text, file };
}
const compiledOf = (text: string) => compile(opened(text).scenario);

function recordsOf(text: string, steps: Parameters<typeof runSteps>[1]): StepRecord[] {
  const records: StepRecord[] = [];
  runSteps(compiledOf(text), steps, (r) => records.push(r));
  return records;
}

describe('replay on a new version', () => {
  it("turns a run's records into the trainee's steps (automatic steps replay themselves)", () => {
    const records = recordsOf(STARTER, [{ wait: true }, { say: '我是华苏的小王' }, 'give-time']);
    expect(records.map((r) => r.action.kind)).toEqual(['timeout', 'say', 'auto', 'choice']);
    expect(trainerSteps(records)).toEqual([{ wait: true }, { say: '我是华苏的小王' }, 'give-time']);
  });

  it('keeps every step that still applies and continues from there', () => {
    const edited = STARTER.replace('So when will it be fixed?', 'When, then?');
    const r = replay(compiledOf(edited), ['listen', { say: '华苏' }]);
    expect([r.kept, r.total, r.dropped]).toEqual([2, 2, undefined]);
    expect(r.records.map((x) => x.node)).toEqual(['opening', 'introduce', 'mood-check']);
    expect(r.resume).toBeDefined();
  });

  it('stops at the first step that no longer applies, and says why', () => {
    const renamed = STARTER.replace('- id: listen', '- id: hear');
    const r = replay(compiledOf(renamed), ['listen', { say: '华苏' }]);
    expect([r.kept, r.total]).toEqual([0, 2]);
    expect(r.dropped).toMatchObject({ step: 'listen', why: 'invalid' });
    expect(r.dropped!.reason.en).toMatch(/'listen' is not a choice at node 'opening'/);
    expect(r.dropped!.reason.zh).toMatch(/「opening」.*listen/); // the preview tells a Chinese trainer why, too
    expect(r.resume).toBeUndefined(); // nothing kept: start afresh
    const noTimeout = STARTER.replace(/ {4}timeout:.*\n(?: {6}.*\n)+/, '');
    expect(noTimeout).not.toContain('timeout:');
    const w = replay(compiledOf(noTimeout), [{ wait: true }]);
    expect([w.kept, w.dropped?.why]).toEqual([0, 'invalid']);
  });

  it('leaves the decision that would now end the case to the trainee', () => {
    const r = replay(compiledOf(STARTER), ['listen', { say: '华苏' }, 'trusted-plan']);
    expect([r.kept, r.dropped?.why, r.dropped?.step]).toEqual([2, 'ends', 'trusted-plan']);
  });
});

/** A source the test drives by hand. */
function fakeSource(initial: Reload): WatchSource & { emit(r: Reload): void } {
  const listeners = new Set<(r: Reload) => void>();
  return {
    file: 'preview.yaml',
    initial,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit(r) {
      for (const l of listeners) l(r);
    },
  };
}

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
async function waitFor(frame: () => string, check: (f: string) => boolean, what: string): Promise<string> {
  const until = Date.now() + 4000;
  for (;;) {
    const f = frame();
    if (check(f)) {
      await tick();
      return f;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
    await tick(10);
  }
}

describe('the preview screen', () => {
  it('reloads in place keeping the steps, shows a broken save’s errors while playing on, and restarts where a step no longer applies', async () => {
    const source = fakeSource({ ok: true, opened: opened(STARTER) });
    const app = render(
      <WatchApp
        source={source}
        lang="en"
        mode="exam"
        clock={new SimulatedClock()}
        theme={{ color: false }}
        size={{ columns: 100, rows: 30 }}
      />,
    );
    const frame = () => app.lastFrame() ?? '';
    try {
      await waitFor(frame, (f) => f.includes('Nod and ask him'), 'the first choice');
      expect(frame()).toContain('live preview of preview.yaml: save the file to reload it here');
      app.stdin.write('1');
      await waitFor(frame, (f) => f.includes('By the way, who are you?'), 'the input node');

      source.emit({
        ok: true,
        opened: opened(STARTER.replace('"By the way, who are you?"', '"And who might you be?"')),
      });
      let f = await waitFor(frame, (x) => x.includes('And who might you be?'), 'the new text');
      expect(f).toMatch(/reloaded at \d\d:\d\d:\d\d: your step is kept/);
      expect(f).toContain('You: Nod and ask him to tell you everything.'); // the transcript survived

      source.emit({
        ok: false,
        problems: [
          "preview.yaml:78:17: error: goto names unknown node 'mood-chek'",
          'preview.yaml:81:17: error: another',
        ],
      });
      f = await waitFor(frame, (x) => x.includes('2 problems'), 'the problems');
      expect(f).toContain('the saved file has 2 problems; still playing the last version that loaded:');
      expect(f).toContain("  preview.yaml:78:17: error: goto names unknown node 'mood-chek'");
      expect(f).toContain('And who might you be?'); // still playing

      source.emit({ ok: true, opened: opened(STARTER.replace('- id: listen', '- id: hear')) });
      f = await waitFor(frame, (x) => x.includes('kept 0 of 1 steps'), 'the restart');
      expect(f).toMatch(/step 1 \(listen\) no longer applies: 'listen' is not a choice/);
      expect(f).not.toContain('problems');
      expect(f).toContain('Nod and ask him'); // back at the first node
    } finally {
      app.unmount();
    }
  });

  it('starts from a broken file: its problems and a wait, then the case once a save loads (in Chinese)', async () => {
    const source = fakeSource({ ok: false, problems: ['preview.yaml:3:1: error: missing start'] });
    const app = render(
      <WatchApp
        source={source}
        lang="zh"
        mode="exam"
        clock={new SimulatedClock()}
        theme={{ color: false }}
        size={{ columns: 100, rows: 30 }}
      />,
    );
    const frame = () => app.lastFrame() ?? '';
    try {
      let f = await waitFor(frame, (x) => x.includes('正在等待'), 'the waiting screen');
      expect(f).toContain('保存的文件有 1 个问题：');
      expect(f).toContain('preview.yaml:3:1: error: missing start');
      source.emit({ ok: true, opened: opened(STARTER) });
      f = await waitFor(frame, (x) => x.includes('点点头，请他把情况说完。'), 'the first choice');
      expect(f).toContain('已重新载入：从头开始');
    } finally {
      app.unmount();
    }
  });
});

describe('the file source (chokidar)', () => {
  it('reads each save: a good version as the scenario, a broken one as file:line:column problems', async () => {
    const dir = tempDir();
    const file = join(dir, 'preview.yaml');
    writeFileSync(file, STARTER);
    expect(reloadOf(file, 'en').ok).toBe(true);
    const source = fileWatchSource(file, 'en', { settleMs: 30 });
    const seen: Reload[] = [];
    let wake: () => void = () => {};
    const stop = source.subscribe((r) => {
      seen.push(r);
      wake();
    });
    const next = (count: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reload after ${seen.length} of ${count}`)), 10_000);
        wake = () => {
          if (seen.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        };
        wake();
      });
    try {
      await tick(300); // chokidar is ready
      writeFileSync(file, STARTER.replace('goto: walks-away', 'goto: walks-awya'));
      await next(1);
      expect(seen[0]).toMatchObject({ ok: false });
      expect((seen[0] as { problems: readonly string[] }).problems[0]).toMatch(
        /preview\.yaml:\d+:\d+: error: .*walks-awya.*did you mean 'walks-away'/,
      );
      writeFileSync(file, STARTER.replace('Finally!', 'At last!'));
      await next(2);
      expect(seen[1]!.ok && seen[1]!.opened.source).toContain('At last!');
    } finally {
      stop();
      await source.close();
    }
  });
});

const sessions: string[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) spawnSync('tmux', ['kill-session', '-t', s]);
});

describe('roleplay play --watch (the real binary)', () => {
  it('without a terminal: one line, exit 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'preview.yaml'), STARTER);
    const r = rp(['play', '--watch', join(dir, 'preview.yaml'), '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'roleplay: play --watch needs an interactive terminal; to check a file without one, use `roleplay lint` and `roleplay test`',
    ]);
  });

  it.skipIf(skipWithout('tmux', hasTmux))(
    'in a real terminal: a save reloads in place, a broken save shows its error, the fix plays on',
    async () => {
      const dir = tempDir();
      const file = join(dir, 'preview.yaml');
      writeFileSync(file, STARTER);
      copyFileSync(file, join(dir, 'good.yaml'));
      const name = `roleplay-watch-test-${process.pid}-${Date.now() % 100000}`;
      sessions.push(name);
      const cmd = `cd ${JSON.stringify(dir)} && CI=false LANG=C.UTF-8 ROLEPLAY_DB=${JSON.stringify(join(dir, 's.db'))} node ${JSON.stringify(join(ROOT, 'bin', 'roleplay.js'))} play --watch preview.yaml --lang en --mode exam; echo "[exit $?]"; sleep 30`;
      execFileSync('tmux', ['-u', 'new-session', '-d', '-s', name, '-x', '100', '-y', '30', cmd]);
      const screen = () => execFileSync('tmux', ['capture-pane', '-p', '-t', name], { encoding: 'utf8' });
      const until = async (text: string | RegExp | ((s: string) => boolean), ms = 20_000) => {
        const end = Date.now() + ms;
        for (;;) {
          const s = screen();
          if (typeof text === 'string' ? s.includes(text) : typeof text === 'function' ? text(s) : text.test(s))
            return s;
          if (Date.now() > end) throw new Error(`waited for ${String(text)}; screen:\n${s}`);
          await tick(100);
        }
      };
      await until('Nod and ask him');
      await tick(300);
      execFileSync('tmux', ['send-keys', '-t', name, '1']);
      await until('By the way, who are you?');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"By the way, who are you?"', '"And who might you be?"'));
      let s = await until('And who might you be?');
      expect(s).toMatch(/your step is kept/);
      writeFileSync(file, readFileSync(file, 'utf8').replace('goto: mood-check', 'goto: mood-chek'));
      s = await until(/preview\.yaml:\d+:\d+: error: goto names unknown node 'mood-chek'/);
      expect(s).toContain('And who might you be?');
      writeFileSync(file, readFileSync(join(dir, 'good.yaml'), 'utf8'));
      s = await until((x) => !/problem/.test(x) && x.includes('By the way, who are you?'));
      expect(s).toMatch(/reloaded at .*your step is kept/);
      expect(s).toContain('By the way, who are you?');
      execFileSync('tmux', ['send-keys', '-t', name, 'Escape']); // at an answer field q is a letter; Esc leaves
      await until(/y /);
      execFileSync('tmux', ['send-keys', '-t', name, 'y']);
      await until('[exit 0]');
    },
    60_000,
  );
});
