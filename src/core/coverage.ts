/**
 * Which parts of a case its tests never exercise: nodes never entered, choices never taken,
 * endings never reached. Fed with the step records of test runs (complete or not: a test
 * that fails half-way still exercised the steps it took), so it needs no second player.
 */
import type { StepRecord } from './machine.js';
import type { NodeId, Scenario } from './model.js';

export interface CoverageCount {
  readonly covered: number;
  readonly total: number;
}

export interface ScenarioCoverage {
  readonly scenario: string;
  readonly tests: number;
  readonly nodes: CoverageCount;
  readonly choices: CoverageCount;
  readonly endings: CoverageCount;
  readonly missedNodes: readonly NodeId[];
  /** `node.choice` */
  readonly missedChoices: readonly string[];
  readonly missedEndings: readonly NodeId[];
}

/** `runs`: the step records of each test run, in order. */
export function coverageOf(scenario: Scenario, runs: readonly (readonly StepRecord[])[]): ScenarioCoverage {
  const entered = new Set<NodeId>();
  const taken = new Set<string>();
  if (runs.length > 0) entered.add(scenario.start);
  for (const steps of runs) {
    for (const r of steps) {
      entered.add(r.node);
      entered.add(r.goto);
      if (r.action.kind === 'choice') taken.add(`${r.node}.${r.action.choice}`);
    }
  }
  const nodes = Object.values(scenario.nodes);
  const allChoices = nodes.flatMap((n) => (n.kind === 'choice' ? n.choices.map((c) => `${n.id}.${c.id}`) : []));
  const endings = nodes.filter((n) => n.kind === 'end').map((n) => n.id);
  const missedNodes = nodes.map((n) => n.id).filter((id) => !entered.has(id));
  const missedChoices = allChoices.filter((c) => !taken.has(c));
  const missedEndings = endings.filter((id) => !entered.has(id));
  return {
    scenario: scenario.id,
    tests: runs.length,
    nodes: { covered: nodes.length - missedNodes.length, total: nodes.length },
    choices: { covered: allChoices.length - missedChoices.length, total: allChoices.length },
    endings: { covered: endings.length - missedEndings.length, total: endings.length },
    missedNodes,
    missedChoices,
    missedEndings,
  };
}

/** Coverage summed over several scenarios, for the summary line. */
export function totalCoverage(all: readonly ScenarioCoverage[]): {
  nodes: CoverageCount;
  choices: CoverageCount;
  endings: CoverageCount;
} {
  const sum = (pick: (c: ScenarioCoverage) => CoverageCount): CoverageCount => ({
    covered: all.reduce((s, c) => s + pick(c).covered, 0),
    total: all.reduce((s, c) => s + pick(c).total, 0),
  });
  return { nodes: sum((c) => c.nodes), choices: sum((c) => c.choices), endings: sum((c) => c.endings) };
}
