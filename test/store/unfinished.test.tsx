/**
 * Unfinished sessions worth continuing (issue 19): a case opened and left before any step
 * leaves no session behind, so none pile up in the menu or `roleplay sessions`; one with a
 * step is offered, and continues in the language it was played in.
 */
import { cleanup } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LateRecorder } from '../../src/cli/commands/menu-run.js';
import { type MenuStore, withMenuStore } from '../../src/cli/commands/menu-store.js';
import type { Lang } from '../../src/core/index.js';
import { StoreRecorder } from '../../src/store/recorder.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { verifyStore } from '../../src/store/verify.js';
import type { Library } from '../../src/ui/library.js';
import { KEY, libraryOf, openFixture, renderApp, tick } from '../ui/helpers.js';
import { record, rp, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  cleanup();
  tmp.done();
});

const OPENED_AT = new Date('2026-11-27T08:00:00.000Z');

/** Opens the basement case on the play screen, recording for 张工; `steps` decisions, then it is left. */
async function playAndLeave(steps: 0 | 1, lang: Lang = 'zh') {
  const store = openSqliteStore(tmp.db);
  const recorder = new StoreRecorder(store, '张工', undefined, () => OPENED_AT);
  const h = await renderApp({
    start: { kind: 'play', opened: openFixture('basement-alarm.yaml') },
    recorder,
    lang,
    mode: 'exam',
  });
  await h.waitFor((f) => f.includes('站住！'));
  if (steps === 1) {
    await h.answer('您好，我是讯达的张工，来处理电源告警');
    await h.waitFor((f) => f.includes('施工单') || f.includes('work order'));
  }
  await h.press(KEY.escape);
  await h.press('y');
  h.unmount();
  expect(await recorder.close()).toBeUndefined();
  return { store, recorder };
}

describe('a session is stored from the first step', () => {
  it('a case left before any step leaves no session, and nothing to resume', async () => {
    const { store, recorder } = await playAndLeave(0);
    try {
      expect(await store.listSessions()).toEqual([]);
      expect(await recorder.leftUnfinished()).toBeUndefined();
    } finally {
      await store.close();
    }
    expect(rp(['sessions', '--db', tmp.db]).stdout).not.toContain('basement-alarm');
  });

  it('one step stores the session, started when the case opened, verified and resumable', async () => {
    const { store, recorder } = await playAndLeave(1);
    try {
      const [s] = await store.listSessions();
      expect(s).toMatchObject({ trainee: '张工', eventCount: 1, lang: 'zh', startedAt: OPENED_AT.toISOString() });
      expect(await recorder.leftUnfinished()).toBe(s!.id);
      expect(await verifyStore(store)).toEqual({ ok: true, sessions: 1, events: 1 });
    } finally {
      await store.close();
    }
  });

  it('older empty sessions are left out of `sessions` and the menu, and `resume` skips them', async () => {
    const store = openSqliteStore(tmp.db);
    await record(store, { trainee: '张工', steps: [{ say: '您好' }], startedAt: '2026-01-01T08:00:00Z' });
    await record(store, { trainee: '张工', steps: [], startedAt: '2026-01-02T08:00:00Z' });
    await store.close();
    const listed = JSON.parse(rp(['sessions', '--db', tmp.db, '--json']).stdout).sessions as { events: number }[];
    expect(listed.map((s) => s.events)).toEqual([1]);
    const { h, finish } = await menuOn('zh');
    await h.waitFor((f) => f.includes('你有 1 个未完成的练习'), 'one session offered, not two');
    await finish();
    // The newer, empty one would be at the guard's question, where `call-noc` is no choice.
    const r = rp(['resume', '--db', tmp.db, '--trainee', '张工', '--choices', 'call-noc', '--lang', 'en']);
    expect(r.stderr).toContain("the steps ran out at node 'on-hold'"); // call-noc was taken at `permit`
  });
});

/** The menu as `roleplay` opens it, on the temp database (see commands/menu-run.ts). */
async function menuOn(lang: Lang, keepLang = false) {
  const files = libraryOf(openFixture('basement-alarm.yaml'));
  const recorder = new LateRecorder();
  let ready!: (s: MenuStore) => void;
  const menuStore = new Promise<MenuStore>((r) => {
    ready = r;
  });
  const library: Library = {
    ...files,
    unfinished: async () => (await menuStore).unfinished(files.entries()),
    resume: async (s) => (await menuStore).resume(s, lang, keepLang),
  };
  let close!: (code: number) => void;
  const closed = new Promise<number>((r) => {
    close = r;
  });
  const h = await renderApp({ start: { kind: 'menu' }, library, recorder, lang });
  const done = withMenuStore({ db: tmp.db, trainee: '张工' }, lang, {
    ready,
    record: (r) => recorder.attach(r),
    closed,
  });
  return {
    h,
    finish: async () => {
      h.unmount();
      close(0);
      return done;
    },
  };
}

describe('resuming from the menu', () => {
  it('goes on in the language the session was played in', async () => {
    const { store } = await playAndLeave(1, 'zh');
    await store.close();
    const { h, finish } = await menuOn('en');
    await h.waitFor((f) => f.includes('You have 1 unfinished session'));
    await h.press('c');
    await h.waitFor((f) => f.includes('Continue an unfinished session'));
    await h.press(KEY.enter);
    const f = await h.waitFor((x) => x.includes('施工单和出入证呢？'), 'the case in Chinese');
    expect(f).toContain('1-9 选择');
    await finish();
  });

  it('keeps the menu language when --lang was given', async () => {
    const { store } = await playAndLeave(1, 'zh');
    await store.close();
    const { h, finish } = await menuOn('en', true);
    await h.waitFor((f) => f.includes('You have 1 unfinished session'));
    await h.press('c');
    await tick(50);
    await h.press(KEY.enter);
    const f = await h.waitFor((x) => x.includes('Where are your work order and site pass?'), 'the case in English');
    expect(f).toContain('1-9 pick');
    await finish();
  });
});
