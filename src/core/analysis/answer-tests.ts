/**
 * Sample answers in `tests:` (roleplay): at one `input` node, each answer must take the rule
 * the trainer names — by id, `fallback` (the rule without `match`) or its 1-based number. So a
 * case can pin down what a good, a hedged, a rude and an off-topic answer score, and a change
 * of keywords that breaks one of them fails `roleplay test`.
 */
import { firstMatchingRule } from '../play/match.js';
import type { AnswerTest, InputNode, Rule, Scenario } from '../format/model.js';

/** What a test may call a rule: its id, `fallback` for the rule without match, its number. */
type RuleLike = Pick<Rule, 'id'> & { readonly match?: unknown };

/** The index of the rule `ref` names, or undefined. */
export function resolveRule(rules: readonly RuleLike[], ref: string | number): number | undefined {
  if (typeof ref === 'number') return Number.isInteger(ref) && ref >= 1 && ref <= rules.length ? ref - 1 : undefined;
  const byId = rules.findIndex((r) => r.id === ref);
  if (byId >= 0) return byId;
  if (ref === 'fallback') {
    const fallback = rules.findIndex((r) => r.match === undefined);
    return fallback >= 0 ? fallback : undefined;
  }
  return /^\d+$/.test(ref) ? resolveRule(rules, Number(ref)) : undefined;
}

/** How a test may name each rule, for "use one of: …". */
export function ruleNames(rules: readonly RuleLike[]): string[] {
  return rules.map((r, i) => r.id ?? (r.match === undefined ? 'fallback' : String(i + 1)));
}

export interface AnswerResult {
  readonly say: string;
  /** the rule the test expects, as an index (undefined: the test names no such rule) */
  readonly expected: number | undefined;
  readonly taken: number;
  readonly ok: boolean;
}

/** Each sample answer of the test, matched at its node with the engine's own matcher. */
export function runAnswerTest(scenario: Scenario, test: AnswerTest): AnswerResult[] {
  const node = scenario.nodes[test.node];
  if (node?.kind !== 'input') return [];
  return test.answers.map((a) => {
    const expected = resolveRule(node.rules, a.rule);
    const taken = firstMatchingRule(node.rules, a.say);
    return { say: a.say, expected, taken, ok: expected === taken };
  });
}

/** A rule as a report names it: its number and, when it has one, its id. */
export function ruleLabel(node: InputNode, index: number): { rule: number; id?: string } {
  const id = node.rules[index]?.id;
  return id === undefined ? { rule: index + 1 } : { rule: index + 1, id };
}
