/**
 * A trainee's own progress on the menu (issue 20): each case marked with their best exam and
 * whether it passed, the case recommended next with its reason in one line, and the progress
 * screen (`p`). The real App and Menu (ink-testing-library) on a temp database, wired the
 * way `roleplay` with no arguments wires them (commands/menu-run.ts, menu-store.ts).
 *
 * 张工 passed basement-alarm's exam at 71% (讯达电源 → show-permit: courtesy 2/3, paperwork
 * 3/3, escalate 0/3, composure 0/0) and practised it once at 43%. Escalating is the weak
 * lesson, so escalation-drill (unplayed, trains escalate) is next, not courtesy-drill.
 */
import { fileURLToPath } from 'node:url';
import { cleanup } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withMenuStore, type MenuStore } from '../../src/cli/commands/menu-store.js';
import { LateRecorder } from '../../src/cli/commands/menu-run.js';
import type { OpenedScenario } from '../../src/ui/run-app.js';
import type { Library } from '../../src/ui/library.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { EMPTY_CATALOG, loadFile, type Lang } from '../../src/core/index.js';
import { readFileSync } from 'node:fs';
import { KEY, libraryOf, openFixture, renderApp, tick } from '../ui/helpers.js';
import { record, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(async () => {
  tmp = tempDir();
  const store = openSqliteStore(tmp.db);
  await record(store, { trainee: '张工', steps: [{ say: '讯达电源' }, 'show-permit'], mode: 'exam' });
  await record(store, {
    trainee: '张工',
    steps: [{ say: 'hello' }, 'show-permit'],
    mode: 'practice',
    startedAt: '2026-01-02T08:00:00Z',
  });
  await store.close();
});
afterEach(() => {
  cleanup();
  tmp.done();
});

function drill(name: string): OpenedScenario {
  const file = fileURLToPath(new URL(`../fixtures/progress/${name}.yaml`, import.meta.url));
  const source = readFileSync(file, 'utf8');
  const loaded = loadFile(source, file, EMPTY_CATALOG);
  if (loaded.kind !== 'scenario' || !loaded.scenario) throw new Error(`${name} does not load`);
  return { scenario: loaded.scenario, source, file };
}

/** The menu as `roleplay` opens it, on three cases: the store answers progress behind it. */
async function menuOn(lang: Lang, trainee = '张工', rows = 30, columns?: number) {
  // in the menu's order: easiest first
  const files = libraryOf(drill('courtesy-drill'), drill('escalation-drill'), openFixture('basement-alarm.yaml'));
  let ready!: (s: MenuStore) => void;
  const menuStore = new Promise<MenuStore>((r) => {
    ready = r;
  });
  const library: Library = { ...files, progress: async () => (await menuStore).progress(files.entries()) };
  let close!: (code: number) => void;
  const closed = new Promise<number>((r) => {
    close = r;
  });
  const recorder = new LateRecorder();
  const h = await renderApp({
    start: { kind: 'menu' },
    library,
    recorder,
    lang,
    rows,
    ...(columns ? { columns } : {}),
  });
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

describe("the trainee's progress on the menu", () => {
  it('marks each case with the best exam and recommends the next case with its reason (zh)', async () => {
    const { h, finish } = await menuOn('zh');
    const menu = await h.waitFor((f) => f.includes('推荐下一个'), 'the recommendation');
    expect(menu).toMatch(/商场机房告警\s+✓ 71%/);
    // unplayed cases carry no mark
    expect(menu).toMatch(/上报演练\s+\n|上报演练\s*$/m);
    expect(menu).toContain('▸ 推荐下一个：上报演练 — 还没练过；它练的正是你最弱的要点：受阻及时上报');
    expect(menu).toContain('p 我的进度');
    await finish();
  });

  it('wraps the next case and its reason on a narrow terminal: two rows at most, the second cut with …', async () => {
    const { h, finish } = await menuOn('en', '张工', 24, 40);
    const menu = await h.waitFor((f) => f.includes('▸ Next:'), 'the recommendation');
    const lines = menu.split('\n');
    const at = lines.findIndex((l) => l.includes('▸ Next:'));
    expect(lines[at]!.trimEnd()).toBe('▸ Next: Escalation drill — not played');
    expect(lines[at + 1]!.trimEnd()).toBe('yet; it trains your weakest lessons: Es…');
    expect(lines[at + 2]).toMatch(/^↑↓/);
    await finish();
  });

  it('opens the progress screen with p: weak, learning and mastered lessons, the cases; Esc goes back (en)', async () => {
    const { h, finish } = await menuOn('en');
    await h.waitFor((f) => f.includes('▸ Next:'), 'the recommendation');
    expect(h.frame()).toContain(
      '▸ Next: Escalation drill — not played yet; it trains your weakest lessons: Escalate when blocked',
    );
    await h.press('p');
    const screen = await h.waitFor((f) => f.includes('My progress · 张工'), 'the progress screen');
    const lines = screen.split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    // 张工's lessons over both sessions: escalate 0/6, courtesy 3/6, paperwork 5/6, composure 0/0
    expect(lines[at('Weak lessons') + 1]).toMatch(/Escalate when blocked\s+░+ 0%/);
    expect(lines[at('Lessons still learning') + 1]).toMatch(/Be courteous to everyone on site\s+█+░+ 50%/);
    expect(screen).toMatch(/Lessons mastered\n.*证件手续随身带.*83%/);
    expect(screen).toMatch(/✓ 71%\s+商场机房告警\s+1 exam/);
    expect(screen).toMatch(/Escalation drill\s+not played/);
    expect(at('▸ Next: Escalation drill')).toBeLessThan(at('Weak lessons'));
    expect(screen).toContain('Esc/p back to the cases');
    await h.press('l');
    await h.waitFor((f) => f.includes('我的进度 · 张工'), 'the progress screen in Chinese');
    await h.press(KEY.escape);
    await h.waitFor((f) => f.includes('选择一个案例'), 'the cases again');
    await finish();
  });

  it('scrolls the progress screen with ↑↓ when it is taller than the terminal', async () => {
    const { h, finish } = await menuOn('en', '张工', 12);
    await h.waitFor((f) => f.includes('▸ Next:'), 'the recommendation');
    await h.press('p');
    const top = await h.waitFor((f) => f.includes('My progress · 张工'), 'the progress screen');
    expect(top).toMatch(/ ↓ \d+\/\d+/);
    expect(top).not.toContain('Escalation drill  ');
    for (let i = 0; i < 20; i++) await h.press(KEY.down);
    const bottom = await h.waitFor((f) => /↑ {2}\d+\/\d+/.test(f), 'the end of the progress screen');
    expect(bottom).toMatch(/Escalation drill\s+not played/);
    expect(bottom.split('\n').length).toBeLessThanOrEqual(12);
    expect(bottom).toContain('↑↓ scroll · Esc/p back to the cases');
    await finish();
  });

  it('shows nothing of another trainee: a new one is told to start with the easiest case', async () => {
    const { h, finish } = await menuOn('en', 'Li');
    const menu = await h.waitFor((f) => f.includes('▸ Next:'), 'the recommendation');
    expect(menu).not.toContain('✓');
    expect(menu).toContain('▸ Next: Courtesy drill — not played yet: start here');
    await h.press('p');
    const screen = await h.waitFor((f) => f.includes('My progress · Li'));
    expect(screen).toContain('No finished session yet: play a case first.');
    await finish();
  });

  it('keeps the menu as it was when the store has no progress to give', async () => {
    const h = await renderApp({ start: { kind: 'menu' }, library: libraryOf(openFixture('basement-alarm.yaml')) });
    await h.waitFor((f) => f.includes('选择一个案例'));
    await tick(50);
    await h.press('p');
    expect(h.frame()).toContain('选择一个案例');
    expect(h.frame()).not.toContain('推荐');
  });
});
