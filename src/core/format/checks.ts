/**
 * Whole-scenario checks on the validated model: can it be scored (max > 0), does every
 * node, choice and branch get used, can every node still reach an ending, and is the text
 * complete in both languages and short enough for an 80-column screen.
 */
import stringWidth from 'string-width';
import { checkModelAnswers } from './answer-checks.js';
import { chineseOnlyText } from './chinese-only.js';
import { canReach, components, graphOf, type ScenarioGraph } from '../analysis/graph.js';
import {
  explore,
  ExplorationLimitError,
  DEFAULT_STATE_LIMIT,
  RelaxationLimitError,
  type Exploration,
  type ScoringProblem,
} from '../analysis/explore.js';
import { consequenceOf, waysOf, type ChoiceNode, type Condition, type Scenario, type Way } from './model.js';
import { loopTraps } from '../analysis/paths.js';
import { describeSizes } from '../analysis/situations.js';
import type { Finding } from './finding.js';
import { checkMessages as M, shapeMessages, type Message, type Said } from './messages.js';
import type { RawCatalog, RawScenario } from './schema.js';
import { text as normalizeText } from './normalize.js';
import { LANG_PATTERN } from './schema.js';

type RawText = string | Readonly<Record<string, string | null>>;
import { halfWidthKey } from '../yaml/yaml-slips.js';
import type { Path } from '../yaml/yaml-source.js';

/** Display columns beyond which text stops fitting an 80x24 screen comfortably. */
export const TEXT_LIMITS = { node: 480, choice: 160, feedback: 320, prompt: 160, summary: 640 } as const;

type Error_ = (path: Path, m: Message, part?: 'key' | 'value') => void;

export function checkScenario(scenario: Scenario, raw: RawScenario, stateLimit = DEFAULT_STATE_LIMIT): Finding[] {
  const out: Finding[] = [];
  const error: Error_ = (path, m, part = 'value') =>
    out.push({ path, part, severity: 'error', code: m.code, text: m.text });
  const warn: Warn = (path, m, part = 'value') =>
    out.push({ path, part, severity: 'warning', code: m.code, text: m.text });

  const graph = graphOf(scenario);
  checkBranchLoops(scenario, graph, error);
  if (out.length > 0) return out;
  const exploration = scoreOrReport(scenario, stateLimit, error);
  if (!exploration) return out;
  const loops = loopNames(graph);
  const endIdx = graph.ids.map((id, i) => (scenario.nodes[id]!.kind === 'end' ? i : -1)).filter((i) => i >= 0);
  const leadsToEnd = canReach(graph, endIdx);
  checkReach(scenario, graph, exploration, leadsToEnd, loops, warn);
  checkTraps(scenario, graph, exploration, leadsToEnd, loops, warn);
  checkLessons(scenario, raw, exploration, warn);
  checkMeters(scenario, warn);
  // Translations and length: checkScenarioTexts, which load.ts runs even when names are wrong.
  out.push(...checkModelAnswers(scenario));
  return out;
}

/** Automatic branches that only lead to each other would spin forever without the trainee. */
function checkBranchLoops(scenario: Scenario, graph: ScenarioGraph, error: Error_) {
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
}

/**
 * The maxima, or the errors that say why the case cannot be scored: too many situations, a
 * loop that earns points (play could score past max), no ending, max not positive.
 */
function scoreOrReport(scenario: Scenario, stateLimit: number, error: Error_): Exploration | undefined {
  let exploration: Exploration;
  try {
    exploration = explore(scenario, stateLimit);
  } catch (e) {
    if (e instanceof ExplorationLimitError) error(['start'], M.tooComplex(e.limit, describeSizes(e.sizes)));
    else if (e instanceof RelaxationLimitError) error(['start'], M.loopTooComplex(e.limit, loopText(e.nodes)));
    else throw e;
    return undefined;
  }
  for (const p of exploration.problems) error(problemPath(scenario, p), problemMessage(p), 'key');
  if (exploration.problems.length > 0) return undefined;
  const { maxima } = exploration;
  if (maxima.total === -Infinity) {
    error(['start'], M.noEnding(scenario.start));
    return undefined;
  }
  if (maxima.total <= 0) error(['start'], M.maxNotPositive(maxima.total));
  return exploration;
}

