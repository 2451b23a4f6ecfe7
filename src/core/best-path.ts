/**
 * The one best-path search, used by `roleplay paths`, `graph --best` (bestPath) and the
 * debrief and review (reviewPath). "Best" means the same as the contract's `max`: the highest
 * total over complete paths that visit no node twice. explore.ts computes that number; here
 * we also need the ways that reach it, so we search over `openWays` with explore's memo key
 * (node, meters, the visited nodes that still matter), then walk from the start always taking
 * a way whose points plus the best from where it leads equal the best from here.
 */
import { initialMeters, type MeterValues } from './conditions.js';
import { DEFAULT_STATE_LIMIT, explore, openWays, type OpenWay } from './explore.js';
import { components, graphOf } from './graph.js';
import type { RunOutput, StepRecord } from './machine.js';
import { consequenceOf, type NodeId, type Scenario, type Way } from './model.js';
import { buildPath, pointsOf, referencedNodes, type FoundPath } from './paths.js';

/** The debrief's budget: a case that needs more situations shows no comparison (it must answer at once). */
export const REVIEW_BUDGET = 200_000;

/** The search met more situations than its budget allows. */
class SearchLimit extends Error {}

const sum = (score: Readonly<Record<string, number>>) => Object.values(score).reduce((a, b) => a + b, 0);

/** A way out of a situation and the best total it leads to (-Infinity when no ending can be reached). */
export interface Option {
  readonly way: OpenWay;
  readonly value: number;
}

/**
 * Memoized best continuation from a situation. `tracked` lists the nodes visited before the
 * current one that can still matter: those named in a `visited` condition and those inside a
 * loop (the only ones a simple path could step on again).
 */
export class BestPathSearch {
  private readonly memo = new Map<string, number>();
  private readonly referenced: ReadonlySet<NodeId>;
  private readonly component: Int32Array;
  private readonly cyclic: readonly boolean[];
  private readonly index: ReadonlyMap<NodeId, number>;
  private readonly meterIds: readonly string[];

  constructor(
    readonly scenario: Scenario,
    private readonly limit: number,
  ) {
    const graph = graphOf(scenario);
    const { component, cyclic } = components(graph);
    this.component = component;
    this.cyclic = cyclic;
    this.index = graph.index;
    this.referenced = referencedNodes(scenario);
    this.meterIds = scenario.meters.map((m) => m.id);
  }

  /** `tracked` once the path leaves `node`. */
  after(node: NodeId, tracked: readonly NodeId[]): readonly NodeId[] {
    const tracks = this.referenced.has(node) || this.cyclic[this.componentOf(node)]!;
    return tracks && !tracked.includes(node) ? [...tracked, node] : tracked;
  }

  /** The best points from this situation to an ending; -Infinity when none can be reached. */
  bestFrom(node: NodeId, meters: MeterValues, tracked: readonly NodeId[]): number {
    if (this.scenario.nodes[node]!.kind === 'end') return 0;
    const key = this.keyOf(node, meters, tracked);
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    if (this.memo.size >= this.limit) throw new SearchLimit();
    let best = -Infinity;
    for (const o of this.options(node, meters, tracked)) best = Math.max(best, o.value);
    this.memo.set(key, best);
    return best;
  }

  /** The open ways that keep the path simple, in play's order, each with the best total through it. */
  options(node: NodeId, meters: MeterValues, tracked: readonly NodeId[]): Option[] {
    const set = new Set(tracked);
    const next = this.after(node, tracked);
    return openWays(this.scenario, node, meters, (n) => set.has(n))
      .filter((w) => w.to !== node && !set.has(w.to))
      .map((way) => {
        // Depth is at most the number of nodes (simple paths); the callers catch a RangeError.
        const child = this.bestFrom(way.to, way.meters, next);
        return { way, value: child > -Infinity ? pointsOf(way.way) + child : -Infinity };
      });
  }

