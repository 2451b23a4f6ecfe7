/**
 * Whole-scenario checks on the validated model: can it be scored (max > 0), does every
 * node, choice and branch get used, can every node still reach an ending, and is the text
 * complete in both languages and short enough for an 80-column screen.
 */
import stringWidth from 'string-width';
import { canReach, components, graphOf } from './graph.js';
import { explore, ExplorationLimitError, DEFAULT_STATE_LIMIT } from './explore.js';
import { consequenceOf, waysOf, type Condition, type Scenario } from './model.js';
import { searchPlay } from './paths.js';
import type { Finding } from './references.js';
import type { RawCatalog, RawScenario } from './schema.js';
import { text as normalizeText } from './normalize.js';
import { LANG_PATTERN } from './schema.js';

type RawText = string | Readonly<Record<string, string | null>>;
import type { Path } from './yaml-source.js';

/** Display columns beyond which text stops fitting an 80x24 screen comfortably. */
export const TEXT_LIMITS = { node: 480, choice: 160, feedback: 320, prompt: 160, summary: 640 } as const;

export function checkScenario(scenario: Scenario, raw: RawScenario, stateLimit = DEFAULT_STATE_LIMIT): Finding[] {
  const out: Finding[] = [];
  const error = (path: Path, code: string, message: string, part: 'key' | 'value' = 'value') =>
    out.push({ path, part, severity: 'error', code, message });
  const warn = (path: Path, code: string, message: string, part: 'key' | 'value' = 'value') =>
    out.push({ path, part, severity: 'warning', code, message });

  const graph = graphOf(scenario);

  // Automatic branches that only lead to each other would spin forever without the trainee.
  const { members, cyclic } = components({
    ...graph,
    next: graph.next.map((succ, n) => (scenario.nodes[graph.ids[n]!]!.kind === 'branch' ? succ.filter((m) => scenario.nodes[graph.ids[m]!]!.kind === 'branch') : [])),
  });
  members.forEach((group, c) => {
    if (!cyclic[c]) return;
    const names = group.map((i) => graph.ids[i]!).sort();
    error(['nodes', names[0]!], 'branch-loop', `automatic branches loop with no trainee step in between (${names.join(' → ')} → …); the run would never stop — put a node with choices or input in the loop`, 'key');
  });
  if (out.some((f) => f.severity === 'error')) return out;

  let exploration;
  try {
    exploration = explore(scenario, stateLimit);
  } catch (e) {
    if (e instanceof ExplorationLimitError) {
      error(['start'], 'too-complex', `this case is too complex to score: ${e.message}; narrow the meter ranges or break up large loops`);
      return out;
    }
    throw e;
  }
  const { maxima } = exploration;
  if (maxima.total === -Infinity) {
    error(['start'], 'no-ending', `no ending can be reached from start '${scenario.start}' without visiting a node twice; make sure some path leads to a node with \`end:\``);
    return out;
  }
  if (maxima.total <= 0) {
    error(['start'], 'max-not-positive', `the best path through this case scores ${maxima.total} points, so a percent cannot be computed; give the good choices positive points in \`score\``);
  }

  // Reachability and dead ends.
  const endIdx = graph.ids.map((id, i) => (scenario.nodes[id]!.kind === 'end' ? i : -1)).filter((i) => i >= 0);
  const leadsToEnd = canReach(graph, endIdx);
  const sccs = components(graph);
  const loopOf = (id: string) => {
    const c = sccs.component[graph.index.get(id)!]!;
    if (!sccs.cyclic[c]) return undefined;
    const names = sccs.members[c]!.map((n) => graph.ids[n]!).sort();
    return names.length > 4 ? `${names.slice(0, 4).join(' → ')} → …` : `${names.join(' → ')} → ${names[0]}`;
  };
  const play = searchPlay(scenario);
  for (const id of graph.ids) {
    const node = scenario.nodes[id]!;
    if (!exploration.reachedNodes.has(id)) {
      if (play?.reached?.has(id)) {
        warn(['nodes', id], 'reached-only-by-revisit', `node '${id}' is reached only by going through some node a second time; scores count only paths that visit each node once, so what happens from here never counts towards the best score (max)`, 'key');
      } else {
        warn(['nodes', id], 'unreachable-node', `node '${id}' can never be reached from start '${scenario.start}' (no way leads to it, or only ways that are never open)`, 'key');
      }
      continue;
    }
    if (!leadsToEnd.has(graph.index.get(id)!)) {
      const loop = loopOf(id);
      warn(['nodes', id], 'dead-end', loop
        ? `no ending can be reached from node '${id}': it is in a loop with no way out (${loop}); add a way from the loop towards an ending`
        : `no ending can be reached from node '${id}': every way from it loops back or stops; add a way towards an ending`, 'key');
    }
    if (node.kind === 'choice') {
      node.choices.forEach((c, i) => {
        if (!exploration.shownChoices.has(id + '\u0000' + c.id)) {
          const bound = outOfRange(c.if, scenario);
          const where: Path = ['nodes', id, 'choices', i, c.if ? 'if' : 'id'];
          if (play?.shown?.has(id + '\u0000' + c.id)) {
            warn(where, 'choice-shown-only-on-revisit', `choice '${c.id}' of node '${id}' is shown only when the trainee comes back through a node a second time; scores count only paths that visit each node once, so it never counts towards the best score (max)`, c.if ? 'key' : 'value');
          } else {
            warn(where, 'choice-never-shown', `choice '${c.id}' of node '${id}' is never shown: ${bound ?? 'its condition cannot hold whenever the node is reached'}`, c.if ? 'key' : 'value');
          }
        }
      });
      const stuck = exploration.stuckAt.get(id);
      if (stuck) {
        const when = Object.entries(stuck).map(([m, v]) => `${m} = ${v}`).join(', ');
        warn(['nodes', id], 'no-choice-shown', `node '${id}' can be reached${when ? ` with ${when}` : ''} when none of its choices is shown and there is no timeout: the trainee would be stuck`, 'key');
      }
    }
    if (node.kind === 'branch') {
      node.when.forEach((b, i) => {
        if (!exploration.firedBranches.has(id + '\u0000' + i)) {
          const bound = outOfRange(b.if, scenario);
          warn(['nodes', id, 'when', i], 'branch-never-taken', `entry ${i + 1} of node '${id}' can never fire: ${bound ?? (b.if ? 'its condition never holds when the node is reached, or an earlier entry always wins' : 'an earlier entry always wins')}`);
        }
      });
    }
  }

  // Loops that can be entered but, with the meters as they are then, never left.
  for (const trap of play?.traps ?? []) {
    if (!leadsToEnd.has(graph.index.get(trap.node)!) || exploration.stuckAt.has(trap.node)) continue; // reported above
    const when = Object.entries(trap.meters).map(([m, v]) => `${m} = ${v}`).join(', ');
    const loop = loopOf(trap.node) ?? trap.loop.join(' → ');
    warn(['nodes', trap.node], 'loop-no-way-out', `once the trainee reaches node '${trap.node}'${when ? ` with ${when}` : ''}, no ending can be reached any more: every way from there stays in the loop ${loop} and no way out of it ever opens; give the loop an exit whose condition can hold there`, 'key');
  }

  // Lessons.
  const scoredWhere = new Map<string, Path>();
  for (const [id, node] of Object.entries(scenario.nodes)) {
    waysOf(node).forEach((way) => {
      const base: Path =
        way.kind === 'choice' ? ['nodes', id, 'choices', (node.kind === 'choice' ? node.choices.indexOf(way.choice) : 0)]
        : way.kind === 'rule' ? ['nodes', id, 'input', 'rules', way.index]
        : way.kind === 'branch' ? ['nodes', id, 'when', way.index]
        : ['nodes', id, 'timeout'];
      for (const lesson of Object.keys(consequenceOf(way).score)) if (!scoredWhere.has(lesson)) scoredWhere.set(lesson, [...base, 'score', lesson]);
    });
  }
  for (const lesson of scenario.scoredLessons) {
    if ((maxima.lessons[lesson] ?? 0) <= 0) {
      warn(scoredWhere.get(lesson)!, 'lesson-only-loses', `lesson '${lesson}' can only lose points in this case (its best is ${maxima.lessons[lesson]}); give the trainee a way to earn it, or the debrief will only ever show a penalty`, 'key');
    }
  }
  for (const id of Object.keys(raw.lessons ?? {})) {
    if (!scenario.scoredLessons.includes(id)) warn(['lessons', id], 'lesson-never-scored', `lesson '${id}' is defined here but no step scores it; score it somewhere or remove it`, 'key');
  }

  // Meters.
  const usedMeters = new Set<string>();
  for (const node of Object.values(scenario.nodes)) {
    for (const way of waysOf(node)) {
      for (const m of Object.keys(consequenceOf(way).effects)) usedMeters.add(m);
      const cond = way.kind === 'choice' ? way.choice.if : way.kind === 'branch' ? way.branch.if : undefined;
      for (const t of cond?.meters ?? []) usedMeters.add(t.meter);
    }
  }
  for (const m of scenario.meters) {
    if (!usedMeters.has(m.id)) warn(['meters', m.id], 'unused-meter', `meter '${m.id}' is never changed or tested; use it in effects or conditions, or remove it`, 'key');
  }

  // Translations and length.
  checkTexts(raw, warn);
  return out;
}