function problemMessage(p: ScoringProblem): Message {
  const loop = loopText(p.loop);
  switch (p.kind) {
    case 'loop-earns':
      return M.loopEarns(loop, p.points, p.lesson);
    case 'revisit-beats':
      return M.revisitBeatsMax(loop, p.best, p.lesson);
    case 'undecided':
      return M.scoreUndecided(loop, p.best, p.budget);
  }
}

/** Where a scoring problem is reported: the score of the first way on the loop that earns, else the loop's first node. */
function problemPath(scenario: Scenario, p: ScoringProblem): Path {
  if (!p.earning) return ['nodes', p.loop[0]!];
  const at = wayPath(scenario, p.earning.node, p.earning.way);
  const score = consequenceOf(p.earning.way).score;
  const lesson = p.lesson ?? Object.keys(score).find((l) => score[l]! > 0);
  return lesson === undefined ? at : [...at, 'score', lesson];
}

/** A loop as trainers read it: its nodes in order, back to the first; long loops cut short. */
export function loopText(loop: readonly string[]): string {
  if (loop.length === 0) return '';
  const shown = loop.length > 8 ? [...loop.slice(0, 8), '…'] : [...loop, loop[0]!];
  return shown.join(' → ');
}

/** Where a way is written in the file. */
function wayPath(scenario: Scenario, id: string, way: Way): Path {
  const node = scenario.nodes[id]!;
  switch (way.kind) {
    case 'choice':
      return ['nodes', id, 'choices', node.kind === 'choice' ? node.choices.indexOf(way.choice) : 0];
    case 'rule':
      return ['nodes', id, 'input', 'rules', way.index];
    case 'branch':
      return ['nodes', id, 'when', way.index];
    case 'timeout':
      return ['nodes', id, 'timeout'];
  }
}

/** Each node's loop (strongly connected component) as lint names it, when it is in one. */
function loopNames(graph: ScenarioGraph): (id: string) => string | undefined {
  const sccs = components(graph);
  return (id) => {
    const c = sccs.component[graph.index.get(id)!]!;
    if (!sccs.cyclic[c]) return undefined;
    const names = sccs.members[c]!.map((n) => graph.ids[n]!).sort();
    return names.length > 4 ? `${names.slice(0, 4).join(' → ')} → …` : `${names.join(' → ')} → ${names[0]}`;
  };
}

/** Nodes never reached (or only by revisits), dead ends, choices never shown, `when` entries never taken. */
function checkReach(
  scenario: Scenario,
  graph: ScenarioGraph,
  exploration: Exploration,
  leadsToEnd: ReadonlySet<number>,
  loopOf: (id: string) => string | undefined,
  warn: Warn,
) {
  const simple = exploration.simple;
  for (const id of graph.ids) {
    const node = scenario.nodes[id]!;
    if (!exploration.reachedNodes.has(id)) {
      warn(['nodes', id], M.unreachableNode(id, scenario.start), 'key');
      continue;
    }
    if (simple && !simple.nodes.has(id)) {
      warn(['nodes', id], M.reachedOnlyByRevisit(id), 'key');
      continue;
    }
    if (!leadsToEnd.has(graph.index.get(id)!)) {
      const loop = loopOf(id);
      warn(['nodes', id], loop ? M.deadEndInLoop(id, loop) : M.deadEnd(id), 'key');
    }
    if (node.kind === 'choice') checkChoices(scenario, id, node, exploration, warn);
    if (node.kind === 'branch') {
      node.when.forEach((b, i) => {
        if (exploration.firedBranches.has(`${id}\u0000${i}`)) return;
        const bound = outOfRange(b.if, scenario);
        warn(['nodes', id, 'when', i], M.branchNeverTaken(i + 1, id, bound, b.if !== undefined));
      });
    }
  }
}

function checkChoices(scenario: Scenario, id: string, node: ChoiceNode, exploration: Exploration, warn: Warn) {
  node.choices.forEach((c, i) => {
    const key = `${id}\u0000${c.id}`;
    const where: Path = ['nodes', id, 'choices', i, c.if ? 'if' : 'id'];
    const part = c.if ? 'key' : 'value';
    if (!exploration.shownChoices.has(key)) warn(where, M.choiceNeverShown(c.id, id, outOfRange(c.if, scenario)), part);
    else if (exploration.simple && !exploration.simple.shownChoices.has(key))
      warn(where, M.choiceShownOnlyOnRevisit(c.id, id), part);
  });
  const stuck = exploration.stuckAt.get(id);
  if (stuck) warn(['nodes', id], M.noChoiceShown(id, stuck), 'key');
}

