/**
 * Loops scored the way play allows them (explore.ts): a loop that earns points is refused by
 * lint, naming it; a dense ring is answered quickly, exactly or with that error; and on every
 * case the project ships or tests with, `max` is the contract's, the best total over paths
 * that visit no node twice, as an independent search over those paths finds it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ring } from '../../bench/lib/generate.mjs';
import { catalogFor } from '../../src/cli/files.js';
import {
  applyEffects,
  compile,
  components,
  consequenceOf,
  explore,
  graphOf,
  holds,
  initialMeters,
  loadFile,
  loadScenario,
  runSteps,
  waysOf,
  type MeterValues,
  type NodeId,
  type Scenario,
} from '../../src/core/index.js';
import { bestPath } from '../../src/core/analysis/best-path.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every YAML file under a folder, recursively. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : [],
  );
}

/**
 * The contract's maxima by a plain depth-first search over paths that visit no node twice,
 * memoized on (node, meters, the visited nodes that can still matter: those a condition
 * names, and those on a loop). Written from the contract, sharing only the model's helpers.
 */
function simpleMaxima(scenario: Scenario) {
  const graph = graphOf(scenario);
  const { component, cyclic } = components(graph);
  const named = new Set<NodeId>();
  for (const node of Object.values(scenario.nodes))
    for (const way of waysOf(node)) {
      const cond = way.kind === 'choice' ? way.choice.if : way.kind === 'branch' ? way.branch.if : undefined;
      for (const v of cond?.visited ?? []) named.add(v);
    }
  const matters = (id: NodeId) => named.has(id) || cyclic[component[graph.index.get(id)!]!]!;
  const lessons = scenario.scoredLessons;
  type Best = { total: number; lessons: number[]; endings: Map<NodeId, number> };
  const memo = new Map<string, Best>();
  const best = (node: NodeId, meters: MeterValues, path: readonly NodeId[]): Best => {
    const n = scenario.nodes[node]!;
    if (n.kind === 'end') return { total: 0, lessons: lessons.map(() => 0), endings: new Map([[node, 0]]) };
    const key = `${node}|${JSON.stringify(meters)}|${path.filter(matters).sort().join(',')}`;
    const known = memo.get(key);
    if (known) return known;
    const out: Best = { total: -Infinity, lessons: lessons.map(() => -Infinity), endings: new Map() };
    const before = new Set(path.slice(0, -1));
    for (const way of waysOf(n)) {
      if (way.kind === 'choice' && !holds(way.choice.if, meters, (v) => before.has(v))) continue;
      if (way.kind === 'branch' && !holds(way.branch.if, meters, (v) => before.has(v))) continue;
      const c = consequenceOf(way);
      if (!path.includes(c.goto)) {
        const sub = best(c.goto, applyEffects(meters, c.effects, scenario.meters), [...path, c.goto]);
        const points = Object.values(c.score).reduce((a, b) => a + b, 0);
        out.total = Math.max(out.total, points + sub.total);
        lessons.forEach((l, i) => {
          out.lessons[i] = Math.max(out.lessons[i]!, (c.score[l] ?? 0) + sub.lessons[i]!);
        });
        for (const [e, v] of sub.endings) out.endings.set(e, Math.max(out.endings.get(e) ?? -Infinity, points + v));
      }
      if (way.kind === 'branch') break;
    }
    memo.set(key, out);
    return out;
  };
  const b = best(scenario.start, initialMeters(scenario.meters), [scenario.start]);
  return { total: b.total, lessons: Object.fromEntries(lessons.map((l, i) => [l, b.lessons[i]!])), endings: b.endings };
}

