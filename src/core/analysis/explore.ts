/**
 * The scoring maxima, computed the way play allows a trainee to move, and the facts lint
 * needs (nodes play reaches, choices ever shown, `when` entries ever taken, dead ends).
 *
 * Method (docs/architecture.md, "How the maxima are computed"). Play is the graph of
 * situations (situations.ts): node, tested meters, visited nodes that matter. Over it,
 * extremes.ts finds the best and worst totals over walks, revisits included, in polynomial
 * time. The contract's `max` is the best total over complete paths that visit no node twice;
 * when the best walk is such a path, the two are equal, and explore finds that path by a
 * search along the ways that keep the best total (tight ways). Otherwise play could score
 * more than `max`, and that is a scoring problem lint reports as an error:
 *  - a loop that earns points each round (the best walk is unbounded), or
 *  - a best walk that must come back through a node to score what it does.
 * Each lesson's maximum is found the same way, with that lesson's points alone. Each
 * ending's best and worst total are over walks from the start (a loop that loses points
 * makes the worst unbounded: -Infinity).
 */
import { applyEffects, holds, type MeterValues } from '../play/conditions.js';
import { components as nodeComponents } from './graph.js';
import {
  acyclicOrder,
  condense,
  extremes,
  reverse,
  type Condensation,
  type Loop,
  type Objectives,
  type Rows,
} from './extremes.js';
import { consequenceOf, waysOf, type LessonId, type NodeId, type Scenario, type Way } from '../format/model.js';
import { simpleBestPath, simpleReach, type Objective, type SimpleSearch } from './simple-paths.js';
import { buildSituations, DEFAULT_STATE_LIMIT, type Situations } from './situations.js';

export { DEFAULT_STATE_LIMIT, ExplorationLimitError } from './situations.js';
import { RelaxationLimitError } from './extremes.js';
export { RelaxationLimitError };

export interface EndingRange {
  readonly best: number;
  /** -Infinity when a loop that loses points can be repeated on the way */
  readonly worst: number;
}

export interface Maxima {
  /** the best total (the contract's max when there is no scoring problem); -Infinity when no ending can be reached */
  readonly total: number;
  /** the worst total over play; +Infinity when no ending can be reached, -Infinity when a losing loop can repeat */
  readonly minTotal: number;
  /** each scored lesson's best points */
  readonly lessons: Readonly<Record<LessonId, number>>;
  /** each reachable ending's best and worst total */
  readonly endings: Readonly<Record<NodeId, EndingRange>>;
}

/** Why play could score more than the contract's max; lint reports each as an error. */
export type ScoringProblem = (
  | /** going round `loop` earns `points` each round */
  { readonly kind: 'loop-earns'; readonly points: number }
  /** the best total, `best`, needs going round `loop` at least once: no path without a repeat scores it */
  | { readonly kind: 'revisit-beats'; readonly best: number }
  /** whether a path without a repeat scores `best` could not be decided within `budget` search steps */
  | { readonly kind: 'undecided'; readonly best: number; readonly budget: number }
) & {
  /** the problem is about this lesson's points alone (not the total) */
  readonly lesson?: LessonId;
  /** the loop's nodes in walk order (the first comes again after the last) */
  readonly loop: readonly NodeId[];
  /** the first way on the loop that earns points, where a fix would go; undefined when none does */
  readonly earning?: { readonly node: NodeId; readonly way: Way };
};

export interface Exploration {
  readonly maxima: Maxima;
  /** nodes play reaches */
  readonly reachedNodes: ReadonlySet<NodeId>;
  /** `${node}\u0000${choiceId}` of choices play shows */
  readonly shownChoices: ReadonlySet<string>;
  /** `${node}\u0000${entryIndex}` of `when` entries play takes */
  readonly firedBranches: ReadonlySet<string>;
  /** choice nodes where, in some situation play reaches, nothing is shown and nothing times out */
  readonly stuckAt: ReadonlyMap<NodeId, MeterValues>;
  /**
   * What paths that visit no node twice reach and show, when it can differ from play (the
   * case has loops) and the search for it finished; undefined otherwise.
   */
  readonly simple?: { readonly nodes: ReadonlySet<NodeId>; readonly shownChoices: ReadonlySet<string> };
  readonly problems: readonly ScoringProblem[];
  /** situations play can be in */
  readonly states: number;
  readonly situations: Situations;
  /** per situation, the best total from there to an ending */
  readonly bestFrom: Float64Array;
  /** the edges (situations.ts) of a path from the start that visits no node twice and scores max */
  readonly best?: readonly number[];
}

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

