/**
 * The contract's scoring, through the public API: conditions (meters and `visited`),
 * clamping, timeouts, negative points, per-lesson maxima, `passed` and `percent`.
 */
import { describe, expect, it } from 'vitest';
import {
  compile,
  explore,
  loadFile,
  loadScenario,
  percentOf,
  runSteps,
  scoreOf,
  type RunResult,
  type TestStep,
} from '../../src/core/index.js';
import { header, load, yaml } from './helpers.js';

function run(text: string, steps: readonly TestStep[]) {
  return runSteps(compile(load(text)), steps);
}
function ok(result: RunResult) {
  if (!result.ok) throw new Error(result.error);
  return result.report;
}

describe('conditions on meters', () => {
  const text =
    header('meters', 'meters:\n  trust: { initial: 1, min: 0, max: 3 }\n') +
    yaml`
    start: s
    nodes:
      s:
        choices:
          - { id: eq1, if: { trust: { eq: 1 } }, score: { a: 1 }, goto: e }
          - { id: gte2, if: { trust: { gte: 2 } }, score: { a: 1 }, goto: e }
          - { id: gt0, if: { trust: { gt: 0 } }, score: { a: 1 }, goto: e }
          - { id: lte0, if: { trust: { lte: 0 } }, score: { a: 1 }, goto: e }
          - { id: lt1, if: { trust: { lt: 1 } }, score: { a: 1 }, goto: e }
          - { id: range, if: { trust: { gte: 1, lt: 2 } }, score: { a: 1 }, goto: e }
          - { id: up, effects: { trust: 1 }, goto: s2 }
      s2:
        choices:
          - { id: gte2, if: { trust: { gte: 2 } }, score: { a: 1 }, goto: e }
          - { id: range, if: { trust: { gte: 1, lt: 2 } }, score: { a: 1 }, goto: e }
      e:
        end: { outcome: success }
  `;

  it('every comparison, and all keys ANDed', () => {
    const play = runSteps(compile(load(text)), []);
    expect(play.ok).toBe(false);
    for (const id of ['eq1', 'gt0', 'range']) expect(ok(run(text, [id])).ending).toBe('e');
    for (const id of ['gte2', 'lte0', 'lt1']) {
      const r = run(text, [id]);
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.error).toMatch(
          new RegExp(`'${id}' is hidden .* at node 's'; valid choices: eq1, gt0, range(,| or) up`),
        );
    }
    expect(ok(run(text, ['up', 'gte2'])).path).toEqual(['s', 's2', 'e']);
    expect(run(text, ['up', 'range']).ok).toBe(false);
  });
});

describe('conditions on visited', () => {
  // hub is entered again after a detour; `visited: hub` means "entered earlier", never "is the current node"
  const text =
    header('visited') +
    yaml`
    start: hub
    nodes:
      hub:
        choices:
          - { id: again, if: { visited: hub }, score: { a: 1 }, goto: e }
          - { id: detour, goto: side }
          - { id: leave, score: { a: 1 }, goto: e }
      side:
        choices:
          - { id: back, if: { visited: hub }, goto: hub }
          - { id: never, if: { visited: e }, score: { a: 9 }, goto: e }
      e:
        end: { outcome: success }
  `;

  it('the current node does not count as visited on its first entry', () => {
    const r = run(text, ['again']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/'again' is hidden/);
  });

  it('a node entered earlier in the run counts, also when it is entered again', () => {
    const report = ok(run(text, ['detour', 'back', 'again']));
    expect(report.path).toEqual(['hub', 'side', 'hub', 'e']);
    expect(report.score).toMatchObject({ total: 1, max: 1, percent: 100 });
  });

  it('a choice that only a revisit opens may not score more than max: lint names the loop', () => {
    // again pays 5 once hub is entered a second time; max (paths without repeats) is 1
    const loaded = loadScenario(text.replace('score: { a: 1 }, goto: e }', 'score: { a: 5 }, goto: e }'), 'x.yaml');
    expect(loaded.scenario).toBeUndefined();
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['10:3 revisit-beats-max']);
    expect(errors[0]!.message).toMatch(
      /a trainee can score 5 points, but only by going round the loop hub → side → hub/,
    );
  });

  it('visited in a `when` entry is evaluated on the path so far', () => {
    const t =
      header('visited-when') +
      yaml`
      start: s
      nodes:
        s:
          choices:
            - { id: prep, goto: p }
            - { id: skip, goto: check }
        p:
          choices:
            - { id: go, goto: check }
        check:
          when:
            - { if: { visited: p }, score: { a: 3 }, goto: good }
            - { score: { a: 1 }, goto: bad }
        good:
          end: { outcome: success }
        bad:
          end: { outcome: partial }
    `;
    expect(ok(run(t, ['prep', 'go']))).toMatchObject({
      ending: 'good',
      path: ['s', 'p', 'check', 'good'],
      score: { total: 3, max: 3, percent: 100 },
    });
    expect(ok(run(t, ['skip']))).toMatchObject({
      ending: 'bad',
      path: ['s', 'check', 'bad'],
      score: { total: 1, max: 3, percent: 33 },
    });
  });
});

