/** Each screen on its own: menu, briefing, debrief, help; escape sequences; 80×24; English. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import type { Lang } from '../../src/core/index.js';
import { KEY, libraryOf, openFixture, renderApp } from './helpers.js';

afterEach(() => cleanup());

const basement = () => openFixture('basement-alarm.yaml');
const hostile = () => openFixture('hostile-text.yaml');
const GOOD_ANSWER = '您好，我是讯达的张工，来处理电源告警';

async function toDebrief(
  opts: {
    lang?: 'zh' | 'en';
    mode?: 'practice' | 'exam';
    columns?: number;
    rows?: number;
    answer?: string;
    choices?: string[];
  } = {},
) {
  const h = await renderApp({
    start: { kind: 'play', opened: basement() },
    mode: opts.mode ?? 'exam',
    lang: opts.lang ?? 'zh',
    columns: opts.columns ?? 100,
    rows: opts.rows ?? 30,
  });
  await h.waitFor((f) => f.includes('站住！'));
  await h.answer(opts.answer ?? GOOD_ANSWER);
  await h.waitFor((f) => f.includes('施工单') || f.includes('work order'));
  for (const c of opts.choices ?? ['1']) await h.press(c);
  return h;
}

describe('menu', () => {
  it('lists cases with title, difficulty, customer type and tags, and opens one by number', async () => {
    const h = await renderApp({ start: { kind: 'menu' }, library: libraryOf(basement(), hostile()) });
    const f = await h.waitFor((x) => x.includes('选择一个案例'));
    expect(f).toMatch(/1 ★★☆\s+商场机房告警\s+坚持型\s+#security #weekend/);
    expect(f).toMatch(/2 ★☆☆\s+Hostile/);
    expect(f).toContain('周日下午'); // the selected case's summary
    await h.press('1');
    await h.waitFor((x) => x.includes('考察要点'), 'the briefing');
  });

  it('moves with arrows and opens with Enter', async () => {
    const h = await renderApp({ start: { kind: 'menu' }, library: libraryOf(basement(), hostile()) });
    await h.waitFor((x) => x.includes('› 1'));
    await h.press(KEY.down);
    await h.waitFor((x) => x.includes('› 2'));
    await h.press(KEY.enter);
    await h.waitFor((x) => x.includes('Boss Bold'), "the second case's briefing");
  });

  it('handles several keys arriving in one chunk (↓ then ⏎)', async () => {
    const h = await renderApp({ start: { kind: 'menu' }, library: libraryOf(basement(), hostile()) });
    await h.waitFor((x) => x.includes('› 1'));
    await h.press(KEY.down + KEY.enter);
    await h.waitFor((x) => x.includes('Boss Bold'), 'the second case, not the first');
  });

  it('filters with / (Chinese too) and clears with Esc', async () => {
    const h = await renderApp({ start: { kind: 'menu' }, library: libraryOf(basement(), hostile()) });
    await h.waitFor((x) => x.includes('选择一个案例'));
    await h.press('/');
    await h.waitFor((x) => x.includes('筛选：'));
    h.stdin.write('机房');
    const f = await h.waitFor((x) => x.includes('筛选：机房'));
    expect(f).toContain('商场机房告警');
    expect(f).not.toContain('Hostile');
    await h.press(KEY.escape);
    await h.waitFor((x) => x.includes('Hostile') && !x.includes('筛选：'));
    await h.press('/nothing-like-this'); // typed fast: one chunk
    await h.waitFor((x) => x.includes('没有与“nothing-like-this”匹配的案例。'));
  });

  it('filters by customer type in either language', async () => {
    const h = await renderApp({ start: { kind: 'menu' }, library: libraryOf(basement(), hostile()) });
    await h.waitFor((x) => x.includes('选择一个案例'));
    await h.press('/');
    h.stdin.write('angry');
    const f = await h.waitFor((x) => x.includes('筛选：angry'));
    expect(f).toContain('Hostile');
    expect(f).not.toContain('商场机房告警');
  });

  it('toggles the language with l', async () => {
    const h = await renderApp({ start: { kind: 'menu' }, library: libraryOf(basement()) });
    await h.waitFor((x) => x.includes('选择一个案例'));
    await h.press('l');
    const f = await h.waitFor((x) => x.includes('Choose a case'));
    expect(f).toContain('insistent');
    await h.press('1');
    const b = await h.waitFor((x) => x.includes('Lessons at stake'));
    expect(b).toContain('Be courteous to everyone on site');
  });

  it('says why a broken case cannot be opened, and stays on the menu', async () => {
    const broken = {
      ...libraryOf(basement()),
      open: () => ({ ok: false as const, message: 'cases/broken.yaml:3:7: error: unknown node' }),
    };
    const h = await renderApp({ start: { kind: 'menu' }, library: broken });
    await h.waitFor((x) => x.includes('选择一个案例'));
    await h.press('1');
    await h.waitFor((x) => x.includes('cases/broken.yaml:3:7: error: unknown node'));
  });

  it("tells why in the menu's language at the moment of the pick (after l switches it)", async () => {
    const broken = {
      ...libraryOf(basement()),
      open: (_: unknown, lang: Lang) => ({
        ok: false as const,
        message: lang === 'zh' ? '节点「x」不存在' : "unknown node 'x'",
      }),
    };
    const h = await renderApp({ start: { kind: 'menu' }, library: broken });
    await h.waitFor((x) => x.includes('选择一个案例'));
    await h.press('l');
    await h.waitFor((x) => x.includes('Choose a case'));
    await h.press('1');
    await h.waitFor((x) => x.includes("unknown node 'x'"));
  });
});

describe('briefing', () => {
  it('shows situation, customer, lessons, pass mark and the mode, which Tab switches', async () => {
    const h = await renderApp({ start: { kind: 'briefing', opened: basement() } });
    const f = await h.waitFor((x) => x.includes('考察要点'));
    expect(f).toContain('商场机房告警');
    expect(f).toContain('周日下午商场地下机房电源告警，你赶去换模块，值班保安拦着不让进。');
    expect(f).toContain('小陈 · 商场保安 · 坚持型');
    for (const t of ['证件手续随身带', '受阻及时上报', '礼待现场每个人', '不与人争执']) expect(f).toContain(t);
    expect(f).toContain('及格线 65%');
    expect(f).toContain('[练习]');
    await h.press(KEY.tab);
    await h.waitFor((x) => x.includes('[考试]'));
    await h.press(KEY.enter);
    await h.waitFor((x) => x.includes('商场机房告警 · 考试'), 'an exam run');
  });
});

describe('debrief', () => {
  it('shows outcome, NN%, pass or not, lessons with principle and source, the better option and the chart', async () => {
    // A weak run: a fallback answer, arguing, then waiting politely.
    const h = await toDebrief({ answer: '嗯', choices: ['2', '1'] });
    const f = await h.waitFor((x) => x.includes('总结'));
    const all = await readWholeDebrief(h);
    expect(f).toMatch(/得分 \d{1,3}%/);
    expect(all).toContain('及格线 65%');
    expect(all).toContain('未通过');
    expect(all).toContain('保安和前台也代表客户。'); // a principle
    expect(all).toContain('你的选择与更好的选择');
    expect(all).toContain('更好的做法');
    expect(all).toMatch(/\+\d+ 分 \(到结局可多得 \d+ 分\)/); // the gain counts what follows, not only this step
    expect(all).toContain('先报单位和来意，保安才知道该放谁进去。'); // why the better answer is better (its feedback)
    expect(all).toContain('最佳路径');
    expect(all).toContain('指标变化');
    expect(all).toMatch(/好感\s+[▁▂▃▄▅▆▇█]+\s+3→/);
  });

  it('marks a best-path run as passed with every turn on the best path', async () => {
    const h = await toDebrief({ choices: ['2', '1'] });
    await h.waitFor((x) => x.includes('总结'));
    const all = await readWholeDebrief(h);
    expect(all).toMatch(/得分 100%/);
    expect(all).toContain('通过');
    expect(all).not.toContain('更好的做法');
  });

  it('goes back to the menu with m', async () => {
    const h = await renderApp({ start: { kind: 'menu' }, library: libraryOf(basement()), mode: 'exam' });
    await h.waitFor((x) => x.includes('选择一个案例'));
    await h.press('1');
    await h.waitFor((x) => x.includes('考察要点'));
    await h.press(KEY.enter);
    await h.waitFor((x) => x.includes('站住！'));
    await h.answer(GOOD_ANSWER);
    await h.waitFor((x) => x.includes('施工单和出入证呢？'));
    await h.press('1');
    await h.waitFor((x) => x.includes('总结'));
    await h.press('m');
    await h.waitFor((x) => x.includes('选择一个案例'));
  });

  it('is in English with --lang en, sources included', async () => {
    const h = await toDebrief({ lang: 'en', answer: 'hello there', choices: ['2', '1'] });
    await h.waitFor((x) => x.includes('Debrief'));
    const all = await readWholeDebrief(h);
    expect(all).toMatch(/Score \d{1,3}%/);
    expect(all).toContain('pass mark 65%');
    expect(all).toContain('Lessons');
    expect(all).toContain('Best path');
    expect(all).toContain('Meters over time');
  });
});

describe('help', () => {
  it('opens with ? and closes with any key', async () => {
    const h = await renderApp({ start: { kind: 'menu' }, library: libraryOf(basement()) });
    await h.waitFor((x) => x.includes('选择一个案例'));
    await h.press('?');
    await h.waitFor((x) => x.includes('按键帮助') && x.includes('Ctrl+C'));
    await h.press('x');
    await h.waitFor((x) => x.includes('选择一个案例') && !x.includes('按键帮助'));
  });
});

describe('terminal safety and size', () => {
  it('never lets escape sequences from scenario text or typed text reach the terminal', async () => {
    const h = await renderApp({ start: { kind: 'menu' }, library: libraryOf(hostile()), mode: 'practice' });
    await h.waitFor((x) => x.includes('Hostile'));
    await h.press('1');
    await h.waitFor((x) => x.includes('Boss Bold'));
    await h.press(KEY.enter);
    await h.waitFor((x) => x.includes('Line one'));
    await h.press('1');
    await h.waitFor((x) => x.includes('Good red.'));
    await h.press(KEY.enter);
    await h.waitFor((x) => x.includes('Type hidden'));
    h.stdin.write('sorry \u0007\u009b31m boss');
    await h.waitFor((x) => x.includes('sorry'));
    await h.press(KEY.enter);
    await h.waitFor((x) => x.includes('这一步的反馈'));
    await h.press(KEY.enter);
    await h.waitFor((x) => x.includes('总结'));
    for (const frame of h.frames) {
      // Colours are off in these tests, so any ESC, BEL or C1 control here came from the text.
      expect(frame).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    }
  });

  it('fits 80×24: no line wider than 80 columns, no frame taller than 23 rows', async () => {
    const h = await toDebrief({ columns: 80, rows: 24, answer: '嗯', choices: ['2', '1'] });
    await h.waitFor((x) => x.includes('总结'));
    await readWholeDebrief(h);
    for (const frame of h.frames) {
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(23);
      for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    }
  });

  it('keeps the choices on screen in a tiny terminal (40×12)', async () => {
    const h = await renderApp({ start: { kind: 'play', opened: basement() }, columns: 40, rows: 12, mode: 'exam' });
    await h.waitFor((x) => x.includes('站住！'));
    await h.answer(GOOD_ANSWER);
    const f = await h.waitFor((x) => x.includes('3. '), 'the last choice');
    expect(f).toContain('1-9');
    for (const frame of h.frames) {
      expect(frame.split('\n').length).toBeLessThanOrEqual(11);
      for (const line of frame.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    }
  });

  it('re-lays out when the terminal is resized', async () => {
    const h = await renderApp({ start: { kind: 'briefing', opened: basement() }, columns: 100, rows: 30 });
    await h.waitFor((x) => x.includes('考察要点'));
    h.rerender(
      // same App, smaller terminal
      (await import('react')).createElement((await import('../../src/ui/components/app.js')).App, {
        library: libraryOf(basement()),
        start: { kind: 'briefing', opened: basement() },
        lang: 'zh',
        mode: 'practice',
        clock: h.clock,
        theme: { color: false },
        size: { columns: 40, rows: 12 },
      }),
    );
    const f = await h.waitFor((x) => x.split('\n').length <= 11 && x.includes('↓'), 'a 40×12 layout that scrolls');
    for (const line of f.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(40);
  });
});

/** Scroll the debrief to the end, collecting every line seen. */
async function readWholeDebrief(h: Awaited<ReturnType<typeof renderApp>>): Promise<string> {
  const seen = new Set<string>();
  let last = '';
  for (let i = 0; i < 20; i++) {
    const f = h.frame();
    for (const l of f.split('\n')) seen.add(l);
    if (f === last && i > 0) break;
    last = f;
    await h.press(KEY.pageDown);
  }
  return [...seen].join('\n');
}
