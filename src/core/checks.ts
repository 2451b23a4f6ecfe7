/**
 * Whole-scenario checks on the validated model: can it be scored (max > 0), does every
 * node, choice and branch get used, can every node still reach an ending, and is the text
 * complete in both languages and short enough for an 80-column screen.
 */
import stringWidth from 'string-width';
import { checkModelAnswers } from './answer-checks.js';
import { chineseOnlyText } from './chinese-only.js';
import { canReach, components, graphOf } from './graph.js';
import { explore, ExplorationLimitError, DEFAULT_STATE_LIMIT } from './explore.js';
import { consequenceOf, waysOf, type Condition, type Scenario } from './model.js';
import { searchPlay } from './paths.js';
import type { Finding } from './references.js';
import { checkMessages as M, type Message, type Said } from './messages.js';
import type { RawCatalog, RawScenario } from './schema.js';
import { text as normalizeText } from './normalize.js';
import { LANG_PATTERN } from './schema.js';

type RawText = string | Readonly<Record<string, string | null>>;
import type { Path } from './yaml-source.js';

/** Display columns beyond which text stops fitting an 80x24 screen comfortably. */
export const TEXT_LIMITS = { node: 480, choice: 160, feedback: 320, prompt: 160, summary: 640 } as const;

export function checkScenario(scenario: Scenario, raw: RawScenario, stateLimit = DEFAULT_STATE_LIMIT): Finding[] {
  const out: Finding[] = [];
  const error = (path: Path, m: Message, part: 'key' | 'value' = 'value') =>
    out.push({ path, part, severity: 'error', code: m.code, text: m.text });
  const warn: Warn = (path, m, part = 'value') =>
    out.push({ path, part, severity: 'warning', code: m.code, text: m.text });

  const graph = graphOf(scenario);

  // Automatic branches that only lead to each other would spin forever without the trainee.
  const { members, cyclic } = components({
    ...graph,
    next: graph.next.map((succ, n) =>
      scenario.nodes[graph.ids[n]!]!.kind === 'branch'
        ? succ.filter((m) => scenario.nodes[graph.ids[m]!]!.kind === 'branch')
        : [],
    ),
  });
  members.forEach((group, c) => {
    if (!cyclic[c]) return;
    const names = group.map((i) => graph.ids[i]!).sort();
    error(['nodes', names[0]!], M.branchLoop(names), 'key');
  });
  if (out.some((f) => f.severity === 'error')) return out;

  let exploration;
  try {
    exploration = explore(scenario, stateLimit);
  } catch (e) {
    if (e instanceof ExplorationLimitError) {
      error(['start'], M.tooComplex(e.limit));
      return out;
    }
    throw e;
  }
  const { maxima } = exploration;
  if (maxima.total === -Infinity) {
    error(['start'], M.noEnding(scenario.start));
    return out;
  }
  if (maxima.total <= 0) {
    error(['start'], M.maxNotPositive(maxima.total));
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
        warn(['nodes', id], M.reachedOnlyByRevisit(id), 'key');
      } else {
        warn(['nodes', id], M.unreachableNode(id, scenario.start), 'key');
      }
      continue;
    }
    if (!leadsToEnd.has(graph.index.get(id)!)) {
      const loop = loopOf(id);
      warn(['nodes', id], loop ? M.deadEndInLoop(id, loop) : M.deadEnd(id), 'key');
    }
    if (node.kind === 'choice') {
      node.choices.forEach((c, i) => {
        if (!exploration.shownChoices.has(`${id}\u0000${c.id}`)) {
          const bound = outOfRange(c.if, scenario);
          const where: Path = ['nodes', id, 'choices', i, c.if ? 'if' : 'id'];
          if (play?.shown?.has(`${id}\u0000${c.id}`)) {
            warn(where, M.choiceShownOnlyOnRevisit(c.id, id), c.if ? 'key' : 'value');
          } else {
            warn(where, M.choiceNeverShown(c.id, id, bound), c.if ? 'key' : 'value');
          }
        }
      });
      const stuck = exploration.stuckAt.get(id);
      if (stuck) warn(['nodes', id], M.noChoiceShown(id, stuck), 'key');
    }
    if (node.kind === 'branch') {
      node.when.forEach((b, i) => {
        if (!exploration.firedBranches.has(`${id}\u0000${i}`)) {
          const bound = outOfRange(b.if, scenario);
          warn(['nodes', id, 'when', i], M.branchNeverTaken(i + 1, id, bound, b.if !== undefined));
        }
      });
    }
  }

  // Loops that can be entered but, with the meters as they are then, never left.
  for (const trap of play?.traps ?? []) {
    if (!leadsToEnd.has(graph.index.get(trap.node)!) || exploration.stuckAt.has(trap.node)) continue; // reported above
    const loop = loopOf(trap.node) ?? trap.loop.join(' → ');
    warn(['nodes', trap.node], M.loopNoWayOut(trap.node, trap.meters, loop), 'key');
  }

  // Lessons.
  const scoredWhere = new Map<string, Path>();
  for (const [id, node] of Object.entries(scenario.nodes)) {
    waysOf(node).forEach((way) => {
      const base: Path =
        way.kind === 'choice'
          ? ['nodes', id, 'choices', node.kind === 'choice' ? node.choices.indexOf(way.choice) : 0]
          : way.kind === 'rule'
            ? ['nodes', id, 'input', 'rules', way.index]
            : way.kind === 'branch'
              ? ['nodes', id, 'when', way.index]
              : ['nodes', id, 'timeout'];
      for (const lesson of Object.keys(consequenceOf(way).score))
        if (!scoredWhere.has(lesson)) scoredWhere.set(lesson, [...base, 'score', lesson]);
    });
  }
  for (const lesson of scenario.scoredLessons) {
    if ((maxima.lessons[lesson] ?? 0) <= 0) {
      warn(scoredWhere.get(lesson)!, M.lessonOnlyLoses(lesson, maxima.lessons[lesson] ?? 0), 'key');
    }
  }
  for (const id of Object.keys(raw.lessons ?? {})) {
    if (!scenario.scoredLessons.includes(id)) warn(['lessons', id], M.lessonNeverScored(id), 'key');
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
    if (!usedMeters.has(m.id)) warn(['meters', m.id], M.unusedMeter(m.id), 'key');
  }

  // Translations and length: checkScenarioTexts, which load.ts runs even when names are wrong.
  out.push(...checkModelAnswers(scenario));
  return out;
}