describe('clamping', () => {
  const text =
    header('clamp', 'meters:\n  mood: { initial: 0, min: -2, max: 2 }\n') +
    yaml`
    start: s
    nodes:
      s:
        choices:
          - { id: up, effects: { mood: 5 }, goto: s2 }
          - { id: down, effects: { mood: -7 }, goto: s2 }
      s2:
        choices:
          - { id: more, effects: { mood: 1 }, goto: check }
          - { id: less, effects: { mood: -1 }, goto: check }
      check:
        when:
          - { if: { mood: { eq: 2 } }, score: { a: 2 }, goto: top }
          - { if: { mood: { eq: 1 } }, score: { a: 1 }, goto: top }
          - { score: { a: 0 }, goto: bottom }
      top:
        end: { outcome: success }
      bottom:
        end: { outcome: partial }
  `;

  it('effects are added and then clamped to [min, max] at every step', () => {
    expect(ok(run(text, ['up', 'more'])).meters).toEqual({ mood: 2 });
    // clamped at 2 after `up`, so one `less` gives 1 (not 4)
    expect(ok(run(text, ['up', 'less']))).toMatchObject({ meters: { mood: 1 }, ending: 'top', score: { total: 1 } });
    // clamped at -2 after `down`, so one `more` gives -1 (not -6)
    expect(ok(run(text, ['down', 'more'])).meters).toEqual({ mood: -1 });
    expect(ok(run(text, ['down', 'less'])).meters).toEqual({ mood: -2 });
  });

  it('max uses the clamped values too', () => {
    expect(explore(load(text)).maxima.total).toBe(2);
  });
});

describe('timeouts', () => {
  const text =
    header('timeouts') +
    yaml`
    start: ask
    nodes:
      ask:
        choices:
          - { id: answer, score: { a: 2 }, goto: ok }
        timeout: { seconds: 10, score: { a: -1, b: 1 }, feedback: too slow, goto: late }
      late:
        input:
          rules:
            - { match: { any: [sorry] }, score: { a: 1 }, goto: ok }
            - { goto: ok }
        timeout: { seconds: 5, score: { b: -2 }, goto: lost }
      ok:
        end: { outcome: success }
      lost:
        end: { outcome: failure }
  `;

  it('{ wait: true } fires the timeout, with its score', () => {
    const r = ok(run(text, [{ wait: true }, { say: 'Sorry!' }]));
    expect(r.path).toEqual(['ask', 'late', 'ok']);
    expect(r.score.lessons).toEqual({ a: { points: 0, max: 2 }, b: { points: 1, max: 1 } });
  });

  it('a timeout counts as a way on for max: lesson b is only earned by waiting', () => {
    const m = explore(load(text)).maxima;
    expect(m.total).toBe(2);
    expect(m.lessons).toEqual({ a: 2, b: 1 });
    // ok: answer (2), wait+sorry (0+1), wait+fallback (0); lost: wait+wait (0-2)
    expect(m.endings).toEqual({ ok: { best: 2, worst: 0 }, lost: { best: -2, worst: -2 } });
    expect(m.minTotal).toBe(-2);
  });

  it('two timeouts in a row, ending in failure', () => {
    const r = ok(run(text, [{ wait: true }, { wait: true }]));
    expect(r).toMatchObject({ ending: 'lost', outcome: 'failure', path: ['ask', 'late', 'lost'] });
    expect(r.score).toMatchObject({ total: -2, percent: 0, passed: false });
  });

  it('waiting where there is no timeout is a step error naming the node', () => {
    const r = run(text, ['answer', { wait: true }]);
    expect(r).toMatchObject({ ok: false, node: 'ok', step: 2 });
  });
});

