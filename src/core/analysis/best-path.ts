/**
 * The best path, used by `roleplay paths`, `graph --best` (bestPath) and the debrief and
 * review (reviewPath). "Best" is explore.ts's: the best total play allows from each
 * situation, which lint makes sure never passes the contract's `max`; the best path is the
 * one explore found, which visits no node twice and scores exactly `max`. The debrief
 * compares each decision of a finished run with the best option in the situation it was
 * taken from.
 */
import type { MeterValues } from '../play/conditions.js';
import { DEFAULT_STATE_LIMIT, explore, ExplorationLimitError, type Exploration } from './explore.js';
import type { RunOutput, StepRecord } from '../play/machine.js';
import type { NodeId, Scenario, Way } from '../format/model.js';
import { buildPath, type FoundPath } from './paths.js';

/**
 * The path that scores the contract's `max`: one that visits no node twice and takes only
 * ways that keep the best total (explore.ts finds it). Undefined when no ending can be
 * reached, or when play could score more than max (a lint error).
 */
export function bestPath(scenario: Scenario, stateLimit = DEFAULT_STATE_LIMIT): FoundPath | undefined {
  const exploration = explore(scenario, stateLimit);
  if (!exploration.best || exploration.problems.length > 0) return undefined;
  return buildPath(scenario, exploration.situations, exploration.best);
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

const sum = (score: Readonly<Record<string, number>>) => Object.values(score).reduce((a, b) => a + b, 0);

/** undefined when the case cannot be scored (too large, or play could pass max: lint says why). */
export function reviewPath(scenario: Scenario, output: RunOutput): PathReview | undefined {
  let exploration: Exploration;
  try {
    exploration = explore(scenario);
  } catch (e) {
    if (e instanceof ExplorationLimitError) return undefined;
    throw e;
  }
  if (exploration.problems.length > 0 || !exploration.best) return undefined;
  const sit = exploration.situations;
  const bestPath = exploration.best.map((e) => {
    const way = sit.ways[sit.edgeWay[e]!]!;
    return { node: sit.graph.ids[way.node]!, way: way.way };
  });
  const turns: TurnReview[] = [];
  let meters: MeterValues = sit.metersOf(0);
  output.steps.forEach((step, i) => {
    if (step.action.kind !== 'auto') turns.push(reviewTurn(exploration, output.path, i, step, meters));
    meters = step.meters;
  });
  return { turns, bestPath };
}

/** Step i (leaving output.path[i]) against the best option in the situation it was taken from. */
function reviewTurn(
  exploration: Exploration,
  path: readonly NodeId[],
  i: number,
  step: StepRecord,
  meters: MeterValues,
): TurnReview {
  const sit = exploration.situations;
  const before = new Set(path.slice(0, i));
  const here = sit.lookup(step.node, meters, (n) => before.has(n));
  before.add(path[i]!);
  const after = sit.lookup(step.goto, step.meters, (n) => before.has(n));
  const earned = sum(step.score);
  const taken = after === undefined ? -Infinity : earned + exploration.bestFrom[after]!;
  let top: { way: Way; value: number; earned: number } | undefined;
  for (let e = here === undefined ? 0 : sit.edgeStart[here]!; here !== undefined && e < sit.edgeStart[here + 1]!; e++) {
    const way = sit.ways[sit.edgeWay[e]!]!;
    const value = way.points + exploration.bestFrom[sit.edgeTo[e]!]!;
    if (!top || value > top.value) top = { way: way.way, value, earned: way.points };
  }
  const missed =
    top && Number.isFinite(top.value) && top.value > taken
      ? top.value - (Number.isFinite(taken) ? taken : top.value)
      : 0;
  return { step, earned, missed, ...(missed > 0 && top ? { better: top.way, betterEarned: top.earned } : {}) };
}
