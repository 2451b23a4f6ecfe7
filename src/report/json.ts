/** The report as JSON: the documented shape and a little more (`report --json`). */
import type { ReportData } from '../store/store.js';
import { trendOf, type ReportContext } from './context.js';

export interface ReportJson {
  readonly generatedAt: string;
  readonly filter: ReportContext['filter'];
  readonly scenarios: readonly {
    readonly id: string;
    readonly attempts: number;
    readonly unfinished: number;
    readonly trainees: number;
    readonly passRate: number;
    readonly meanPercent: number;
    readonly medianPercent: number;
    readonly meanDecisionMs: number | null;
    readonly lessons: Readonly<Record<string, { readonly meanPoints: number; readonly max: number }>>;
    readonly choices: Readonly<Record<string, Readonly<Record<string, number>>>>;
    readonly endings: Readonly<Record<string, number>>;
  }[];
  readonly trainees: readonly {
    readonly name: string;
    readonly attempts: number;
    readonly passed: number;
    readonly bestPercent: number;
    readonly lastPercent: number;
    /** last percent minus the first of the recent ones; null with fewer than two attempts */
    readonly trend: number | null;
    readonly recent: readonly number[];
  }[];
}

export function reportJson(data: ReportData, ctx: ReportContext): ReportJson {
  return {
    generatedAt: ctx.generatedAt,
    filter: ctx.filter,
    scenarios: data.scenarios.map((s) => ({
      id: s.id,
      attempts: s.attempts,
      unfinished: s.unfinished,
      trainees: s.trainees,
      passRate: s.passRate,
      meanPercent: s.meanPercent,
      medianPercent: s.medianPercent,
      meanDecisionMs: s.meanDecisionMs,
      // insertion order is weakest first
      lessons: Object.fromEntries(s.lessons.map((l) => [l.id, { meanPoints: l.meanPoints, max: l.max }])),
      choices: s.choices,
      endings: s.endings,
    })),
    trainees: data.trainees.map((t) => ({
      name: t.name,
      attempts: t.attempts,
      passed: t.passed,
      bestPercent: t.bestPercent,
      lastPercent: t.lastPercent,
      trend: trendOf(t),
      recent: t.recent,
    })),
  };
}