describe('points and percent', () => {
  const text =
    header('points', 'passScore: 50\n') +
    yaml`
    start: s
    nodes:
      s:
        choices:
          - { id: best-a, score: { a: 4 }, goto: win }
          - { id: best-b, score: { b: 3 }, goto: win }
          - { id: both, score: { a: 1, b: 1 }, goto: win }
          - { id: rude, score: { a: -3, b: -2 }, goto: win }
          - { id: quit, score: { a: 4 }, goto: lose }
      win:
        end: { outcome: success }
      lose:
        end: { outcome: failure }
  `;

  it('lesson maxima are taken separately and need not add up to max', () => {
    const r = ok(run(text, ['both']));
    expect(r.score.max).toBe(4);
    expect(r.score.lessons).toEqual({ a: { points: 1, max: 4 }, b: { points: 1, max: 3 } });
    expect(r.score.lessons.a!.max + r.score.lessons.b!.max).not.toBe(r.score.max);
  });

  it('negative points are summed and percent is clamped at 0', () => {
    const r = ok(run(text, ['rude']));
    expect(r.score).toEqual({
      total: -5,
      max: 4,
      percent: 0,
      passed: false,
      lessons: { a: { points: -3, max: 4 }, b: { points: -2, max: 3 } },
    });
  });

  it('percent is round(100 * total / max)', () => {
    expect(ok(run(text, ['best-b'])).score).toMatchObject({ total: 3, percent: 75, passed: true });
    expect(ok(run(text, ['both'])).score).toMatchObject({ total: 2, percent: 50, passed: true });
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(2, 3)).toBe(67);
    expect(percentOf(1, 8)).toBe(13); // 12.5 rounds half up
    expect(percentOf(7, 4)).toBe(100);
    expect(percentOf(-7, 4)).toBe(0);
  });

  it('a failure ending is never passed, even at 100 percent', () => {
    const r = ok(run(text, ['quit']));
    expect(r.outcome).toBe('failure');
    expect(r.score).toMatchObject({ total: 4, max: 4, percent: 100, passed: false });
  });

  it('passed needs percent >= passScore', () => {
    const s = load(text);
    expect(scoreOf(s, { a: 2 }, 'success')).toMatchObject({ percent: 50, passed: true });
    expect(scoreOf(s, { a: 1, b: 1 }, 'partial')).toMatchObject({ percent: 50, passed: true });
    expect(scoreOf(s, { a: 1 }, 'success')).toMatchObject({ percent: 25, passed: false });
  });

  it('default passScore is 70', () => {
    const s = load(text.replace('passScore: 50\n', ''));
    expect(s.passScore).toBe(70);
    expect(scoreOf(s, { b: 3 }, 'success')).toMatchObject({ percent: 75, passed: true });
    expect(scoreOf(s, { a: 2, b: 0.5 }, 'success')).toMatchObject({ percent: 63, passed: false });
  });
});

