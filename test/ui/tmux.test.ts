/**
 * The real binary in a real terminal (tmux): a whole case in Chinese and in English, typed
 * answer included, ending at the debrief. Skipped, with a message, where tmux is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTmux, skipWithout } from '../required-tools.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/ui/basement-alarm.yaml', import.meta.url));
// Play records sessions; keep these out of the tester's own database.
const DB = join(mkdtempSync(join(tmpdir(), 'roleplay-ui-tmux-')), 'sessions.db');

const sessions: string[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) spawnSync('tmux', ['kill-session', '-t', s]);
});

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

function start(args: string, cols = 100, rows = 30, db = DB): string {
  const name = `roleplay-ui-test-${process.pid}-${sessions.length}-${Date.now() % 100000}`;
  sessions.push(name);
  const cmd = `cd ${JSON.stringify(ROOT)} && CI=false LANG=C.UTF-8 ROLEPLAY_DB=${JSON.stringify(db)} node bin/roleplay.js ${args} --no-shuffle; echo "[exit $?]"; sleep 30`;
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
/** Raw bytes in one write to the terminal (as a held key or an input method sends them). */
const bytes = (name: string, text: string) =>
  tmux('send-keys', '-t', name, '-H', ...[...Buffer.from(text, 'utf8')].map((b) => b.toString(16).padStart(2, '0')));
/** A paste, as the terminal delivers it: in bracketed-paste markers when the program asked for them. */
function paste(name: string, text: string): void {
  tmux('set-buffer', '-b', name, text);
  tmux('paste-buffer', '-p', '-d', '-b', name, '-t', name);
}

/** The typed answers a session database holds, in order (read through `roleplay export`). */
function saidIn(db: string): string[] {
  const out = execFileSync('node', ['bin/roleplay.js', 'export', '--db', db], { cwd: ROOT, encoding: 'utf8' });
  const said: string[] = [];
  for (const line of out.split('\n').filter(Boolean)) {
    const record = JSON.parse(line) as { action?: { kind: string; text?: string } };
    if (record.action?.kind === 'say' && record.action.text !== undefined) said.push(record.action.text);
  }
  return said;
}

describe.skipIf(skipWithout('tmux', hasTmux))('the real binary in tmux', () => {
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

describe.skipIf(skipWithout('tmux', hasTmux))('typing bursts in the real binary', () => {
  it('types bursts into the answer exactly as meant: held Backspace, a paste with a newline, text and Enter in one write (zh)', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'roleplay-ui-burst-')), 'sessions.db');
    const s = start(`play ${JSON.stringify(FIXTURE)} --lang zh --mode exam`, 100, 30, db);
    await ready(s, '考察要点');
    keys(s, 'Enter');
    await waitFor(s, '你对保安说什么？');
    literal(s, '您好 hello there');
    await waitFor(s, '› 您好 hello there');
    bytes(s, '\u007f'.repeat(6)); // a held Backspace: six DEL bytes in one write
    await waitFor(s, /› 您好 hello\s*$/m);
    bytes(s, '\u007f'.repeat(5));
    await waitFor(s, /› 您好\s*$/m);
    paste(s, '我是讯达的张工\n来处理电源告警');
    await waitFor(s, '› 您好 我是讯达的张工 来处理电源告警');
    bytes(s, '。\r'); // the last character and Enter in one write
    await waitFor(s, '施工单和出入证呢？');
    expect(saidIn(db)).toEqual(['您好 我是讯达的张工 来处理电源告警。']);
    keys(s, 'C-c');
    await waitFor(s, '[exit 0]');
  }, 60_000);

  it('applies cursor keys and text in one write, and an IME phrase arrives whole (en, 80×24)', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'roleplay-ui-burst-')), 'sessions.db');
    const s = start(`play ${JSON.stringify(FIXTURE)} --lang en --mode exam`, 80, 24, db);
    await ready(s, 'Lessons at stake');
    keys(s, 'Enter');
    await waitFor(s, 'What do you say to the guard?');
    bytes(s, 'Hello, Zhang from Xunda, about the pwer alarm');
    await waitFor(s, 'pwer alarm');
    bytes(s, `${'\u001b[D'.repeat(9)}o`); // nine times ← then the missing letter, one write
    await waitFor(s, 'about the power alarm');
    bytes(s, '\u001b[F 您好\r'); // End, then a phrase as an input method commits it, and Enter
    await waitFor(s, 'Where are your work order and site pass?');
    expect(saidIn(db)).toEqual(['Hello, Zhang from Xunda, about the power alarm 您好']);
    keys(s, 'C-c');
    await waitFor(s, '[exit 0]');
  }, 60_000);
});

