/**
 * Small terminals (issue 19): at 80×24 the briefing keeps its mode selector on screen; at 60
 * columns no footer is cut (the keys wrap between items); a speaker's turn is named once,
 * however many rows or lines it takes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_CATALOG, type Lang, loadFile } from '../../src/core/index.js';
import { stringsFor } from '../../src/ui/i18n.js';
import { keyLines } from '../../src/ui/lines.js';
import type { OpenedScenario } from '../../src/ui/library.js';
import { KEY, libraryOf, openFixture, renderApp } from './helpers.js';

afterEach(() => cleanup());

/** A bundled case with a long briefing: five customers, a long situation. */
function bundled(name: string): OpenedScenario {
  const file = fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url));
  const source = readFileSync(file, 'utf8');
  const catalog = fileURLToPath(new URL('../../scenarios/lessons.yaml', import.meta.url));
  const lessons = loadFile(readFileSync(catalog, 'utf8'), catalog, EMPTY_CATALOG);
  const loaded = loadFile(source, file, lessons.kind === 'catalog' ? lessons.catalog : EMPTY_CATALOG);
  if (loaded.kind !== 'scenario' || !loaded.scenario) throw new Error(`${name} does not load`);
  return { scenario: loaded.scenario, source, file };
}

const fits = (frame: string, columns: number, rows: number) => {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThan(rows);
  for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(columns);
};

describe('the briefing at 80×24', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`keeps the mode selector and keys on screen while the rest scrolls (${lang})`, async () => {
      const t = stringsFor(lang);
      const h = await renderApp({
        start: { kind: 'briefing', opened: bundled('customer-styles.yaml') },
        lang,
        columns: 80,
        rows: 24,
      });
      const f = await h.waitFor((x) => x.includes(t.briefingSituation));
      expect(f).toContain(`${t.briefingMode}${t.colon}[${t.modeNames.practice}]`);
      expect(f).toContain(t.modeHints.practice);
      expect(f).toContain('↓'); // the body scrolls
      fits(f, 80, 24);
      await h.press(KEY.tab);
      const exam = await h.waitFor((x) => x.includes(`[${t.modeNames.exam}]`));
      expect(exam).toContain(t.modeHints.exam);
      await h.press(KEY.pageDown, KEY.pageDown);
      const end = await h.waitFor((x) =>
        x.includes(t.briefingPassMark(bundled('customer-styles.yaml').scenario.passScore)),
      );
      expect(end).toContain(`[${t.modeNames.exam}]`);
    });
  }
});

describe('footers at 60 columns', () => {
  it('wrap between keys, never inside one', () => {
    const lines = keyLines('↑↓/数字 选择 · Enter 开始 · / 筛选 · l English · ? 帮助 · q 退出', 30);
    const rows = lines.map((l) => l.map((p) => p.text).join(''));
    expect(rows).toEqual(['↑↓/数字 选择 · Enter 开始', '/ 筛选 · l English · ? 帮助', 'q 退出']);
  });

  for (const lang of ['zh', 'en'] as const) {
    it(`shows every key of the menu, briefing, encounter and quit question (${lang})`, async () => {
      const t = stringsFor(lang);
      const lastKey = (keys: string) => keys.split(' · ').at(-1)!;
      const h = await renderApp({
        start: { kind: 'menu' },
        library: libraryOf(openFixture('basement-alarm.yaml')),
        lang,
        columns: 60,
        rows: 20,
      });
      let f = await h.waitFor((x) => x.includes(lastKey(t.menuKeys)), 'the whole menu footer');
      fits(f, 60, 20);
      await h.press('1');
      f = await h.waitFor((x) => x.includes(lastKey(t.briefingKeys)), 'the whole briefing footer');
      fits(f, 60, 20);
      await h.press(KEY.enter);
      f = await h.waitFor((x) => x.includes(lastKey(t.inputKeys)), 'the whole input footer');
      fits(f, 60, 20);
      await h.press(KEY.escape);
      f = await h.waitFor((x) => x.includes(lastKey(t.quitKeys)), 'the whole quit question');
      fits(f, 60, 20);
    });
  }
});

describe('a speaker named once per turn', () => {
  async function monologue(lang: Lang, columns: number) {
    const h = await renderApp({ start: { kind: 'play', opened: openFixture('monologue.yaml') }, lang, columns });
    return h.waitFor((x) =>
      x.includes(lang === 'zh' ? '你今天必须给我一个说法。' : 'I need an answer from you today.'),
    );
  }

  it('over two lines in a row and their wrapped rows (zh, 60 columns)', async () => {
    const f = await monologue('zh', 60);
    expect(f.match(/王经理：/g)).toHaveLength(1);
    expect(f).toMatch(/王经理：你们上周换的天线/);
    expect(f).toMatch(/\n {8}你今天必须给我一个说法。/); // under the first line, not after a rule
    expect(f).not.toMatch(/\n─{20}\n/);
  });

  it('with the name above the text in a narrow terminal (en, 40 columns)', async () => {
    const f = await monologue('en', 40);
    expect(f.match(/Manager Wang:/g)).toHaveLength(1);
    expect(f).toMatch(/\n {2}I need an answer from you today\./);
  });
});
