/**
 * The grouped rows both stores compute in SQL, and how they become a report. Each store
 * writes its own queries (SQLite and PostgreSQL differ in windows, JSON and index use); the
 * numbers are put together here once, so a team lead reads the same report from either.
 */
import type {
  LessonCell,
  ModeBreakdown,
  ModeFigures,
  PeriodFigures,
  ScenarioAggregate,
  TraineeAggregate,
  TypedAnswer,
} from './store.js';

export interface SummaryRow {
  id: string;
  attempts: number;
  unfinished: number;
  trainees: number;
  passed: number;
  meanPercent: number | null;
}
export interface LessonRow {
  id: string;
  lesson: string;
  meanPoints: number;
  max: number;
}
/** a scenario's node and the way taken there, with decision times of played (not headless) steps */
export interface WayRow {
  id: string;
  node: string;
  way: string;
  n: number;
  ms: number | null;
  timed: number;
}
export interface EndingRow {
  id: string;
  ending: string;
  n: number;
}
export interface TraineeRow {
  name: string;
  attempts: number;
  passed: number;
  best: number;
  last: number;
}

/** the answers typed most often for one rule (at most three per rule, most first) */
export interface AnswerRow {
  id: string;
  node: string;
  way: string;
  text: string;
  n: number;
}
/** an automatic branch (`when N`) and how often it was taken */
export interface BranchRow {
  id: string;
  node: string;
  way: string;
  n: number;
}

/** The team lead's views, as each store computes them beside the report's figures. */
export interface ViewRows {
  readonly periods: readonly PeriodFigures[];
  readonly traineePeriods: readonly PeriodFigures[];
  readonly matrix: readonly LessonCell[];
  readonly answers: readonly AnswerRow[];
  readonly branches: readonly BranchRow[];
}

export interface ReportRows {
  readonly summaries: readonly SummaryRow[];
  readonly medianOf: (scenario: string) => number | undefined;
  readonly lessons: readonly LessonRow[];
  /** sorted by scenario, node, count (most first), way */
  readonly ways: readonly WayRow[];
  readonly endings: readonly EndingRow[];
  /** the scenarios' weeks per mode (the modes' figures are their sums) */
  readonly periods: readonly PeriodFigures[];
  readonly answers: readonly AnswerRow[];
  readonly branches: readonly BranchRow[];
}

export function scenarioAggregates(rows: ReportRows): ScenarioAggregate[] {
  const waysOf = groupBy(rows.ways, (w) => w.id);
  const endingsOf = groupBy(rows.endings, (e) => e.id);
  const lessonsOf = groupBy(rows.lessons, (l) => l.id);
  const modesOf = modeBreakdowns(rows.periods);
  const answersOf = groupBy(rows.answers, (a) => a.id);
  const branchesOf = groupBy(rows.branches, (b) => b.id);
  return rows.summaries.map((r) => {
    const { choices, decisions, meanDecisionMs } = choicesOf(waysOf.get(r.id) ?? []);
    const endings: Record<string, number> = {};
    for (const e of endingsOf.get(r.id) ?? []) endings[e.ending] = e.n;
    const lessons = (lessonsOf.get(r.id) ?? [])
      .map((l) => ({ id: l.lesson, meanPoints: round2(l.meanPoints), max: round2(l.max) }))
      .sort((a, b) => ratio(a) - ratio(b) || a.id.localeCompare(b.id));
    const modes = modesOf.get(r.id) ?? {};
    return {
      id: r.id,
      attempts: r.attempts,
      unfinished: r.unfinished,
      trainees: r.trainees,
      // exam is what counts for pass rates; practice and headless runs are reported apart
      passed: modes.exam?.passed ?? 0,
      passRate: modes.exam ? modes.exam.passRate : null,
      meanPercent: round2(r.meanPercent ?? 0),
      medianPercent: round2(rows.medianOf(r.id) ?? 0),
      modes,
      meanDecisionMs,
      decisions,
      lessons,
      choices,
      answers: nested(answersOf.get(r.id) ?? [], (a): TypedAnswer => ({ text: a.text, n: a.n }), true),
      branches: nested(branchesOf.get(r.id) ?? [], (b) => b.n, false),
      endings,
    };
  });
}

/** The choice counts per node and way, and the decision times per node and over all. */
function choicesOf(ways: readonly WayRow[]) {
  const choices: Record<string, Record<string, number>> = {};
  const perNode: Record<string, { n: number; ms: number }> = {};
  let decisions = 0;
  let ms = 0;
  for (const w of ways) {
    (choices[w.node] ??= {})[w.way] = w.n;
    // Headless runs take no human time: only played sessions count for decision time.
    decisions += w.timed;
    ms += w.ms ?? 0;
    const node = (perNode[w.node] ??= { n: 0, ms: 0 });
    node.n += w.timed;
    node.ms += w.ms ?? 0;
  }
  const timed: Record<string, { n: number; meanMs: number }> = {};
  for (const [node, t] of Object.entries(perNode))
    if (t.n > 0) timed[node] = { n: t.n, meanMs: Math.round(t.ms / t.n) };
  return { choices, decisions: timed, meanDecisionMs: decisions ? Math.round(ms / decisions) : null };
}