  /** A best continuation from here, way by way, up to the ending (shorter when no ending can be reached). */
  walk(start: NodeId, meters: MeterValues, tracked: readonly NodeId[]): { node: NodeId; way: OpenWay }[] {
    const taken: { node: NodeId; way: OpenWay }[] = [];
    let node = start;
    while (this.scenario.nodes[node]!.kind !== 'end') {
      const target = this.bestFrom(node, meters, tracked);
      const best = this.options(node, meters, tracked).find((o) => o.value > -Infinity && o.value === target);
      if (!best) break;
      taken.push({ node, way: best.way });
      tracked = this.after(node, tracked);
      node = best.way.to;
      meters = best.way.meters;
    }
    return taken;
  }

  private componentOf(node: NodeId): number {
    return this.component[this.index.get(node)!]!;
  }

  private keyOf(node: NodeId, meters: MeterValues, tracked: readonly NodeId[]): string {
    const comp = this.componentOf(node);
    const relevant = tracked.filter(
      (t) => this.referenced.has(t) || (this.cyclic[comp] && this.componentOf(t) === comp),
    );
    return `${node}\u0000${this.meterIds.map((m) => meters[m]).join(',')}\u0000${relevant.join(' ')}`;
  }
}

/** undefined when the search is over budget, or too deep to run (a simple path thousands of nodes long). */
function within<T>(search: () => T): T | undefined {
  try {
    return search();
  } catch (e) {
    if (e instanceof SearchLimit || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** The path that scores the contract's `max`; undefined when no ending can be reached or the case is too large. */
export function bestPath(scenario: Scenario, stateLimit = DEFAULT_STATE_LIMIT): FoundPath | undefined {
  if (explore(scenario, stateLimit).maxima.total === -Infinity) return undefined;
  const search = new BestPathSearch(scenario, stateLimit);
  const taken = within(() => search.walk(scenario.start, initialMeters(scenario.meters), []));
  if (!taken) return undefined;
  const last = taken.length > 0 ? taken[taken.length - 1]!.way.to : scenario.start;
  if (scenario.nodes[last]!.kind !== 'end') return undefined;
  return buildPath(scenario, scenario.start, taken);
}

/** How the trainee left one node, compared with the best option at that moment. */
export interface TurnReview {
  readonly step: StepRecord;
  /** points this step earned */
  readonly earned: number;
  /** how many more points the best option would have led to (0 when the step was best) */
  readonly missed: number;
  readonly better?: Way;
  readonly betterEarned?: number;
}

export interface PathReview {
  readonly turns: readonly TurnReview[];
  /** the ways of the best path from the start, in order (automatic branches included) */
  readonly bestPath: readonly { readonly node: NodeId; readonly way: Way }[];
}

/** One decision against the best option there (the first best, in play's order). */
function reviewTurn(search: BestPathSearch, step: StepRecord, meters: MeterValues, tracked: readonly NodeId[]) {
  const options = search.options(step.node, meters, tracked);
  const taken = sum(step.score) + search.bestFrom(step.goto, step.meters, search.after(step.node, tracked));
  const top = options.reduce<Option | undefined>((b, o) => (!b || o.value > b.value ? o : b), undefined);
  const missed =
    top && Number.isFinite(top.value) && top.value > taken
      ? top.value - (Number.isFinite(taken) ? taken : top.value)
      : 0;
  return {
    step,
    earned: sum(step.score),
    missed,
    ...(missed > 0 && top ? { better: top.way.way, betterEarned: sum(consequenceOf(top.way.way).score) } : {}),
  };
}

/** Each decision of a finished run against the best option there, and the best path; undefined when too large. */
export function reviewPath(scenario: Scenario, output: RunOutput, budget = REVIEW_BUDGET): PathReview | undefined {
  const search = new BestPathSearch(scenario, budget);
  return within(() => {
    let meters: MeterValues = initialMeters(scenario.meters);
    let tracked: readonly NodeId[] = [];
    const turns: TurnReview[] = [];
    for (const step of output.steps) {
      if (step.action.kind !== 'auto') turns.push(reviewTurn(search, step, meters, tracked));
      tracked = search.after(step.node, tracked);
      meters = step.meters;
    }
    const walked = search.walk(scenario.start, initialMeters(scenario.meters), []);
    return { turns, bestPath: walked.map(({ node, way }) => ({ node, way: way.way })) };
  });
}