describe('loops', () => {
  // a ⇄ b loop that pays 2 on every way round it
  const farming =
    header('cycle', 'meters:\n  laps: { initial: 0, min: 0, max: 10 }\n') +
    yaml`
    start: a
    nodes:
      a:
        choices:
          - { id: lap, score: { a: 2 }, effects: { laps: 1 }, goto: b }
          - { id: out, score: { a: 1 }, goto: end }
      b:
        choices:
          - { id: back, score: { a: 2 }, goto: a }
          - { id: out, if: { laps: { gte: 1 } }, score: { b: 1 }, goto: end }
      end:
        end: { outcome: success }
  `;

  it('a loop that earns points each round is a lint error naming the loop and the points per round', () => {
    const loaded = loadScenario(farming, 'x.yaml');
    expect(loaded.scenario).toBeUndefined();
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['loop-earns-points']);
    expect(errors[0]!.message).toMatch(/^going round the loop (a → b → a|b → a → b) earns 4 points each round/);
    expect(errors[0]!.message).toMatch(/score the reply only on the way out of the loop/);
    const zh = loadFile(farming, 'x.yaml', undefined, { lang: 'zh' }).diagnostics[0]!.message;
    expect(zh).toMatch(/每走一圈就多得 4 分/);
    // it points at the score of the first earning way round the loop
    expect(`${errors[0]!.line}`).toMatch(/^1[0-9]$/);
  });

  it('a loop that earns for one lesson alone (and loses as much of another) is caught too', () => {
    const loaded = loadFile(farming.replace('{ id: back, score: { a: 2 }', '{ id: back, score: { b: -4 }'), 'x.yaml');
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['loop-earns-points']);
    expect(errors[0]!.message).toMatch(/earns 2 points each round \(lesson 'a'\)/);
  });

  // the same loop, scored only on the way out of it
  const fixed = farming
    .replace('score: { a: 2 }, effects', 'effects')
    .replace('{ id: back, score: { a: 2 }, goto: a }', '{ id: back, goto: a }');

  it('with the points on the way out, max is exact and a run that loops scores at most max', () => {
    const m = explore(load(fixed)).maxima;
    expect(m.total).toBe(1);
    expect(m.lessons).toEqual({ a: 1, b: 1 });
    const r = ok(run(fixed, ['lap', 'back', 'lap', 'back', 'lap', 'out']));
    expect(r.path).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'end']);
    expect(r.meters).toEqual({ laps: 3 });
    expect(r.score).toMatchObject({ total: 1, max: 1, percent: 100 });
  });

  it('a loop that loses points each round leaves the worst total without a floor', () => {
    const losing = fixed.replace('{ id: back, goto: a }', '{ id: back, score: { b: -1 }, goto: a }');
    const m = explore(load(losing)).maxima;
    expect(m.total).toBe(1);
    expect(m.minTotal).toBe(-Infinity);
    expect(m.endings.end).toEqual({ best: 1, worst: -Infinity });
  });
});

describe('when nodes', () => {
  it('the first true entry wins; a when node goes exactly one way (max follows it)', () => {
    const t =
      header('first-wins', 'meters:\n  m: { initial: 1, min: 0, max: 3 }\n') +
      yaml`
      start: s
      nodes:
        s:
          choices:
            - { id: go, goto: w }
        w:
          when:
            - { if: { m: { gte: 1 } }, score: { a: 1 }, goto: e }
            - { if: { m: { gte: 0 } }, score: { a: 10 }, goto: e }
            - { score: { a: 100 }, goto: e }
        e:
          end: { outcome: success }
    `;
    const s = load(t);
    expect(explore(s).maxima.total).toBe(1);
    expect(ok(runSteps(compile(s), ['go']))).toMatchObject({ path: ['s', 'w', 'e'], score: { total: 1, max: 1 } });
  });
});

describe('meters that are not small integer ranges', () => {
  // explore keys situations by a number only for integer meters in finite ranges; these take the other path
  it('a fractional start and an unbounded meter: conditions, clamping and max as usual', () => {
    const t =
      header('odd-meters', 'meters:\n  calm: { initial: 0.5, min: 0, max: 2 }\n  score: { initial: 0 }\n') +
      yaml`
      start: s
      nodes:
        s:
          choices:
            - { id: breathe, effects: { calm: 1, score: 100 }, goto: m }
            - { id: rush, effects: { calm: -1, score: -100 }, goto: m }
        m:
          choices:
            - { id: steady, if: { calm: { gte: 1.5 } }, score: { a: 3 }, goto: e }
            - { id: big, if: { score: { gt: 99 } }, score: { b: 1 }, goto: e }
            - { id: low, if: { calm: { eq: 0 } }, score: { a: 1 }, goto: e }
        e:
          end: { outcome: success }
    `;
    const s = load(t);
    expect(s.meters.map((m) => [m.id, m.min, m.max])).toEqual([
      ['calm', 0, 2],
      ['score', -Infinity, Infinity],
    ]);
    expect(explore(s).maxima).toMatchObject({ total: 3, lessons: { a: 3, b: 1 } });
    expect(ok(run(t, ['breathe', 'steady']))).toMatchObject({
      meters: { calm: 1.5, score: 100 },
      score: { total: 3, percent: 100 },
    });
    expect(ok(run(t, ['rush', 'low']))).toMatchObject({
      meters: { calm: 0, score: -100 },
      score: { total: 1, percent: 33 },
    });
    expect(run(t, ['rush', 'big']).ok).toBe(false);
  });
});
