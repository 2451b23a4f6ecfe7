/**
 * roleplay's match keys (affirm, negate, time, hedge), rule ids and model answers, through the
 * loader and the engine: each keyword bug named in issue #16 written as the rule a trainer
 * would write with these keys, and the answer that used to score wrong now scoring as the
 * lesson means. Lint findings in both languages.
 */
import { describe, expect, it } from 'vitest';
import { compile, firstMatchingRule, loadFile, runSteps, type Scenario } from '../../src/core/index.js';
import { header, load, yaml } from './helpers.js';

type InputNode = Extract<Scenario['nodes'][string], { kind: 'input' }>;

/** A one-node case with the given rules (YAML, indented for `rules:`), each rule ending at its own node. */
function caseWith(rules: string, model = ''): string {
  const ends = [...rules.matchAll(/goto: ([a-z-]+)/g)].map((m) => m[1]!);
  const indented = rules
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : `        ${l}`))
    .join('\n');
  return (
    header('ext') +
    `start: ask\nnodes:\n  ask:\n    input:\n${model}      rules:\n${indented}\n` +
    [...new Set(ends)].map((e) => `  ${e}: { end: { outcome: success } }\n`).join('')
  );
}

function ruleTaken(text: string) {
  const scenario = load(text);
  const compiled = compile(scenario);
  const node = scenario.nodes.ask as InputNode;
  return (answer: string) => {
    const r = runSteps(compiled, [{ say: answer }]);
    if (!r.ok) throw new Error(r.error);
    // the engine and firstMatchingRule agree
    expect(node.rules[firstMatchingRule(node.rules, answer)]!.goto).toBe(r.report.ending);
    return r.report.ending;
  };
}

describe('negate: a calm answer that declines a bet is not the bet (technical-dispute)', () => {
  const take = ruleTaken(
    caseWith(yaml`
        - { id: joint-test, match: { affirm: [一起, together], time: true }, score: { a: 3 }, goto: joint }
        - { id: banned, match: { affirm: [打包票, 担保, guarantee, swear] }, score: { a: -2 }, goto: banned }
        - { id: calm, match: { negate: [打包票, guarantee] }, score: { a: 1 }, goto: calm }
        - { goto: other }
    `),
  );
  it.each([
    ['我不敢打包票，但今晚可以一起去站上测', 'joint'],
    ['我敢打包票，就是你们传输的问题', 'banned'],
    ['我不敢打包票，这个要测了才知道', 'calm'],
    ["I can't guarantee it, but tonight at ten we can test it together", 'joint'],
    ['I guarantee it is your transmission', 'banned'],
    ["I can't guarantee anything before we measure", 'calm'],
  ])('%j → %s', (answer, ending) => expect(take(answer)).toBe(ending));
});

describe('affirm/negate: thanks inside a refusal is not acceptance (fake-report)', () => {
  const take = ruleTaken(
    caseWith(yaml`
        - { id: refuse, match: { negate: [签, 盖章, sign] }, score: { a: 3 }, goto: refuse }
        - { id: accept, match: { affirm: [签, 盖章, sign] }, score: { a: -3 }, goto: accept }
        - { goto: other }
    `),
  );
  it.each([
    ['谢谢，不过这个我不能签', 'refuse'],
    ['好的，谢谢，我签', 'accept'],
    ["Thanks, but I can't sign this", 'refuse'],
    ["Okay, thanks, I'll sign it", 'accept'],
    ['谢谢', 'other'],
  ])('%j → %s', (answer, ending) => expect(take(answer)).toBe(ending));
});

