/**
 * A session's steps and result re-derived from the scenario it was played on (its stored
 * copy), so that a record whose hashes were all recomputed by hand still cannot claim what the
 * scenario never gives: a choice the node does not have, more points than the way gives, a
 * total above the maximum, a percent that does not follow, a session that reached an ending
 * but carries no result (its result was wiped, to be played again).
 *
 * The walk follows the recorded steps, not the machine: each step must start where the one
 * before led, take a way its node has (a choice whose condition held, the first `when` branch
 * that held, a rule, a timeout the node has), and give exactly that way's points, meters and
 * next node. What typed text a rule matched is not re-judged (the matcher may improve between
 * versions; the rule taken is what scored). The result is then scored as the play screen
 * scored it (core scoreOf) and compared field by field.
 */
import {
  applyEffects,
  holds,
  initialMeters,
  scoreOf,
  visitedBeforeLast,
  type Consequence,
  type Scenario,
  type ScenarioNode,
} from '../core/index.js';
import { canonicalJson } from './chain.js';
import { recordedResult } from './numbers.js';
import type { RecordedAction, SessionRow, StoredEvent } from './store.js';

/** Why a step cannot have happened in this scenario. */
export type StepProblem =
  /** the step is at `node`, but the step before led to `expected` */
  | { readonly kind: 'elsewhere'; readonly node: string; readonly expected: string }
  /** `node` has no such way (choice, rule, branch or timeout) */
  | { readonly kind: 'no-way'; readonly node: string; readonly way: string }
  /** the way exists, but could not be taken then (its condition did not hold, or an earlier branch did) */
  | { readonly kind: 'closed'; readonly node: string; readonly way: string }
  /** the step's points, meters or next node are not what the way gives */
  | {
      readonly kind: 'consequence';
      readonly node: string;
      readonly way: string;
      readonly field: 'points' | 'meters' | 'goto';
    };

/** The result field that does not follow from the steps; `unended`: a result where no ending was reached. */
export type ResultField = 'unended' | 'ending' | 'outcome' | 'total' | 'max' | 'percent' | 'passed' | 'lessons';

export type DerivationBreak =
  | { readonly code: 'event-impossible'; readonly seq: number; readonly step: StepProblem }
  | {
      readonly code: 'result-unfounded';
      readonly seq: null;
      readonly field: ResultField;
      readonly recorded: string;
      readonly derived: string;
    };

/** The way a recorded action names, in words the messages use (`choice id`, `rule 2`, `when 1`, `timeout`). */
export function wayName(action: RecordedAction): string {
  switch (action.kind) {
    case 'choice':
      return action.choice;
    case 'say':
      return `rule ${action.rule + 1}`;
    case 'auto':
      return `when ${action.branch + 1}`;
    case 'timeout':
      return 'timeout';
  }
}

interface Walk {
  at: string;
  path: string[];
  meters: Record<string, number>;
  points: Record<string, number>;
}

type Taken = { readonly way: Consequence } | { readonly problem: 'no-way' | 'closed' };

/** The way `action` takes at `node`, if the node has it and it could be taken then. */
function wayTaken(node: ScenarioNode | undefined, action: RecordedAction, walk: Walk): Taken {
  const before = visitedBeforeLast(walk.path);
  if (node === undefined) return { problem: 'no-way' };
  if (action.kind === 'timeout')
    return node.kind !== 'end' && node.kind !== 'branch' && node.timeout
      ? { way: node.timeout }
      : { problem: 'no-way' };
  if (action.kind === 'choice') {
    const choice = node.kind === 'choice' ? node.choices.find((c) => c.id === action.choice) : undefined;
    if (!choice) return { problem: 'no-way' };
    return holds(choice.if, walk.meters, before) ? { way: choice } : { problem: 'closed' };
  }
  if (action.kind === 'say') {
    const rule = node.kind === 'input' ? node.rules[action.rule] : undefined;
    return rule ? { way: rule } : { problem: 'no-way' };
  }
  const branch = node.kind === 'branch' ? node.when[action.branch] : undefined;
  if (!branch) return { problem: 'no-way' };
  // a `when` node takes its first branch that holds
  const first = node.kind === 'branch' ? node.when.findIndex((b) => holds(b.if, walk.meters, before)) : -1;
  return first === action.branch ? { way: branch } : { problem: 'closed' };
}

/** One recorded step against the scenario; moves the walk on when it could have happened. */
function stepBreak(scenario: Scenario, walk: Walk, e: StoredEvent): DerivationBreak | undefined {
  const impossible = (step: StepProblem): DerivationBreak => ({ code: 'event-impossible', seq: e.seq, step });
  if (e.node !== walk.at) return impossible({ kind: 'elsewhere', node: e.node, expected: walk.at });
  const way = wayName(e.action);
  const taken = wayTaken(scenario.nodes[e.node], e.action, walk);
  if (!('way' in taken)) return impossible({ kind: taken.problem, node: e.node, way });
  const meters = applyEffects(walk.meters, taken.way.effects, scenario.meters);
  const field =
    canonicalJson(e.points) !== canonicalJson(taken.way.score)
      ? 'points'
      : canonicalJson(e.meters) !== canonicalJson(meters)
        ? 'meters'
        : e.goto !== taken.way.goto
          ? 'goto'
          : undefined;
  if (field) return impossible({ kind: 'consequence', node: e.node, way, field });
  for (const [lesson, p] of Object.entries(taken.way.score)) walk.points[lesson] = (walk.points[lesson] ?? 0) + p;
  walk.meters = meters;
  walk.at = taken.way.goto;
  walk.path.push(taken.way.goto);
  return undefined;
}

const shown = (v: unknown) => (v === undefined ? '—' : canonicalJson(v));

/**
 * The first thing in a session's steps or result that its scenario cannot produce, or
 * undefined when everything follows. `scenario` is the session's stored scenario, loaded.
 */
export function derivationBreak(
  scenario: Scenario,
  session: SessionRow,
  events: readonly StoredEvent[],
): DerivationBreak | undefined {
  const walk: Walk = { at: scenario.start, path: [scenario.start], meters: initialMeters(scenario.meters), points: {} };
  for (const e of events) {
    const broken = stepBreak(scenario, walk, e);
    if (broken) return broken;
  }
  const end = scenario.nodes[walk.at];
  const result = session.result;
  if (end?.kind !== 'end')
    return result
      ? { code: 'result-unfounded', seq: null, field: 'unended', recorded: result.ending, derived: walk.at }
      : undefined;
  // Reached an ending, yet unfinished: the process died after the last step and before the
  // result was written (two transactions). `resume` records the result the steps give. A
  // result that was written and then removed is caught by the store's ledger (ledger.ts),
  // which keeps an entry for every result.
  if (!result) return undefined;
  const score = scoreOf(scenario, walk.points, end.outcome);
  const expected = recordedResult({
    finishedAt: result.finishedAt,
    outcome: end.outcome,
    ending: end.id,
    total: score.total,
    max: score.max,
    percent: score.percent,
    passed: score.passed,
    lessons: score.lessons,
  });
  const fields: ResultField[] = ['ending', 'outcome', 'total', 'max', 'percent', 'passed', 'lessons'];
  for (const field of fields) {
    const recorded = shown(result[field as keyof typeof result]);
    const derived = shown(expected[field as keyof typeof expected]);
    if (recorded !== derived) return { code: 'result-unfounded', seq: null, field, recorded, derived };
  }
  return undefined;
}
