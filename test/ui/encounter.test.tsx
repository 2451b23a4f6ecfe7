/** Whole keypress flows through the play screen, on a simulated clock. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { compile, runSteps, type RunOutput, type RunReport, type StepRecord } from '../../src/core/index.js';
import type { SnapshotInfo, StepInfo } from '../../src/core/records/recorder.js';
import { KEY, libraryOf, openFixture, renderApp, tick } from './helpers.js';

afterEach(() => cleanup());

const basement = () => openFixture('basement-alarm.yaml');
const GOOD_ANSWER = '您好，我是讯达的张工，来处理电源告警';

async function startPlay(opts: Parameters<typeof renderApp>[0] = { start: { kind: 'menu' } }) {
  const h = await renderApp(opts);
  await h.waitFor((f) => f.includes('站住！'), 'the first line of the case');
  return h;
}

describe('encounter', () => {
  it('shows speaker, line, meters with values, countdown-free input node with its prompt', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: basement() } });
    const f = h.frame();
    expect(f).toContain('小陈：站住！设备间不让随便进，你是哪个单位的？');
    expect(f).toMatch(/好感\s+█+\s+3\/3/);
    expect(f).toMatch(/延误\s+░+\s+0\/3/);
    expect(f).toContain('你对保安说什么？');
    expect(f).toContain('在这里输入你的回答');
    expect(f).not.toContain('剩余');
  });

  it('takes a typed Chinese answer, shows practice feedback with lesson points, then the next node', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: basement() } });
    await h.answer(GOOD_ANSWER);
    const fb = await h.waitFor((f) => f.includes('这一步的反馈'));
    expect(fb).toContain(`你：${GOOD_ANSWER}`);
    expect(fb).toContain('先报单位和来意，保安才知道该放谁进去。');
    expect(fb).toMatch(/\+2 分\s+礼待现场每个人/);
    expect(fb).toMatch(/\+1 分\s+证件手续随身带/);
    await h.press(KEY.enter);
    const next = await h.waitFor((f) => f.includes('施工单和出入证呢？'));
    expect(next).toContain(`你：${GOOD_ANSWER}`); // now in the transcript
    expect(next).toContain('1. 递上出发前办好的施工单和出入证。');
  });

  it('ignores an empty answer', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: basement() } });
    await h.press(' ', ' ', KEY.enter);
    await tick(20);
    expect(h.frame()).toContain('站住！');
    expect(h.frame()).not.toContain('这一步的反馈');
  });

  it('picks a choice by number at once, and by arrows + Enter', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: basement() }, mode: 'exam' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('施工单和出入证呢？'));
    await h.press(KEY.down);
    await h.waitFor((f) => f.includes('› 2. 先打给网管中心调度，请他们协调。'), 'the selection on choice 2');
    await h.press(KEY.up, KEY.up);
    await h.waitFor((f) => f.includes('› 3. 告警都响半天了'), 'the selection wrapped to the last choice');
    await h.press(KEY.down, KEY.down, KEY.enter); // back to 1 via wrap, then 2
    await h.waitFor((f) => f.includes('我来联系商场物业经理'), 'the dispatcher after calling');
    // number key: 1 = wait calmly
    await h.press('1');
    await h.waitFor((f) => f.includes('总结'), 'the debrief');
  });

  it('a sentence typed at a choice, as if it were a text field: its Enter picks nothing, and the keys line says how to pick', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: basement() }, mode: 'exam', lang: 'en' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('No typing at this step') || f.includes('1-9 pick'), 'the choice node');
    await h.press('I', 'w', 'i', 'l', 'l', ' ', 'c', 'a', 'l', 'l', KEY.enter);
    const f = await h.waitFor((x) => x.includes('No typing at this step: pick a reply with 1-9'), 'the hint');
    expect(f).toContain('› 1.'); // still the choice node: nothing was picked
    await h.press(KEY.down, KEY.enter);
    const next = await h.waitFor((x) => x.includes("I'll get hold of the mall"), 'the next node after reply 2');
    expect(next).toContain('1-9 pick · ↑↓ Enter'); // the hint is gone with the step
  });

  it('a second key in the same chunk does not skip practice feedback', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: basement() }, mode: 'practice' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('这一步的反馈'));
    await h.press(KEY.enter);
    await h.waitFor((f) => f.includes('施工单和出入证呢？'));
    await h.press('21');
    const f = await h.waitFor((x) => x.includes('这一步的反馈'));
    expect(f).toContain('先打给网管中心调度，请他们协调。');
    await h.press(KEY.enter);
    await h.waitFor((x) => x.includes('我来联系商场物业经理'), 'the next node, nothing chosen there yet');
  });

  it('hides choices whose condition is false, and numbers only the visible ones', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: basement() }, mode: 'exam' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('施工单和出入证呢？'));
    await h.press('2'); // call the dispatcher: delay 1
    const f = await h.waitFor((x) => x.includes('我来联系商场物业经理'));
    expect(f).not.toContain('等不起了'); // `give-up` needs delay >= 2
    expect(f).toContain('2. 趁保安接电话，自己推门进去。');
    await h.press('2');
    const d = await h.waitFor((x) => x.includes('总结'));
    expect(d).toContain('失败');
  });

  it('counts down on a timed node and takes the timeout path when time runs out', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: basement() }, mode: 'practice' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('这一步的反馈'));
    // Reading feedback does not eat into the next node's time.
    h.clock.increment(60_000);
    await h.press(KEY.enter);
    await h.waitFor((f) => f.includes('剩余 20 秒'), 'a full 20 s countdown');
    h.clock.increment(5_000);
    await h.waitFor((f) => f.includes('剩余 15 秒'), 'the countdown at 15 s');
    h.clock.increment(15_000);
    const fb = await h.waitFor((f) => f.includes('这一步的反馈'), 'feedback after the timeout');
    expect(fb).toContain('（没有回应）');
    expect(fb).toContain('你愣在门口不说话，告警还在响。');
    expect(fb).toMatch(/-1 分\s+受阻及时上报/);
    expect(fb).toContain('延误 +2');
    await h.press(' ');
    await h.waitFor((f) => f.includes('我来联系商场物业经理'));
  });

  it('pauses the countdown while the help is open', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: basement() }, mode: 'exam' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('剩余 20 秒'));
    await h.press('?');
    await h.waitFor((f) => f.includes('按键帮助'));
    h.clock.increment(30_000);
    await h.press('x');
    await h.waitFor((f) => f.includes('剩余 20 秒'), 'the countdown where it stopped');
  });

  it('shows meter changes when they happen (practice)', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: basement() }, mode: 'practice' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('这一步的反馈'));
    await h.press(KEY.enter);
    await h.waitFor((f) => f.includes('施工单和出入证呢？'));
    await h.press('3'); // argue: goodwill -1
    await h.waitFor((f) => f.includes('这一步的反馈'));
    await h.press(KEY.enter);
    const f = await h.waitFor((x) => x.includes('我来联系商场物业经理'));
    expect(f).toMatch(/好感\s+█+░+\s+2\/3\s+好感 -1/);
  });

  it('exam mode shows no feedback during play, and the feedback in the debrief', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: basement() }, mode: 'exam' });
    await h.answer(GOOD_ANSWER);
    const f = await h.waitFor((x) => x.includes('施工单和出入证呢？'));
    expect(f).not.toContain('先报单位和来意');
    await h.press('1');
    const d = await h.waitFor((x) => x.includes('总结'));
    expect(d).toContain('先报单位和来意，保安才知道该放谁进去。');
  });

  it('asks before leaving a running case: n stays, y goes back to the menu', async () => {
    const h = await renderApp({ start: { kind: 'menu' }, library: libraryOf(basement()) });
    await h.waitFor((f) => f.includes('商场机房告警'));
    await h.press('1');
    await h.waitFor((f) => f.includes('考察要点'));
    await h.press(KEY.enter);
    await h.waitFor((f) => f.includes('站住！'));
    await h.press(KEY.escape);
    await h.waitFor((f) => f.includes('要退出这个案例吗？'));
    await h.press('n');
    await h.waitFor((f) => !f.includes('要退出这个案例吗？') && f.includes('站住！'));
    await h.press(KEY.escape);
    await h.waitFor((f) => f.includes('要退出这个案例吗？'));
    await h.press('y');
    await h.waitFor((f) => f.includes('选择一个案例'), 'the menu');
  });

  it('? on an empty answer field opens the help; typed after text it is just a character', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: basement() } });
    await h.press('?');
    await h.waitFor((f) => f.includes('按键帮助'));
    await h.press('x');
    await h.waitFor((f) => f.includes('站住！'));
    await h.press('a', '?');
    await h.waitFor((f) => f.includes('› a?'), 'a question mark in the answer');
  });

  it('leaving a case opened directly (not from the menu) ends the program', async () => {
    const h = await renderApp({ start: { kind: 'briefing', opened: basement() } });
    await h.waitFor((f) => f.includes('考察要点'));
    await h.press(KEY.enter);
    await h.waitFor((f) => f.includes('站住！'));
    await h.press(KEY.escape);
    await h.waitFor((f) => f.includes('要退出这个案例吗？'));
    await h.press('y');
    await h.waitFor((f) => f.includes('再见'), 'the goodbye line');
  });

  it('q on a choice node asks too', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: basement() }, mode: 'exam' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('施工单和出入证呢？'));
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
    const h = await startPlay({ start: { kind: 'play', opened: basement() }, mode: 'exam', recorder });
    h.clock.increment(4_000);
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('施工单和出入证呢？'));
    h.clock.increment(2_000);
    await h.press('1');
    await h.waitFor((f) => f.includes('总结'));
    expect(started).toEqual(['basement-alarm:exam:zh:false:true']);
    expect(steps.map(([r]) => r.action.kind)).toEqual(['say', 'choice']);
    expect(steps[0]![1]).toEqual({ shownChoices: [], decisionMs: 4000, feedbackShown: false });
    expect(steps[1]![1]).toEqual({
      shownChoices: ['show-permit', 'call-noc', 'argue'],
      decisionMs: 2000,
      feedbackShown: false,
    });
    expect(snaps).toEqual([{ node: 'permit', remainingMs: 20000 }]);
    const headless = runSteps(compile(basement().scenario), [{ say: GOOD_ANSWER }, 'show-permit']);
    expect(headless.ok && finished?.[0]).toEqual(headless.ok && headless.report);
    expect(finished?.[0].outcome).toBe('success');
  });

  it('resumes a run from a persisted snapshot, with its transcript and the time that was left', async () => {
    let persisted: unknown;
    const h = await startPlay({
      start: { kind: 'play', opened: basement() },
      mode: 'exam',
      recorder: {
        onSnapshot: (p) => {
          persisted = p;
        },
      },
    });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('施工单和出入证呢？'));
    h.unmount();
    const again = await renderApp({
      start: {
        kind: 'play',
        opened: basement(),
        resume: { snapshot: JSON.parse(JSON.stringify(persisted)), remainingMs: 7_000 },
      },
      mode: 'exam',
    });
    const f = await again.waitFor((x) => x.includes('施工单和出入证呢？'));
    expect(f).toContain(`你：${GOOD_ANSWER}`);
    expect(f).toContain('剩余 7 秒');
    again.clock.increment(7_000);
    await again.waitFor((x) => x.includes('我来联系商场物业经理'), 'the timeout after the remaining time');
  });

  it('retry starts a fresh run of the same case from the debrief', async () => {
    const h = await startPlay({ start: { kind: 'play', opened: basement() }, mode: 'exam' });
    await h.answer(GOOD_ANSWER);
    await h.waitFor((f) => f.includes('施工单和出入证呢？'));
    await h.press('1');
    await h.waitFor((f) => f.includes('总结'));
    await h.press('r');
    const f = await h.waitFor((x) => x.includes('站住！') && !x.includes('总结'));
    expect(f).not.toContain(GOOD_ANSWER);
    expect(f).not.toContain('好感'); // fresh: exam mode shows no meters, and no mood before a change
  });
});