/** node → way → value, from rows in order; `list` collects several rows per way. */
function nested<R extends { node: string; way: string }, V>(
  rows: readonly R[],
  value: (r: R) => V,
  list: true,
): Record<string, Record<string, V[]>>;
function nested<R extends { node: string; way: string }, V>(
  rows: readonly R[],
  value: (r: R) => V,
  list: false,
): Record<string, Record<string, V>>;
function nested<R extends { node: string; way: string }, V>(rows: readonly R[], value: (r: R) => V, list: boolean) {
  const out: Record<string, Record<string, V | V[]>> = {};
  for (const r of rows) {
    const node = (out[r.node] ??= {});
    if (list) ((node[r.way] ??= []) as V[]).push(value(r));
    else node[r.way] = value(r);
  }
  return out;
}

/** Each key's figures per mode, summed over its weeks. */
export function modeBreakdowns(periods: readonly PeriodFigures[]): Map<string, ModeBreakdown> {
  const sums = new Map<string, Map<string, { attempts: number; passed: number; points: number; best: number }>>();
  for (const p of periods) {
    let byMode = sums.get(p.key);
    if (!byMode) sums.set(p.key, (byMode = new Map()));
    const m = byMode.get(p.mode) ?? { attempts: 0, passed: 0, points: 0, best: -Infinity };
    m.attempts += p.attempts;
    m.passed += p.passed;
    m.points += p.meanPercent * p.attempts;
    m.best = Math.max(m.best, p.bestPercent);
    byMode.set(p.mode, m);
  }
  const out = new Map<string, ModeBreakdown>();
  for (const [key, byMode] of sums) {
    const modes: Record<string, ModeFigures> = {};
    for (const mode of ['exam', 'practice', 'headless']) {
      const m = byMode.get(mode);
      if (!m || m.attempts === 0) continue;
      modes[mode] = {
        attempts: m.attempts,
        passed: m.passed,
        passRate: round4(m.passed / m.attempts),
        meanPercent: round2(m.points / m.attempts),
        bestPercent: m.best,
      };
    }
    out.set(key, modes);
  }
  return out;
}

export function traineeAggregate(
  t: TraineeRow,
  recent: readonly number[],
  modes: ModeBreakdown = {},
): TraineeAggregate {
  const exam = modes.exam;
  return {
    name: t.name,
    attempts: t.attempts,
    exams: exam?.attempts ?? 0,
    passed: exam?.passed ?? 0,
    passRate: exam ? exam.passRate : null,
    bestPercent: t.best,
    bestExamPercent: exam ? exam.bestPercent : null,
    lastPercent: t.last,
    recent,
  };
}

/** The weeks as figures (means to two decimals). */
export function periodFigures(rows: readonly PeriodRow[]): PeriodFigures[] {
  return rows.map((r) => ({
    key: r.key,
    period: r.period,
    mode: r.mode,
    attempts: Number(r.attempts),
    passed: Number(r.passed ?? 0),
    meanPercent: round2(Number(r.meanPercent ?? 0)),
    bestPercent: Number(r.bestPercent ?? 0),
  }));
}

export interface PeriodRow {
  key: string;
  period: string;
  mode: string;
  attempts: number;
  passed: number | null;
  meanPercent: number | null;
  bestPercent: number | null;
}

/**
 * The choice counts read straight from the events index include headless runs' decision
 * times (always 0, but counted); take those out with the rows of headless sessions only.
 */
export function withoutHeadless(
  all: readonly WayRow[],
  headless: readonly { id: string; node: string; way: string; n: number; ms: number }[],
): readonly WayRow[] {
  if (headless.length === 0) return all;
  const key = (r: { id: string; node: string; way: string }) => `${r.id}\u0000${r.node}\u0000${r.way}`;
  const minus = new Map(headless.map((h) => [key(h), h]));
  return all.map((r) => {
    const h = minus.get(key(r));
    return h ? { ...r, ms: (r.ms ?? 0) - h.ms, timed: r.timed - h.n } : r;
  });
}

export function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** How well a lesson went: share of its max; a lesson with no max (only penalties) by its mean. */
const ratio = (l: { meanPoints: number; max: number }) =>
  l.max > 0 ? l.meanPoints / l.max : l.meanPoints < 0 ? l.meanPoints : 1;
const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10000) / 10000;
