/**
 * What a trainer asks of a branching case before anyone plays it: can each ending be reached,
 * with what scores, and by which steps; can anyone pass, can anyone fail; which path scores
 * best (best-path.ts); which loops can be entered and never left. Pure analysis over the graph of
 * situations play can be in (situations.ts), the same one explore.ts scores, so every path
 * found here is one the machine accepts.
 *
 * Shortest paths are searched over play as it is (nodes may be revisited), by a
 * breadth-first search in which automatic `when` steps cost nothing. Best and worst scores
 * per ending are explore's, over play; the best path is explore's path that visits no node
 * twice and scores exactly `max`.
 */
import { answerFor } from './answers.js';
import type { MeterValues } from '../play/conditions.js';
import { explore } from './explore.js';
import { reverse } from './extremes.js';
import { components } from './graph.js';
import type { NodeId, Outcome, Scenario, TestStep, Way } from '../format/model.js';
import { percentOf } from '../play/scoring.js';
import type { Situations } from './situations.js';

/** A step as the analysis takes it: the way, and the test step that takes it (if one can be written). */
export interface PathStep {
  readonly node: NodeId;
  readonly way: Way;
  readonly to: NodeId;
  /** undefined for automatic `when` steps, which need no step */
  readonly step?: TestStep;
  /** set when an `input` rule is taken for which no matching answer could be written */
  readonly noAnswer?: true;
}

export interface FoundPath {
  /** every node entered, in order, like a run's `path` */
  readonly nodes: readonly NodeId[];
  readonly ways: readonly PathStep[];
  /** usable as `--steps` or a test's `steps` (only when `complete`) */
  readonly steps: readonly TestStep[];
  /** false when some input rule on the way has no answer we could write */
  readonly complete: boolean;
  /** the total points this path scores */
  readonly total: number;
}

export interface EndingReport {
  readonly id: NodeId;
  readonly outcome: Outcome;
  readonly reachable: boolean;
  /** best and worst totals a trainee can end with here (worst -Infinity: a loop that loses points can repeat); absent when the case cannot be scored */
  readonly best?: number;
  readonly worst?: number;
  readonly bestPercent?: number;
  readonly worstPercent?: number;
  /** one path with the fewest trainee steps */
  readonly shortest?: FoundPath;
}

export interface PathsReport {
  readonly scenario: string;
  /** the contract's max; undefined when the case is too complex to score (then no ending has scores) */
  readonly max?: number;
  readonly passScore: number;
  readonly endings: readonly EndingReport[];
  /** no path ends in a passing result */
  readonly nobodyCanPass: boolean;
  /** every path ends in a passing result */
  readonly nobodyCanFail: boolean;
  readonly unreachableEndings: readonly NodeId[];
  /** always true: the search covers every situation (kept for tools that read it) */
  readonly complete: boolean;
  readonly situations: number;
}

/** What the trainee does to take `way` at `node`, as a test step. */
export function stepFor(scenario: Scenario, node: NodeId, way: Way): { step?: TestStep; noAnswer?: true } {
  switch (way.kind) {
    case 'choice':
      return { step: way.choice.id };
    case 'timeout':
      return { step: { wait: true } };
    case 'branch':
      return {};
    case 'rule': {
      const n = scenario.nodes[node]!;
      const text = n.kind === 'input' ? answerFor(n.rules, way.index) : undefined;
      return text === undefined ? { noAnswer: true } : { step: { say: text } };
    }
  }
}

/**
 * Shortest ways (fewest trainee steps) from the start to every ending, over the graph of
 * situations play can be in (revisits allowed): a breadth-first search in which automatic
 * `when` steps cost nothing, level by level. `usable` can forbid some ways (e.g. rules with
 * no answer). Within a level, ways are taken in file order, so the first way a trainer wrote
 * wins ties.
 */
