/**
 * The validated scenario: what the loader produces once a file has passed every check.
 * Everything here is already resolved (speakers, defaults, normalized keywords), so the
 * compiler, scorer and analysers never have to re-check a reference.
 */
import type { LocalizedText } from '../text.js';

export type NodeId = string;
export type LessonId = string;
export type MeterId = string;
export type CastId = string;

export const NARRATOR = 'narrator';
export type SpeakerId = CastId | typeof NARRATOR;

export const OUTCOMES = ['success', 'partial', 'failure'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const CUSTOMER_TYPES = [
  'angry',
  'hesitant',
  'friendly',
  'insistent',
  'power',
  'social',
  'harmony',
  'thinking',
  'other',
] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

export const COMPARISONS = ['eq', 'gte', 'gt', 'lte', 'lt'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export interface MeterTest {
  readonly meter: MeterId;
  readonly op: Comparison;
  readonly value: number;
}

/** All parts must hold. `visited` nodes must have been entered before the current node. */
export interface Condition {
  readonly meters: readonly MeterTest[];
  readonly visited: readonly NodeId[];
}

/** What happens when a way out of a node is taken. */
export interface Consequence {
  readonly score: Readonly<Record<LessonId, number>>;
  readonly effects: Readonly<Record<MeterId, number>>;
  readonly feedback?: LocalizedText;
  readonly goto: NodeId;
}

export interface Choice extends Consequence {
  readonly id: string;
  readonly text: LocalizedText;
  readonly if?: Condition;
}

export interface Timeout extends Consequence {
  readonly seconds: number;
}

/** Keywords are stored normalized (see match.ts), so matching never re-normalizes them. */
export interface Match {
  readonly all: readonly string[];
  readonly any: readonly string[];
  readonly none: readonly string[];
  readonly regex?: string;
  /** roleplay: some keyword is said and not under a negation (answer-language.ts) */
  readonly affirm?: readonly string[];
  /** roleplay: some keyword is said under a negation */
  readonly negate?: readonly string[];
  /** roleplay: the answer names a concrete time or date (true) / names none (false) */
  readonly time?: boolean;
  /** roleplay: the answer holds a hedge (true) / holds none (false) */
  readonly hedge?: boolean;
}

export interface Rule extends Consequence {
  /** undefined: the fallback rule, which always matches */
  readonly match?: Match;
  /** roleplay: a name for the rule, unique within its node (tests and reports use it) */
  readonly id?: string;
}

export interface Branch extends Consequence {
  /** undefined: the unconditional last entry */
  readonly if?: Condition;
}

interface NodeBase {
  readonly id: NodeId;
  readonly speaker: SpeakerId;
  readonly text?: LocalizedText;
}

export interface ChoiceNode extends NodeBase {
  readonly kind: 'choice';
  readonly choices: readonly Choice[];
  readonly timeout?: Timeout;
}

export interface InputNode extends NodeBase {
  readonly kind: 'input';
  readonly prompt?: LocalizedText;
  /** roleplay: the answer a strong engineer would give, shown in the debrief */
  readonly model?: LocalizedText;
  readonly rules: readonly Rule[];
  readonly timeout?: Timeout;
}

export interface BranchNode extends NodeBase {
  readonly kind: 'branch';
  readonly when: readonly Branch[];
}

export interface EndNode extends NodeBase {
  readonly kind: 'end';
  readonly outcome: Outcome;
}

export type ScenarioNode = ChoiceNode | InputNode | BranchNode | EndNode;
export type NodeKind = ScenarioNode['kind'];

export interface CastMember {
  readonly id: CastId;
  readonly name: LocalizedText;
  readonly role?: LocalizedText;
  readonly type?: CustomerType;
}

export interface Meter {
  readonly id: MeterId;
  readonly initial: number;
  readonly min: number;
  readonly max: number;
  readonly label?: LocalizedText;
}

export interface LessonSource {
  readonly file: string;
  readonly section?: string;
}

export interface Lesson {
  readonly id: LessonId;
  readonly title: LocalizedText;
  readonly principle: LocalizedText;
  readonly source?: LessonSource;
  /** where it came from: the scenario itself or the shared catalog */
  readonly origin: 'inline' | 'catalog';
}

export type TestStep = string | { readonly say: string } | { readonly wait: true };

export interface TestExpectation {
  readonly outcome?: Outcome;
  readonly ending?: NodeId;
  readonly percent?: number;
  readonly minPercent?: number;
  readonly maxPercent?: number;
  readonly passed?: boolean;
  readonly total?: number;
}

export interface ScenarioTest {
  readonly name: string;
  readonly steps: readonly TestStep[];
  readonly expect: TestExpectation;
}

/** roleplay: a typed answer and the rule it must take: a rule id, `fallback`, or a 1-based number. */
export interface SampleAnswer {
  readonly say: string;
  readonly rule: string | number;
}

/** roleplay: a test of the sample answers at one `input` node (tests: with node + answers). */
export interface AnswerTest {
  readonly name: string;
  readonly node: NodeId;
  readonly answers: readonly SampleAnswer[];
}

export interface Scenario {
  readonly id: string;
  readonly title: LocalizedText;
  readonly summary?: LocalizedText;
  readonly difficulty?: 1 | 2 | 3;
  readonly tags: readonly string[];
  readonly passScore: number;
  /** in file order; the first is the default speaker */
  readonly cast: readonly CastMember[];
  readonly meters: readonly Meter[];
  /** every lesson this scenario can see: catalog merged with inline (inline wins) */
  readonly lessons: Readonly<Record<LessonId, Lesson>>;
  /** lessons some `score` in this scenario mentions, sorted: the ones reported in results */
  readonly scoredLessons: readonly LessonId[];
  readonly start: NodeId;
  readonly nodes: Readonly<Record<NodeId, ScenarioNode>>;
  /** the path tests (steps + expect) */
  readonly tests: readonly ScenarioTest[];
  /** roleplay: the sample-answer tests (node + answers), in file order */
  readonly answerTests: readonly AnswerTest[];
}

/** Every way out of a node, in the order the file gives them. */
export type Way =
  | { readonly kind: 'choice'; readonly choice: Choice }
  | { readonly kind: 'rule'; readonly index: number; readonly rule: Rule }
  | { readonly kind: 'timeout'; readonly timeout: Timeout }
  | { readonly kind: 'branch'; readonly index: number; readonly branch: Branch };

// The analyses ask for a node's ways many times over (lint: some ten passes over every node);
// they are made once per node, so each pass allocates nothing and a way is the same object
// every time it is asked for.
const waysByNode = new WeakMap<ScenarioNode, readonly Way[]>();

export function waysOf(node: ScenarioNode): readonly Way[] {
  let ways = waysByNode.get(node);
  if (!ways) waysByNode.set(node, (ways = Object.freeze(makeWays(node))));
  return ways;
}

function makeWays(node: ScenarioNode): Way[] {
  switch (node.kind) {
    case 'choice': {
      const ways: Way[] = node.choices.map((choice) => ({ kind: 'choice', choice }));
      if (node.timeout) ways.push({ kind: 'timeout', timeout: node.timeout });
      return ways;
    }
    case 'input': {
      const ways: Way[] = node.rules.map((rule, index) => ({ kind: 'rule', index, rule }));
      if (node.timeout) ways.push({ kind: 'timeout', timeout: node.timeout });
      return ways;
    }
    case 'branch':
      return node.when.map((branch, index) => ({ kind: 'branch', index, branch }));
    case 'end':
      return [];
  }
}

export function consequenceOf(way: Way): Consequence {
  switch (way.kind) {
    case 'choice':
      return way.choice;
    case 'rule':
      return way.rule;
    case 'timeout':
      return way.timeout;
    case 'branch':
      return way.branch;
  }
}

/** The customer a case is about: the first cast member. */
export function customerOf(scenario: Scenario): CastMember {
  return scenario.cast[0]!;
}
