/** Raw (shape-checked, reference-checked) data → the model the rest of the program uses. */
import { normalizeAnswer } from '../play/match.js';
import {
  NARRATOR,
  type Branch,
  type CastMember,
  type Choice,
  type Condition,
  type Consequence,
  type Lesson,
  type LessonId,
  type Match,
  type Meter,
  type MeterTest,
  type Rule,
  type Scenario,
  type ScenarioNode,
  type ScenarioTest,
  type AnswerTest,
  type Timeout,
  COMPARISONS,
} from './model.js';
import { LANG_PATTERN, type RawCondition, type RawLesson, type RawScenario } from './schema.js';
import type { LocalizedText } from '../text.js';

export const DEFAULT_PASS_SCORE = 70;

type RawText = string | Readonly<Record<string, string | null>>;

/** Keeps the language entries that hold text (see the flow-map note in schema.ts). */
export function text(raw: RawText): LocalizedText;
export function text(raw: RawText | undefined): LocalizedText | undefined;
export function text(raw: RawText | undefined): LocalizedText | undefined {
  if (raw === undefined || typeof raw === 'string') return raw;
  const kept: Record<string, string> = {};
  for (const [lang, value] of Object.entries(raw))
    if (typeof value === 'string' && LANG_PATTERN.test(lang)) kept[lang] = value;
  return Object.keys(kept).length > 0 ? kept : '';
}

const opt = <K extends string>(key: K, raw: RawText | undefined) =>
  (raw === undefined ? {} : { [key]: text(raw) }) as Partial<Record<K, LocalizedText>>;

export function normalizeCatalog(
  raw: Readonly<Record<string, RawLesson>>,
  origin: Lesson['origin'],
): Record<LessonId, Lesson> {
  const lessons: Record<LessonId, Lesson> = {};
  for (const [id, l] of Object.entries(raw)) {
    lessons[id] = {
      id,
      title: text(l.title),
      principle: text(l.principle),
      origin,
      ...(l.source
        ? { source: { file: l.source.file, ...(l.source.section !== undefined ? { section: l.source.section } : {}) } }
        : {}),
    };
  }
  return lessons;
}

export function normalizeScenario(raw: RawScenario, catalog: Readonly<Record<LessonId, Lesson>>): Scenario {
  const castIds = Object.keys(raw.cast);
  const defaultSpeaker = castIds[0] ?? NARRATOR;
  const scored = new Set<LessonId>();
  const nodes: Record<string, ScenarioNode> = {};
  for (const [id, n] of Object.entries(raw.nodes)) nodes[id] = nodeOf(id, n, defaultSpeaker, scored);
  return {
    id: raw.id,
    title: text(raw.title),
    ...opt('summary', raw.summary),
    ...(raw.difficulty !== undefined ? { difficulty: raw.difficulty } : {}),
    tags: raw.tags ?? [],
    passScore: raw.passScore ?? DEFAULT_PASS_SCORE,
    cast: castOf(raw),
    meters: metersOf(raw),
    lessons: { ...catalog, ...normalizeCatalog(raw.lessons ?? {}, 'inline') },
    scoredLessons: [...scored].sort(),
    start: raw.start,
    nodes,
    tests: testsOf(raw),
    answerTests: answerTestsOf(raw),
  };
}

type RawWay = { score?: Record<string, number>; effects?: Record<string, number>; feedback?: RawText; goto: string };

/** What taking a way does; notes the lessons it scores in `scored`. */
function consequence(c: RawWay, scored: Set<LessonId>): Consequence {
  for (const l of Object.keys(c.score ?? {})) scored.add(l);
  return { score: c.score ?? {}, effects: c.effects ?? {}, goto: c.goto, ...opt('feedback', c.feedback) };
}