function shortestToEndings(
  scenario: Scenario,
  sit: Situations,
  usable: (node: NodeId, way: Way) => boolean,
): Map<NodeId, FoundPath> {
  const level = new Int32Array(sit.count).fill(-1);
  const via = new Int32Array(sit.count).fill(-1);
  const parent = new Int32Array(sit.count).fill(-1);
  const expanded = new Uint8Array(sit.count);
  const found = new Map<NodeId, FoundPath>();
  const endCount = sit.isEnd.reduce((a, b) => a + b, 0);
  let current = [0];
  let next: number[] = [];
  level[0] = 0;
  for (let depth = 0; current.length > 0 && found.size < endCount; depth++) {
    for (let at = 0; at < current.length && found.size < endCount; at++) {
      const s = current[at]!;
      if (expanded[s] === 1 || level[s] !== depth) continue;
      expanded[s] = 1;
      const n = sit.node[s]!;
      if (sit.isEnd[n] === 1) {
        const id = sit.graph.ids[n]!;
        if (!found.has(id)) found.set(id, buildPath(scenario, sit, edgesBack(via, parent, s)));
        continue;
      }
      for (let e = sit.edgeStart[s]!; e < sit.edgeStart[s + 1]!; e++) {
        const way = sit.ways[sit.edgeWay[e]!]!;
        if (!usable(sit.graph.ids[n]!, way.way)) continue;
        const t = sit.edgeTo[e]!;
        const d = way.way.kind === 'branch' ? depth : depth + 1;
        if (level[t]! >= 0 && level[t]! <= d) continue;
        level[t] = d;
        via[t] = e;
        parent[t] = s;
        (d === depth ? current : next).push(t);
      }
    }
    current = next;
    next = [];
  }
  return found;
}

function edgesBack(via: Int32Array, parent: Int32Array, s: number): number[] {
  const edges: number[] = [];
  for (let x = s; via[x]! >= 0; x = parent[x]!) edges.push(via[x]!);
  return edges.reverse();
}

/** A path given as edges of the situation graph, from the start. */
export function buildPath(scenario: Scenario, sit: Situations, edges: readonly number[]): FoundPath {
  const ways: PathStep[] = [];
  const steps: TestStep[] = [];
  const nodes: NodeId[] = [scenario.start];
  let complete = true;
  let total = 0;
  for (const e of edges) {
    const way = sit.ways[sit.edgeWay[e]!]!;
    const node = sit.graph.ids[way.node]!;
    const to = sit.graph.ids[way.to]!;
    const s = stepFor(scenario, node, way.way);
    ways.push({ node, way: way.way, to, ...s });
    if (s.step !== undefined) steps.push(s.step);
    if (s.noAnswer) complete = false;
    nodes.push(to);
    total += way.points;
  }
  return { nodes, ways, steps, complete, total };
}

export function analysePaths(scenario: Scenario): PathsReport {
  const exploration = explore(scenario);
  const { maxima, situations: sit } = exploration;
  const max = maxima.total;
  const exact = exploration.problems.length === 0 && Number.isFinite(max);
  const found = shortestPaths(scenario, sit);
  const endings: EndingReport[] = sit.graph.ids
    .filter((id) => scenario.nodes[id]!.kind === 'end')
    .map((id) => {
      const node = scenario.nodes[id]!;
      const outcome: Outcome = node.kind === 'end' ? node.outcome : 'failure';
      const range = exact ? maxima.endings[id] : undefined;
      const shortest = found.get(id);
      return {
        id,
        outcome,
        reachable: exploration.reachedNodes.has(id),
        ...(range
          ? {
              best: range.best,
              worst: range.worst,
              bestPercent: percentOf(range.best, max),
              worstPercent: percentOf(range.worst, max),
            }
          : {}),
        ...(shortest ? { shortest } : {}),
      };
    });
  const passes = (percent: number, outcome: Outcome) => outcome !== 'failure' && percent >= scenario.passScore;
  const scored = endings.filter((e) => e.best !== undefined);
  return {
    scenario: scenario.id,
    ...(exact ? { max } : {}),
    passScore: scenario.passScore,
    endings,
    nobodyCanPass: exact && !scored.some((e) => passes(e.bestPercent!, e.outcome)),
    nobodyCanFail: scored.length > 0 && scored.every((e) => passes(e.worstPercent!, e.outcome)),
    unreachableEndings: endings.filter((e) => !e.reachable).map((e) => e.id),
    complete: true,
    situations: sit.count,
  };
}