const cache = new WeakMap<Scenario, Exploration>();

export function explore(scenario: Scenario, stateLimit = DEFAULT_STATE_LIMIT): Exploration {
  const cached = cache.get(scenario);
  if (cached) return cached;
  const result = run(scenario, stateLimit);
  cache.set(scenario, result);
  return result;
}

/** The situation graph in the shapes extremes.ts takes. */
interface Prepared {
  readonly sit: Situations;
  readonly forward: Rows;
  /** the reversed rows, built when first needed */
  readonly backward: Rows;
  readonly condensation: Condensation;
  /** the node graph has a loop: walks may repeat nodes */
  readonly loops: boolean;
}

function prepare(scenario: Scenario, stateLimit: number): Prepared {
  const sit = buildSituations(scenario, stateLimit);
  const E = sit.edgeStart[sit.count]!;
  const forward: Rows = {
    start: sit.edgeStart.subarray(0, sit.count + 1),
    other: sit.edgeTo.subarray(0, E),
    way: sit.edgeWay.subarray(0, E),
  };
  const nodes = nodeComponents(sit.graph);
  const loops = nodes.cyclic.some(Boolean);
  // Without a loop among the nodes there is none among situations: the nodes' order (sinks
  // first) orders the situations, and Tarjan's algorithm is not needed.
  let condensation: Condensation;
  if (loops) condensation = condense(forward);
  else {
    const rank = new Int32Array(sit.count);
    for (let s = 0; s < sit.count; s++) rank[s] = nodes.component[sit.node[s]!]!;
    condensation = acyclicOrder(rank, nodes.members.length);
  }
  let backward: Rows | undefined;
  return {
    sit,
    forward,
    get backward() {
      return (backward ??= reverse(forward));
    },
    condensation,
    loops,
  };
}

/** Objective k of the backward pass: 0 the total, 1 the total negated (for the worst), 2 + l lesson l. */
function scoreObjectives(sit: Situations): Objectives {
  const L = sit.scenario.scoredLessons.length;
  const K = 2 + L;
  const weight = new Float64Array(sit.ways.length * K);
  for (const w of sit.ways) {
    weight[w.id * K] = w.points;
    weight[w.id * K + 1] = -w.points;
    for (let l = 0; l < L; l++) weight[w.id * K + 2 + l] = w.lessons[l]!;
  }
  return { K, weight, init: (s) => (sit.isEnd[sit.node[s]!] === 1 ? 0 : -Infinity) };
}

function run(scenario: Scenario, stateLimit: number): Exploration {
  const p = prepare(scenario, stateLimit);
  const { sit } = p;
  const objectives = scoreObjectives(sit);
  const { value, loops } = named(sit, () => extremes(p.forward, () => p.backward, p.condensation, true, objectives));
  const K = objectives.K;
  const objective = (k: number) => ({
    best: (s: number) => value[s * K + k]!,
    points: (way: number) => objectives.weight[way * K + k]!,
  });
  const problems: ScoringProblem[] = loops[0]!.map((loop) => earningLoop(sit, loop, objective(0)));
  // Without a loop every walk visits no node twice: there is nothing to check, and the best
  // path is looked for only when asked for (lint does not need it).
  const best = p.loops && problems.length === 0 ? checkSimple(p, objective(0), undefined, problems) : undefined;
  const lessons: Record<LessonId, number> = {};
  scenario.scoredLessons.forEach((lesson, l) => {
    lessons[lesson] = value[2 + l]!;
    if (!p.loops || problems.some((x) => x.lesson === undefined)) return;
    for (const loop of loops[2 + l]!) problems.push({ ...earningLoop(sit, loop, objective(2 + l)), lesson });
    if (loops[2 + l]!.length === 0) checkSimple(p, objective(2 + l), lesson, problems);
  });
  let acyclicBest: readonly number[] | undefined;
  const facts = sit.facts;
  let endings: Record<NodeId, EndingRange> | undefined;
  let bestFrom: Float64Array | undefined;
  return {
    maxima: {
      total: value[0]!,
      minTotal: 0 - value[1]!,
      lessons,
      // computed when asked for (paths, the debrief): lint does not need them
      get endings() {
        return (endings ??= endingRanges(p));
      },
    },
    reachedNodes: new Set(sit.graph.ids.filter((_, n) => facts.reached[n] === 1)),
    ...openFacts(sit),
    stuckAt: facts.stuckAt,
    // what only a revisit reaches matters to lint's warnings, which a case with errors does not get
    ...(p.loops && problems.length === 0 ? withSimple(simpleReach(sit)) : {}),
    problems,
    states: sit.count,
    situations: sit,
    get bestFrom() {
      if (bestFrom) return bestFrom;
      bestFrom = new Float64Array(sit.count);
      for (let s = 0; s < sit.count; s++) bestFrom[s] = value[s * K]!;
      return bestFrom;
    },
    get best() {
      // (on a case without loops the search can add no problem: every walk is a path)
      return p.loops ? best : (acyclicBest ??= checkSimple(p, objective(0), undefined, problems));
    },
  };
}

