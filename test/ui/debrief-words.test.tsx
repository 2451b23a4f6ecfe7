/**
 * The debrief's words (issue 19): what "max" is, when the lessons' maxima add up to more;
 * sources by the document's title and section, not the seed file's name; one word for exam.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { compile, EMPTY_CATALOG, type Lang, loadFile, runSteps } from '../../src/core/index.js';
import { sourceTitle } from '../../src/core/format/source-titles.js';
import { recordStrings } from '../../src/report/strings.js';
import { debriefLines } from '../../src/ui/debrief.js';
import { stringsFor } from '../../src/ui/i18n.js';
import { progressStrings } from '../../src/ui/progress.js';
import { KEY, openFixture, renderApp } from './helpers.js';

afterEach(() => cleanup());

const text = (lines: ReturnType<typeof debriefLines>) => lines.map((l) => l.map((p) => p.text).join('')).join('\n');

/** angry-customer with the bundled lessons catalog, played along its first test's steps. */
function angryDebrief(lang: Lang): string {
  const read = (f: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${f}`, import.meta.url)), 'utf8');
  const catalog = loadFile(read('lessons.yaml'), 'lessons.yaml', EMPTY_CATALOG);
  if (catalog.kind !== 'catalog' || !catalog.catalog) throw new Error('the catalog does not load');
  const loaded = loadFile(read('angry-customer.yaml'), 'angry-customer.yaml', catalog.catalog);
  if (loaded.kind !== 'scenario' || !loaded.scenario) throw new Error('angry-customer does not load');
  const compiled = compile(loaded.scenario);
  const run = runSteps(compiled, ['listen', 'lower', 'empathize', 'recap', 'options', 'call-back', 'report']);
  if (!run.ok) throw new Error(run.error);
  return text(debriefLines(compiled, run.output, 'practice', lang, 200));
}

describe('what the max is', () => {
  it('says so under the score in Chinese, and why the lessons add up to more (7 vs 9)', async () => {
    const h = await renderApp({ start: { kind: 'play', opened: openFixture('basement-alarm.yaml') }, mode: 'exam' });
    await h.waitFor((f) => f.includes('站住！'));
    await h.answer('您好，我是讯达的张工，来处理电源告警');
    await h.waitFor((f) => f.includes('施工单和出入证呢？'));
    await h.press('1');
    const f = await h.waitFor((x) => x.includes('总结'));
    expect(f).toContain('(5/7)');
    expect(f.replace(/\s+/g, '')).toContain(
      '满分7分=整个案例最好的一条路的得分；下面各要点的满分（合计9分）无法在一条路上都拿到。',
    );
  });

  it('and in English', async () => {
    const h = await renderApp({
      start: { kind: 'play', opened: openFixture('basement-alarm.yaml') },
      mode: 'exam',
      lang: 'en',
    });
    await h.waitFor((f) => f.includes('What do you say'));
    h.stdin.write(`hello${KEY.enter}`);
    await h.waitFor((f) => f.includes('Where are your work order'));
    await h.press('2');
    await h.waitFor((f) => f.includes('facilities manager'));
    await h.press('1');
    const f = await h.waitFor((x) => x.includes('Debrief'));
    expect(f.replace(/\s+/g, ' ')).toContain(
      "Max 7 = what the best single way through the case scores; the lesson maxima below (9 in all) can't all be reached on one way.",
    );
  });

  it('says only what the max is when the lessons add up to it', () => {
    expect(stringsFor('zh').maxExplained(15, 15)).toBe('满分 15 分 = 整个案例最好的一条路的得分。');
    expect(stringsFor('en').maxExplained(15, 15)).toBe('Max 15 = what the best single way through the case scores.');
  });
});

describe('sources by title', () => {
  it('names the document and the section, in either language', () => {
    const case3 = { file: '000_965e4eac0aa64941.txt', section: '案例3' };
    expect(sourceTitle(case3)).toEqual({
      zh: '《服务质量管理之客户关系篇》案例3',
      en: 'Service quality management: customer relations, case 3',
    });
    expect(sourceTitle({ file: '004_0591a1398b413ac4.txt', section: '问题10. 用户提出合同外需求' }).en).toBe(
      'Raising customer satisfaction, problem 10',
    );
    expect(sourceTitle({ file: '001_ae1f2a33b7d004b9.txt', section: '接力棒原理' }).en).toBe(
      'Internal customer service and communication skills, “接力棒原理”',
    );
  });

  it('falls back to the file name for a document it does not know', () => {
    expect(sourceTitle({ file: 'our-handbook.pdf', section: 'p. 12' })).toEqual({
      zh: 'our-handbook.pdf · p. 12',
      en: 'our-handbook.pdf · p. 12',
    });
  });

  it('shows no seed file name in the debrief of a bundled case', () => {
    const zh = angryDebrief('zh');
    expect(zh).toContain('出处：《“服务支持”的心得体会交流》客户抱怨的处理');
    expect(zh).toContain('出处：《服务质量管理之客户关系篇》有效倾听的建议');
    const en = angryDebrief('en');
    expect(en).toContain('Source: Service support: an engineer’s lessons learned, “客户抱怨的处理”');
    for (const all of [zh, en]) expect(all).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
  });
});

describe('one word for exam', () => {
  it('is 考试 on the play screens, the progress screen and in the records commands, never 考核', () => {
    expect(stringsFor('zh').modeNames.exam).toBe('考试');
    expect(recordStrings('zh').modes.exam).toBe('考试');
    const words = JSON.stringify(
      { ui: stringsFor('zh'), records: recordStrings('zh'), progress: progressStrings('zh') },
      (_k, v) => (typeof v === 'function' ? String(v) : v),
    );
    expect(words).not.toContain('考核');
  });
});
