/**
 * The report's replies in words: each way out of a node (a reply, a typed-answer rule, a
 * timeout, an automatic branch) as a team lead reads it, in the report's language, made safe
 * for a terminal, with its points and their mark. The ids stay beside them for tools.
 */
import {
  consequenceOf,
  firstMatchingRule,
  localize,
  safeLine,
  waysOf,
  type Condition,
  type Lang,
  type Scenario,
  type ScenarioNode,
  type Way,
} from '../core/index.js';
import { bestRules } from '../core/format/answer-checks.js';
import { wayKey } from '../core/records/records.js';
import { recordStrings } from './strings.js';
import { ruleSaid } from '../core/play/rule-words.js';

/** ✓ a way that earns points, ✗ one that loses them, · one that does neither. */
export type Mark = '✓' | '✗' | '·';

export const markOf = (points: number): Mark => (points > 0 ? '✓' : points < 0 ? '✗' : '·');

/** A way in words, its points (summed over lessons), and where it leads. */
export interface WayWords {
  readonly text: string;
  readonly points: number;
  readonly goto: string;
  /** a rule's own name, when the author gave it one */
  readonly ruleId?: string;
}

/** Every way out of `node`, by the key the records use. */
export function waysInWords(scenario: Scenario, node: ScenarioNode, lang: Lang): Map<string, WayWords> {
  const out = new Map<string, WayWords>();
  for (const way of waysOf(node)) {
    const c = consequenceOf(way);
    const points = Object.values(c.score).reduce((a, b) => a + b, 0);
    const ruleId = way.kind === 'rule' ? way.rule.id : undefined;
    out.set(wayKey(way), {
      text: wayText(scenario, node, way, lang),
      points,
      goto: c.goto,
      ...(ruleId !== undefined ? { ruleId } : {}),
    });
  }
  return out;
}

function wayText(scenario: Scenario, node: ScenarioNode, way: Way, lang: Lang): string {
  const t = recordStrings(lang);
  switch (way.kind) {
    case 'choice':
      return safeLine(localize(way.choice.text, lang)) || way.choice.id;
    case 'timeout':
      return t.noReply;
    case 'branch':
      return way.branch.if ? conditionText(scenario, way.branch.if, lang) : t.otherwise;
    case 'rule':
      return ruleText(node, way.index, lang);
  }
}

/**
 * A typed-answer rule: the model answer when it is the answer this rule stands for (the one
 * the model takes, or a best rule), else what the rule listens for (rule-words.ts).
 */
function ruleText(node: ScenarioNode, index: number, lang: Lang): string {
  if (node.kind !== 'input') return lang === 'zh' ? `规则 ${index + 1}` : `rule ${index + 1}`;
  const rule = node.rules[index]!;
  if (node.model !== undefined) {
    const model = localize(node.model, lang);
    if (firstMatchingRule(node.rules, model) === index || bestRules(node).includes(index))
      return `“${safeLine(model)}”`;
  }
  return ruleSaid(rule.match)[lang];
}

const OPS = { eq: '=', gte: '≥', gt: '>', lte: '≤', lt: '<' } as const;

/** An automatic branch's condition, e.g. "if goodwill = 0 and visited permit". */
function conditionText(scenario: Scenario, cond: Condition, lang: Lang): string {
  const t = recordStrings(lang);
  const label = (id: string) => {
    const meter = scenario.meters.find((m) => m.id === id);
    return meter?.label !== undefined ? safeLine(localize(meter.label, lang)) || id : id;
  };
  const parts = [
    ...cond.meters.map((m) => `${label(m.meter)} ${OPS[m.op]} ${m.value}`),
    ...cond.visited.map((n) => t.visited(n)),
  ];
  return t.ifCondition(parts.join(t.and));
}
