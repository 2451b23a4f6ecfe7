/**
 * Which parts of a case its tests never exercise: nodes never entered, choices never taken,
 * endings never reached. Fed with the step records of test runs (complete or not: a test
 * that fails half-way still exercised the steps it took), so it needs no second player.
 */
import type { StepRecord } from '../play/machine.js';
import type { NodeId, Scenario } from '../format/model.js';

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
  /** typed-answer rules taken by a test's `say` step or by a sample answer */
  readonly rules: CoverageCount;
  readonly missedNodes: readonly NodeId[];
  /** `node.choice` */
  readonly missedChoices: readonly string[];
  readonly missedEndings: readonly NodeId[];
  /** `node#rule`: the rule's id, else its number */
  readonly missedRules: readonly string[];
}

/** A rule some sample answer took (tests: with node + answers). */
export interface RuleTaken {
  readonly node: NodeId;
  readonly rule: number;
}

/** `runs`: the step records of each test run, in order; `sampled`: the answers tests and the rules their answers took. */
export function coverageOf(
  scenario: Scenario,
  runs: readonly (readonly StepRecord[])[],
  sampled: { readonly tests: number; readonly taken: readonly RuleTaken[] } = { tests: 0, taken: [] },
): ScenarioCoverage {
  const entered = new Set<NodeId>();
  const taken = new Set<string>();
  const rulesTaken = new Set(sampled.taken.map((a) => `${a.node}#${a.rule}`));
  if (runs.length > 0) entered.add(scenario.start);
  for (const steps of runs) {
    for (const r of steps) {
      entered.add(r.node);
      entered.add(r.goto);
      if (r.action.kind === 'choice') taken.add(`${r.node}.${r.action.choice}`);
      if (r.action.kind === 'say') rulesTaken.add(`${r.node}#${r.action.rule}`);
    }
  }
  const allRules = Object.values(scenario.nodes).flatMap((n) =>
    n.kind === 'input' ? n.rules.map((r, i) => ({ key: `${n.id}#${i}`, name: `${n.id}#${r.id ?? i + 1}` })) : [],
  );
  const missedRules = allRules.filter((r) => !rulesTaken.has(r.key)).map((r) => r.name);
  const nodes = Object.values(scenario.nodes);
  const allChoices = nodes.flatMap((n) => (n.kind === 'choice' ? n.choices.map((c) => `${n.id}.${c.id}`) : []));
  const endings = nodes.filter((n) => n.kind === 'end').map((n) => n.id);
  const missedNodes = nodes.map((n) => n.id).filter((id) => !entered.has(id));
  const missedChoices = allChoices.filter((c) => !taken.has(c));
  const missedEndings = endings.filter((id) => !entered.has(id));
  return {
    scenario: scenario.id,
    tests: runs.length + sampled.tests,
    nodes: { covered: nodes.length - missedNodes.length, total: nodes.length },
    choices: { covered: allChoices.length - missedChoices.length, total: allChoices.length },
    endings: { covered: endings.length - missedEndings.length, total: endings.length },
    rules: { covered: allRules.length - missedRules.length, total: allRules.length },
    missedNodes,
    missedChoices,
    missedEndings,
    missedRules,
  };
}

/** Coverage summed over several scenarios, for the summary line. */
export function totalCoverage(all: readonly ScenarioCoverage[]): {
  nodes: CoverageCount;
  choices: CoverageCount;
  endings: CoverageCount;
  rules: CoverageCount;
} {
  const sum = (pick: (c: ScenarioCoverage) => CoverageCount): CoverageCount => ({
    covered: all.reduce((s, c) => s + pick(c).covered, 0),
    total: all.reduce((s, c) => s + pick(c).total, 0),
  });
  return {
    nodes: sum((c) => c.nodes),
    choices: sum((c) => c.choices),
    endings: sum((c) => c.endings),
    rules: sum((c) => c.rules),
  };
}
