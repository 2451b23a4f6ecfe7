/**
 * Exploring every situation a trainee can be in: (node, meter values, the visited nodes that
 * matter). This single pass gives the scoring maxima of the contract and the facts lint
 * needs (reachable nodes, choices ever shown, branches ever taken, dead ends).
 *
 * Method. `max` is defined over complete paths that visit no node twice. The best score from
 * a situation onwards depends only on the current node, the meters, and those already-visited
 * nodes that can still matter: nodes named in a `visited` condition, and nodes of the current
 * strongly connected component (the only ones a simple path could otherwise re-enter).
 * Memoizing on that key makes acyclic scenarios linear in the number of distinct
 * (node, meters) situations; inside cycles the key grows with the nodes visited in the cycle,
 * so a large, densely cyclic component can still be exponential. A budget (`stateLimit`)
 * turns that case into a clear error instead of a hang.
 *
 * Every lesson's maximum is taken over the same set of paths as the total, but separately,
 * which is why lesson maxima need not add up to `max`.
 */
import { applyEffects, holds, initialMeters, type MeterValues } from './conditions.js';
import { components, graphOf } from './graph.js';
import { consequenceOf, waysOf, type LessonId, type NodeId, type Scenario, type Way } from './model.js';

export interface EndingRange {
  readonly best: number;
  readonly worst: number;
}

export interface Maxima {
  /** best total over complete simple paths; -Infinity when no ending can be reached */
  readonly total: number;
  /** worst total over the same paths; +Infinity when none */
  readonly minTotal: number;
  /** each scored lesson's best points */
  readonly lessons: Readonly<Record<LessonId, number>>;
  /** each reachable ending's best and worst total */
  readonly endings: Readonly<Record<NodeId, EndingRange>>;
}

export interface Exploration {
  readonly maxima: Maxima;
  readonly reachedNodes: ReadonlySet<NodeId>;
  /** `${node}\u0000${choiceId}` of choices shown in some reachable situation */
  readonly shownChoices: ReadonlySet<string>;
  /** `${node}\u0000${entryIndex}` of `when` entries taken in some reachable situation */
  readonly firedBranches: ReadonlySet<string>;
  /** choice nodes where, in some reachable situation, nothing is shown and nothing times out */
  readonly stuckAt: ReadonlyMap<NodeId, MeterValues>;
  readonly states: number;
}