type Warn = (path: Path, m: Message, part?: 'key' | 'value') => void;

/** Why a condition can never hold whatever happens, judged from its meters' min..max alone. */
function outOfRange(condition: Condition | undefined, scenario: Scenario): Said | undefined {
  for (const t of condition?.meters ?? []) {
    const m = scenario.meters.find((x) => x.id === t.meter);
    if (!m) continue;
    const possible =
      t.op === 'eq'
        ? t.value >= m.min && t.value <= m.max
        : t.op === 'gte'
          ? m.max >= t.value
          : t.op === 'gt'
            ? m.max > t.value
            : t.op === 'lte'
              ? m.min <= t.value
              : m.min < t.value;
    if (!possible) return M.outOfRange(m.id, m.min, m.max, t.op, t.value);
  }
  return undefined;
}

/** Warnings about one localized text: cut at a comma, not a language, untranslated, too wide. */
function checkText(warn: Warn, path: Path, raw: RawText | undefined, limit?: number) {
  if (raw === undefined) return;
  if (typeof raw !== 'string') {
    for (const [key, value] of Object.entries(raw)) {
      if (value === null) {
        warn([...path, key], M.textCutAtComma(key), 'key');
      } else if (!LANG_PATTERN.test(key)) {
        warn([...path, key], M.unknownLanguage(key), 'key');
      }
    }
  }
  const t = normalizeText(raw);
  const chinese = chineseOnlyText(t);
  if (chinese) warn(path, chinese);
  if (typeof t !== 'string') {
    const langs = Object.keys(t);
    if (langs.includes('zh') !== langs.includes('en')) {
      const missing = langs.includes('zh') ? 'en' : 'zh';
      warn(path, M.missingTranslation(langs, missing));
    }
  }
  if (limit !== undefined) {
    const widest = Math.max(...(typeof t === 'string' ? [t] : Object.values(t)).map(displayWidth));
    if (widest > limit) warn(path, M.textTooLong(widest, limit));
  }
}

function checkTexts(raw: RawScenario, warn: Warn) {
  const text = (path: Path, t: RawText | undefined, limit?: number) => checkText(warn, path, t, limit);
  text(['title'], raw.title, 76);
  text(['summary'], raw.summary, TEXT_LIMITS.summary);
  for (const [id, c] of Object.entries(raw.cast)) {
    text(['cast', id, 'name'], c.name, 30);
    text(['cast', id, 'role'], c.role, 60);
  }
  for (const [id, m] of Object.entries(raw.meters ?? {})) text(['meters', id, 'label'], m.label, 16);
  for (const [id, l] of Object.entries(raw.lessons ?? {})) {
    text(['lessons', id, 'title'], l.title, 60);
    text(['lessons', id, 'principle'], l.principle);
  }
  for (const [id, n] of Object.entries(raw.nodes)) {
    const at: Path = ['nodes', id];
    text([...at, 'text'], n.text, TEXT_LIMITS.node);
    n.choices?.forEach((c, i) => {
      text([...at, 'choices', i, 'text'], c.text, TEXT_LIMITS.choice);
      text([...at, 'choices', i, 'feedback'], c.feedback, TEXT_LIMITS.feedback);
    });
    if (n.timeout) text([...at, 'timeout', 'feedback'], n.timeout.feedback, TEXT_LIMITS.feedback);
    if (n.input) {
      text([...at, 'input', 'prompt'], n.input.prompt, TEXT_LIMITS.prompt);
      text([...at, 'input', 'model'], n.input.model, TEXT_LIMITS.feedback);
      n.input.rules.forEach((r, i) => text([...at, 'input', 'rules', i, 'feedback'], r.feedback, TEXT_LIMITS.feedback));
    }
    n.when?.forEach((b, i) => text([...at, 'when', i, 'feedback'], b.feedback, TEXT_LIMITS.feedback));
  }
}

/** The text checks of a scenario: they need only its shape, so lint shows them beside any name errors. */
export function checkScenarioTexts(raw: RawScenario): Finding[] {
  const out: Finding[] = [];
  checkTexts(raw, (path, m, part = 'value') =>
    out.push({ path, part, severity: 'warning', code: m.code, text: m.text }),
  );
  return out;
}

/** Text checks for a lesson catalog file. */
export function checkCatalog(raw: RawCatalog): Finding[] {
  const out: Finding[] = [];
  const warn: Warn = (path, m, part = 'value') =>
    out.push({ path, part, severity: 'warning', code: m.code, text: m.text });
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
  for (let i = 0; i < s.length; ) {
    let j = Math.min(s.length, i + SLICE);
    if (j < s.length && /[\udc00-\udfff]/.test(s[j]!)) j++;
    width += stringWidth(s.slice(i, j));
    i = j;
  }
  return width;
}
