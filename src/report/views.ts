/**
 * What the team lead's report shows, worked out once from the store's aggregates and the
 * scenarios as last played: every reply in words with its points, the answers typed most
 * often, decision times and paths per node, the replies that cost the most points, pass rates
 * per week and the trainee × lesson matrix. The four forms (json, text, csv, html) render it.
 */
import { localize, safeLine, shareOf, type Outcome, type Scenario } from '../core/index.js';
import type { ModeBreakdown, PeriodFigures, ReportData, ScenarioAggregate } from '../store/store.js';
import { lessonName, titleOf, trendOf, type ReportContext } from './context.js';
import { markOf, waysInWords, type Mark, type WayWords } from './words.js';

/** Typed answers are cut to this many characters (they are examples, not transcripts). */
export const ANSWER_CHARS = 40;
/** How many replies the "cost the most points" list names. */
export const COSTLY_COUNT = 10;

export interface WayView {
  readonly way: string;
  /** the reply in words (a choice's text, a rule's model answer or keywords, …) */
  readonly text: string;
  readonly n: number;
  /** points the way gives (summed over lessons); null when the scenario is not known */
  readonly points: number | null;
  readonly mark: Mark | '';
  /** for a typed-answer rule: what trainees actually wrote, most often first */
  readonly answers: readonly { readonly text: string; readonly n: number }[];
}

export interface NodeView {
  readonly node: string;
  /** decisions of played sessions here, and their mean time */
  readonly decisions: number;
  readonly meanDecisionMs: number | null;
  /** the most points any way out of this node gives; null when the scenario is not known */
  readonly best: number | null;
  readonly ways: readonly WayView[];
}

export interface PathNode {
  readonly id: string;
  readonly kind: 'choice' | 'input' | 'branch' | 'end';
  readonly outcome?: Outcome;
  /** how many sessions reached it */
  readonly visits: number;
}

export interface PathEdge {
  readonly from: string;
  readonly to: string;
  readonly way: string;
  readonly text: string;
  readonly n: number;
}

export interface PathView {
  readonly start: string;
  readonly nodes: readonly PathNode[];
  readonly edges: readonly PathEdge[];
}

export interface ScenarioView {
  readonly id: string;
  readonly title: string | null;
  readonly data: ScenarioAggregate;
  readonly modes: ModeBreakdown;
  /** `name`: the title with the id beside it (for people); `title`: the title alone (for tools) */
  readonly lessons: readonly {
    readonly id: string;
    readonly name: string;
    readonly title: string;
    readonly meanPoints: number;
    readonly max: number;
  }[];
  readonly nodes: readonly NodeView[];
  /** undefined when the scenario's source could not be read */
  readonly paths?: PathView;
  readonly endings: readonly { readonly id: string; readonly n: number }[];
}

export interface CostlyView {
  readonly scenario: string;
  readonly node: string;
  readonly way: string;
  readonly text: string;
  readonly n: number;
  /** the points this reply gives, and the most any reply there gives */
  readonly points: number;
  readonly best: number;
  /** (best − points) × n */
  readonly lost: number;
}

export interface WeekView {
  readonly period: string;
  readonly exams: number;
  readonly passed: number;
  readonly passRate: number | null;
  readonly practice: number;
  readonly practiceMean: number | null;
  readonly headless: number;
}

export interface TrendView {
  readonly key: string;
  readonly weeks: readonly WeekView[];
}

export interface MatrixCell {
  readonly sessions: number;
  readonly points: number;
  readonly max: number;
  /** share of the lesson's points earned (see core shareOf), as a percent */
  readonly percent: number;
}

export interface MatrixView {
  /** weakest across the team first */
  readonly lessons: readonly { readonly id: string; readonly name: string }[];
  readonly rows: readonly { readonly trainee: string; readonly cells: readonly (MatrixCell | null)[] }[];
}

export interface ReportView {
  readonly scenarios: readonly ScenarioView[];
  readonly costly: readonly CostlyView[];
  readonly trend: { readonly scenarios: readonly TrendView[]; readonly trainees: readonly TrendView[] };
  readonly matrix: MatrixView;
}

export function reportView(data: ReportData, ctx: ReportContext): ReportView {
  const scenarios = data.scenarios.map((s) => scenarioView(s, ctx));
  return {
    scenarios,
    costly: costlyOf(scenarios),
    trend: { scenarios: trendViews(data.trend.scenarios), trainees: trendViews(data.trend.trainees) },
    matrix: matrixView(data, ctx),
  };
}

function scenarioView(s: ScenarioAggregate, ctx: ReportContext): ScenarioView {
  const scenario = ctx.scenarios.get(s.id);
  return {
    id: s.id,
    title: titleOf(s.id, ctx),
    data: s,
    modes: s.modes,
    lessons: s.lessons.map((l) => ({ ...l, name: lessonName(s.id, l.id, ctx), title: lessonTitle(l.id, ctx) })),
    nodes: nodeViews(s, scenario, ctx),
    ...(scenario ? { paths: pathView(s, scenario, ctx) } : {}),
    endings: Object.entries(s.endings).map(([id, n]) => ({ id, n })),
  };
}

