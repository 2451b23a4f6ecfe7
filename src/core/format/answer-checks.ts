/**
 * Lint for typed answers beyond the contract: rule ids (unique within a node, usable in tests),
 * `affirm`/`negate` lists that can never match, and the model answer every `input` node should
 * have — which must itself score full marks, or the debrief would hold up a weaker answer as
 * the example.
 */
import { resolveRule, ruleNames } from '../analysis/answer-tests.js';
import { firstMatchingRule } from '../play/match.js';
import {
  answerMessages as M,
  didYouMeanSaid,
  missingField,
  shapeMessages,
  whereSaid,
  type Message,
  type MessageCode,
} from './messages.js';
import type { InputNode, Rule, Scenario } from './model.js';
import type { Finding } from './finding.js';
import type { RawScenario } from './schema.js';
import type { Path } from '../yaml/yaml-source.js';

/** What a rule is worth: the sum of its points over all lessons. */
export function rulePoints(rule: Rule): number {
  return Object.values(rule.score).reduce((a, b) => a + b, 0);
}

/** Indexes of the rules worth the most points in a node. */
export function bestRules(node: InputNode): number[] {
  const best = Math.max(...node.rules.map(rulePoints));
  return node.rules.flatMap((r, i) => (rulePoints(r) === best ? [i] : []));
}

/** Checks on the raw file, before the model is built: rule ids and empty keyword lists. */
export function checkRuleIds(raw: RawScenario): Finding[] {
  const out: Finding[] = [];
  for (const [id, node] of Object.entries(raw.nodes)) {
    const rules = node.input?.rules ?? [];
    const seen = new Map<string, number>();
    rules.forEach((rule, i) => {
      const at: Path = ['nodes', id, 'input', 'rules', i];
      for (const key of ['affirm', 'negate'] as const) {
        const list = rule.match?.[key];
        if (list !== undefined && list.length === 0) {
          const m = M.emptyKeywordList(key, i + 1, id);
          out.push({ path: [...at, 'match', key], severity: 'error', code: m.code, text: m.text });
        }
      }
      if (rule.id === undefined) return;
      const error = (m: { code: MessageCode; text: Finding['text'] }) =>
        out.push({ path: [...at, 'id'], severity: 'error', code: m.code, text: m.text });
      if (!/^[a-z0-9][a-z0-9-]*$/.test(rule.id) || /^\d+$/.test(rule.id)) error(M.badRuleId(rule.id));
      else if (rule.id === 'fallback' && rule.match !== undefined) error(M.fallbackIdReserved(id));
      if (seen.has(rule.id)) error(M.duplicateRuleId(rule.id, id, seen.get(rule.id)! + 1));
      else seen.set(rule.id, i);
    });
  }
  return out;
}

/** Every `input` node has a model answer, and the model answer takes a best-scoring rule. */
export function checkModelAnswers(scenario: Scenario): Finding[] {
  const out: Finding[] = [];
  for (const node of Object.values(scenario.nodes)) {
    if (node.kind !== 'input') continue;
    const at: Path = ['nodes', node.id, 'input'];
    if (node.model === undefined) {
      const m = M.noModelAnswer(node.id);
      out.push({ path: at, part: 'key', severity: 'warning', code: m.code, text: m.text });
      continue;
    }
    const best = bestRules(node);
    const versions: [string | undefined, string][] =
      typeof node.model === 'string' ? [[undefined, node.model]] : Object.entries(node.model);
    for (const [lang, answer] of versions) {
      const taken = firstMatchingRule(node.rules, answer);
      if (best.includes(taken)) continue;
      const describe = (i: number) => ({
        rule: i + 1,
        points: rulePoints(node.rules[i]!),
        ...(node.rules[i]!.id !== undefined ? { id: node.rules[i]!.id } : {}),
      });
      const m = M.modelNotBest(node.id, lang ?? '', describe(taken), describe(best[0]!));
      out.push({
        path: lang === undefined ? [...at, 'model'] : [...at, 'model', lang],
        severity: 'error',
        code: m.code,
        text: m.text,
      });
    }
  }
  return out;
}

/**
 * The shape of each test: a path test has steps and expect; an answers test has node and
 * answers, whose node takes typed input and whose rules exist. (The schema leaves all four
 * optional, so that either kind of test is accepted; the rest is checked here.)
 */
export function checkAnswerTests(raw: RawScenario): Finding[] {
  const out: Finding[] = [];
  const error = (path: Path, m: Message, part: 'key' | 'value' = 'value') =>
    out.push({ path, part, severity: 'error', code: m.code, text: m.text });
  const missing = (i: number, key: string) =>
    error(['tests', i], shapeMessages.invalidField(whereSaid(['tests', i]), missingField(key)));
  (raw.tests ?? []).forEach((t, i) => {
    const path = t.steps !== undefined || t.expect !== undefined;
    const answers = t.node !== undefined || t.answers !== undefined;
    if (path && answers)
      return error(['tests', i, t.node !== undefined ? 'node' : 'answers'], M.testKind(t.name), 'key');
    if (!answers) {
      if (t.steps === undefined) missing(i, 'steps');
      if (t.expect === undefined) missing(i, 'expect');
      return;
    }
    if (t.node === undefined) return missing(i, 'node');
    if (t.answers === undefined) return missing(i, 'answers');
    const node = Object.hasOwn(raw.nodes, t.node) ? raw.nodes[t.node] : undefined;
    const rules = node?.input?.rules;
    if (!rules) {
      const inputs = Object.keys(raw.nodes).filter((n) => raw.nodes[n]!.input !== undefined);
      return error(['tests', i, 'node'], M.testNodeNotInput(t.name, t.node, didYouMeanSaid(t.node, inputs)));
    }
    t.answers.forEach((a, j) => {
      if (resolveRule(rules, a.rule) === undefined)
        error(['tests', i, 'answers', j, 'rule'], M.testUnknownRule(t.name, a.rule, t.node!, ruleNames(rules)));
    });
  });
  return out;
}