describe('time: a concrete alternative needs a time or date (say-no-alternative)', () => {
  const take = ruleTaken(
    caseWith(yaml`
        - id: alternative
          match: { any: [换, 改, 另外, 安排, instead, another, arrange], time: true, hedge: false }
          score: { a: 3 }
          goto: alternative
        - { id: vague, match: { hedge: true }, score: { a: -1 }, goto: vague }
        - { goto: other }
    `),
  );
  it.each([
    ['12号站的板子我们尽快修', 'vague'], // 12号站 is a station, and 尽快 a hedge
    ['1分钟就好', 'other'], // a time, no hedge — but no alternative
    ['今天不行，我明天上午十点另外安排人过来', 'alternative'],
    ['我们改到周三下午', 'alternative'],
    ['大概两周吧，我尽快安排', 'vague'], // a time, but hedged: not praised
    ['Not today, but I can arrange someone for Wednesday at 10 am instead', 'alternative'],
    ["We'll sort it out asap", 'vague'],
  ])('%j → %s', (answer, ending) => expect(take(answer)).toBe(ending));
});

describe('time: false and affirm: years of experience are not data (customer-styles)', () => {
  const take = ruleTaken(
    caseWith(yaml`
        - { id: data, match: { affirm: [数据, 测试, 记录, 日志, 测量, data, measure, log, record] }, score: { a: 2 }, goto: data }
        - { id: experience, match: { any: [经验, 年, experience, years] }, score: { a: -1 }, goto: experience }
        - { goto: other }
    `),
  );
  it.each([
    ['凭我干了10年的经验，就是天线的问题', 'experience'],
    ['这是上周的测试记录，误码率是0.3%', 'data'],
    ['I have 10 years of experience', 'experience'],
    ['Here is the log from last week', 'data'],
    ['没有测试数据我也说不好', 'other'], // data denied, not shown
  ])('%j → %s', (answer, ending) => expect(take(answer)).toBe(ending));
});

describe('hedge: false — a hedged commitment is not a concrete one', () => {
  const take = ruleTaken(
    caseWith(yaml`
        - { id: concrete, match: { time: true, hedge: false }, score: { a: 3 }, goto: concrete }
        - { id: hedged, match: { hedge: true }, score: { a: -1 }, goto: hedged }
        - { goto: other }
    `),
  );
  it.each([
    ['大概两周吧，我尽快', 'hedged'],
    ['两周内给您修好', 'concrete'],
    ['应该下午三点能好', 'hedged'],
    ['下午三点前修好', 'concrete'],
    ['It should be done by 5', 'hedged'],
    ['Done by 5 pm', 'concrete'],
    ['好的', 'other'],
  ])('%j → %s', (answer, ending) => expect(take(answer)).toBe(ending));
});

describe('contract keys are unchanged beside the new ones', () => {
  it('all keys of a match hold together; keywords are stored normalized', () => {
    const scenario = load(
      caseWith(yaml`
        - { id: both, match: { all: [站], affirm: [一起, "To-gether"], hedge: false }, score: { a: 1 }, goto: both }
        - { goto: other }
    `),
    );
    const rule = (scenario.nodes.ask as InputNode).rules[0]!;
    expect(rule.id).toBe('both');
    expect(rule.match).toEqual({ all: ['站'], any: [], none: [], affirm: ['一起', 'together'], hedge: false });
    const take = ruleTaken(
      caseWith(yaml`
        - { id: both, match: { all: [站], affirm: [一起, together], hedge: false }, score: { a: 1 }, goto: both }
        - { goto: other }
    `),
    );
    expect(take('今晚一起去站上')).toBe('both');
    expect(take('今晚一起去')).toBe('other'); // all: 站 missing
    expect(take('今晚尽快一起去站上')).toBe('other'); // a hedge
  });
});

const codes = (text: string, lang: 'zh' | 'en' = 'en') =>
  loadFile(text, 'x.yaml', undefined, { lang })
    .diagnostics.filter((d) => d.code !== 'lesson-never-scored') // the header's lesson b
    .map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);

