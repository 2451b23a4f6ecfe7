/**
 * YAML syntax errors in Chinese carry no English (issue #19): every problem the parser reports
 * is worded from yaml-problem-words.ts, by its message where it is a common one; English keeps
 * the parser's own sentence where it adds the detail.
 */
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/core/index.js';
import { YAML_PARSER_CODES, yamlProblemEn, yamlProblemZh } from '../../src/core/yaml/yaml-problem-words.js';

/** Broken YAML, and the code the loader reports for it. */
const BROKEN: readonly (readonly [string, string, string])[] = [
  ['tab as indent', 'id: x\nnodes:\n\ta: 1\n', 'yaml-tab-as-indent'],
  ['bad indent', 'id: x\ncast:\n  a: 1\n c: 2\n', 'yaml-bad-indent'],
  ['deeper indent after a value', 'id: x\ncast:\n  a: 1\n   b: 2\n', 'yaml-block-as-implicit-key'],
  ['key with no colon', 'id: x\ntitle\nstart: a\n', 'yaml-multiline-implicit-key'],
  ['two commas', 'tags: [a,, b]\n', 'yaml-unexpected-token'],
  ['bad escape', 'title: "a\\q"\n', 'yaml-bad-dq-escape'],
  ['empty alias', 'a: &x 1\nb: *\n', 'yaml-bad-alias'],
  ['unclosed flow sequence comma', 'tags: [a b: c, d\n', 'yaml-'],
  ['missing comma in flow map', 'cast: { a: 1 b: 2 }\n', 'yaml-'],
  ['plain value starting with @', 'title: @home\n', 'yaml-starts-with-indicator'],
  ['unknown tag', 'title: !foo bar\n', 'yaml-tag-resolve-failed'],
  ['text after a block scalar header', 'text: | hello\n  world\n', 'yaml-unexpected-token'],
  ['two documents', 'id: a\n---\nid: b\n', 'yaml-multiple-docs'],
  ['sequence item indented differently', 'tags:\n  - a\n - b\n', 'yaml-'],
  ['comment glued to a quote', 'title: "a"# note\n', 'yaml-missing-char'],
  ['multi-line key', 'a\nb: 1\n', 'yaml-'],
  ['a colon and a space inside a value', 'title: Note: call first\n', 'yaml-block-as-implicit-key'],
];

const englishRun = /[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}/;

describe('YAML syntax errors', () => {
  it.each(BROKEN)('%s: Chinese wording with no English sentence in it; English keeps its own', (_, text, code) => {
    const parserProblems = (lang: 'zh' | 'en') =>
      loadFile(text, 'x.yaml', undefined, { lang }).diagnostics.filter((d) => d.code.startsWith('yaml-'));
    const zh = parserProblems('zh');
    const en = parserProblems('en');
    expect(zh.length).toBeGreaterThan(0);
    expect(zh[0]!.code.startsWith(code), zh[0]!.code).toBe(true);
    expect(zh[0]!.code).toBe(en[0]!.code);
    expect(zh[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(zh[0]!.message, zh[0]!.message).not.toMatch(englishRun);
    expect(en[0]!.message).toMatch(/[A-Za-z]{4,}/);
    expect(en[0]!.message).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('every code of the parser has a Chinese wording; the commoner messages have their own', () => {
    for (const code of YAML_PARSER_CODES) expect(yamlProblemZh(code, 'Some message we do not know'), code).toBeTruthy();
    expect(yamlProblemZh('MISSING_CHAR', 'Missing , between flow sequence items')).toBe(
      '[ ] 或 { } 里的各项之间少了逗号',
    );
    expect(yamlProblemZh('BAD_SCALAR_START', 'Plain value cannot start with @')).toContain('「@」');
    // the parser's words around the character stay out of the Chinese
    expect(yamlProblemZh('BAD_SCALAR_START', 'Plain value cannot start with reserved character @')).toBe(
      '文字不能以「@」开头；请给整段文字加上引号',
    );
    expect(yamlProblemZh('BAD_SCALAR_START', 'Plain value cannot start with a tab character')).toContain('「Tab」');
    expect(yamlProblemZh('NEW_CODE', 'x')).toBeUndefined();
  });
});

describe('the English of a parser problem that names no fix', () => {
  it("says what to do for the common indentation and quoting slips, and keeps the parser's own words otherwise", () => {
    expect(yamlProblemEn('Sequence item without - indicator at line 60')).toMatch(/line it up with its siblings/);
    expect(yamlProblemEn('All mapping items must start at the same column')).toMatch(/line them up with spaces/);
    expect(yamlProblemEn('Implicit map keys need to be followed by map values')).toMatch(/`key: value`/);
    expect(yamlProblemEn('Nested mappings are not allowed in compact mappings')).toMatch(/same column/);
    expect(yamlProblemEn('Missing , between flow sequence items')).toBeUndefined();
  });
});

describe('a line indented one space too deep', () => {
  // The parser reports it at the value of the line before (`a: 1`), which is not the line to mend.
  const text = 'id: x\ncast:\n  a:\n    name: A\n     role: B\n';

  it.each(['zh', 'en'] as const)('is reported at that line, in %s', (lang) => {
    const [d] = loadFile(text, 'x.yaml', undefined, { lang }).diagnostics.filter((x) => x.severity === 'error');
    expect(d).toMatchObject({ line: 5, column: 6, code: 'yaml-block-as-implicit-key' });
  });

  it('is reported at that line past blank lines', () => {
    const [d] = loadFile('id: x\ncast:\n  a:\n    name: A\n\n\n     role: B\n', 'x.yaml').diagnostics;
    expect(d).toMatchObject({ line: 7, column: 6, code: 'yaml-block-as-implicit-key' });
  });
});

describe('a colon and a space inside a value (`en: Note: call first`)', () => {
  // The parser's complaint is the one for a line indented too deep; here no line is, and the
  // fix is quotes.
  const text = 'id: x\ntitle:\n  zh: 注意\n  en: Note: call first\nstart: a\n';

  it.each([
    ['zh', /引号/],
    ['en', /put the whole text in quotes/],
  ] as const)('is reported at the value with the fix, in %s', (lang, fix) => {
    const [d] = loadFile(text, 'x.yaml', undefined, { lang }).diagnostics.filter((x) => x.severity === 'error');
    expect(d).toMatchObject({ line: 4, column: 7, code: 'yaml-block-as-implicit-key' });
    expect(d!.message).toMatch(fix);
  });

  it("a key misaligned by a space says so in English, without the parser's sentence", () => {
    const [d] = loadFile('id: x\ncast:\n  a: 1\n c: 2\n', 'x.yaml', undefined, { lang: 'en' }).diagnostics;
    expect(d!.message).toMatch(/line them up with spaces/);
    expect(d!.message).not.toMatch(/All mapping items/);
  });
});