/** Shortest paths preferring ways whose every answer we can write; any way for the endings left. */
function shortestPaths(scenario: Scenario, sit: Situations): Map<NodeId, FoundPath> {
  // Writing an answer runs the matcher on a few candidates: once per rule, not per situation.
  const answerable = new Map<string, boolean>();
  let skipped = false;
  const sayable = (node: NodeId, way: Way) => {
    if (way.kind !== 'rule') return true;
    const key = `${node}\u0000${way.index}`;
    let ok = answerable.get(key);
    if (ok === undefined) answerable.set(key, (ok = stepFor(scenario, node, way).noAnswer === undefined));
    if (!ok) skipped = true;
    return ok;
  };
  const found = shortestToEndings(scenario, sit, sayable);
  const ends = sit.isEnd.reduce((a, b) => a + b, 0);
  // A second search only when the first had to leave out some answer rule.
  if (!skipped || found.size === ends) return found;
  return new Map([...shortestToEndings(scenario, sit, () => true), ...found]);
}

/** A situation inside a loop from which no ending can be reached any more. */
export interface LoopTrap {
  readonly node: NodeId;
  /** the tested meters on entering the trap */
  readonly meters: MeterValues;
  /** the nodes of the loop (its strongly connected component), sorted */
  readonly loop: readonly NodeId[];
}

/**
 * The loops a trainee can enter but never leave: situations in a cyclic part of the case
 * from which no ending can be reached, reported where the trainee first steps into them.
 * Finds the traps that a plain graph check misses because the way out exists but its
 * condition never holds inside the loop.
 */
export function loopTraps(scenario: Scenario): LoopTrap[] {
  const sit = explore(scenario).situations;
  const { component, cyclic, members } = components(sit.graph);
  if (!cyclic.some(Boolean)) return [];
  const canFinish = finishing(sit);
  const traps: LoopTrap[] = [];
  const reported = new Set<number>();
  // Report where the trainee steps into the trap: from a situation that could still finish, or from outside the loop.
  const entry = new Uint8Array(sit.count);
  entry[0] = 1;
  for (let s = 0; s < sit.count; s++) {
    const c = component[sit.node[s]!];
    for (let e = sit.edgeStart[s]!; e < sit.edgeStart[s + 1]!; e++) {
      const t = sit.edgeTo[e]!;
      if (canFinish[s] === 1 || component[sit.node[t]!] !== c) entry[t] = 1;
    }
  }
  for (let s = 0; s < sit.count; s++) {
    const n = sit.node[s]!;
    if (canFinish[s] === 1 || entry[s] !== 1 || reported.has(n) || !cyclic[component[n]!]) continue;
    reported.add(n);
    traps.push({
      node: sit.graph.ids[n]!,
      meters: sit.metersOf(s),
      loop: members[component[n]!]!.map((m) => sit.graph.ids[m]!).sort(),
    });
  }
  return traps;
}

/** Situations from which an ending can still be reached. */
function finishing(sit: Situations): Uint8Array {
  const back = reverse({ start: sit.edgeStart.subarray(0, sit.count + 1), other: sit.edgeTo, way: sit.edgeWay });
  const can = new Uint8Array(sit.count);
  const stack: number[] = [];
  for (let s = 0; s < sit.count; s++)
    if (sit.isEnd[sit.node[s]!] === 1) {
      can[s] = 1;
      stack.push(s);
    }
  while (stack.length > 0) {
    const t = stack.pop()!;
    for (let e = back.start[t]!; e < back.start[t + 1]!; e++) {
      const s = back.other[e]!;
      if (can[s] === 1) continue;
      can[s] = 1;
      stack.push(s);
    }
  }
  return can;
}