describe('lint: rule ids, keyword lists, model answers', () => {
  const model = '      model: { zh: 今晚十点我们一起去站上测, en: "Tonight at ten we test it together at the site" }\n';
  const rules = yaml`
        - { id: joint, match: { affirm: [一起, together], time: true }, score: { a: 3 }, goto: joint }
        - { id: vague, match: { hedge: true }, score: { a: 1 }, goto: vague }
        - { goto: other }
  `;

  it('a node with a model answer that takes a best rule is clean', () => {
    expect(codes(caseWith(rules, model))).toEqual([]);
  });

  it('an input node without a model answer: a warning at its input, in both languages', () => {
    expect(codes(caseWith(rules))).toEqual([
      "11:5 warning no-model-answer: node 'ask' asks the trainee to type an answer but has no model answer (input.model); the debrief cannot show what a good answer looks like — write one in Chinese and English",
    ]);
    expect(codes(caseWith(rules), 'zh')[0]).toMatch(
      /^11:5 warning no-model-answer: 节点「ask」要学员打字回答，但没有参考答案/,
    );
  });

  it('a model answer that does not score full marks is an error, per language, naming the rules', () => {
    const weak = '      model: { zh: 我尽快安排, en: "Tonight at ten we test it together at the site" }\n';
    expect(codes(caseWith(rules, weak))).toEqual([
      "12:20 error model-not-best: the model answer of node 'ask' (Chinese) takes rule 2 ('vague'), worth 1 points; the best, rule 1 ('joint'), is worth 3. The model answer must score full marks: rewrite it, or the rules",
    ]);
    expect(codes(caseWith(rules, weak), 'zh')).toEqual([
      '12:20 error model-not-best: 节点「ask」的参考答案（中文）走的是第 2 条规则「vague」，得 1 分；最好的第 1 条规则「joint」得 3 分。参考答案必须拿满分：请改写参考答案，或者改这些规则',
    ]);
    const plain = '      model: 随便\n';
    // (a plain Chinese model answer is also the chinese-only warning)
    expect(codes(caseWith(rules, plain))).toEqual([
      expect.stringMatching(/^12:14 warning chinese-only: /),
      expect.stringMatching(/^12:14 error model-not-best: the model answer of node 'ask' takes rule 3, worth 0 points/),
    ]);
  });

  it('rule ids: unique within a node, lower-case, not digits alone, fallback only for the fallback', () => {
    const bad = yaml`
        - { id: joint, match: { affirm: [一起] }, score: { a: 3 }, goto: joint }
        - { id: joint, match: { hedge: true }, score: { a: 1 }, goto: vague }
        - { id: "2", match: { any: [x] }, goto: vague }
        - { id: fallback, match: { any: [y] }, goto: vague }
        - { id: Other Rule, match: { negate: [] }, goto: vague }
        - { id: fallback, goto: other }
    `;
    expect(codes(caseWith(bad, model)).filter((l) => l.includes(' error '))).toEqual([
      "15:17 error duplicate-rule-id: rule id 'joint' is used twice in node 'ask' (first by rule 1); each rule needs its own id",
      "16:17 error bad-rule-id: rule id '2' may use only lower-case letters, digits and hyphens, and not digits alone (in a test, a number means the position of the rule), e.g. joint-test",
      "17:17 error bad-rule-id: a rule with a match in node 'ask' is called 'fallback', which tests use for the last rule without a match; give this rule another id",
      "18:46 error empty-match: negate of rule 5 in node 'ask' is an empty list, so the rule can never match; give it keywords or remove negate",
      "18:17 error bad-rule-id: rule id 'Other Rule' may use only lower-case letters, digits and hyphens, and not digits alone (in a test, a number means the position of the rule), e.g. joint-test",
      "19:17 error duplicate-rule-id: rule id 'fallback' is used twice in node 'ask' (first by rule 4); each rule needs its own id",
    ]);
    expect(codes(caseWith(bad, model), 'zh').filter((l) => l.includes(' error ')).length).toBe(6);
  });

  it('a match with only roleplay keys is not empty; a wrong flag type is an error', () => {
    expect(codes(caseWith(rules, model)).filter((l) => l.includes('empty-match'))).toEqual([]);
    const wrong = rules.replace('time: true', 'time: yes please');
    expect(codes(caseWith(wrong, model))).toEqual([
      "14:63 error invalid-field: node 'ask', rule 1: time must be true or false",
    ]);
  });
});
