/**
 * Interactive sessions recorded through the play screen's recorder seam: the real App and
 * PlayScreen (ink-testing-library, simulated clock) with the store-backed recorder on a temp
 * database; then the same session resumed from its persisted snapshot in a new App.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { compile } from '../../src/core/index.js';
import { StoreRecorder } from '../../src/store/recorder.js';
import { restorePoint } from '../../src/store/resume.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { verifyStore } from '../../src/store/verify.js';
import { ReviewScreen } from '../../src/ui/review/review-screen.js';
import { timelineOf } from '../../src/ui/review/timeline.js';
import { frameWith, KEY, openFixture, renderApp, tick } from '../ui/helpers.js';
import { tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
let store: SqliteStore;
beforeEach(() => {
  tmp = tempDir();
  store = openSqliteStore(tmp.db);
});
afterEach(async () => {
  cleanup();
  await store.close();
  tmp.done();
});

const ANSWER = '您好，我是讯达的张工，来处理电源告警';

describe('recording interactive play', () => {
  it('writes each step as it is taken, with choices shown, decision time and the feedback shown', async () => {
    const opened = openFixture('basement-alarm.yaml');
    const recorder = new StoreRecorder(store, '张工');
    const h = await renderApp({ start: { kind: 'play', opened }, recorder, mode: 'practice' });
    await h.waitFor((f) => f.includes('站住！'));
    h.clock.increment(4200);
    await h.answer(ANSWER);
    await h.waitFor((f) => f.includes('这一步的反馈'));
    const id = (await recorder.sessionId())!;
    // written before the trainee has even dismissed the feedback
    expect((await store.events(id)).map((e) => e.node)).toEqual(['lobby']);
    await h.press(KEY.enter);
    await h.waitFor((f) => f.includes('施工单和出入证呢？'));
    h.clock.increment(2500);
    await h.press('3');
    await h.waitFor((f) => f.includes('这一步的反馈'));
    await h.press(KEY.enter);
    await h.waitFor((f) => f.includes('我来联系商场物业经理'));
    // The trainee's terminal dies here (nothing more is called on the recorder).
    h.unmount();
    expect(await recorder.close()).toBeUndefined();

    const session = (await store.findSession(id)) as Exclude<
      Awaited<ReturnType<typeof store.findSession>>,
      'ambiguous' | undefined
    >;
    expect(session).toMatchObject({ trainee: '张工', mode: 'practice', lang: 'zh', eventCount: 3 });
    expect(session.result).toBeUndefined();
    const events = await store.events(id);
    expect(events.map((e) => [e.node, e.action.kind, e.decisionMs])).toEqual([
      ['lobby', 'say', 4200],
      ['permit', 'choice', 2500],
      ['after-argue', 'auto', 0],
    ]);
    expect(events[0]!.feedback).toBe('先报单位和来意，保安才知道该放谁进去。');
    expect(events[1]!.shown).toEqual(['show-permit', 'call-noc', 'argue']);
    expect(events[1]!.meters).toEqual({ goodwill: 2, delay: 0 });
    expect((await store.savedPlay(id))?.snapshot).toBeDefined();

    // ── resume: a new App continues from the persisted snapshot ──
    const source = (await store.loadSource(session.scenarioHash))!;
    const point = restorePoint(compile(opened.scenario), events, await store.savedPlay(id));
    const again = new StoreRecorder(store, '张工', { session, events });
    const r = await renderApp({
      start: {
        kind: 'play',
        opened: { scenario: opened.scenario, source: source.source, file: source.file },
        resume: point,
      },
      recorder: again,
    });
    const resumed = await r.waitFor((f) => f.includes('我来联系商场物业经理'), 'the node where the session stopped');
    expect(resumed).toContain(`你：${ANSWER}`); // the transcript came back
    expect(resumed).toContain('你：告警都响半天了，你还查什么证？');
    expect(resumed).toMatch(/好感\s+[█░]+\s+2\/3/); // and the meters
    expect(resumed).toContain('趁保安接电话，自己推门进去'); // slip-past: shown because delay is still 0
    await r.press('1');
    await r.waitFor((f) => f.includes('这一步的反馈'));
    await r.press(KEY.enter);
    await r.waitFor((f) => f.includes('总结'), 'the debrief');
    expect(await again.close()).toBeUndefined();

    const done = (await store.findSession(id)) as typeof session;
    expect(done).toMatchObject({
      eventCount: 5,
      result: { outcome: 'success', ending: 'repaired', total: 3, percent: 43, passed: false },
    });
    expect(await store.listSessions()).toHaveLength(1); // continued, not a second session
    expect(await verifyStore(store)).toEqual({ ok: true, sessions: 1, events: 5 });

    // ── review: ← → through the recorded steps ──
    const timeline = timelineOf(opened.scenario, done, await store.events(id), 'zh');
    expect(timeline.steps[1]).toMatchObject({
      node: 'permit',
      did: '告警都响半天了，你还查什么证？',
      earned: -2,
      better: { way: 'call-noc', missed: 4, why: '现场受阻，先让调度知道。' },
    });
    const screen = render(<ReviewScreen timeline={timeline} lang="zh" width={100} height={30} />);
    await frameWith(screen, '第 1 / 5 步 · lobby');
    await tick(30); // the key handler attaches just after the first frame
    expect(screen.lastFrame()).toContain('用时 4.2 秒');
    screen.stdin.write(KEY.right);
    const second = await frameWith(screen, '第 2 / 5 步');
    expect(second).toContain('第 2 / 5 步 · permit');
    expect(second).toContain('★ call-noc');
    expect(second).toContain('▶ argue');
    expect(second).toContain('更好的做法：先打给网管中心调度，请他们协调。（到结局可多得 4 分）');
    expect(second).toContain('现场受阻，先让调度知道。'); // why it is better: it has no feedback, so the principle it scores
    expect(second).toContain('用时 2.5 秒');
    screen.stdin.write(KEY.left);
    await frameWith(screen, '第 1 / 5 步');
  });
});
