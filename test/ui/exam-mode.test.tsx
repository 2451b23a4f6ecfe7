/**
 * Exam mode says nothing about how a step scored until the debrief: no points, no meter bars,
 * values or changes, no feedback; the meters show only as the customer's visible mood, in
 * words. Practice mode, beside it, keeps its bars, changes and feedback.
 */
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lang, Mode } from '../../src/core/index.js';
import { KEY, openFixture, renderApp } from './helpers.js';

afterEach(() => cleanup());

const basement = () => openFixture('basement-alarm.yaml');

/** Named answer (goodwill stays at its top), then `argue` (goodwill -1): at the dispatcher's node. */
async function afterArguing(mode: Mode, lang: Lang) {
  const h = await renderApp({ start: { kind: 'play', opened: basement() }, mode, lang });
  await h.waitFor((f) => f.includes('站住！'));
  await h.answer(
    lang === 'zh' ? '您好，我是讯达的张工，来处理电源告警' : "Hi, I'm Zhang from Xunda, here about the power alarm",
  );
  const between: string[] = [];
  if (mode === 'practice') {
    between.push(await h.waitFor((f) => f.includes(lang === 'zh' ? '这一步的反馈' : 'Feedback on this step')));
    await h.press(KEY.enter);
  }
  between.push(await h.waitFor((f) => f.includes(lang === 'zh' ? '施工单和出入证呢？' : 'Where are your work order')));
  await h.press('3');
  if (mode === 'practice') {
    between.push(await h.waitFor((f) => f.includes(lang === 'zh' ? '这一步的反馈' : 'Feedback on this step')));
    await h.press(KEY.enter);
  }
  const at = await h.waitFor((f) => f.includes(lang === 'zh' ? '我来联系商场物业经理' : 'facilities manager'));
  return { h, frames: [...between, at], at };
}

/** Anything that tells a score: bars, n/max values, signed amounts, points. */
const SCORE_SIGNS = /[█░]|\d+\/\d+|(^|\s)[+-]\d|\d+ 分|\bpts?\b|得分|Score/m;

describe('exam mode', () => {
  it('shows no bar, value, change or point during play, only the mood in words (zh)', async () => {
    const { h, frames, at } = await afterArguing('exam', 'zh');
    for (const f of frames) expect(f).not.toMatch(SCORE_SIGNS);
    expect(at).toContain('好感下降了');
    expect(at).not.toContain('这一步的反馈');
    await h.press('1'); // wait calmly: goodwill +2, delay +1
    const d = await h.waitFor((f) => f.includes('总结'));
    expect(d).toMatch(/得分 \d+%/); // the debrief tells it all
  });

  it('says which way the meters moved in English, and nothing before the first change', async () => {
    const h = await renderApp({ start: { kind: 'play', opened: basement() }, mode: 'exam', lang: 'en' });
    const first = await h.waitFor((f) => f.includes('What do you say to the guard?'));
    expect(first).not.toMatch(SCORE_SIGNS);
    expect(first).not.toMatch(/Goodwill|went (up|down)/);
    const { at } = await afterArguing('exam', 'en');
    expect(at).toContain('Goodwill went down');
    expect(at).not.toMatch(SCORE_SIGNS);
  });
});

describe('practice mode beside it', () => {
  it('keeps bars, values, changes and per-step points', async () => {
    const { frames, at } = await afterArguing('practice', 'zh');
    expect(frames[0]).toMatch(/\+2 分\s+礼待现场每个人/);
    expect(frames[2]).toContain('好感 -1');
    expect(at).toMatch(/好感\s+█+░+\s+2\/3/);
    expect(at).not.toContain('下降了');
  });
});
