/**
 * Continuing an unfinished session from the menu (issue 6: "`roleplay resume` (and the menu)
 * continues an unfinished session exactly where it stopped"). The real App, Menu and play
 * screen (ink-testing-library, simulated clock) on a temp database, wired the way
 * `roleplay` with no arguments wires them (commands/menu-run.ts, commands/menu-store.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { LateRecorder } from '../../src/cli/commands/menu-run.js';
import { withMenuStore, type MenuStore } from '../../src/cli/commands/menu-store.js';
import { StoreRecorder } from '../../src/store/recorder.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { verifyStore } from '../../src/store/verify.js';
import type { Lang } from '../../src/core/index.js';
import type { Library } from '../../src/ui/library.js';
import { KEY, entryOf, libraryOf, openFixture, renderApp, tick } from '../ui/helpers.js';
import { record, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  cleanup();
  tmp.done();
});

const ANSWER = '您好，我是讯达的张工，来处理电源告警';

/** Plays the first two decisions of the basement-alarm case for 张工, then the terminal dies. */
async function leaveUnfinished(store: SqliteStore): Promise<string> {
  const opened = openFixture('basement-alarm.yaml');
  const recorder = new StoreRecorder(store, '张工');
  const h = await renderApp({ start: { kind: 'play', opened }, recorder, mode: 'practice' });
  await h.waitFor((f) => f.includes('站住！'));
  await h.answer(ANSWER);
  await h.waitFor((f) => f.includes('这一步的反馈'));
  await h.press(KEY.enter);
  await h.waitFor((f) => f.includes('施工单和出入证呢？'));
  await h.press('3');
  await h.waitFor((f) => f.includes('这一步的反馈'));
  await h.press(KEY.enter);
  await h.waitFor((f) => f.includes('我来联系商场物业经理'));
  h.unmount();
  expect(await recorder.close()).toBeUndefined();
  return (await recorder.sessionId())!;
}

/** The menu as `roleplay` opens it: the store opens behind it, play records through a LateRecorder. */
async function menuOn(lang: Lang, trainee = '张工') {
  const opened = openFixture('basement-alarm.yaml');
  const files = libraryOf(opened);
  const recorder = new LateRecorder();
  let ready!: (s: MenuStore) => void;
  const menuStore = new Promise<MenuStore>((r) => {
    ready = r;
  });
  const library: Library = {
    ...files,
    unfinished: async () => (await menuStore).unfinished(files.entries()),
    resume: async (s) => (await menuStore).resume(s, lang),
  };
  let close!: (code: number) => void;
  const closed = new Promise<number>((r) => {
    close = r;
  });
  const h = await renderApp({ start: { kind: 'menu' }, library, recorder, lang });
  const done = withMenuStore({ db: tmp.db, trainee }, lang, { ready, record: (r) => recorder.attach(r), closed });
  return {
    h,
    finish: async () => {
      h.unmount();
      close(0);
      return done;
    },
  };
}