type Warn = (path: Path, code: string, message: string, part?: 'key' | 'value') => void;

const OP_TEXT = { eq: '=', gte: '≥', gt: '>', lte: '≤', lt: '<' } as const;

/** Why a condition can never hold whatever happens, judged from its meters' min..max alone. */
function outOfRange(condition: Condition | undefined, scenario: Scenario): string | undefined {
  for (const t of condition?.meters ?? []) {
    const m = scenario.meters.find((x) => x.id === t.meter);
    if (!m) continue;
    const possible =
      t.op === 'eq' ? t.value >= m.min && t.value <= m.max
      : t.op === 'gte' ? m.max >= t.value
      : t.op === 'gt' ? m.max > t.value
      : t.op === 'lte' ? m.min <= t.value
      : m.min < t.value;
    if (!possible) return `meter '${m.id}' is kept between ${m.min} and ${m.max}, so '${m.id} ${OP_TEXT[t.op]} ${t.value}' can never hold; change the condition or the meter's range`;
  }
  return undefined;
}

/** Warnings about one localized text: cut at a comma, not a language, untranslated, too wide. */
function checkText(warn: Warn, path: Path, raw: RawText | undefined, limit?: number) {
  if (raw === undefined) return;
  if (typeof raw !== 'string') {
    for (const [key, value] of Object.entries(raw)) {
      if (value === null) {
        warn([...path, key], 'text-cut-at-comma', `'${key}' was read as a separate key with no text: inside { } a comma ends the text, so the sentence before it was cut; put the text in quotes, e.g. en: "..., ${key}"`, 'key');
      } else if (!LANG_PATTERN.test(key)) {
        warn([...path, key], 'unknown-language', `'${key}' is not a language code (like zh or en); this text is ignored`, 'key');
      }
    }
  }
  const t = normalizeText(raw);
  if (typeof t !== 'string') {
    const langs = Object.keys(t);
    if (langs.includes('zh') !== langs.includes('en')) {
      const missing = langs.includes('zh') ? 'en' : 'zh';
      warn(path, 'missing-translation', `this text has ${langs.join(', ')} but no ${missing}; add \`${missing}:\` so the ${missing === 'en' ? 'English' : 'Chinese'} UI does not fall back to another language`);
    }
  }
  if (limit !== undefined) {
    const widest = Math.max(...(typeof t === 'string' ? [t] : Object.values(t)).map(displayWidth));
    if (widest > limit) {
      const advice = limit < 76
        ? `keep it within ${limit} columns so it fits its place on screen`
        : `that is more than ${Math.round(limit / 76)} lines on an 80-column screen; shorten it or split it across nodes`;
      warn(path, 'text-too-long', `this text is ${widest} columns wide; ${advice}`);
    }
  }
}

