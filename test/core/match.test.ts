/**
 * Matching typed answers, as the contract says: answer and keywords are normalized (NFKC,
 * lower case, white space and punctuation removed), then compared as substrings; `regex`
 * runs with the `u` flag on the normalized answer; rules are tried in order.
 */
import { describe, expect, it } from 'vitest';
import { compile, firstMatchingRule, loadFile, normalizeAnswer, runSteps } from '../../src/core/index.js';
import { header, load, yaml } from './helpers.js';

describe('normalizeAnswer', () => {
  it.each([
    ['ＨＵＡＳＵ　華蘇', 'huasu華蘇'], // full-width Latin and the ideographic space (NFKC)
    ['１２３ｋｍ', '123km'], // full-width digits
    ['ｈｅｌｌｏ，ＷＯＲＬＤ！', 'helloworld'],
    ['您好，我是华苏的张工。', '您好我是华苏的张工'], // Chinese comma and full stop
    ['“割接”《计划》！？、；：（）【】…—', '割接计划'], // Chinese quotes, brackets, ellipsis, dash
    ["Hello, I'm Zhang - from Huasu!", 'helloimzhangfromhuasu'], // ASCII punctuation
    ['华 苏\t的\n张 工', '华苏的张工'], // spaces and other white space between Chinese characters
    ['HeLLo', 'hello'],
    ['ﾊﾛｰ', 'ハロー'], // half-width katakana become full-width (NFKC)
    ['①', '1'],
  ])('%j → %j', (input, normalized) => {
    expect(normalizeAnswer(input)).toBe(normalized);
  });
});

const text =
  header('matching') +
  yaml`
  start: intro
  nodes:
    intro:
      input:
        rules:
          - match: { regex: "(华苏|huasu).*(割接|cutover)" }
            score: { a: 3 }
            goto: r-regex
          - match: { all: [您好, 我是], any: [华苏, 爱立信], none: [不知道] }
            score: { a: 2 }
            goto: r-keywords
          - match: { any: ["Hello, there!", ＨＩ] }
            score: { a: 1 }
            goto: r-english
          - match: { none: [滚, 快点] }
            goto: r-polite
          - score: { a: -1 }
            goto: r-fallback
    r-regex: { end: { outcome: success } }
    r-keywords: { end: { outcome: success } }
    r-english: { end: { outcome: partial } }
    r-polite: { end: { outcome: partial } }
    r-fallback: { end: { outcome: failure } }
`;

describe('input rules', () => {
  const scenario = load(text);
  const compiled = compile(scenario);
  const rules = (scenario.nodes.intro as Extract<(typeof scenario.nodes)[string], { kind: 'input' }>).rules;
  const endingFor = (answer: string) => {
    const r = runSteps(compiled, [{ say: answer }]);
    if (!r.ok) throw new Error(r.error);
    return r.report.ending;
  };

  it('keywords are stored normalized', () => {
    expect(rules[1]!.match).toEqual({ all: ['您好', '我是'], any: ['华苏', '爱立信'], none: ['不知道'] });
    expect(rules[2]!.match!.any).toEqual(['hellothere', 'hi']);
  });

  it.each([
    // all + any, with Chinese punctuation and spaces in the answer
    ['您好，我是 华 苏 的张工。', 'r-keywords'],
    ['您好!我是爱立信的', 'r-keywords'],
    // `none` vetoes the rule even though all and any match; the next rule that matches wins
    ['您好，我是华苏的，不知道', 'r-polite'],
    // all needs every keyword
    ['我是华苏的', 'r-polite'],
    // full-width letters and case against a keyword with ASCII punctuation
    ['ＨＥＬＬＯ ＴＨＥＲＥ', 'r-english'],
    ['hello—there', 'r-english'],
    ['Hi!', 'r-english'],
    // regex runs on the normalized text: case, spaces and punctuation are gone
    ['Hi, HuaSu here for the CUT-OVER', 'r-regex'],
    ['华苏，今晚割接', 'r-regex'],
    // order: the regex rule is first, so it wins over the keyword rule that also matches
    ['您好，我是华苏的，来割接', 'r-regex'],
    // none-only rule matches anything without the vetoed words
    ['嗯', 'r-polite'],
    ['', 'r-polite'],
    // the fallback catches the rest
    ['快点开门', 'r-fallback'],
    ['滚', 'r-fallback'],
  ])('%j → %s', (answer, ending) => {
    expect(endingFor(answer)).toBe(ending);
    expect(rules[firstMatchingRule(rules, answer)]!.goto).toBe(ending);
  });

  it('the typed text is kept as typed in the step record', () => {
    const r = runSteps(compiled, [{ say: 'ＨＥＬＬＯ ＴＨＥＲＥ' }]);
    expect(r.ok && r.output.steps[0]!.action).toEqual({ kind: 'say', text: 'ＨＥＬＬＯ ＴＨＥＲＥ', rule: 2 });
  });

  it('very long answers are matched in bounded time', () => {
    const started = performance.now();
    expect(endingFor(`${'啊'.repeat(1_000_000)}快点`)).toBe('r-polite'); // cut before matching, so 快点 is not seen
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a regex with upper-case letters gets a warning (answers are lower-cased first)', () => {
    const loaded = loadFile(text.replace('(华苏|huasu)', '(华苏|HUASU)'), 'upper.yaml');
    expect(loaded.kind === 'scenario' && loaded.scenario).toBeTruthy();
    const regex = loaded.diagnostics.filter((d) => d.code === 'regex-upper-case');
    expect(regex.map((d) => `${d.line}:${d.column} ${d.severity}`)).toEqual(['13:27 warning']);
    expect(regex[0]!.message).toMatch(/write it in lower case/);
  });
});
