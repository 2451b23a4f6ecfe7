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
import { MAX_ANSWER_LENGTH, normalizeAnswer } from './match.js';
import { regexBudget, regexRisk, regexRiskMessage } from './regex-safety.js';
import type { RawCondition, RawScenario } from './schema.js';
import type { Path } from './yaml-source.js';

// Finding lives in finding.ts (answer-checks.ts, which this file calls, uses it too).
export type { Finding } from './finding.js';

const NODE_KINDS = ['choices', 'input', 'when', 'end'] as const;

export function checkReferences(raw: RawScenario, catalogLessons: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const error = (path: Path, m: Message, part: 'key' | 'value' = 'value') =>
    out.push({ path, part, severity: 'error', code: m.code, text: m.text });
  const warn = (path: Path, m: Message, part: 'key' | 'value' = 'value') =>
    out.push({ path, part, severity: 'warning', code: m.code, text: m.text });
  const patterns = regexBudget(); // one for the file's patterns together

  const nodeIds = Object.keys(raw.nodes);
  const castIds = Object.keys(raw.cast);
  const meterIds = Object.keys(raw.meters ?? {});
  const lessonIds = new Set([...catalogLessons, ...Object.keys(raw.lessons ?? {})]);

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

  for (const id of Object.keys(raw.lessons ?? {})) {
    if (catalogLessons.has(id)) warn(['lessons', id], M.lessonOverridesCatalog(id), 'key');
  }

  const checkGoto = (path: Path, goto: string) => {
    if (!Object.hasOwn(raw.nodes, goto)) error(path, M.unknownNode('goto', goto, near(goto, nodeIds)));
  };
  const checkScore = (path: Path, score: Record<string, number> | undefined) => {
    for (const lesson of Object.keys(score ?? {})) {
      if (!lessonIds.has(lesson)) error([...path, lesson], M.unknownLesson(lesson, near(lesson, lessonIds)), 'key');
    }
  };
  const checkEffects = (path: Path, effects: Record<string, number> | undefined) => {
    for (const meter of Object.keys(effects ?? {})) {
      if (!meterIds.includes(meter))
        error([...path, meter], M.unknownMeterEffect(meter, near(meter, meterIds), meterIds), 'key');
    }
  };
  const checkCondition = (path: Path, cond: RawCondition | undefined) => {
    if (!cond) return;
    for (const [key, value] of Object.entries(cond)) {
      if (key === 'visited') {
        if (typeof value !== 'string') error([...path, key], M.visitedNotNode());
        else if (!Object.hasOwn(raw.nodes, value))
          error([...path, key], M.unknownNode('visited', value, near(value, nodeIds)));
        continue;
      }
      if (!meterIds.includes(key)) {
        error([...path, key], M.unknownMeterCondition(key, near(key, [...meterIds, 'visited'])), 'key');
        continue;
      }
      if (typeof value === 'string' || Object.keys(value).length === 0) {
        error([...path, key], M.compareMeter(key, COMPARISONS));
      }
    }
  };
  const checkConsequence = (
    path: Path,
    c: { score?: Record<string, number>; effects?: Record<string, number>; goto: string },
  ) => {
    checkScore([...path, 'score'], c.score);
    checkEffects([...path, 'effects'], c.effects);
    checkGoto([...path, 'goto'], c.goto);
  };

  for (const [id, node] of Object.entries(raw.nodes)) {
    const at: Path = ['nodes', id];
    const kinds = NODE_KINDS.filter((k) => node[k] !== undefined);
    if (kinds.length === 0) {
      error(at, M.nodeDoesNothing(id), 'key');
      continue;
    }
    if (kinds.length > 1) {
      error([...at, kinds[1]!], M.nodeTwoKinds(id, kinds[0]!, kinds[1]!), 'key');
    }
    if (node.speaker !== undefined && node.speaker !== NARRATOR && !castIds.includes(node.speaker)) {
      error([...at, 'speaker'], M.unknownSpeaker(node.speaker, near(node.speaker, [...castIds, NARRATOR]), castIds));
    }
    if (node.timeout !== undefined && node.choices === undefined && node.input === undefined) {
      error([...at, 'timeout'], M.misplacedTimeout(id, kinds[0]!), 'key');
    }
    if (node.timeout) checkConsequence([...at, 'timeout'], node.timeout);

    if (node.choices) {
      const seen = new Map<string, number>();
      node.choices.forEach((choice, i) => {
        const cp: Path = [...at, 'choices', i];
        if (seen.has(choice.id)) error([...cp, 'id'], M.duplicateChoice(choice.id, id, seen.get(choice.id)! + 1));
        else seen.set(choice.id, i);
        checkCondition([...cp, 'if'], choice.if);
        checkConsequence(cp, choice);
      });
    }

    if (node.input) {
      const rules = node.input.rules;
      const fallbacks = rules.map((r, i) => (r.match === undefined ? i : -1)).filter((i) => i >= 0);
      if (fallbacks.length === 0) {
        error([...at, 'input'], M.noFallbackRule(id), 'key');
      }
      for (const i of fallbacks) {
        if (i !== rules.length - 1) error([...at, 'input', 'rules', i], M.fallbackNotLast(i + 1, id));
      }
      if (fallbacks.length > 1) error([...at, 'input', 'rules', fallbacks[1]!], M.fallbackTwice(id));
      rules.forEach((rule, i) => {
        const rp: Path = [...at, 'input', 'rules', i];
        checkConsequence(rp, rule);
        const m = rule.match;
        if (!m) return;
        const roleplayKeys = m.affirm ?? m.negate ?? m.time ?? m.hedge;
        if (
          !m.all?.length &&
          !m.any?.length &&
          !m.none?.length &&
          m.regex === undefined &&
          roleplayKeys === undefined
        ) {
          warn([...rp, 'match'], M.emptyMatch(i + 1, id), 'key');
        }
        for (const list of ['all', 'any', 'none', 'affirm', 'negate'] as const) {
          (m[list] ?? []).forEach((k, j) => {
            if (normalizeAnswer(k) === '') warn([...rp, 'match', list, j], M.emptyKeyword(k));
          });
        }
        if (m.regex !== undefined) {
          try {
            new RegExp(m.regex, 'u');
            // A pattern that backtracks super-linearly would freeze play (regex-safety.ts).
            const risk = regexRisk(m.regex, patterns);
            if (risk) error([...rp, 'match', 'regex'], regexRiskMessage(risk, MAX_ANSWER_LENGTH));
          } catch (e) {
            error(
              [...rp, 'match', 'regex'],
              M.badRegex((e as Error).message.replace(/^Invalid regular expression: /, '')),
            );
          }
          if (/[A-Z]/.test(m.regex.replace(/\\[A-Za-z]/g, ''))) {
            warn([...rp, 'match', 'regex'], M.regexUpperCase());
          }
        }
      });
    }

    if (node.when) {
      node.when.forEach((entry, i) => {
        const wp: Path = [...at, 'when', i];
        checkCondition([...wp, 'if'], entry.if);
        checkConsequence(wp, entry);
        if (entry.if === undefined && i < node.when!.length - 1) {
          error(wp, M.whenDefaultNotLast(i + 1, id));
        }
      });
      const last = node.when[node.when.length - 1]!;
      if (last.if !== undefined) {
        error([...at, 'when', node.when.length - 1, 'if'], M.whenNoDefault(id), 'key');
      }
    }
  }

  out.push(...checkRuleIds(raw));

  out.push(...checkAnswerTests(raw));

  (raw.tests ?? []).forEach((t, i) => {
    const ending = t.expect?.ending;
    if (ending !== undefined) {
      const endIds = nodeIds.filter((n) => raw.nodes[n]!.end !== undefined);
      if (!endIds.includes(ending))
        error(['tests', i, 'expect', 'ending'], M.unknownEnding(t.name, ending, near(ending, endIds)));
    }
  });

  return out;
}