describe('max over the cases the project ships and tests with', () => {
  const files = [
    ...yamlFiles(join(ROOT, 'scenarios')),
    ...yamlFiles(join(ROOT, 'test')).filter((f) => !f.includes(`${join('fixtures', 'broken')}`)),
  ].filter((f) => !f.endsWith('lessons.yaml'));

  it("equals today's simple-path maximum (total, lessons, each ending's best) wherever no loop earns", () => {
    let compared = 0;
    for (const file of files) {
      const loaded = loadFile(readFileSync(file, 'utf8'), file, catalogFor(file, 'en'));
      if (loaded.kind !== 'scenario' || !loaded.scenario) continue;
      const scenario = loaded.scenario;
      const { maxima, problems } = explore(scenario);
      expect(problems, file).toEqual([]);
      const reference = simpleMaxima(scenario);
      expect(maxima.total, file).toBe(reference.total);
      expect(maxima.lessons, file).toEqual(reference.lessons);
      // without loops play is the simple paths, so each ending's best is the same too
      if (!components(graphOf(scenario)).cyclic.some(Boolean))
        for (const [ending, v] of reference.endings) expect(maxima.endings[ending]?.best, `${file} ${ending}`).toBe(v);
      compared++;
    }
    // the twelve bundled cases, the conformance scenario's copy and the loadable fixtures
    expect(compared).toBeGreaterThan(25);
  });
});

/** CPU time of this test file's process in ms (vitest's forks pool: one process per file). */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Generous: ~0.2-0.5 s on a 2-core machine; before the walk-based maxima it took 15-19 s and then gave up. */
const RING_CPU_LIMIT_MS = 5_000;

describe('a dense ring of 200 nodes (bench ring(200))', () => {
  it('whose steps earn: lint refuses it within seconds, naming the loop and its points per round', () => {
    // CPU time, not wall time: the machine running the tests may be busy with other work
    const started = cpuMs();
    const loaded = loadScenario(ring(200), 'ring-200.yaml');
    expect(cpuMs() - started).toBeLessThan(RING_CPU_LIMIT_MS);
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['loop-earns-points']);
    expect(errors[0]!.message).toMatch(/^going round the loop (n\d+ → )+n\d+ earns \d+ points each round/);
    const [, first, last] = /loop (n\d+) → .* → (n\d+) earns/.exec(errors[0]!.message)!;
    expect(first).toBe(last);
  });

  it('whose ways out alone score: the exact max within seconds, and the best path scores it', () => {
    const started = cpuMs();
    const loaded = loadScenario(ring(200, { exitsOnly: true }), 'ring-200-exits.yaml');
    expect(cpuMs() - started).toBeLessThan(RING_CPU_LIMIT_MS);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const scenario = loaded.scenario!;
    // the last way out: listen-first 1 + 19, follow-up 1, reached by stepping on round the ring once
    expect(explore(scenario).maxima.total).toBe(21);
    const best = bestPath(scenario)!;
    expect(new Set(best.nodes).size).toBe(best.nodes.length);
    const run = runSteps(compile(scenario), best.steps);
    expect(run.ok && run.report.score).toMatchObject({ total: 21, max: 21, percent: 100 });
  });
});

describe('the worst total', () => {
  // Found by the property test: n0 ⇄ n1 loses a point a round, and its way out (a timeout)
  // leads into a second losing loop. The second loop's unbounded worst must flow back into
  // the first, not be swallowed by the rounding tolerance.
  const TWO_LOSING_LOOPS = `
id: two-losing-loops
title: Two losing loops
cast: { c: { name: C } }
meters: { m0: { initial: 0, min: -1, max: 1 } }
lessons: { a: { title: A, principle: A } }
start: n0
nodes:
  n0:
    text: n0
    choices: [ { id: on, goto: n1 }, { id: stay, goto: n0 } ]
    timeout: { seconds: 4, goto: n3 }
  n1:
    text: n1
    choices: [ { id: lose, score: { a: -1 }, goto: n0 }, { id: back, goto: n0 } ]
    timeout: { seconds: 1, effects: { m0: 1 }, goto: n0 }
  n3:
    when: [ { if: { m0: { gte: -1 } }, score: { a: 1 }, goto: e0 }, { goto: n0 } ]
  e0: { end: { outcome: success } }
`;

  it('is unbounded when a losing loop leads on to another losing loop', () => {
    const loaded = loadScenario(TWO_LOSING_LOOPS, 'two-losing-loops.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { maxima } = explore(loaded.scenario!);
    expect(maxima.total).toBe(1);
    expect(maxima.minTotal).toBe(-Infinity);
    expect(maxima.endings).toEqual({ e0: { best: 1, worst: -Infinity } });
  });
});
