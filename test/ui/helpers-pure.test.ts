/** The pure helpers under the screens: wrapping wide text, the pausable clock, best paths, meters, NO_COLOR. */
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { SimulatedClock } from 'xstate';
import { compile, explore, runSteps, type TestStep } from '../../src/core/index.js';
import { PausableClock } from '../../src/ui/clock.js';
import { reviewPath } from '../../src/core/analysis/best-path.js';
import { bar, meterDeltas, sparkline } from '../../src/ui/meters.js';
import { padEnd, truncate, widthOf, wrapText } from '../../src/text/layout.js';
import { styleOf, themeFromEnv } from '../../src/ui/theme.js';
import { openFixture } from './helpers.js';

describe('wrapText', () => {
  const zh = '昨晚扩容后，今天一早三个基站断了两个小时。移动网络维护中心的刘主任冲进项目办公室，当着所有人的面发火。';
  it('keeps every line within the width in columns, Chinese counting two', () => {
    for (const w of [10, 17, 40, 80]) {
      const lines = wrapText(zh, w);
      for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(w);
      expect(lines.join('')).toBe(zh);
    }
  });
  it('never starts a line with closing punctuation', () => {
    for (const w of [7, 9, 11, 13]) for (const l of wrapText(zh, w).slice(1)) expect(l[0]).not.toMatch(/[，。、]/);
  });
  it('keeps a period and the closing quote after it together with the character before them', () => {
    const quoted = '“断了两个小时，换我也着急。我先向您道歉。”  +2 分';
    for (let w = 8; w <= 50; w++)
      for (const l of wrapText(quoted, w).slice(1)) expect(l[0], `width ${w}`).not.toMatch(/[，。、”]/);
  });
  it('never ends a line with opening punctuation: it goes on with what it opens', () => {
    const text = '练习记录数据库文件，或团队服务器 postgres://user@host:port/db（密码放在 ~/.pgpass 里）他说：“好的。”';
    for (let w = 8; w <= 60; w++) for (const l of wrapText(text, w)) expect(l, `width ${w}`).not.toMatch(/[（“]$/);
  });
  it('breaks English at spaces and cuts words longer than a line', () => {
    expect(wrapText('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
    expect(wrapText('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
  });
  it('measures combining marks and emoji as the terminal does', () => {
    for (const t of ['cafe\u0301 ok', '👍🏽 好', '🇨🇳 中国', 'plain ascii']) expect(widthOf(t)).toBe(stringWidth(t));
    expect(wrapText('e\u0301e\u0301e\u0301', 2)).toEqual(['e\u0301e\u0301', 'e\u0301']);
  });
  it('pads and truncates by columns', () => {
    expect(stringWidth(padEnd('情绪', 6))).toBe(6);
    expect(truncate('技术争执：是数据错了', 9)).toBe('技术争执…');
  });
});

describe('PausableClock', () => {
  it('holds timers and time while paused', () => {
    const base = new SimulatedClock();
    const clock = new PausableClock(base);
    let fired = 0;
    clock.setTimeout(() => fired++, 1000);
    base.increment(400);
    clock.pause();
    base.increment(5000);
    expect(fired).toBe(0);
    expect(clock.now()).toBe(400);
    clock.resume();
    base.increment(599);
    expect(fired).toBe(0);
    base.increment(1);
    expect(fired).toBe(1);
    expect(clock.now()).toBe(1000);
  });
});

describe('reviewPath', () => {
  const basement = openFixture('basement-alarm.yaml').scenario;
  const compiled = compile(basement);
  it('finds a best path worth the maximum', () => {
    const run = runSteps(compiled, [{ say: '嗯' }, 'argue', 'wait-calmly']);
    if (!run.ok) throw new Error(run.error);
    const review = reviewPath(basement, run.output)!;
    const best = review.bestPath.map(({ way }) => way);
    // Follow the best path headless: it must score the scenario's max.
    const steps = best.flatMap((w): TestStep[] =>
      w.kind === 'choice'
        ? [w.choice.id]
        : w.kind === 'rule'
          ? [{ say: '我是讯达的，来修电源' }]
          : w.kind === 'timeout'
            ? [{ wait: true as const }]
            : [],
    );
    const replay = runSteps(compiled, steps);
    expect(replay.ok && replay.report.score.total).toBe(explore(basement).maxima.total);
  });
  it('flags the turns where points were lost, with a better option', () => {
    const run = runSteps(compiled, [{ say: '嗯' }, 'argue', 'wait-calmly']);
    if (!run.ok) throw new Error(run.error);
    const review = reviewPath(basement, run.output)!;
    expect(review.turns).toHaveLength(3);
    const [first] = review.turns;
    expect(first!.missed).toBeGreaterThan(0);
    expect(first!.better?.kind).toBe('rule');
    expect(review.turns[2]!.missed).toBe(0);
  });
});

describe('meters', () => {
  it('draws bars in proportion and sparklines over the range', () => {
    expect(bar(0, -5, 5, 10)).toBe('█████░░░░░');
    expect(bar(3, 0, 3, 4)).toBe('████');
    expect(sparkline([0, 1, 2, 3], 0, 3, 10)).toBe('▁▃▆█');
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8], 0, 8, 3)).toBe('▁▅█');
    expect(meterDeltas({ a: 1, b: 2 }, { a: 0, b: 2 })).toEqual({ a: -1 });
  });
});

describe('NO_COLOR', () => {
  it('turns colours off when set and not empty, keeping bold', () => {
    expect(themeFromEnv({ NO_COLOR: '1' }).color).toBe(false);
    expect(themeFromEnv({ NO_COLOR: '' }).color).toBe(true);
    expect(themeFromEnv({}).color).toBe(true);
    expect(styleOf({ color: false }, 'bad', true)).toEqual({ bold: true });
    expect(styleOf({ color: true }, 'bad', false)).toEqual({ color: 'red' });
  });
});
