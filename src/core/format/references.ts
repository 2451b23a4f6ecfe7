/**
 * Checks that need the whole file in view: every name used is defined (nodes, speakers,
 * lessons, meters), ids are unique, each node does exactly one thing, inputs end with their
 * fallback rule and `when` lists with their unconditional entry. Each problem points at the
 * offending key or value and, where a known name is close, suggests it.
 */
import type { Finding } from './finding.js';
import { didYouMeanSaid as near, referenceMessages as M, type Message } from './messages.js';
import { COMPARISONS, NARRATOR } from './model.js';
import { checkAnswerTests, checkRuleIds } from './answer-checks.js';
import { MAX_ANSWER_LENGTH, normalizeAnswer } from '../play/match.js';
import { regexBudget, regexRisk, regexRiskMessage } from './regex-safety.js';
import type { RawCondition, RawScenario } from './schema.js';
import type { Path } from '../yaml/yaml-source.js';

// Finding lives in finding.ts (answer-checks.ts, which this file calls, uses it too).
export type { Finding } from './finding.js';

const NODE_KINDS = ['choices', 'input', 'when', 'end'] as const;

/** What every check needs: the names defined, and where to put findings. */
interface Ctx {
  readonly raw: RawScenario;
  readonly nodeIds: readonly string[];
  readonly castIds: readonly string[];
  readonly meterIds: readonly string[];
  readonly lessonIds: ReadonlySet<string>;
  readonly error: (path: Path, m: Message, part?: 'key' | 'value') => void;
  readonly warn: (path: Path, m: Message, part?: 'key' | 'value') => void;
  /** one regex-safety budget for the file's patterns together */
  readonly patterns: ReturnType<typeof regexBudget>;
}

export function checkReferences(raw: RawScenario, catalogLessons: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const ctx: Ctx = {
    raw,
    nodeIds: Object.keys(raw.nodes),
    castIds: Object.keys(raw.cast),
    meterIds: Object.keys(raw.meters ?? {}),
    lessonIds: new Set([...catalogLessons, ...Object.keys(raw.lessons ?? {})]),
    error: (path, m, part = 'value') => out.push({ path, part, severity: 'error', code: m.code, text: m.text }),
    warn: (path, m, part = 'value') => out.push({ path, part, severity: 'warning', code: m.code, text: m.text }),
    patterns: regexBudget(),
  };
  checkDefinitions(ctx, catalogLessons);
  for (const [id, node] of Object.entries(raw.nodes)) checkNode(ctx, id, node);
  out.push(...checkRuleIds(raw));
  out.push(...checkAnswerTests(raw));
  checkTests(ctx);
  return out;
}

/** Cast, nodes, start, meters and inline lessons. */
function checkDefinitions({ raw, nodeIds, castIds, error, warn }: Ctx, catalogLessons: ReadonlySet<string>) {
  if (castIds.length === 0) error(['cast'], M.emptyCast());
  if (castIds.includes(NARRATOR)) error(['cast', NARRATOR], M.reservedCastId(NARRATOR), 'key');
  if (nodeIds.length === 0) error(['nodes'], M.noNodes());
  if (!Object.hasOwn(raw.nodes, raw.start))
    error(['start'], M.unknownNode('start', raw.start, near(raw.start, nodeIds)));
  for (const [id, meter] of Object.entries(raw.meters ?? {})) {
    if (id === 'visited') error(['meters', id], M.reservedMeter(), 'key');
    const min = meter.min ?? -Infinity;
    const max = meter.max ?? Infinity;
    if (min > max) error(['meters', id, 'min'], M.meterMinAboveMax(id, min, max));
    const initial = meter.initial ?? 0;
    if (initial < min || initial > max) error(['meters', id, 'initial'], M.meterInitialOutside(id, initial, min, max));
  }
  for (const id of Object.keys(raw.lessons ?? {}))
    if (catalogLessons.has(id)) warn(['lessons', id], M.lessonOverridesCatalog(id), 'key');
}

type RawNode = RawScenario['nodes'][string];

/** One node: what kind it is, who speaks, its timeout, and its ways. */
function checkNode(ctx: Ctx, id: string, node: RawNode) {
  const { castIds, error } = ctx;
  const at: Path = ['nodes', id];
  const kinds = NODE_KINDS.filter((k) => node[k] !== undefined);
  if (kinds.length === 0) {
    error(at, M.nodeDoesNothing(id), 'key');
    return;
  }
  if (kinds.length > 1) error([...at, kinds[1]!], M.nodeTwoKinds(id, kinds[0]!, kinds[1]!), 'key');
  if (node.speaker !== undefined && node.speaker !== NARRATOR && !castIds.includes(node.speaker))
    error([...at, 'speaker'], M.unknownSpeaker(node.speaker, near(node.speaker, [...castIds, NARRATOR]), castIds));
  if (node.timeout !== undefined && node.choices === undefined && node.input === undefined)
    error([...at, 'timeout'], M.misplacedTimeout(id, kinds[0]!), 'key');
  if (node.timeout) checkConsequence(ctx, at, ['timeout'], node.timeout);
  if (node.choices) checkChoices(ctx, id, node.choices);
  if (node.input) checkInput(ctx, id, node.input.rules);
  if (node.when) checkWhen(ctx, id, node.when);
}

function checkChoices(ctx: Ctx, id: string, choices: NonNullable<RawNode['choices']>) {
  const seen = new Map<string, number>();
  choices.forEach((choice, i) => {
    if (seen.has(choice.id))
      ctx.error(['nodes', id, 'choices', i, 'id'], M.duplicateChoice(choice.id, id, seen.get(choice.id)! + 1));
    else seen.set(choice.id, i);
    checkCondition(ctx, ['nodes', id, 'choices', i], choice.if);
    checkConsequence(ctx, ['nodes', id], ['choices', i], choice);
  });
}

