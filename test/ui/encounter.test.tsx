/** Whole keypress flows through the play screen, on a simulated clock. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { compile, runSteps, type RunOutput, type RunReport, type StepRecord } from '../../src/core/index.js';
import type { SnapshotInfo, StepInfo } from '../../src/core/recorder.js';
import { KEY, libraryOf, openFixture, renderApp, tick } from './helpers.js';

afterEach(() => cleanup());

const night = () => openFixture('night-window.yaml');
const GOOD_ANSWER = '您好，我是华苏的张工，来做今晚的割接';

async function startPlay(opts: Parameters<typeof renderApp>[0] = { start: { kind: 'menu' } }) {
  const h = await renderApp(opts);
  await h.waitFor((f) => f.includes('干什么的'), 'the first line of the case');
  return h;
}

describe('encounter', () => {
  it('shows speaker, line, meters with values, countdown-free input node with its prompt', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: night() } });
    const f = h.frame();
    expect(f).toContain('老李：这么晚了，干什么的？');
    expect(f).toMatch(/耐心\s+█+\s+3\/3/);
    expect(f).toMatch(/时间\s+░+\s+0\/3/);
    expect(f).toContain('你怎么回答？');
    expect(f).toContain('在这里输入你的回答');
    expect(f).not.toContain('剩余');
  });

  it('takes a typed Chinese answer, shows practice feedback with lesson points, then the next node', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: night() } });
    await h.answer(GOOD_ANSWER);
    const fb = await h.waitFor((f) => f.includes('这一步的反馈'));
    expect(fb).toContain(`你：${GOOD_ANSWER}`);
    expect(fb).toContain('报明身份和来意。');
    expect(fb).toMatch(/\+2 分\s+尊重每个人/);
    expect(fb).toMatch(/\+1 分\s+提前准备/);
    await h.press(KEY.enter);
    const next = await h.waitFor((f) => f.includes('进站单呢？'));
    expect(next).toContain(`你：${GOOD_ANSWER}`); // now in the transcript
    expect(next).toContain('1. 递上提前办好的进站单。');
  });

  it('ignores an empty answer', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: night() } });
    await h.press(' ', ' ', KEY.enter);
    await tick(20);
    expect(h.frame()).toContain('干什么的');
    expect(h.frame()).not.toContain('这一步的反馈');
  });

  it('picks a choice by number at once, and by arrows + Enter', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: night() }, mode: 'exam' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('进站单呢？'));
    await h.press(KEY.down);
    await h.waitFor((f) => f.includes('› 2. 先给组长打电话说明情况。'), 'the selection on choice 2');
    await h.press(KEY.up, KEY.up);
    await h.waitFor((f) => f.includes('› 3. 我们天天来'), 'the selection wrapped to the last choice');
    await h.press(KEY.down, KEY.down, KEY.enter); // back to 1 via wrap, then 2
    await h.waitFor((f) => f.includes('我来联系客户值班经理。'), 'the team lead after calling');
    // number key: 1 = wait politely
    await h.press('1');
    await h.waitFor((f) => f.includes('总结'), 'the debrief');
  });

  it('a second key in the same chunk does not skip practice feedback', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: night() }, mode: 'practice' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('这一步的反馈'));
    await h.press(KEY.enter);
    await h.waitFor((f) => f.includes('进站单呢？'));
    await h.press('21');
    const f = await h.waitFor((x) => x.includes('这一步的反馈'));
    expect(f).toContain('先给组长打电话说明情况。');
    await h.press(KEY.enter);
    await h.waitFor((x) => x.includes('我来联系客户值班经理。'), 'the next node, nothing chosen there yet');
  });

  it('hides choices whose condition is false, and numbers only the visible ones', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: night() }, mode: 'exam' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('进站单呢？'));
    await h.press('2'); // call the team lead: time 1
    const f = await h.waitFor((x) => x.includes('我来联系客户值班经理。'));
    expect(f).not.toContain('窗口来不及了'); // `leave` needs time >= 2
    expect(f).toContain('2. 趁门卫不注意溜进去。');
    await h.press('2');
    const d = await h.waitFor((x) => x.includes('总结'));
    expect(d).toContain('失败');
  });

  it('counts down on a timed node and takes the timeout path when time runs out', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: night() }, mode: 'practice' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('这一步的反馈'));
    // Reading feedback does not eat into the next node's time.
    h.clock.increment(60_000);
    await h.press(KEY.enter);
    await h.waitFor((f) => f.includes('剩余 15 秒'), 'a full 15 s countdown');
    h.clock.increment(5_000);
    await h.waitFor((f) => f.includes('剩余 10 秒'), 'the countdown at 10 s');
    h.clock.increment(10_000);
    const fb = await h.waitFor((f) => f.includes('这一步的反馈'), 'feedback after the timeout');
    expect(fb).toContain('（没有回应）');
    expect(fb).toContain('站在门口发呆，时间在流逝。');
    expect(fb).toMatch(/-1 分\s+及时汇报/);
    expect(fb).toContain('时间 +2');
    await h.press(' ');
    await h.waitFor((f) => f.includes('我来联系客户值班经理。'));
  });

  it('pauses the countdown while the help is open', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: night() }, mode: 'exam' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('剩余 15 秒'));
    await h.press('?');
    await h.waitFor((f) => f.includes('按键帮助'));
    h.clock.increment(30_000);
    await h.press('x');
    await h.waitFor((f) => f.includes('剩余 15 秒'), 'the countdown where it stopped');
  });

  it('shows meter changes when they happen', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: night() }, mode: 'exam' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('进站单呢？'));
    await h.press('3'); // argue: patience -1
    const f = await h.waitFor((x) => x.includes('我来联系客户值班经理。'));
    expect(f).toMatch(/耐心\s+█+░+\s+2\/3\s+耐心 -1/);
  });

  it('exam mode shows no feedback during play, and the feedback in the debrief', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: night() }, mode: 'exam' });
    await h.answer(GOOD_ANSWER);
    const f = await h.waitFor((x) => x.includes('进站单呢？'));
    expect(f).not.toContain('报明身份和来意');
    await h.press('1');
    const d = await h.waitFor((x) => x.includes('总结'));
    expect(d).toContain('报明身份和来意。');
  });

  it('asks before leaving a running case: n stays, y goes back to the menu', async () => {
    const h = await renderApp({ start: { kind: 'menu' }, library: libraryOf(night()) });
    await h.waitFor((f) => f.includes('夜间割接窗口'));
    await h.press('1');
    await h.waitFor((f) => f.includes('考察要点'));
    await h.press(KEY.enter);
    await h.waitFor((f) => f.includes('干什么的'));
    await h.press(KEY.escape);
    await h.waitFor((f) => f.includes('要退出这个案例吗？'));
    await h.press('n');
    await h.waitFor((f) => !f.includes('要退出这个案例吗？') && f.includes('干什么的'));
    await h.press(KEY.escape);
    await h.waitFor((f) => f.includes('要退出这个案例吗？'));
    await h.press('y');
    await h.waitFor((f) => f.includes('选择一个案例'), 'the menu');
  });

  it('? on an empty answer field opens the help; typed after text it is just a character', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: night() } });
    await h.press('?');
    await h.waitFor((f) => f.includes('按键帮助'));
    await h.press('x');
    await h.waitFor((f) => f.includes('干什么的'));
    await h.press('a', '?');
    await h.waitFor((f) => f.includes('› a?'), 'a question mark in the answer');
  });

  it('leaving a case opened directly (not from the menu) ends the program', async () => {
    const h = await renderApp({ start: { kind: 'briefing', opened: night() } });
    await h.waitFor((f) => f.includes('考察要点'));
    await h.press(KEY.enter);
    await h.waitFor((f) => f.includes('干什么的'));
    await h.press(KEY.escape);
    await h.waitFor((f) => f.includes('要退出这个案例吗？'));
    await h.press('y');
    await h.waitFor((f) => f.includes('再见'), 'the goodbye line');
  });

  it('q on a choice node asks too', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: night() }, mode: 'exam' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('进站单呢？'));
    await h.press('q');
    await h.waitFor((f) => f.includes('要退出这个案例吗？'));
  });

  it('reports every step to a recorder, with shown choices, decision time, snapshots and the final report', async () => {
    const steps: [StepRecord, StepInfo][] = [];
    const snaps: SnapshotInfo[] = [];
    const started: string[] = [];
    let finished: [RunReport, RunOutput] | undefined;
    const recorder = {
      onStart: (s: { scenario: { id: string }; source: string; mode: string; lang: string; resumed: boolean }) =>
        started.push(`${s.scenario.id}:${s.mode}:${s.lang}:${s.resumed}:${s.source.length > 0}`),
      onStep: (r: StepRecord, i: StepInfo) => steps.push([r, i]),
      onSnapshot: (_p: unknown, i: SnapshotInfo) => snaps.push(i),
      onFinish: (r: RunReport, o: RunOutput) => {
        finished = [r, o];
      },
    };
    const h = await startPlay({ start: { kind: 'play', opened: night() }, mode: 'exam', recorder });
    h.clock.increment(4_000);
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('进站单呢？'));
    h.clock.increment(2_000);
    await h.press('1');
    await h.waitFor((f) => f.includes('总结'));
    expect(started).toEqual(['night-window:exam:zh:false:true']);
    expect(steps.map(([r]) => r.action.kind)).toEqual(['say', 'choice']);
    expect(steps[0]![1]).toEqual({ shownChoices: [], decisionMs: 4000, feedbackShown: false });
    expect(steps[1]![1]).toEqual({
      shownChoices: ['show-form', 'call-tl', 'argue'],
      decisionMs: 2000,
      feedbackShown: false,
    });
    expect(snaps).toEqual([{ node: 'papers', remainingMs: 15000 }]);
    const headless = runSteps(compile(night().scenario), [{ say: GOOD_ANSWER }, 'show-form']);
    expect(headless.ok && finished?.[0]).toEqual(headless.ok && headless.report);
    expect(finished?.[0].outcome).toBe('success');
  });

  it('resumes a run from a persisted snapshot, with its transcript and the time that was left', async () => {
    let persisted: unknown;
    const h = await startPlay({
      start: { kind: 'play', opened: night() },
      mode: 'exam',
      recorder: {
        onSnapshot: (p) => {
          persisted = p;
        },
      },
    });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('进站单呢？'));
    h.unmount();
    const again = await renderApp({
      start: {
        kind: 'play',
        opened: night(),
        resume: { snapshot: JSON.parse(JSON.stringify(persisted)), remainingMs: 7_000 },
      },
      mode: 'exam',
    });
    const f = await again.waitFor((x) => x.includes('进站单呢？'));
    expect(f).toContain(`你：${GOOD_ANSWER}`);
    expect(f).toContain('剩余 7 秒');
    again.clock.increment(7_000);
    await again.waitFor((x) => x.includes('我来联系客户值班经理。'), 'the timeout after the remaining time');
  });

  it('retry starts a fresh run of the same case from the debrief', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: night() }, mode: 'exam' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('进站单呢？'));
    await h.press('1');
    await h.waitFor((f) => f.includes('总结'));
    await h.press('r');
    const f = await h.waitFor((x) => x.includes('干什么的') && !x.includes('总结'));
    expect(f).not.toContain(GOOD_ANSWER);
    expect(f).toMatch(/耐心\s+█+\s+3\/3/);
  });
});
