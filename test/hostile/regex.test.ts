/**
 * Regular expressions cannot hang play. `regex: '^(a+)+$'` used to pass lint, and a
 * 31-character answer then took minutes to score. Now every load (lint, run, play) refuses a
 * pattern that backtracks super-linearly, at the pattern's file:line:column, in Chinese and
 * English; the patterns it lets through match a 2,000-character answer in bounded time.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, loadFile, MAX_ANSWER_LENGTH, runSteps } from '../../src/core/index.js';
import { regexBudget, regexRisk } from '../../src/core/format/regex-safety.js';
import { bundledScenarios, SCENARIOS } from '../fuzz/bundled.js';
import { rp, scenarioOf, scenarioWith, tempDir } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.done());

/** The line and column of the `regex:` value in scenarioWith(): line 26, at its opening quote. */
const REGEX_AT = { line: 26, column: 27 };

function regexErrors(pattern: string, lang: 'zh' | 'en' = 'en') {
  const loaded = loadFile(scenarioWith({ regex: pattern.replace(/'/g, "''") }), 'case.yaml', undefined, { lang });
  return loaded.diagnostics.filter((d) => d.code === 'regex-backtracking' || d.code === 'regex-too-complex');
}

const CATASTROPHIC: readonly [string, 'exponential' | 'polynomial'][] = [
  ['^(a+)+$', 'exponential'],
  ['(\\d+)*x', 'exponential'],
  ['^(\\w|\\d)+$', 'exponential'],
  ['(a|a)*$', 'exponential'],
  ['^(aa|aab?)*$', 'exponential'],
  ['(a*)*b', 'exponential'],
  ['^(a|b|ab)*c$', 'exponential'],
  ['^(a{1,3})+$', 'exponential'],
  ['a(?:(b|b)*c|)', 'exponential'],
  ['^(?=(a+)+b)', 'exponential'],
  ['.*.*x', 'polynomial'],
  ['a*a*a*b', 'polynomial'],
  ['\\d+\\d+z', 'polynomial'],
  ['(今天|明天).*(\\d+)点', 'polynomial'],
];

/** Patterns trainers write, including every shape the bundled cases use: all must stay accepted. */
const SAFE = [
  'sorry',
  '路测|drivetest|drivetested',
  '^(?=.*(我是|我叫|iam|im|myname|thisis))(?=.*(华苏|爱立信|huasu|ericsson))(?=.*(扩容|督导|expansion|supervis|upgrade))',
  '测|查|验证|环回|误码|仪表|看|test|check|measure|loop|verify|look|see',
  '你管(这|那|得着|不着|我)|关你(什么|啥|屁|事)|管得着|凭什么问|干嘛问|问这(个)?干嘛|管那么多|noneofyourbusiness',
  '(一起|陪|together|withyou)(.*)(测|查|test|check)',
  '(华苏|huasu).*(割接|cutover)',
  '(请|please).*(稍等|wait).*',
  '(\\d+|[一二三四五六七八九十]+)个?(小时|天|工作日)|monday|tomorrow',
  '\\d+号站',
  '^\\p{Script=Han}+$',
  '(?<y>\\d{4})年',
  '(今天|明天)\\D*\\d+点',
  '^\\d{1,2}[:点]\\d{0,2}$',
  '(a+)+',
];

describe('lint refuses patterns that backtrack super-linearly', () => {
  it("'^(a+)+$' is one error at the pattern, naming the repetition, in English and Chinese", () => {
    const [en] = regexErrors('^(a+)+$', 'en');
    expect(en).toMatchObject({ file: 'case.yaml', ...REGEX_AT, severity: 'error', code: 'regex-backtracking' });
    expect(en!.message).toMatch(/^this pattern can take exponential time: in '\(a\+\)\+'/);
    const [zh] = regexErrors('^(a+)+$', 'zh');
    expect(zh).toMatchObject({ ...REGEX_AT, code: 'regex-backtracking' });
    expect(zh!.message).toMatch(/指数增长：「\(a\+\)\+」/);
  });

  for (const [pattern, kind] of CATASTROPHIC) {
    it(`refuses ${pattern} (${kind})`, () => {
      const errors = regexErrors(pattern);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject(REGEX_AT);
      expect(errors[0]!.message).toContain(`can take ${kind} time`);
    });
  }

  it('accepts the patterns trainers write', () => {
    for (const pattern of SAFE) expect(regexErrors(pattern), pattern).toEqual([]);
  });

  it('accepts every pattern of the bundled cases (and they all still load)', () => {
    const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml') && f !== 'lessons.yaml');
    const bundled = bundledScenarios();
    expect(bundled).toHaveLength(files.length);
    const patterns = bundled.flatMap((b) =>
      Object.values(b.compiled.scenario.nodes).flatMap((n) =>
        n.kind === 'input' ? n.rules.flatMap((r) => (r.match?.regex !== undefined ? [r.match.regex] : [])) : [],
      ),
    );
    expect(patterns.length).toBeGreaterThan(3);
    for (const p of patterns) expect(regexRisk(p), p).toBeUndefined();
  });

  it('takes well under a millisecond per ordinary pattern (lint stays fast), cached', () => {
    const patterns = [...SAFE, ...CATASTROPHIC.map(([p]) => p)].map((p) => `${p}|zz`); // not cached yet
    const started = performance.now();
    for (const p of patterns) regexRisk(p);
    const perPattern = (performance.now() - started) / patterns.length;
    expect(perPattern).toBeLessThan(20); // about 0.3 ms each on an idle machine
    const again = performance.now();
    for (let i = 0; i < 100; i++) for (const p of patterns) regexRisk(p);
    expect(performance.now() - again).toBeLessThan(200);
  });

  it('a convoluted pattern is refused as too complex, within a bounded time', () => {
    const convoluted = `(${Array.from({ length: 400 }, (_, i) => `a${'b'.repeat(i % 7)}`).join('|')})*c`;
    const started = performance.now();
    expect(regexRisk(convoluted)?.kind).toBe('too-complex');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('a file of many convoluted patterns shares one budget: loading it stays bounded', () => {
    const budget = regexBudget();
    const started = performance.now();
    for (let i = 0; i < 300; i++) regexRisk(`^(\\w{2,}(a|b${i}|\\d+)+\\D*)*.+(x|\\w+){2,}${i}$`, budget);
    expect(budget.left).toBeLessThanOrEqual(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('what the analysis lets through runs in bounded time', () => {
  // Random patterns over a small alphabet, anchored or not, with a failing suffix or none;
  // every pattern called safe must test 2,000-character adversarial answers quickly.
  const atom = fc.constantFrom('a', 'b', '.', '[ab]', '\\w', '\\d', '\\D', 'a?');
  const quantifier = fc.constantFrom('', '', '*', '+', '?', '{1,3}', '{2,}', '*?', '+?');
  const { alt } = fc.letrec((tie) => ({
    term: fc.oneof(
      { depthSize: 'small' },
      fc.tuple(atom, quantifier).map(([a, q]) => a + q),
      fc.tuple(tie('alt'), quantifier).map(([a, q]) => `(${a})${q}`),
    ),
    seq: fc.array(tie('term'), { minLength: 1, maxLength: 4 }).map((xs) => (xs as string[]).join('')),
    alt: fc.array(tie('seq'), { minLength: 1, maxLength: 3 }).map((xs) => (xs as string[]).join('|')),
  }));
  const n = MAX_ANSWER_LENGTH;
  const answers = ['a'.repeat(n), 'ab'.repeat(n / 2), '1'.repeat(n), 'a1'.repeat(n / 2), 'b'.repeat(n)].map(
    (s) => `${s.slice(0, n - 1)}!`,
  );

  it('no pattern the analysis accepts takes more than a second on a 2,000-character answer', () => {
    const slow: string[] = [];
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.tuple(fc.constantFrom('', '^'), alt as fc.Arbitrary<string>, fc.constantFrom('', '$', 'c')),
        ([start, body, end]) => {
          const pattern = start + body + end;
          let re: RegExp;
          try {
            re = new RegExp(pattern, 'u');
          } catch {
            return;
          }
          if (regexRisk(pattern)) return;
          accepted++;
          for (const answer of answers) {
            const t = performance.now();
            re.test(answer);
            const ms = performance.now() - t;
            if (ms > 1000) slow.push(`${pattern}: ${ms.toFixed(0)} ms`);
          }
        },
      ),
      { numRuns: 400, seed: 20261206 },
    );
    expect(slow).toEqual([]);
    expect(accepted).toBeGreaterThan(20);
  }, 120_000);

  it('a safe pattern plays a 2,000-character answer through the engine in milliseconds', () => {
    const loaded = loadFile(scenarioWith({ regex: 'sorry|^a+$' }), 'case.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const compiled = compile(scenarioOf(loaded));
    const started = performance.now();
    const result = runSteps(compiled, ['greet', { say: `${'a'.repeat(5000)}!` }]);
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.ok && result.report.outcome).toBe('success');
  });
});

describe('the CLI', () => {
  const file = join(tmp.dir, 'redos.yaml');
  writeFileSync(file, scenarioWith({ regex: '^(a+)+$', model: 'aaa' })); // nothing else wrong with it
  const steps = join(tmp.dir, 'steps.yaml');
  writeFileSync(steps, `- greet\n- say: ${'a'.repeat(30)}b\n`); // 31 characters that `^(a+)+$` almost takes

  it('lint: exit 1, one line at file:line:column, in both languages', () => {
    const en = rp(['lint', file], { lang: 'en' });
    expect(en.timedOut).toBe(false);
    expect(en.status).toBe(1);
    expect(en.stdout).toBe(
      `${file}:26:27: error: this pattern can take exponential time: in '(a+)+' a repetition can match the same text in more than one way, so an answer of a few dozen characters would freeze play; let each repeated part match the text one way only (e.g. (a+)+ → a+, (\\w|\\d)+ → \\w+)\n`,
    );
    const zh = rp(['lint', file], { lang: 'zh' });
    expect(zh.stdout).toMatch(/^.+redos\.yaml:26:27: error: 这个表达式匹配时间会指数增长：「\(a\+\)\+」/);
  });

  it('run with the catastrophic answer ends at once (the case is refused), not minutes later', () => {
    const r = rp(['run', file, '--steps', steps], { timeoutMs: 60_000 });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/redos\.yaml:26:27: error: .*exponential time/);
    expect(r.ms).toBeLessThan(20_000); // the process start; the old code took minutes
  });
});
