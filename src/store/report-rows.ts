/**
 * The grouped rows both stores compute in SQL, and how they become a report. Each store
 * writes its own queries (SQLite and PostgreSQL differ in windows, JSON and index use); the
 * numbers are put together here once, so a team lead reads the same report from either.
 */
import type { ScenarioAggregate, TraineeAggregate } from './store.js';

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

export interface ReportRows {
  readonly summaries: readonly SummaryRow[];
  readonly medianOf: (scenario: string) => number | undefined;
  readonly lessons: readonly LessonRow[];
  /** sorted by scenario, node, count (most first), way */
  readonly ways: readonly WayRow[];
  readonly endings: readonly EndingRow[];
}

export function scenarioAggregates(rows: ReportRows): ScenarioAggregate[] {
  const waysOf = groupBy(rows.ways, (w) => w.id);
  const endingsOf = groupBy(rows.endings, (e) => e.id);
  const lessonsOf = groupBy(rows.lessons, (l) => l.id);
  return rows.summaries.map((r) => {
    const choices: Record<string, Record<string, number>> = {};
    let decisions = 0;
    let ms = 0;
    for (const w of waysOf.get(r.id) ?? []) {
      (choices[w.node] ??= {})[w.way] = w.n;
      // Headless runs take no human time: only played sessions count for decision time.
      decisions += w.timed;
      ms += w.ms ?? 0;
    }
    const endings: Record<string, number> = {};
    for (const e of endingsOf.get(r.id) ?? []) endings[e.ending] = e.n;
    const lessons = (lessonsOf.get(r.id) ?? [])
      .map((l) => ({ id: l.lesson, meanPoints: round2(l.meanPoints), max: round2(l.max) }))
      .sort((a, b) => ratio(a) - ratio(b) || a.id.localeCompare(b.id));
    return {
      id: r.id,
      attempts: r.attempts,
      unfinished: r.unfinished,
      trainees: r.trainees,
      passed: r.passed,
      passRate: r.attempts ? round4(r.passed / r.attempts) : 0,
      meanPercent: round2(r.meanPercent ?? 0),
      medianPercent: round2(rows.medianOf(r.id) ?? 0),
      meanDecisionMs: decisions ? Math.round(ms / decisions) : null,
      lessons,
      choices,
      endings,
    };
  });
}

export function traineeAggregate(t: TraineeRow, recent: readonly number[]): TraineeAggregate {
  return { name: t.name, attempts: t.attempts, passed: t.passed, bestPercent: t.best, lastPercent: t.last, recent };
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