function nodeOf(
  id: string,
  n: RawScenario['nodes'][string],
  defaultSpeaker: string,
  scored: Set<LessonId>,
): ScenarioNode {
  const base = { id, speaker: n.speaker ?? defaultSpeaker, ...opt('text', n.text) };
  const timeout: Timeout | undefined = n.timeout
    ? { seconds: n.timeout.seconds, ...consequence(n.timeout, scored) }
    : undefined;
  if (n.choices) {
    const choices: Choice[] = n.choices.map((c) => ({
      id: c.id,
      text: c.text === undefined ? c.id : text(c.text),
      ...consequence(c, scored),
      ...(c.if ? { if: condition(c.if) } : {}),
    }));
    return { ...base, kind: 'choice', choices, ...(timeout ? { timeout } : {}) };
  }
  if (n.input) {
    const rules: Rule[] = n.input.rules.map((r) => ({
      ...consequence(r, scored),
      ...(r.match ? { match: match(r.match) } : {}),
      ...(r.id !== undefined ? { id: r.id } : {}),
    }));
    return {
      ...base,
      kind: 'input',
      rules,
      ...opt('prompt', n.input.prompt),
      ...opt('model', n.input.model),
      ...(timeout ? { timeout } : {}),
    };
  }
  if (n.when) {
    const when: Branch[] = n.when.map((b) => ({ ...consequence(b, scored), ...(b.if ? { if: condition(b.if) } : {}) }));
    return { ...base, kind: 'branch', when };
  }
  return { ...base, kind: 'end', outcome: n.end!.outcome };
}

function castOf(raw: RawScenario): CastMember[] {
  return Object.entries(raw.cast).map(([id, c]) => ({
    id,
    name: text(c.name),
    ...opt('role', c.role),
    ...(c.type !== undefined ? { type: c.type } : {}),
  }));
}

function metersOf(raw: RawScenario): Meter[] {
  return Object.entries(raw.meters ?? {}).map(([id, m]) => ({
    id,
    initial: m.initial ?? 0,
    min: m.min ?? -Infinity,
    max: m.max ?? Infinity,
    ...opt('label', m.label),
  }));
}

function testsOf(raw: RawScenario): ScenarioTest[] {
  return (raw.tests ?? []).flatMap((t) =>
    t.steps && t.expect
      ? [
          {
            name: t.name,
            steps: t.steps.map((s) =>
              typeof s === 'string' ? s : 'say' in s ? { say: String(s.say) } : { wait: true as const },
            ),
            expect: t.expect,
          },
        ]
      : [],
  );
}

function answerTestsOf(raw: RawScenario): AnswerTest[] {
  return (raw.tests ?? []).flatMap((t) =>
    t.node !== undefined && t.answers ? [{ name: t.name, node: t.node, answers: t.answers }] : [],
  );
}

function condition(raw: RawCondition): Condition {
  const meters: MeterTest[] = [];
  const visited: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'visited') {
      if (typeof value === 'string') visited.push(value);
      continue;
    }
    if (typeof value === 'string') continue;
    for (const op of COMPARISONS) {
      const v = value[op];
      if (v !== undefined) meters.push({ meter: key, op, value: v });
    }
  }
  return { meters, visited };
}

type RawMatch = NonNullable<NonNullable<RawScenario['nodes'][string]['input']>['rules'][number]['match']>;

function match(raw: RawMatch): Match {
  const keywords = (list?: string[]) => (list ?? []).map(normalizeAnswer).filter((k) => k !== '');
  return {
    all: keywords(raw.all),
    any: keywords(raw.any),
    none: keywords(raw.none),
    ...(raw.regex !== undefined ? { regex: raw.regex } : {}),
    ...(raw.affirm !== undefined ? { affirm: keywords(raw.affirm) } : {}),
    ...(raw.negate !== undefined ? { negate: keywords(raw.negate) } : {}),
    ...(raw.time !== undefined ? { time: raw.time } : {}),
    ...(raw.hedge !== undefined ? { hedge: raw.hedge } : {}),
  };
}
