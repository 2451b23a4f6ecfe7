/**
 * What the debrief says about the path: at every turn where the trainee could still have
 * done better, which option would have given the most points from there and why; and the
 * best path through the whole case. "Best" means the same as the contract's `max`: the
 * highest total over complete paths that visit no node twice (explore.ts computes that
 * number; here we also need the ways that reach it, so we search over `openWays`).
 */
import type { MeterValues, NodeId, OpenWay, RunOutput, Scenario, StepRecord, Way } from '../core/index.js';
import { initialMeters } from '../core/conditions.js';
import { openWays } from '../core/explore.js';
import { components, graphOf } from '../core/graph.js';
import { waysOf, consequenceOf } from '../core/model.js';

/** Searches beyond this many situations give up (the debrief then leaves the comparison out). */
export const REVIEW_BUDGET = 200_000;

class BudgetExceeded extends Error {}

const sum = (score: Readonly<Record<string, number>>) => Object.values(score).reduce((a, b) => a + b, 0);

interface Best {
  /** best points from here to an ending; -Infinity when no ending can be reached */
  readonly value: number;
  readonly way?: OpenWay;
}

/** Memoized best-continuation search on (node, meters, the visited nodes that can matter). */
export class BestPaths {
  private readonly memo = new Map<string, Best>();
  private readonly tracked: ReadonlySet<NodeId>;
  private budget = REVIEW_BUDGET;

  constructor(readonly scenario: Scenario) {
    const graph = graphOf(scenario);
    const { component, cyclic } = components(graph);
    const tracked = new Set<NodeId>();
    graph.ids.forEach((id, i) => {
      if (cyclic[component[i]!]) tracked.add(id);
    });
    for (const node of Object.values(scenario.nodes)) {
      for (const way of waysOf(node)) {
        const cond = way.kind === 'choice' ? way.choice.if : way.kind === 'branch' ? way.branch.if : undefined;
        for (const v of cond?.visited ?? []) tracked.add(v);
      }
    }
    this.tracked = tracked;
  }

  /** Open ways at a situation that keep the path simple, each with its best total from here. */
  options(node: NodeId, meters: MeterValues, visited: readonly NodeId[]): { way: OpenWay; value: number }[] {
    const seen = new Set(visited);
    const before = visited.slice(0, -1);
    const visitedBefore = (n: NodeId) => before.includes(n);
    return openWays(this.scenario, node, meters, visitedBefore)
      .filter((w) => !seen.has(w.to))
      .map((way) => ({
        way,
        value: sum(consequenceOf(way.way).score) + this.best(way.to, way.meters, [...visited, way.to]).value,
      }));
  }

  /** `visited` ends with `node`. */
  best(node: NodeId, meters: MeterValues, visited: readonly NodeId[]): Best {
    if (this.scenario.nodes[node]!.kind === 'end') return { value: 0 };
    const key = `${node}\u0000${JSON.stringify(meters)}\u0000${visited
      .filter((n) => this.tracked.has(n))
      .sort()
      .join(',')}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    if (--this.budget < 0) throw new BudgetExceeded();
    let best: Best = { value: -Infinity };
    for (const o of this.options(node, meters, visited))
      if (o.value > best.value) best = { value: o.value, way: o.way };
    this.memo.set(key, best);
    return best;
  }
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

/** undefined when the case is too large to search within the budget. */
export function reviewPath(scenario: Scenario, output: RunOutput): PathReview | undefined {
  const search = new BestPaths(scenario);
  try {
    let meters: MeterValues = initialMeters(scenario.meters);
    const turns: TurnReview[] = [];
    output.steps.forEach((step, i) => {
      const visited = output.path.slice(0, i + 1);
      if (step.action.kind !== 'auto') {
        const options = search.options(step.node, meters, visited);
        const taken = sum(step.score) + search.best(step.goto, step.meters, [...visited, step.goto]).value;
        const top = options.reduce<{ way: OpenWay; value: number } | undefined>(
          (b, o) => (!b || o.value > b.value ? o : b),
          undefined,
        );
        const missed =
          top && Number.isFinite(top.value) && top.value > taken
            ? top.value - (Number.isFinite(taken) ? taken : top.value)
            : 0;
        turns.push({
          step,
          earned: sum(step.score),
          missed,
          ...(missed > 0 && top ? { better: top.way.way, betterEarned: sum(consequenceOf(top.way.way).score) } : {}),
        });
      }
      meters = step.meters;
    });

    const bestPath: { node: NodeId; way: Way }[] = [];
    let node = scenario.start;
    let m: MeterValues = initialMeters(scenario.meters);
    const visited: NodeId[] = [node];
    while (scenario.nodes[node]!.kind !== 'end') {
      const b = search.best(node, m, visited);
      if (!b.way) break;
      bestPath.push({ node, way: b.way.way });
      node = b.way.to;
      m = b.way.meters;
      visited.push(node);
    }
    return { turns, bestPath };
  } catch (e) {
    if (e instanceof BudgetExceeded) return undefined;
    throw e;
  }
}