/** Loops that can be entered but, with the meters as they are then, never left. */
function checkTraps(
  scenario: Scenario,
  graph: ScenarioGraph,
  exploration: Exploration,
  leadsToEnd: ReadonlySet<number>,
  loopOf: (id: string) => string | undefined,
  warn: Warn,
) {
  for (const trap of loopTraps(scenario)) {
    if (!leadsToEnd.has(graph.index.get(trap.node)!) || exploration.stuckAt.has(trap.node)) continue; // reported above
    const loop = loopOf(trap.node) ?? trap.loop.join(' → ');
    warn(['nodes', trap.node], M.loopNoWayOut(trap.node, trap.meters, loop), 'key');
  }
}

/** Lessons that can only lose points, and inline lessons nothing scores. */
function checkLessons(scenario: Scenario, raw: RawScenario, exploration: Exploration, warn: Warn) {
  const scoredWhere = new Map<string, Path>();
  for (const [id, node] of Object.entries(scenario.nodes))
    for (const way of waysOf(node))
      for (const lesson of Object.keys(consequenceOf(way).score))
        if (!scoredWhere.has(lesson)) scoredWhere.set(lesson, [...wayPath(scenario, id, way), 'score', lesson]);
  const best = exploration.maxima.lessons;
  for (const lesson of scenario.scoredLessons)
    if ((best[lesson] ?? 0) <= 0) warn(scoredWhere.get(lesson)!, M.lessonOnlyLoses(lesson, best[lesson] ?? 0), 'key');
  for (const id of Object.keys(raw.lessons ?? {}))
    if (!scenario.scoredLessons.includes(id)) warn(['lessons', id], M.lessonNeverScored(id), 'key');
}

/** Meters nothing changes or tests. */
function checkMeters(scenario: Scenario, warn: Warn) {
  const used = new Set<string>();
  for (const node of Object.values(scenario.nodes))
    for (const way of waysOf(node)) {
      for (const m of Object.keys(consequenceOf(way).effects)) used.add(m);
      const cond = way.kind === 'choice' ? way.choice.if : way.kind === 'branch' ? way.branch.if : undefined;
      for (const t of cond?.meters ?? []) used.add(t.meter);
    }
  for (const m of scenario.meters) if (!used.has(m.id)) warn(['meters', m.id], M.unusedMeter(m.id), 'key');
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
      const meant = halfWidthKey(key);
      if (meant) warn([...path, key], shapeMessages.fullWidthKey(key, undefined, meant), 'key');
      else if (value === null) {
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
    const texts = typeof t === 'string' ? [t] : Object.values(t);
    // No character is wider than two columns nor shorter than one UTF-16 unit, so a text at most
    // half the limit long fits without measuring (string-width is the slow part of lint's texts).
    if (texts.every((x) => x.length * 2 <= limit)) return;
    const widest = Math.max(...texts.map(displayWidth));
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
 * Display columns of a text. Text of printable ASCII, CJK ideographs, the full-width
 * punctuation Chinese uses and the curly quotes, dashes and ellipsis both languages use
 * (nearly every case's text) is counted directly, exactly as
 * string-width counts it: its first call compiles an emoji pattern that costs lint more than
 * all its text checks. Anything else goes to string-width, which on one long string is
 * quadratic (Intl.Segmenter on Node 20: 100,000 Chinese characters took 88 s, found by
 * fuzzing), so long text is measured in slices. A slice never starts on the second half of a
 * surrogate pair; a grapheme cluster cut in two may be off by a column, which does not
 * matter for a "too long" warning.
 */
export function displayWidth(s: string): number {
  const simple = simpleWidth(s);
  if (simple !== undefined) return simple;
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

/** The width of text made only of characters whose width is plain (1 or 2); undefined otherwise. */
function simpleWidth(s: string): number | undefined {
  let width = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // printable ASCII; ‘’“”…— and the rest of U+2010..U+2027
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0x2010 && c <= 0x2027)) width += 1;
    else if (
      (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
      (c >= 0x3001 && c <= 0x3003) || // 、。〃
      (c >= 0x3008 && c <= 0x3011) || // 〈〉《》「」『』【】
      (c >= 0xff01 && c <= 0xff5e) // full-width forms: ，：；！？（）…
    )
      width += 2;
    else return undefined;
  }
  return width;
}