describe('continue an unfinished session from the menu', () => {
  it('lists it (title, steps, mode) and continues it where it stopped, into the same session (zh)', async () => {
    const store = openSqliteStore(tmp.db);
    const id = await leaveUnfinished(store);
    await store.close();

    const { h, finish } = await menuOn('zh');
    const menu = await h.waitFor((f) => f.includes('你有 1 个未完成的练习，按 c 继续'), 'the offer on the menu');
    expect(menu).toContain('选择一个案例');
    await h.press('c');
    const list = await h.waitFor((f) => f.includes('继续未完成的练习'), 'the unfinished list');
    expect(list).toMatch(/› 1 商场机房告警.*已答 3 步 · 练习/);
    await h.press(KEY.enter);
    const resumed = await h.waitFor((f) => f.includes('我来联系商场物业经理'), 'the node where it stopped');
    expect(resumed).toContain(`你：${ANSWER}`); // transcript
    expect(resumed).toMatch(/好感\s+[█░]+\s+2\/3/); // meters
    await h.press('1');
    await h.waitFor((f) => f.includes('这一步的反馈'));
    await h.press(KEY.enter);
    await h.waitFor((f) => f.includes('总结'), 'the debrief');
    expect(await finish()).toBe(0);

    const again = openSqliteStore(tmp.db);
    try {
      const sessions = await again.listSessions();
      expect(sessions).toHaveLength(1); // continued, not a second session
      expect(sessions[0]).toMatchObject({ id, eventCount: 5, result: { outcome: 'success', ending: 'repaired' } });
      expect(await verifyStore(again)).toMatchObject({ ok: true, sessions: 1, events: 5 });
    } finally {
      await again.close();
    }
  });

  it('works in English, Esc goes back to the cases, and nothing is offered to another trainee', async () => {
    const store = openSqliteStore(tmp.db);
    await leaveUnfinished(store);
    await store.close();

    const other = await menuOn('en', 'Li');
    await other.h.waitFor((f) => f.includes('Choose a case'));
    await tick(100); // the store has answered by now
    expect(other.h.frame()).not.toContain('unfinished');
    await other.h.press('c');
    expect(other.h.frame()).toContain('Choose a case');
    await other.finish();

    const { h, finish } = await menuOn('en');
    await h.waitFor((f) => f.includes('You have 1 unfinished session: press c to continue'), 'the offer');
    await h.press('c');
    const list = await h.waitFor((f) => f.includes('Continue an unfinished session'));
    expect(list).toMatch(/› 1 商场机房告警.*3 steps done · Practice/);
    expect(list).toContain('Esc back to the cases');
    await h.press(KEY.escape);
    await h.waitFor((f) => f.includes('Choose a case'), 'the cases again');
    await h.press('c');
    await h.waitFor((f) => f.includes('Continue an unfinished session'));
    await h.press('1');
    await h.waitFor(
      (f) => f.includes('我来联系商场物业经理') || f.includes('facilities manager'),
      'the node where it stopped',
    );
    await finish();
  });

  it('a session that reached its ending before its result was saved is finished, and leaves the list', async () => {
    const store = openSqliteStore(tmp.db);
    const id = await record(store, {
      trainee: '张工',
      steps: [{ say: '讯达电源' }, 'show-permit'],
      mode: 'practice',
      noFinish: true,
    });
    await store.close();

    const { h, finish } = await menuOn('en');
    await h.waitFor((f) => f.includes('You have 1 unfinished session'), 'the offer');
    await h.press('c');
    await h.waitFor((f) => f.includes('Continue an unfinished session'));
    await h.press(KEY.enter);
    const said = await h.waitFor((f) => f.includes('it is recorded now'), 'what was done');
    expect(said).toMatch(/had reached its ending/);
    await h.waitFor((f) => f.includes('No unfinished sessions.'), 'the list without it');
    await finish();

    const again = openSqliteStore(tmp.db);
    try {
      expect((await again.listSessions())[0]).toMatchObject({ id, result: { outcome: 'success' } });
      expect(await verifyStore(again)).toMatchObject({ ok: true });
    } finally {
      await again.close();
    }
  });

  it('a session whose case cannot be rebuilt says so on the menu instead of opening', async () => {
    const opened = openFixture('basement-alarm.yaml');
    const library: Library = {
      ...libraryOf(opened),
      unfinished: async () => [
        {
          id: 'abc',
          scenarioId: opened.scenario.id,
          title: opened.scenario.title,
          startedAt: '2026-11-27T08:00:00Z',
          steps: 2,
          mode: 'exam',
        },
      ],
      resume: async () => ({ ok: false, message: '这个练习无法继续：the record and the scenario disagree at step 2' }),
    };
    const h = await renderApp({ start: { kind: 'menu' }, library, lang: 'zh' });
    await h.waitFor((f) => f.includes('按 c 继续'));
    await h.press('c');
    expect(h.frame()).toMatch(/已答 2 步 · 考试/);
    await h.press(KEY.enter);
    await h.waitFor((f) => f.includes('这个练习无法继续'), 'the reason');
    expect(entryOf(opened).id).toBe(opened.scenario.id);
  });
});
