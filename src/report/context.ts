/**
 * What every form of the team lead's report shares: the context it is written in (language,
 * the scenarios as last played, the filter), and the small facts each form shows the same way.
 */
import { consequenceOf, localize, safeLine, waysOf, type Lang, type Scenario } from '../core/index.js';
import type { TraineeAggregate } from '../store/store.js';

/** What the stored scenarios say about each way out of a node: its points, for marking wrong answers. */
export type WayPoints = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface ReportContext {
  readonly lang: Lang;
  /** the scenario as last played, per id (for titles and the points of each choice) */
  readonly scenarios: ReadonlyMap<string, Scenario>;
  readonly filter: { readonly scenario?: string; readonly trainee?: string; readonly since?: string };
  readonly generatedAt: string;
}

const sum = (score: Readonly<Record<string, number>>) => Object.values(score).reduce((a, b) => a + b, 0);

export function wayPointsOf(scenario: Scenario): WayPoints {
  const out = new Map<string, Map<string, number>>();
  for (const node of Object.values(scenario.nodes)) {
    const m = new Map<string, number>();
    for (const way of waysOf(node)) {
      const key =
        way.kind === 'choice'
          ? way.choice.id
          : way.kind === 'timeout'
            ? 'timeout'
            : way.kind === 'rule'
              ? `rule ${way.index + 1}`
              : `when ${way.index + 1}`;
      m.set(key, sum(consequenceOf(way).score));
    }
    out.set(node.id, m);
  }
  return out;
}

export const trendOf = (t: TraineeAggregate): number | null =>
  t.recent.length >= 2 ? t.recent[t.recent.length - 1]! - t.recent[0]! : null;

/** A lesson's title in the report's language, with its id when they differ. */
export function lessonName(scenarioId: string, lesson: string, ctx: ReportContext): string {
  const l = ctx.scenarios.get(scenarioId)?.lessons[lesson];
  const title = l ? safeLine(localize(l.title, ctx.lang)) : '';
  return title && title !== lesson ? `${title} (${lesson})` : lesson;
}

export function titleOf(id: string, ctx: ReportContext): string | null {
  const s = ctx.scenarios.get(id);
  return s ? safeLine(localize(s.title, ctx.lang)) : null;
}

export const pct = (x: number) => `${Math.round(x)}%`;
export const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** A mean to two decimals, an integer as it is. */
export const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