function checkInput(ctx: Ctx, id: string, rules: NonNullable<RawNode['input']>['rules']) {
  const { error } = ctx;
  const at: Path = ['nodes', id];
  const fallbacks = rules.map((r, i) => (r.match === undefined ? i : -1)).filter((i) => i >= 0);
  if (fallbacks.length === 0) error([...at, 'input'], M.noFallbackRule(id), 'key');
  for (const i of fallbacks)
    if (i !== rules.length - 1) error([...at, 'input', 'rules', i], M.fallbackNotLast(i + 1, id));
  if (fallbacks.length > 1) error([...at, 'input', 'rules', fallbacks[1]!], M.fallbackTwice(id));
  rules.forEach((rule, i) => {
    checkConsequence(ctx, at, ['input', 'rules', i], rule);
    if (rule.match) checkMatch(ctx, id, i, rule.match);
  });
}

function checkMatch(ctx: Ctx, id: string, i: number, m: NonNullable<RawRule['match']>) {
  const rp: Path = ['nodes', id, 'input', 'rules', i];
  const roleplayKeys = m.affirm ?? m.negate ?? m.time ?? m.hedge;
  if (!m.all?.length && !m.any?.length && !m.none?.length && m.regex === undefined && roleplayKeys === undefined)
    ctx.warn([...rp, 'match'], M.emptyMatch(i + 1, id), 'key');
  for (const list of ['all', 'any', 'none', 'affirm', 'negate'] as const)
    (m[list] ?? []).forEach((k, j) => {
      if (normalizeAnswer(k) === '') ctx.warn([...rp, 'match', list, j], M.emptyKeyword(k));
    });
  if (m.regex === undefined) return;
  try {
    new RegExp(m.regex, 'u');
    // A pattern that backtracks super-linearly would freeze play (regex-safety.ts).
    const risk = regexRisk(m.regex, ctx.patterns);
    if (risk) ctx.error([...rp, 'match', 'regex'], regexRiskMessage(risk, MAX_ANSWER_LENGTH));
  } catch (e) {
    ctx.error([...rp, 'match', 'regex'], M.badRegex((e as Error).message.replace(/^Invalid regular expression: /, '')));
  }
  if (/[A-Z]/.test(m.regex.replace(/\\[A-Za-z]/g, ''))) ctx.warn([...rp, 'match', 'regex'], M.regexUpperCase());
}

type RawRule = NonNullable<RawNode['input']>['rules'][number];

function checkWhen(ctx: Ctx, id: string, when: NonNullable<RawNode['when']>) {
  when.forEach((entry, i) => {
    checkCondition(ctx, ['nodes', id, 'when', i], entry.if);
    checkConsequence(ctx, ['nodes', id], ['when', i], entry);
    if (entry.if === undefined && i < when.length - 1)
      ctx.error(['nodes', id, 'when', i], M.whenDefaultNotLast(i + 1, id));
  });
  if (when[when.length - 1]!.if !== undefined)
    ctx.error(['nodes', id, 'when', when.length - 1, 'if'], M.whenNoDefault(id), 'key');
}

/**
 * A way's score, effects and goto. Paths are built only for findings (`at` + `rest` + key):
 * on a valid case with thousands of ways, none is.
 */
function checkConsequence(
  { raw, nodeIds, meterIds, lessonIds, error }: Ctx,
  at: Path,
  rest: Path,
  c: { score?: Record<string, number>; effects?: Record<string, number>; goto: string },
) {
  if (c.score)
    for (const lesson of Object.keys(c.score))
      if (!lessonIds.has(lesson))
        error([...at, ...rest, 'score', lesson], M.unknownLesson(lesson, near(lesson, lessonIds)), 'key');
  if (c.effects)
    for (const meter of Object.keys(c.effects))
      if (!meterIds.includes(meter))
        error([...at, ...rest, 'effects', meter], M.unknownMeterEffect(meter, near(meter, meterIds), meterIds), 'key');
  if (!Object.hasOwn(raw.nodes, c.goto))
    error([...at, ...rest, 'goto'], M.unknownNode('goto', c.goto, near(c.goto, nodeIds)));
}

/** An `if`: meters named with comparisons, `visited` naming a node. `at` is the way's path. */
function checkCondition({ raw, nodeIds, meterIds, error }: Ctx, at: Path, cond: RawCondition | undefined) {
  if (!cond) return;
  for (const [key, value] of Object.entries(cond)) {
    if (key === 'visited') {
      if (typeof value !== 'string') error([...at, 'if', key], M.visitedNotNode());
      else if (!Object.hasOwn(raw.nodes, value))
        error([...at, 'if', key], M.unknownNode('visited', value, near(value, nodeIds)));
      continue;
    }
    if (!meterIds.includes(key)) {
      error([...at, 'if', key], M.unknownMeterCondition(key, near(key, [...meterIds, 'visited'])), 'key');
      continue;
    }
    if (typeof value === 'string' || Object.keys(value).length === 0)
      error([...at, 'if', key], M.compareMeter(key, COMPARISONS));
  }
}

/** A test's expected ending must be an ending. */
function checkTests({ raw, nodeIds, error }: Ctx) {
  (raw.tests ?? []).forEach((t, i) => {
    const ending = t.expect?.ending;
    if (ending === undefined) return;
    const endIds = nodeIds.filter((n) => raw.nodes[n]!.end !== undefined);
    if (!endIds.includes(ending))
      error(['tests', i, 'expect', 'ending'], M.unknownEnding(t.name, ending, near(ending, endIds)));
  });
}
