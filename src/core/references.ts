/**
 * Checks that need the whole file in view: every name used is defined (nodes, speakers,
 * lessons, meters), ids are unique, each node does exactly one thing, inputs end with their
 * fallback rule and `when` lists with their unconditional entry. Each problem points at the
 * offending key or value and, where a known name is close, suggests it.
 */
import type { Severity } from './diagnostics.js';
import { COMPARISONS, NARRATOR } from './model.js';
import { normalizeAnswer } from './match.js';
import type { RawCondition, RawScenario } from './schema.js';
import { didYouMean, listOf } from './suggest.js';
import type { Path } from './yaml-source.js';

export interface Finding {
  readonly path: Path;
  readonly part?: 'key' | 'value';
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

const NODE_KINDS = ['choices', 'input', 'when', 'end'] as const;

export function checkReferences(raw: RawScenario, catalogLessons: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const error = (path: Path, code: string, message: string, part: 'key' | 'value' = 'value') =>
    out.push({ path, part, severity: 'error', code, message });
  const warn = (path: Path, code: string, message: string, part: 'key' | 'value' = 'value') =>
    out.push({ path, part, severity: 'warning', code, message });

  const nodeIds = Object.keys(raw.nodes);
  const castIds = Object.keys(raw.cast);
  const meterIds = Object.keys(raw.meters ?? {});
  const lessonIds = new Set([...catalogLessons, ...Object.keys(raw.lessons ?? {})]);

  if (castIds.length === 0) error(['cast'], 'empty-cast', 'cast needs at least one member; the first one is the default speaker');
  if (castIds.includes(NARRATOR)) error(['cast', NARRATOR], 'reserved-cast-id', `'${NARRATOR}' is reserved for narration; give this cast member another id`, 'key');
  if (nodeIds.length === 0) error(['nodes'], 'no-nodes', 'nodes is empty; a scenario needs at least a start node and an ending');
  if (!Object.hasOwn(raw.nodes, raw.start)) error(['start'], 'unknown-node', `start names unknown node '${raw.start}'${didYouMean(raw.start, nodeIds)}`);

  for (const [id, meter] of Object.entries(raw.meters ?? {})) {
    if (id === 'visited') error(['meters', id], 'reserved-meter', "'visited' is reserved for conditions on visited nodes; name the meter differently", 'key');
    const min = meter.min ?? -Infinity;
    const max = meter.max ?? Infinity;
    if (min > max) error(['meters', id, 'min'], 'meter-range', `meter '${id}' has min ${min} above max ${max}`);
    const initial = meter.initial ?? 0;
    if (initial < min || initial > max) error(['meters', id, 'initial'], 'meter-range', `meter '${id}' starts at ${initial}, outside its range ${min}..${max}`);
  }

  for (const id of Object.keys(raw.lessons ?? {})) {
    if (catalogLessons.has(id)) warn(['lessons', id], 'lesson-overrides-catalog', `inline lesson '${id}' replaces the catalog lesson of the same id for this scenario`, 'key');
  }

  const checkGoto = (path: Path, goto: string) => {
    if (!Object.hasOwn(raw.nodes, goto)) error(path, 'unknown-node', `goto names unknown node '${goto}'${didYouMean(goto, nodeIds)}`);
  };
  const checkScore = (path: Path, score: Record<string, number> | undefined) => {
    for (const lesson of Object.keys(score ?? {})) {
      if (!lessonIds.has(lesson)) error([...path, lesson], 'unknown-lesson', `unknown lesson '${lesson}'${didYouMean(lesson, lessonIds)} (lessons come from scenarios/lessons.yaml or this file's lessons:)`, 'key');
    }
  };
  const checkEffects = (path: Path, effects: Record<string, number> | undefined) => {
    for (const meter of Object.keys(effects ?? {})) {
      if (!meterIds.includes(meter)) error([...path, meter], 'unknown-meter', `unknown meter '${meter}'${didYouMean(meter, meterIds)}${meterIds.length ? ` (meters: ${listOf(meterIds)})` : ' (this scenario defines no meters)'}`, 'key');
    }
  };
  const checkCondition = (path: Path, cond: RawCondition | undefined) => {
    if (!cond) return;
    for (const [key, value] of Object.entries(cond)) {
      if (key === 'visited') {
        if (typeof value !== 'string') error([...path, key], 'bad-condition', 'visited takes a node id, e.g. `visited: ask-details`');
        else if (!Object.hasOwn(raw.nodes, value)) error([...path, key], 'unknown-node', `visited names unknown node '${value}'${didYouMean(value, nodeIds)}`);
        continue;
      }
      if (!meterIds.includes(key)) {
        error([...path, key], 'unknown-meter', `unknown meter '${key}' in condition${didYouMean(key, [...meterIds, 'visited'])}`, 'key');
        continue;
      }
      if (typeof value === 'string' || Object.keys(value).length === 0) {
        error([...path, key], 'bad-condition', `compare meter '${key}' with one of ${COMPARISONS.join(', ')}, e.g. { ${key}: { gte: 1 } }`);
      }
    }
  };
  const checkConsequence = (path: Path, c: { score?: Record<string, number>; effects?: Record<string, number>; goto: string }) => {
    checkScore([...path, 'score'], c.score);
    checkEffects([...path, 'effects'], c.effects);
    checkGoto([...path, 'goto'], c.goto);
  };

  for (const [id, node] of Object.entries(raw.nodes)) {
    const at: Path = ['nodes', id];
    const kinds = NODE_KINDS.filter((k) => node[k] !== undefined);
    if (kinds.length === 0) {
      error(at, 'node-kind', `node '${id}' does nothing: give it exactly one of choices, input, when or end`, 'key');
      continue;
    }
    if (kinds.length > 1) {
      error([...at, kinds[1]!], 'node-kind', `node '${id}' has both ${kinds[0]} and ${kinds[1]}; a node does exactly one of choices, input, when or end (split it into two nodes)`, 'key');
    }
    if (node.speaker !== undefined && node.speaker !== NARRATOR && !castIds.includes(node.speaker)) {
      error([...at, 'speaker'], 'unknown-speaker', `unknown speaker '${node.speaker}'${didYouMean(node.speaker, [...castIds, NARRATOR])} (use a cast id: ${listOf(castIds)}, or narrator)`);
    }
    if (node.timeout !== undefined && node.choices === undefined && node.input === undefined) {
      error([...at, 'timeout'], 'misplaced-timeout', `a timeout only applies to a node with choices or input; node '${id}' has ${kinds[0]}`, 'key');
    }
    if (node.timeout) checkConsequence([...at, 'timeout'], node.timeout);

    if (node.choices) {
      const seen = new Map<string, number>();
      node.choices.forEach((choice, i) => {
        const cp: Path = [...at, 'choices', i];
        if (seen.has(choice.id)) error([...cp, 'id'], 'duplicate-choice', `choice id '${choice.id}' is used twice in node '${id}' (first as choice ${seen.get(choice.id)! + 1}); each choice needs its own id`);
        else seen.set(choice.id, i);
        checkCondition([...cp, 'if'], choice.if);
        checkConsequence(cp, choice);
      });
    }

    if (node.input) {
      const rules = node.input.rules;
      const fallbacks = rules.map((r, i) => (r.match === undefined ? i : -1)).filter((i) => i >= 0);
      if (fallbacks.length === 0) {
        error([...at, 'input'], 'no-fallback-rule', `the input of node '${id}' has no fallback rule: add a last rule without \`match\` (with its goto) for answers that match nothing`, 'key');
      }
      for (const i of fallbacks) {
        if (i !== rules.length - 1) error([...at, 'input', 'rules', i], 'fallback-not-last', `rule ${i + 1} of node '${id}' has no \`match\`, so it catches every answer and the rules after it can never be used; move it to the end`);
      }
      if (fallbacks.length > 1) error([...at, 'input', 'rules', fallbacks[1]!], 'fallback-twice', `node '${id}' has more than one fallback rule (rules without \`match\`); keep exactly one, last`);
      rules.forEach((rule, i) => {
        const rp: Path = [...at, 'input', 'rules', i];
        checkConsequence(rp, rule);
        const m = rule.match;
        if (!m) return;
        if (!m.all?.length && !m.any?.length && !m.none?.length && m.regex === undefined) {
          warn([...rp, 'match'], 'empty-match', `rule ${i + 1} of node '${id}' has an empty match, which matches every answer; give it keywords (all/any/none) or a regex, or drop \`match\` to make it the fallback`, 'key');
        }
        for (const list of ['all', 'any', 'none'] as const) {
          (m[list] ?? []).forEach((k, j) => {
            if (normalizeAnswer(k) === '') warn([...rp, 'match', list, j], 'empty-keyword', `keyword ${JSON.stringify(k)} is only spaces or punctuation, which matching ignores; it would match every answer`);
          });
        }
        if (m.regex !== undefined) {
          try {
            new RegExp(m.regex, 'u');
          } catch (e) {
            error([...rp, 'match', 'regex'], 'bad-regex', `this regex is not valid: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
          }
          if (/[A-Z]/.test(m.regex.replace(/\\[A-Za-z]/g, ''))) {
            warn([...rp, 'match', 'regex'], 'regex-upper-case', 'answers are lower-cased before the regex is tested, so upper-case letters in it never match; write it in lower case');
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
          error(wp, 'when-default-not-last', `entry ${i + 1} of node '${id}' has no \`if\`, so the entries after it can never fire; only the last entry goes without \`if\``);
        }
      });
      const last = node.when[node.when.length - 1]!;
      if (last.if !== undefined) {
        error([...at, 'when', node.when.length - 1, 'if'], 'when-no-default', `the last \`when\` entry of node '${id}' must have no \`if\`, so that the branch always goes somewhere; add \`- goto: <node>\` at the end`, 'key');
      }
    }
  }

  (raw.tests ?? []).forEach((t, i) => {
    const ending = t.expect.ending;
    if (ending !== undefined) {
      const endIds = nodeIds.filter((n) => raw.nodes[n]!.end !== undefined);
      if (!endIds.includes(ending)) error(['tests', i, 'expect', 'ending'], 'unknown-ending', `test '${t.name}' expects ending '${ending}', which is not an ending${didYouMean(ending, endIds)}`);
    }
  });

  return out;
}
