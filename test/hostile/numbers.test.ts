/**
 * Scores and numbers are bounded. Two scores of 1e308 used to pass lint and sum to Infinity
 * (percent NaN, and `verify` then called an untouched session altered). Every point value,
 * meter change, meter bound and comparison is now within ±10,000, refused at its
 * file:line:column with the limit named; and with every number at the limit, no sum, percent
 * or meter of a long run leaves the exact integers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compile, explore, loadFile, percentOf, runSteps, type RunReport } from '../../src/core/index.js';
import { MAX_SCENARIO_NUMBER } from '../../src/core/format/limits.js';
import { rp, scenarioOf, scenarioWith, tempDir } from './run-cli.js';

const tmp = tempDir();
afterAll(() => tmp.done());

const errorsOf = (text: string, lang: 'zh' | 'en' = 'en') =>
  loadFile(text, 'case.yaml', undefined, { lang }).diagnostics.filter((d) => d.severity === 'error');

/** Two choices that each score 1e308: the attack from the issue. */
const TWO_HUGE = scenarioWith({ score: '1e308' }).replace('score: { calm: -1 }', 'score: { calm: 1e308 }');

describe('lint refuses absurd numbers, at their position, naming the limit', () => {
  it('two scores of 1e308: two errors, at each value, in English and Chinese', () => {
    const en = errorsOf(TWO_HUGE, 'en');
    expect(en.map((d) => [d.line, d.column])).toEqual([
      [15, 24],
      [19, 24],
    ]);
    expect(en[0]!.message).toBe(
      "node 'open', choice 1: points must be from -10000 to 10000 (the limit is ±10000, MAX_SCENARIO_NUMBER)",
    );
    const zh = errorsOf(TWO_HUGE, 'zh');
    expect(zh[0]!.message).toBe(
      '节点「open」的第 1 个选项：score 里的分数必须在 -10000 到 10000 之间（上限 ±10000，MAX_SCENARIO_NUMBER）',
    );
  });

  const base = scenarioWith();
  const cases: [string, string, string, number][] = [
    ['a meter change', 'effects: { mood: 1 }', 'effects: { mood: -1e308 }', 16],
    ['a meter change of .inf', 'effects: { mood: 1 }', 'effects: { mood: .inf }', 16],
    ['a point value of .nan', 'score: { calm: 2 }', 'score: { calm: .nan }', 15],
    ['a point value just over', 'score: { calm: 2 }', 'score: { calm: 10001 }', 15],
    ['a meter initial value', 'initial: 0,', 'initial: 1e20,', 8],
    ['a meter minimum', 'min: -5,', 'min: -1e308,', 8],
    ['a meter maximum', 'max: 5 }', 'max: .inf }', 8],
    ['a comparison', '      - id: shout\n', '      - id: shout\n        if: { mood: { gte: 1e308 } }\n', 19],
    ['timeout seconds', '    text: Hello\n', '    text: Hello\n    timeout: { seconds: .inf, goto: ask }\n', 13],
    ['passScore', 'start: open', 'passScore: 1e308\nstart: open', 9],
  ];
  for (const [what, from, to, line] of cases) {
    it(`${what}: one error at line ${line}`, () => {
      expect(base).toContain(from);
      const errors = errorsOf(base.replace(from, to));
      expect(errors).toHaveLength(1);
      expect(errors[0]!.line).toBe(line);
    });
  }

  it('the limit itself is allowed, on every kind of number', () => {
    const atLimit = base
      .replace('score: { calm: 2 }', 'score: { calm: 10000 }')
      .replace('effects: { mood: 1 }', 'effects: { mood: -10000 }')
      .replace(
        'meters:\n  mood: { initial: 0, min: -5, max: 5 }',
        'meters:\n  mood: { initial: 10000, min: -10000, max: 10000 }',
      );
    expect(errorsOf(atLimit)).toEqual([]);
  });
});

/**
 * A loop at the limit: every step round it loses 10,000 on each of 40 lessons and moves an
 * unbounded meter by 10,000; a run of thousands of steps stays finite and exact. (A loop that
 * earns points each round is a lint error, `loop-earns-points`: play could pass `max`.)
 */
function loopAtLimit(lessons: number): string {
  const ids = Array.from({ length: lessons }, (_, i) => `l${i}`);
  const points = Object.fromEntries(ids.map((id) => [id, MAX_SCENARIO_NUMBER]));
  const lost = Object.fromEntries(ids.map((id) => [id, -MAX_SCENARIO_NUMBER]));
  return stringify({
    id: 'loop-at-limit',
    title: 'At the limit',
    cast: { boss: { name: 'Boss' } },
    lessons: Object.fromEntries(ids.map((id) => [id, { title: id, principle: 'p' }])),
    meters: { pressure: { initial: MAX_SCENARIO_NUMBER }, floor: { initial: -MAX_SCENARIO_NUMBER } },
    start: 'again',
    nodes: {
      again: {
        text: 'Again?',
        choices: [
          {
            id: 'more',
            score: lost,
            effects: { pressure: MAX_SCENARIO_NUMBER, floor: -MAX_SCENARIO_NUMBER },
            goto: 'back',
          },
          { id: 'stop', score: points, goto: 'done' },
        ],
      },
      back: {
        text: 'Back',
        choices: [
          { id: 'on', score: lost, goto: 'again' },
          { id: 'finish', score: points, goto: 'done' },
        ],
      },
      done: { end: { outcome: 'success' } },
    },
  });
}

