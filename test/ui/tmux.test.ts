/**
 * The real binary in a real terminal (tmux): a whole case in Chinese and in English, typed
 * answer included, ending at the debrief. Skipped, with a message, where tmux is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/ui/basement-alarm.yaml', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
// Play records sessions; keep these out of the tester's own database.
const DB = join(mkdtempSync(join(tmpdir(), 'roleplay-ui-tmux-')), 'sessions.db');
if (!hasTmux) console.warn('tmux is not installed: skipping the real-terminal play tests (test/ui/tmux.test.ts)');

const sessions: string[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) spawnSync('tmux', ['kill-session', '-t', s]);
});

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

function start(args: string, cols = 100, rows = 30): string {
  const name = `roleplay-ui-test-${process.pid}-${sessions.length}-${Date.now() % 100000}`;
  sessions.push(name);
  const cmd = `cd ${JSON.stringify(ROOT)} && CI=false LANG=C.UTF-8 ROLEPLAY_DB=${JSON.stringify(DB)} node bin/roleplay.js ${args} --no-shuffle; echo "[exit $?]"; sleep 30`;
  tmux('-u', 'new-session', '-d', '-s', name, '-x', String(cols), '-y', String(rows), cmd);
  return name;
}

/** The first screen is up, and its key handler (attached just after) is too. */
async function ready(name: string, text: string): Promise<void> {
  await waitFor(name, text);
  await new Promise((r) => setTimeout(r, 300));
}

const screen = (name: string) => tmux('capture-pane', '-p', '-t', name);

async function waitFor(name: string, text: string | RegExp, ms = 15000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const s = screen(name);
    if (typeof text === 'string' ? s.includes(text) : text.test(s)) return s;
    if (Date.now() > until) throw new Error(`waited ${ms} ms for ${String(text)}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const keys = (name: string, ...k: string[]) => tmux('send-keys', '-t', name, ...k);
const literal = (name: string, text: string) => tmux('send-keys', '-t', name, '-l', text);

describe.skipIf(!hasTmux)('the real binary in tmux', () => {
  it('plays a whole case in Chinese (typed answer, choices) and shows the debrief', async () => {
    const s = start(`play ${JSON.stringify(FIXTURE)} --lang zh --mode practice`);
    await ready(s, '考察要点');
    keys(s, 'Enter');
    await waitFor(s, '站住！设备间不让随便进，你是哪个单位的？');
    literal(s, '您好，我是讯达的张工，来处理电源告警');
    await waitFor(s, '来处理电源告警');
    keys(s, 'Enter');
    const fb = await waitFor(s, '这一步的反馈');
    expect(fb).toMatch(/\+2 分\s+礼待现场每个人/);
    keys(s, 'Enter');
    await waitFor(s, '施工单和出入证呢？');
    keys(s, '2');
    await waitFor(s, '这一步的反馈');
    keys(s, 'Space');
    await waitFor(s, '我来联系商场物业经理');
    keys(s, '1');
    await waitFor(s, '这一步的反馈');
    keys(s, 'Enter');
    const d = await waitFor(s, '总结');
    expect(d).toContain('成功');
    expect(d).toMatch(/得分 100%/);
    expect(d).toContain('及格线 65%');
    expect(d).toContain('通过');
    keys(s, 'q');
    await waitFor(s, '[exit 0]');
  }, 60_000);

  it('plays a whole case in English at 80×24 and shows the debrief', async () => {
    const s = start(`play ${JSON.stringify(FIXTURE)} --lang en --mode exam`, 80, 24);
    await ready(s, 'Lessons at stake');
    keys(s, 'Enter');
    await waitFor(s, 'What do you say to the guard?');
    literal(s, 'hello, hurry up');
    await waitFor(s, 'hurry up');
    keys(s, 'Enter');
    const d = await waitFor(s, 'Debrief');
    expect(d).toContain('Failure');
    expect(d).toMatch(/Score \d+%/);
    expect(d).toContain('Not passed');
    for (const line of d.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    keys(s, 'm');
    await waitFor(s, 'Choose a case');
    keys(s, 'q');
    await waitFor(s, '[exit 0]');
  }, 60_000);

  it('asks before leaving a running case, and Ctrl+C exits cleanly', async () => {
    const s = start(`play ${JSON.stringify(FIXTURE)} --lang en`);
    await ready(s, 'Lessons at stake');
    keys(s, 'Enter');
    await waitFor(s, 'What do you say to the guard?');
    keys(s, 'Escape');
    await waitFor(s, 'Leave this case?');
    keys(s, 'n');
    await waitFor(s, /Esc quit/);
    keys(s, 'C-c');
    await waitFor(s, '[exit 0]');
  }, 60_000);
});