/** Runs f; a relaxation that ran out of budget is given the names of its loop's nodes. */
function named<T>(sit: Situations, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RelaxationLimitError)
      e.nodes = [...new Set(e.situations.map((s) => sit.graph.ids[sit.node[s]!]!))].sort();
    throw e;
  }
}

function withSimple(simple: SimpleSearch['reach'] | undefined): Pick<Exploration, 'simple'> {
  return simple ? { simple } : {};
}

/** Choices play shows and `when` entries play takes, as lint names them. */
function openFacts(sit: Situations): Pick<Exploration, 'shownChoices' | 'firedBranches'> {
  const shownChoices = new Set<string>();
  const firedBranches = new Set<string>();
  for (const w of sit.ways) {
    if (sit.facts.open[w.node]![w.index] !== 1) continue;
    if (w.way.kind === 'choice') shownChoices.add(`${sit.graph.ids[w.node]!}\u0000${w.way.choice.id}`);
    if (w.way.kind === 'branch') firedBranches.add(`${sit.graph.ids[w.node]!}\u0000${w.way.index}`);
  }
  return { shownChoices, firedBranches };
}

/** Each ending's best and worst total over walks from the start. */
function endingRanges(p: Prepared): Record<NodeId, EndingRange> {
  const { sit } = p;
  const weight = new Float64Array(sit.ways.length * 2);
  for (const w of sit.ways) {
    weight[w.id * 2] = w.points;
    weight[w.id * 2 + 1] = -w.points;
  }
  const init = (s: number) => (s === 0 ? 0 : -Infinity);
  const to = named(sit, () =>
    extremes(p.backward, () => p.forward, p.condensation, false, { K: 2, weight, init }),
  ).value;
  const best = new Map<number, number>();
  const worst = new Map<number, number>();
  for (let s = 0; s < sit.count; s++) {
    const n = sit.node[s]!;
    if (sit.isEnd[n] !== 1 || to[s * 2] === -Infinity) continue;
    best.set(n, Math.max(best.get(n) ?? -Infinity, to[s * 2]!));
    worst.set(n, Math.min(worst.get(n) ?? Infinity, 0 - to[s * 2 + 1]!));
  }
  const endings: Record<NodeId, EndingRange> = {};
  sit.graph.ids.forEach((id, n) => {
    if (best.has(n)) endings[id] = { best: best.get(n)!, worst: worst.get(n)! };
  });
  return endings;
}

/** A loop of situations as a problem naming its nodes in walk order. */
function earningLoop(sit: Situations, loop: Loop, objective: Objective): ScoringProblem {
  return {
    kind: 'loop-earns',
    loop: loop.situations.map((s) => sit.graph.ids[sit.node[s]!]!),
    points: loop.gain,
    ...earningWay(sit, loop.ways, objective),
  };
}

/** The first of these ways that earns points by the objective. */
function earningWay(sit: Situations, ways: readonly number[], objective: Objective): Pick<ScoringProblem, 'earning'> {
  const id = ways.find((w) => objective.points(w) > 0);
  if (id === undefined) return {};
  const way = sit.ways[id]!;
  return { earning: { node: sit.graph.ids[way.node]!, way: way.way } };
}

/**
 * Whether the best walk for an objective can be had without a repeat; the edges of such a
 * path when it can, else a problem added to `problems`.
 */
function checkSimple(
  p: Prepared,
  objective: Objective,
  lesson: LessonId | undefined,
  problems: ScoringProblem[],
): readonly number[] | undefined {
  const top = objective.best(0);
  if (top === -Infinity) return undefined;
  const found = simpleBestPath(p.sit, objective, p.loops);
  if (found.kind === 'found') return found.edges;
  const at = {
    ...(lesson === undefined ? {} : { lesson }),
    loop: found.loop.nodes,
    ...earningWay(p.sit, found.loop.ways, objective),
  };
  if (found.kind === 'repeats') problems.push({ kind: 'revisit-beats', ...at, best: top });
  else problems.push({ kind: 'undecided', ...at, best: top, budget: found.budget });
  return undefined;
}
