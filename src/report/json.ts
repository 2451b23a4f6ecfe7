/** The report as JSON: the documented shape, and the team lead's views in words (`report --json`). */
import type { ModeBreakdown, ReportData } from '../store/store.js';
import { trendOf, type ReportContext } from './context.js';
import { localTime } from './time.js';
import { reportView, type CostlyView, type MatrixView, type NodeView, type PathView, type TrendView } from './views.js';

export interface ReportJson {
  readonly generatedAt: string;
  /** generatedAt in the reader's zone, with the offset */
  readonly generatedAtLocal: string;
  readonly timeZone: string;
  readonly filter: ReportContext['filter'];
  readonly scenarios: readonly {
    readonly id: string;
    readonly title: string | null;
    readonly attempts: number;
    readonly unfinished: number;
    readonly trainees: number;
    /** exam sessions only; null when there was no exam */
    readonly passRate: number | null;
    readonly passed: number;
    readonly meanPercent: number;
    readonly medianPercent: number;
    /** exam, practice and headless apart */
    readonly modes: ModeBreakdown;
    readonly meanDecisionMs: number | null;
    readonly lessons: Readonly<
      Record<string, { readonly meanPoints: number; readonly max: number; readonly title: string }>
    >;
    readonly choices: Readonly<Record<string, Readonly<Record<string, number>>>>;
    /** every node's replies in words, with points, marks, typed answers and decision times */
    readonly nodes: readonly NodeView[];
    /** the scenario's graph with how often each way was taken; null when its source could not be read */
    readonly paths: PathView | null;
    readonly endings: Readonly<Record<string, number>>;
  }[];
  readonly trainees: readonly {
    readonly name: string;
    readonly attempts: number;
    readonly exams: number;
    readonly passed: number;
    readonly passRate: number | null;
    readonly bestPercent: number;
    readonly bestExamPercent: number | null;
    readonly lastPercent: number;
    /** last percent minus the first of the recent ones; null with fewer than two attempts */
    readonly trend: number | null;
    readonly recent: readonly number[];
  }[];
  readonly costly: readonly CostlyView[];
  readonly trend: { readonly scenarios: readonly TrendView[]; readonly trainees: readonly TrendView[] };
  readonly matrix: MatrixView;
}

export function reportJson(data: ReportData, ctx: ReportContext): ReportJson {
  const view = reportView(data, ctx);
  return {
    generatedAt: ctx.generatedAt,
    generatedAtLocal: localTime(ctx.generatedAt, ctx.timeZone),
    timeZone: ctx.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    filter: ctx.filter,
    scenarios: view.scenarios.map((v) => {
      const s = v.data;
      return {
        id: s.id,
        title: v.title,
        attempts: s.attempts,
        unfinished: s.unfinished,
        trainees: s.trainees,
        passRate: s.passRate,
        passed: s.passed,
        meanPercent: s.meanPercent,
        medianPercent: s.medianPercent,
        modes: s.modes,
        meanDecisionMs: s.meanDecisionMs,
        // insertion order is weakest first
        lessons: Object.fromEntries(
          v.lessons.map((l) => [l.id, { meanPoints: l.meanPoints, max: l.max, title: l.title }]),
        ),
        choices: s.choices,
        nodes: v.nodes,
        paths: v.paths ?? null,
        endings: s.endings,
      };
    }),
    trainees: data.trainees.map((t) => ({
      name: t.name,
      attempts: t.attempts,
      exams: t.exams,
      passed: t.passed,
      passRate: t.passRate,
      bestPercent: t.bestPercent,
      bestExamPercent: t.bestExamPercent,
      lastPercent: t.lastPercent,
      trend: trendOf(t),
      recent: t.recent,
    })),
    costly: view.costly,
    trend: view.trend,
    matrix: view.matrix,
  };
}