/** Each node's replies as recorded (most taken first), in words when the scenario is known. */
function nodeViews(s: ScenarioAggregate, scenario: Scenario | undefined, ctx: ReportContext): NodeView[] {
  // in the scenario's own order when it is known (the order its author wrote), else by id
  const order = new Map(Object.keys(scenario?.nodes ?? {}).map((id, i) => [id, i]));
  const at = (id: string) => order.get(id) ?? order.size;
  const nodes = Object.entries(s.choices).sort(([a], [b]) => at(a) - at(b) || cmp(a, b));
  return nodes.map(([node, ways]) => {
    const def = scenario?.nodes[node];
    const words = def && scenario ? waysInWords(scenario, def, ctx.lang) : new Map<string, WayWords>();
    const timed = s.decisions[node];
    return {
      node,
      decisions: timed?.n ?? 0,
      meanDecisionMs: timed?.meanMs ?? null,
      best: words.size ? Math.max(...[...words.values()].map((w) => w.points)) : null,
      ways: Object.entries(ways).map(([way, n]) => {
        const w = words.get(way);
        return {
          way,
          text: w?.text ?? safeLine(way),
          n,
          points: w?.points ?? null,
          mark: w ? markOf(w.points) : '',
          answers: (s.answers[node]?.[way] ?? []).map((a) => ({ text: answerText(a.text), n: a.n })),
        };
      }),
    };
  });
}

/** A typed answer as the report quotes it: one safe line, cut to ANSWER_CHARS characters. */
export function answerText(text: string): string {
  const line = safeLine(text).replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length > ANSWER_CHARS ? `${chars.slice(0, ANSWER_CHARS - 1).join('')}…` : line;
}

/** Which way out of each node trainees took, as edges of the scenario's graph with counts. */
function pathView(s: ScenarioAggregate, scenario: Scenario, ctx: ReportContext): PathView {
  const edges: PathEdge[] = [];
  const incoming = new Map<string, number>();
  for (const node of Object.values(scenario.nodes)) {
    const counts = { ...(s.choices[node.id] ?? {}), ...(s.branches[node.id] ?? {}) };
    for (const [way, w] of waysInWords(scenario, node, ctx.lang)) {
      const n = counts[way] ?? 0;
      edges.push({ from: node.id, to: w.goto, way, text: w.text, n });
      incoming.set(w.goto, (incoming.get(w.goto) ?? 0) + n);
    }
  }
  const nodes: PathNode[] = Object.values(scenario.nodes).map((node) => ({
    id: node.id,
    kind: node.kind,
    ...(node.kind === 'end' ? { outcome: node.outcome } : {}),
    visits: node.id === scenario.start ? s.attempts + s.unfinished : (incoming.get(node.id) ?? 0),
  }));
  return { start: scenario.start, nodes, edges };
}

/** The replies that lost the most points over every trainee: (best there − its points) × times taken. */
function costlyOf(scenarios: readonly ScenarioView[]): CostlyView[] {
  const out: CostlyView[] = [];
  for (const s of scenarios) {
    for (const node of s.nodes) {
      const best = node.best;
      if (best === null) continue;
      const scored = node.ways.filter((w) => w.points !== null);
      for (const w of scored) {
        if (w.points! >= best || w.n === 0) continue;
        out.push({
          scenario: s.id,
          node: node.node,
          way: w.way,
          text: w.text,
          n: w.n,
          points: w.points!,
          best,
          lost: (best - w.points!) * w.n,
        });
      }
    }
  }
  return out
    .sort((a, b) => b.lost - a.lost || b.n - a.n || cmp(a.scenario, b.scenario) || cmp(a.node, b.node))
    .slice(0, COSTLY_COUNT);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Per key (a scenario or a trainee), its weeks in order with exam, practice and headless apart. */
function trendViews(rows: readonly PeriodFigures[]): TrendView[] {
  const byKey = new Map<string, Map<string, Record<string, PeriodFigures>>>();
  for (const r of rows) {
    let weeks = byKey.get(r.key);
    if (!weeks) byKey.set(r.key, (weeks = new Map()));
    let modes = weeks.get(r.period);
    if (!modes) weeks.set(r.period, (modes = {}));
    modes[r.mode] = r;
  }
  return [...byKey].map(([key, weeks]) => ({
    key,
    weeks: [...weeks]
      .sort(([a], [b]) => cmp(a, b))
      .map(([period, m]) => ({
        period,
        exams: m.exam?.attempts ?? 0,
        passed: m.exam?.passed ?? 0,
        passRate: m.exam ? Math.round((m.exam.passed / m.exam.attempts) * 10000) / 10000 : null,
        practice: m.practice?.attempts ?? 0,
        practiceMean: m.practice ? m.practice.meanPercent : null,
        headless: m.headless?.attempts ?? 0,
      })),
  }));
}

/** Trainees × lessons over every case: each cell the share of the lesson's points earned. */
function matrixView(data: ReportData, ctx: ReportContext): MatrixView {
  const team = new Map<string, { points: number; max: number }>();
  for (const c of data.matrix) {
    const t = team.get(c.lesson) ?? { points: 0, max: 0 };
    team.set(c.lesson, { points: t.points + c.points, max: t.max + c.max });
  }
  const lessons = [...team]
    .sort(([a, x], [b, y]) => shareOf(x) - shareOf(y) || cmp(a, b))
    .map(([id]) => ({ id, name: lessonTitle(id, ctx) }));
  const column = new Map(lessons.map((l, i) => [l.id, i]));
  const rows = new Map<string, (MatrixCell | null)[]>();
  for (const c of data.matrix) {
    let cells = rows.get(c.trainee);
    if (!cells) rows.set(c.trainee, (cells = lessons.map(() => null)));
    cells[column.get(c.lesson)!] = {
      sessions: c.sessions,
      points: c.points,
      max: c.max,
      percent: Math.round(shareOf(c) * 100),
    };
  }
  return { lessons, rows: [...rows].map(([trainee, cells]) => ({ trainee, cells })) };
}

/** A lesson's title from any scenario that knows it (lessons of the catalog are shared by id). */
function lessonTitle(id: string, ctx: ReportContext): string {
  for (const s of ctx.scenarios.values()) {
    const l = s.lessons[id];
    if (l) return safeLine(localize(l.title, ctx.lang)) || id;
  }
  return id;
}

export { trendOf };