function expectFinite(report: RunReport) {
  const numbers = [
    report.score.total,
    report.score.max,
    report.score.percent,
    ...Object.values(report.meters),
    ...Object.values(report.score.lessons).flatMap((l) => [l.points, l.max]),
  ];
  for (const n of numbers) expect(Number.isSafeInteger(n), String(n)).toBe(true);
}

describe('arithmetic cannot reach Infinity or NaN', () => {
  it('5,000 steps at the limit on 40 lessons: totals, percent and meters stay exact integers', () => {
    const loaded = loadFile(loopAtLimit(40), 'loop.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const compiled = compile(scenarioOf(loaded));
    const steps = [...Array.from({ length: 2499 }, () => ['more', 'on']).flat(), 'more', 'finish'];
    const result = runSteps(compiled, steps);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expectFinite(result.report);
    // 4,999 steps lose 10,000 on each lesson, the last one earns it: -1,999,200,000, exact
    expect(result.report.score.total).toBe((1 - 4999) * 40 * MAX_SCENARIO_NUMBER);
    expect(result.report.meters).toEqual({ pressure: 2501 * MAX_SCENARIO_NUMBER, floor: -2501 * MAX_SCENARIO_NUMBER });
    expect(result.report.score.percent).toBe(0);
  });

  it('the maxima of a long chain at the limit are finite', () => {
    const nodes: Record<string, unknown> = { done: { end: { outcome: 'success' } } };
    for (let i = 0; i < 300; i++)
      nodes[`n${i}`] = {
        text: 't',
        choices: [
          { id: 'up', score: { a: MAX_SCENARIO_NUMBER, b: MAX_SCENARIO_NUMBER }, goto: i < 299 ? `n${i + 1}` : 'done' },
          { id: 'down', score: { a: -MAX_SCENARIO_NUMBER }, goto: i < 299 ? `n${i + 1}` : 'done' },
        ],
      };
    const text = stringify({
      id: 'chain',
      title: 'Chain',
      cast: { c: { name: 'C' } },
      lessons: { a: { title: 'a', principle: 'p' }, b: { title: 'b', principle: 'p' } },
      start: 'n0',
      nodes,
    });
    const loaded = loadFile(text, 'chain.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { maxima } = explore(scenarioOf(loaded));
    expect(maxima.total).toBe(300 * 2 * MAX_SCENARIO_NUMBER);
    expect(maxima.minTotal).toBe(-300 * MAX_SCENARIO_NUMBER);
  });

  it('any points within the limit give a percent from 0 to 100 (property)', () => {
    const n = fc.integer({ min: -MAX_SCENARIO_NUMBER, max: MAX_SCENARIO_NUMBER });
    fc.assert(
      fc.property(
        fc.array(n, { maxLength: 200 }),
        fc.array(fc.nat(MAX_SCENARIO_NUMBER), { minLength: 1, maxLength: 200 }),
        (taken, best) => {
          const total = taken.reduce((a, b) => a + b, 0);
          const max = best.reduce((a, b) => a + b, 0);
          const percent = percentOf(total, max);
          expect(Number.isFinite(percent)).toBe(true);
          expect(percent).toBeGreaterThanOrEqual(0);
          expect(percent).toBeLessThanOrEqual(100);
        },
      ),
      { seed: 18 },
    );
  });
});

describe('the CLI', () => {
  const file = join(tmp.dir, 'huge.yaml');
  writeFileSync(file, TWO_HUGE);

  it('lint: exit 1, both scores at file:line:column, the limit named', () => {
    const r = rp(['lint', file], { lang: 'en' });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      `${file}:15:24: error: node 'open', choice 1: points must be from -10000 to 10000 (the limit is ±10000, MAX_SCENARIO_NUMBER)`,
      `${file}:19:24: error: node 'open', choice 2: points must be from -10000 to 10000 (the limit is ±10000, MAX_SCENARIO_NUMBER)`,
    ]);
  });

  it('run refuses the case instead of scoring Infinity', () => {
    const r = rp(['run', file, '--choices', 'greet'], { lang: 'zh' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/huge\.yaml:15:24: error: .*上限 ±10000/);
    expect(r.stderr).not.toMatch(/Infinity|NaN/);
  });
});