export class ExplorationLimitError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit.toLocaleString('en')} distinct situations (node, meters, visited nodes)`);
  }
}

export const DEFAULT_STATE_LIMIT = 2_000_000;

/** A way that is open in a situation, with where it leads. */
export interface OpenWay {
  readonly way: Way;
  readonly to: NodeId;
  readonly meters: MeterValues;
}

/** The ways open at `node` with these meters: what the trainee can do, or what happens automatically. */
export function openWays(
  scenario: Scenario,
  node: NodeId,
  meters: MeterValues,
  visitedBefore: (n: NodeId) => boolean,
): OpenWay[] {
  const result: OpenWay[] = [];
  for (const way of waysOf(scenario.nodes[node]!)) {
    if (way.kind === 'choice' && !holds(way.choice.if, meters, visitedBefore)) continue;
    if (way.kind === 'branch' && !holds(way.branch.if, meters, visitedBefore)) continue;
    const c = consequenceOf(way);
    result.push({ way, to: c.goto, meters: applyEffects(meters, c.effects, scenario.meters) });
    // A `when` node goes the one way its first true entry gives.
    if (way.kind === 'branch') break;
  }
  return result;
}

interface Value {
  best: number;
  worst: number;
  lessons: Float64Array;
  endBest: Float64Array;
  endWorst: Float64Array;
}

interface Frame {
  readonly key: string;
  readonly node: number;
  readonly value: Value;
  readonly ways: OpenWay[];
  readonly tracked: readonly number[];
  i: number;
  /** the way whose child is being computed */
  pending?: OpenWay;
}

const cache = new WeakMap<Scenario, Exploration>();

export function explore(scenario: Scenario, stateLimit = DEFAULT_STATE_LIMIT): Exploration {
  const cached = cache.get(scenario);
  if (cached) return cached;
  const result = run(scenario, stateLimit);
  cache.set(scenario, result);
  return result;
}

function run(scenario: Scenario, stateLimit: number): Exploration {
  const graph = graphOf(scenario);
  const { component, cyclic } = components(graph);
  const lessonIds = scenario.scoredLessons;
  const lessonIndex = new Map(lessonIds.map((l, i) => [l, i] as const));
  const endIds = graph.ids.filter((id) => scenario.nodes[id]!.kind === 'end');
  const endIndex = new Map(endIds.map((id, i) => [graph.index.get(id)!, i] as const));
  const meterIds = scenario.meters.map((m) => m.id);

  // Nodes whose having-been-visited can change what happens later.
  const referenced = new Set<number>();
  for (const id of graph.ids) {
    for (const way of waysOf(scenario.nodes[id]!)) {
      const cond = way.kind === 'choice' ? way.choice.if : way.kind === 'branch' ? way.branch.if : undefined;
      for (const v of cond?.visited ?? []) {
        const i = graph.index.get(v);
        if (i !== undefined) referenced.add(i);
      }
    }
  }
  const isTracked = (n: number) => referenced.has(n) || cyclic[component[n]!]!;

  const memo = new Map<string, Value>();
  const reached = new Set<number>();
  const shownChoices = new Set<string>();
  const firedBranches = new Set<string>();
  const stuckAt = new Map<NodeId, MeterValues>();

  const L = lessonIds.length;
  const E = endIds.length;
  const emptyValue = (): Value => ({
    best: -Infinity,
    worst: Infinity,
    lessons: new Float64Array(L).fill(-Infinity),
    endBest: new Float64Array(E).fill(-Infinity),
    endWorst: new Float64Array(E).fill(Infinity),
  });

  const keyOf = (node: number, meters: MeterValues, tracked: readonly number[]) => {
    let key = String(node);
    for (const m of meterIds) key += ',' + meters[m];
    // Only visited nodes that can still matter from here are part of the situation.
    const comp = component[node];
    let first = true;
    for (const t of tracked) {
      if (referenced.has(t) || (cyclic[comp!] && component[t] === comp)) {
        key += (first ? '|' : ' ') + t;
        first = false;
      }
    }
    return key;
  };

  const fold = (into: Value, way: OpenWay, child: Value) => {
    if (child.best === -Infinity) return;
    const c = consequenceOf(way.way);
    let delta = 0;
    const lessonDelta = new Float64Array(L);
    for (const [lesson, pts] of Object.entries(c.score)) {
      delta += pts;
      const li = lessonIndex.get(lesson);
      if (li !== undefined) lessonDelta[li] = (lessonDelta[li] ?? 0) + pts;
    }
    into.best = Math.max(into.best, delta + child.best);
    into.worst = Math.min(into.worst, delta + child.worst);
    for (let l = 0; l < L; l++) into.lessons[l] = Math.max(into.lessons[l]!, lessonDelta[l]! + child.lessons[l]!);
    for (let e = 0; e < E; e++) {
      into.endBest[e] = Math.max(into.endBest[e]!, delta + child.endBest[e]!);
      into.endWorst[e] = Math.min(into.endWorst[e]!, delta + child.endWorst[e]!);
    }
  };

  const open = (node: number, meters: MeterValues, tracked: readonly number[], key: string): Frame => {
    if (memo.size >= stateLimit) throw new ExplorationLimitError(stateLimit);
    reached.add(node);
    const id = graph.ids[node]!;
    const scenarioNode = scenario.nodes[id]!;
    const value = emptyValue();
    if (scenarioNode.kind === 'end') {
      value.best = value.worst = 0;
      value.lessons.fill(0);
      const e = endIndex.get(node)!;
      value.endBest[e] = value.endWorst[e] = 0;
      return { key, node, value, ways: [], tracked, i: 0 };
    }
    const trackedSet = new Set(tracked);
    const visitedBefore = (n: NodeId) => {
      const i = graph.index.get(n);
      return i !== undefined && trackedSet.has(i);
    };
    const all = openWays(scenario, id, meters, visitedBefore);
    for (const w of all) {
      if (w.way.kind === 'choice') shownChoices.add(id + '\u0000' + w.way.choice.id);
      if (w.way.kind === 'branch') firedBranches.add(id + '\u0000' + w.way.index);
    }
    if (scenarioNode.kind === 'choice' && all.length === 0 && !stuckAt.has(id)) stuckAt.set(id, meters);
    const ways = all.filter((w) => {
      const to = graph.index.get(w.to)!;
      return to !== node && !trackedSet.has(to); // simple paths only
    });
    return { key, node, value, ways, tracked, i: 0 };
  };

  const startIndex = graph.index.get(scenario.start)!;
  const startMeters = initialMeters(scenario.meters);
  const stack: Frame[] = [open(startIndex, startMeters, [], keyOf(startIndex, startMeters, []))];
  let rootValue: Value | undefined;

  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.i >= frame.ways.length) {
      stack.pop();
      memo.set(frame.key, frame.value);
      const parent = stack[stack.length - 1];
      if (parent) fold(parent.value, parent.pending!, frame.value);
      else rootValue = frame.value;
      continue;
    }
    const way = frame.ways[frame.i++]!;
    const to = graph.index.get(way.to)!;
    const tracked = isTracked(frame.node) ? [...frame.tracked, frame.node] : frame.tracked;
    const key = keyOf(to, way.meters, tracked);
    const known = memo.get(key);
    if (known) {
      fold(frame.value, way, known);
      continue;
    }
    frame.pending = way;
    stack.push(open(to, way.meters, tracked, key));
  }

  const root = rootValue!;
  const lessons: Record<LessonId, number> = {};
  lessonIds.forEach((l, i) => { lessons[l] = root.lessons[i]!; });
  const endings: Record<NodeId, EndingRange> = {};
  endIds.forEach((id, e) => {
    if (root.endBest[e]! > -Infinity) endings[id] = { best: root.endBest[e]!, worst: root.endWorst[e]! };
  });
  return {
    maxima: { total: root.best, minTotal: root.worst, lessons, endings },
    reachedNodes: new Set([...reached].map((i) => graph.ids[i]!)),
    shownChoices,
    firedBranches,
    stuckAt,
    states: memo.size,
  };
}
