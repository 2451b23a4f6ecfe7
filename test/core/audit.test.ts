/**
 * The audit's analysis through the core API: naive strategies played through the engine, and
 * the flags, on a dishonest case (the longest reply always wins) and an honest one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditFails, auditScenario } from '../../src/core/audit/audit.js';
import { keywordTrapFlags, directionFlags } from '../../src/core/audit/audit-flags.js';
import { LAZY_ANSWERS, playStrategy } from '../../src/core/audit/audit-strategies.js';
import { compile } from '../../src/core/index.js';
import { load, yaml } from './helpers.js';

const fixture = (name: string) =>
  compile(load(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'audit', name), 'utf8')));

describe('audit of a case the longest reply passes', () => {
  const report = auditScenario(fixture('longest-wins.yaml'));
  const codes = report.findings.map((f) => `${f.severity} ${f.code} ${f.path.join('.')}`);

  it('the strategies that read only the surface pass it, in both languages', () => {
    expect(report.passedBy).toEqual(['longest', 'courteous', 'last', 'random']);
    const longest = report.strategies.filter((s) => s.strategy === 'longest');
    expect(longest.map((s) => [s.lang, s.percent, s.passed, s.ending])).toEqual([
      ['zh', 100, true, 'fixed'],
      ['en', 100, true, 'fixed'],
    ]);
    const random = report.strategies.find((s) => s.strategy === 'random' && s.lang === 'zh')!;
    expect(random.runs).toBe(200);
    expect(random.passes! / random.runs!).toBeGreaterThan(0.05);
    expect(auditFails(report)).toBe(true);
  });

  it('flags each naive pass, the lengths, the narration, and endings whose outcome and score disagree', () => {
    expect(codes).toEqual([
      'error naive-strategy-passes passScore',
      'error naive-strategy-passes passScore',
      'error naive-strategy-passes passScore',
      'error naive-strategy-passes passScore',
      'error failure-can-pass nodes.gave-up',
      'warning success-cannot-pass nodes.thanked',
      'warning partial-passes-broken-lesson nodes.patched',
      'warning best-is-longest nodes.one.choices.1.text',
      'warning best-is-longest nodes.two.choices.1.text',
      'warning best-is-longest nodes.three.choices.3.text',
      'warning best-is-longest nodes',
      'warning line-gives-away nodes.intro.text',
    ]);
    const text = (code: string) => report.findings.find((f) => f.code === code)!.text;
    expect(text('naive-strategy-passes').en).toBe(
      'always the longest reply (Chinese and English) passes this case with 100% (pass mark 70%): a trainee can pass without the lessons',
    );
    expect(text('naive-strategy-passes').zh).toBe(
      '总选最长的回复（中文和英文）就能通过这个案例，得 100%（及格线 70%）：学员不用懂要点也能过',
    );
    expect(text('failure-can-pass').en).toMatch(
      /^failure ending 'gave-up' can score 83%, at or above the pass mark of 70%/,
    );
    expect(text('partial-passes-broken-lesson').en).toBe(
      "partial ending 'patched' passes with 83% even after lesson 'care' was broken (-1 at node 'three'), e.g. intro → one → two → three → patched",
    );
    expect(text('best-is-longest').en).toBe(
      "in node 'one' the best reply 'long' is by far the longest (7.8× the next in Chinese, 14.8× in English): trainees can pick it by its length",
    );
  });
});

describe('audit of an honest case', () => {
  const report = auditScenario(fixture('honest.yaml'));
  it('no naive strategy passes and nothing is flagged', () => {
    expect(report.passedBy).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(auditFails(report)).toBe(false);
    for (const s of report.strategies) expect(s.passed, `${s.strategy} ${s.lang}`).toBe(false);
  });

  it('typed nodes get the lazy answer, which takes the hedge rule', () => {
    const compiled = fixture('honest.yaml');
    expect(LAZY_ANSWERS.zh).toBe('好的，我尽快处理，您放心');
    const r = playStrategy(compiled, 'longest', 'zh');
    expect(r).toMatchObject({ finished: true, ending: 'done', passed: false });
  });

  it('random plays are seeded: the same seed gives the same numbers', () => {
    const a = auditScenario(fixture('longest-wins.yaml'), { runs: 50, seed: 7 });
    const b = auditScenario(fixture('longest-wins.yaml'), { runs: 50, seed: 7 });
    const pick = (r: typeof a) => r.strategies.filter((s) => s.strategy === 'random').map((s) => s.passes);
    expect(pick(a)).toEqual(pick(b));
    expect(a.strategies.find((s) => s.strategy === 'random')!.runs).toBe(50);
  });
});

describe('flags on typed answers and stage directions', () => {
  const scenario = load(
    'id: traps\ntitle: traps\ncast:\n  wang: { name: Wang }\nlessons:\n  a: { title: A, principle: A }\n' +
      '  b: { title: { zh: 放低声音, en: Speak lower }, principle: { zh: 客户越大声，你越要放低声音。, en: The louder they are the lower you speak. } }\n' +
      yaml`
      start: ask
      nodes:
        ask:
          input:
            rules:
              - { match: { any: [打包票, guarantee] }, score: { a: -2 }, goto: calm }
              - { match: { affirm: [担保] }, score: { a: -2 }, goto: calm }
              - { match: { any: [不知道] }, score: { a: -1 }, goto: calm }
              - { score: { a: 1 }, goto: calm }
        calm:
          choices:
            - id: lower
              text: { zh: "（放低声音）我们一起测。", en: "(Speak lower) Let's test together." }
              score: { b: 2 }
              goto: done
            - { id: loud, text: 你错了, score: { b: -1 }, goto: done }
        done: { end: { outcome: success } }
    `,
  );

  it('a banned keyword in any: catches its own refusal; affirm: and a keyword that is a negation do not', () => {
    const flags = keywordTrapFlags(scenario);
    expect(flags.map((f) => f.path.join('.'))).toEqual(['nodes.ask.input.rules.0.match']);
    expect(flags[0]!.text.en).toBe(
      "rule 1 of node 'ask' takes points off, but its keywords (打包票, guarantee) also catch answers that refuse them, such as “我不敢打包票”: use affirm instead of any/all",
    );
    expect(flags[0]!.text.zh).toContain('例如“我不敢打包票”：请用 affirm 代替 any/all');
  });

  it('a stage direction that uses the words of the lesson the reply scores', () => {
    const flags = directionFlags(scenario);
    expect(flags.map((f) => f.path.join('.'))).toEqual(['nodes.calm.choices.0.text']);
    expect(flags[0]!.text.en).toMatch(
      /^the stage direction in reply 'lower' of node 'calm' uses the words of lesson 'b'/,
    );
  });
});