describe.skipIf(skipWithout('tmux', hasTmux))('leaving and resuming in the real binary', () => {
  const freshDb = () => join(mkdtempSync(join(tmpdir(), 'roleplay-ui-leave-')), 'sessions.db');

  it('Ctrl+C after a step says how to continue; `roleplay resume` goes on in the language played', async () => {
    const db = freshDb();
    const s = start(`play ${JSON.stringify(FIXTURE)} --lang en --mode exam`, 100, 30, db);
    await ready(s, 'Lessons at stake');
    keys(s, 'Enter');
    await waitFor(s, 'What do you say to the guard?');
    bytes(s, "Hi, I'm Zhang from Xunda, here about the power alarm\r");
    await waitFor(s, 'Where are your work order and site pass?');
    keys(s, 'C-c');
    const after = await waitFor(s, '[exit 0]');
    expect(after).toMatch(
      /This session is saved and can be continued: roleplay resume [0-9a-f]{8} \(or press c in the menu\)/,
    );
    // LANG=C.UTF-8 alone would mean Chinese; the session was played in English.
    const r = start('resume', 100, 30, db);
    await waitFor(r, 'Where are your work order and site pass?');
    expect(screen(r)).toContain('1-9 pick');
    keys(r, 'q');
    await waitFor(r, 'Leave this case?');
    keys(r, 'y');
    const left = await waitFor(r, '[exit 0]');
    expect(left).toContain('This session is saved and can be continued');
  }, 60_000);

  it('--lang on resume wins, and leaving before any step says nothing about resuming', async () => {
    const db = freshDb();
    const s = start(`play ${JSON.stringify(FIXTURE)} --lang en`, 100, 30, db);
    await ready(s, 'Lessons at stake');
    keys(s, 'Enter');
    await waitFor(s, 'What do you say to the guard?');
    keys(s, 'Escape');
    await waitFor(s, 'Leave this case?');
    keys(s, 'y');
    const after = await waitFor(s, '[exit 0]');
    expect(after).not.toContain('resume');
    const p = start(`play ${JSON.stringify(FIXTURE)} --lang en --mode exam`, 100, 30, db);
    await ready(p, 'Lessons at stake');
    keys(p, 'Enter');
    await waitFor(p, 'What do you say to the guard?');
    bytes(p, 'hello\r');
    await waitFor(p, 'Where are your work order and site pass?');
    keys(p, 'C-c');
    await waitFor(p, 'roleplay resume');
    const r = start('resume --lang zh', 100, 30, db);
    await waitFor(r, '施工单和出入证呢？');
    keys(r, 'C-c');
    await waitFor(r, '这次练习已保存，可以接着练：roleplay resume');
  }, 60_000);
});

describe.skipIf(skipWithout('tmux', hasTmux))('small terminals in the real binary', () => {
  const LONG = fileURLToPath(new URL('../../scenarios/customer-styles.yaml', import.meta.url));
  const MONOLOGUE = fileURLToPath(new URL('../fixtures/ui/monologue.yaml', import.meta.url));
  const within = (s: string, cols: number) => {
    for (const line of s.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(cols);
  };
  const cases = [
    { lang: 'zh', cols: 80, rows: 24, mode: '模式：[练习]', keys: 'Esc 返回', encounter: 'q 退出', quit: 'n 继续' },
    { lang: 'en', cols: 80, rows: 24, mode: 'Mode: [Practice]', keys: 'Esc back', encounter: 'q quit', quit: 'n stay' },
    { lang: 'zh', cols: 60, rows: 20, mode: '模式：[练习]', keys: 'Esc 返回', encounter: 'q 退出', quit: 'n 继续' },
    { lang: 'en', cols: 60, rows: 20, mode: 'Mode: [Practice]', keys: 'Esc back', encounter: 'q quit', quit: 'n stay' },
  ] as const;
  for (const c of cases) {
    it(`${c.cols}×${c.rows} ${c.lang}: mode selector and whole footers on screen, a turn named once`, async () => {
      const s = start(`play ${JSON.stringify(LONG)} --lang ${c.lang}`, c.cols, c.rows);
      const briefing = await waitFor(s, c.mode);
      expect(briefing).toContain(c.keys);
      within(briefing, c.cols);
      keys(s, 'Enter');
      const encounter = await waitFor(s, c.encounter);
      within(encounter, c.cols);
      keys(s, 'q');
      await waitFor(s, c.quit);
      keys(s, 'y');
      await waitFor(s, '[exit 0]');
      const m = start(`play ${JSON.stringify(MONOLOGUE)} --lang ${c.lang}`, c.cols, c.rows);
      await waitFor(m, c.mode);
      keys(m, 'Enter');
      const turn = await waitFor(m, c.lang === 'zh' ? '你今天必须给我一个说法。' : 'I need an answer from you today.');
      expect(turn.match(c.lang === 'zh' ? /王经理：/g : /Manager Wang:/g)).toHaveLength(1);
      keys(m, 'C-c');
      await waitFor(m, '[exit 0]');
    }, 60_000);
  }
});