function checkTexts(raw: RawScenario, warn: Warn) {
  const text = (path: Path, t: RawText | undefined, limit?: number) => checkText(warn, path, t, limit);
  text(['title'], raw.title, 76);
  text(['summary'], raw.summary, TEXT_LIMITS.summary);
  for (const [id, c] of Object.entries(raw.cast)) { text(['cast', id, 'name'], c.name, 30); text(['cast', id, 'role'], c.role, 60); }
  for (const [id, m] of Object.entries(raw.meters ?? {})) text(['meters', id, 'label'], m.label, 16);
  for (const [id, l] of Object.entries(raw.lessons ?? {})) { text(['lessons', id, 'title'], l.title, 60); text(['lessons', id, 'principle'], l.principle); }
  for (const [id, n] of Object.entries(raw.nodes)) {
    const at: Path = ['nodes', id];
    text([...at, 'text'], n.text, TEXT_LIMITS.node);
    n.choices?.forEach((c, i) => { text([...at, 'choices', i, 'text'], c.text, TEXT_LIMITS.choice); text([...at, 'choices', i, 'feedback'], c.feedback, TEXT_LIMITS.feedback); });
    if (n.timeout) text([...at, 'timeout', 'feedback'], n.timeout.feedback, TEXT_LIMITS.feedback);
    if (n.input) {
      text([...at, 'input', 'prompt'], n.input.prompt, TEXT_LIMITS.prompt);
      n.input.rules.forEach((r, i) => text([...at, 'input', 'rules', i, 'feedback'], r.feedback, TEXT_LIMITS.feedback));
    }
    n.when?.forEach((b, i) => text([...at, 'when', i, 'feedback'], b.feedback, TEXT_LIMITS.feedback));
  }
}

/** Text checks for a lesson catalog file. */
export function checkCatalog(raw: RawCatalog): Finding[] {
  const out: Finding[] = [];
  const warn: Warn = (path, code, message, part = 'value') => out.push({ path, part, severity: 'warning', code, message });
  for (const [id, l] of Object.entries(raw.lessons)) {
    checkText(warn, ['lessons', id, 'title'], l.title, 60);
    checkText(warn, ['lessons', id, 'principle'], l.principle);
  }
  return out;
}

/**
 * string-width on one long string is quadratic (Intl.Segmenter on Node 20: 100,000 Chinese
 * characters took 88 s, found by fuzzing), so long text is measured in slices. A slice never
 * starts on the second half of a surrogate pair; a grapheme cluster cut in two may be off by
 * a column, which does not matter for a "too long" warning.
 */
function displayWidth(s: string): number {
  const SLICE = 256;
  if (s.length <= SLICE) return stringWidth(s);
  let width = 0;
  for (let i = 0; i < s.length;) {
    let j = Math.min(s.length, i + SLICE);
    if (j < s.length && /[\udc00-\udfff]/.test(s[j]!)) j++;
    width += stringWidth(s.slice(i, j));
    i = j;
  }
  return width;
}
