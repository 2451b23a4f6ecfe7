/**
 * Scenario things in words, in the interface language and safe for the terminal: who is
 * speaking, what the trainee did at a step, what a way out of a node means.
 */
import type { Lang, NodeId, RunContext, Scenario, StepRecord, Way } from '../core/index.js';
import { bestRules } from '../core/format/answer-checks.js';
import { firstMatchingRule } from '../core/play/match.js';
import { ruleSaid } from '../core/play/rule-words.js';
import { consequenceOf, NARRATOR } from '../core/format/model.js';
import { safeLine, safeText } from '../core/sanitize.js';
import { localize } from '../core/text.js';
import { stringsFor } from './i18n.js';

export function speakerName(scenario: Scenario, speaker: string, lang: Lang): string {
  if (speaker === NARRATOR) return stringsFor(lang).narrator;
  const member = scenario.cast.find((c) => c.id === speaker);
  return member ? safeLine(localize(member.name, lang)) || member.id : safeLine(speaker);
}

/** Why a way is better: its own feedback, else the principles of the lessons it scores. */
export function whyBetter(scenario: Scenario, way: Way, lang: Lang): string | undefined {
  const c = consequenceOf(way);
  if (c.feedback !== undefined) return safeText(localize(c.feedback, lang));
  const lessons = Object.entries(c.score)
    .filter(([, p]) => p > 0)
    .map(([l]) => scenario.lessons[l])
    .filter((l) => l !== undefined);
  if (lessons.length === 0) return undefined;
  return lessons.map((l) => safeText(localize(l.principle, lang))).join(' ');
}

export function lessonTitle(scenario: Scenario, lesson: string, lang: Lang): string {
  const l = scenario.lessons[lesson];
  return l ? safeLine(localize(l.title, lang)) || lesson : lesson;
}

/** What the trainee did at a step, as it would appear in the transcript. */
export function actionText(scenario: Scenario, step: StepRecord, lang: Lang): string | undefined {
  const t = stringsFor(lang);
  switch (step.action.kind) {
    case 'choice': {
      const node = scenario.nodes[step.node];
      const id = step.action.choice;
      const choice = node?.kind === 'choice' ? node.choices.find((c) => c.id === id) : undefined;
      return safeLine(choice ? localize(choice.text, lang) : id);
    }
    case 'say':
      return safeLine(step.action.text);
    case 'timeout':
      return t.silence;
    case 'auto':
      return undefined;
  }
}

/** The model answer of a typed node, quoted, in the interface language; undefined when it has none. */
export function modelAnswer(scenario: Scenario, nodeId: NodeId, lang: Lang): string | undefined {
  const node = scenario.nodes[nodeId];
  if (node?.kind !== 'input' || node.model === undefined) return undefined;
  return `“${safeLine(localize(node.model, lang))}”`;
}

/** Whether the rule at `index` is one the model answer stands for: the one it takes, or a best one. */
function modelStandsFor(scenario: Scenario, nodeId: NodeId, index: number, lang: Lang): boolean {
  const node = scenario.nodes[nodeId];
  if (node?.kind !== 'input' || node.model === undefined) return false;
  return firstMatchingRule(node.rules, localize(node.model, lang)) === index || bestRules(node).includes(index);
}

/**
 * A way out of a node, as an option the trainee could have taken. For a typed answer whose
 * node has a model answer, the model answer (a sentence a trainee can learn from) stands for
 * the rule it takes and for the best rules, instead of the rule's keywords.
 */
export function wayText(scenario: Scenario, way: Way, lang: Lang, node?: NodeId): string {
  const t = stringsFor(lang);
  switch (way.kind) {
    case 'choice':
      return safeLine(localize(way.choice.text, lang));
    case 'timeout':
      return t.waitOut;
    case 'branch':
      return '';
    case 'rule': {
      if (node !== undefined && modelStandsFor(scenario, node, way.index, lang))
        return modelAnswer(scenario, node, lang)!;
      return ruleSaid(way.rule.match)[lang];
    }
  }
}

export interface TranscriptEntry {
  readonly who: 'speaker' | 'you';
  readonly name: string;
  readonly text: string;
}

/**
 * What was said so far: every node's line, then what the trainee did there. Built from the
 * run's path and steps (steps[i] leaves path[i]), so a resumed run shows its history too.
 * The current node (the last in the path) is left out: the screen shows it separately.
 */
export function transcriptOf(
  scenario: Scenario,
  context: RunContext,
  lang: Lang,
  includeCurrent = false,
): TranscriptEntry[] {
  const out: TranscriptEntry[] = [];
  const last = includeCurrent ? context.path.length : context.path.length - 1;
  for (let i = 0; i < last; i++) {
    const node = scenario.nodes[context.path[i]!]!;
    if (node.text !== undefined) {
      out.push({
        who: 'speaker',
        name: speakerName(scenario, node.speaker, lang),
        text: safeText(localize(node.text, lang)),
      });
    }
    const step = context.steps[i];
    const said = step ? actionText(scenario, step, lang) : undefined;
    if (said !== undefined) out.push({ who: 'you', name: stringsFor(lang).you, text: said });
  }
  return out;
}
