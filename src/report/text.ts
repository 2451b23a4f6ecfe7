/** The report as terminal text with bar charts, lined up in columns (wide characters count two). */
import { safeLine } from '../core/index.js';
import type { ReportData } from '../store/store.js';
import { padEnd, padStart, table, truncate, widthOf } from '../text/layout.js';
import { bar, sparkline } from './bars.js';
import { fmt, pct, rate, signed, trendOf, type ReportContext } from './context.js';
import { recordStrings, type RecordStrings } from './strings.js';
import { localTime } from './time.js';
import { reportView, type MatrixView, type NodeView, type ScenarioView, type TrendView } from './views.js';

/** Weeks a trend line shows in the terminal (the HTML and JSON have them all). */
const WEEKS_SHOWN = 12;

/** Terminal text, `width` columns wide. */
export function reportText(data: ReportData, ctx: ReportContext, width = 80): string {
  const t = recordStrings(ctx.lang);
  if (data.scenarios.length === 0) return `${t.noSessions}\n`;
  const view = reportView(data, ctx);
  const barWidth = Math.max(10, Math.min(30, width - 50));
  const out: string[] = [t.reportTitle, t.generated(localTime(ctx.generatedAt, ctx.timeZone)), ''];
  for (const s of view.scenarios) out.push(...scenarioText(s, t, barWidth, width), '');
  if (view.costly.length) {
    out.push(t.costlyTitle);
    view.costly.forEach((c, i) => {
      out.push(truncate(`  ${i + 1}. −${c.lost}  ${c.scenario} · ${c.node}`, width));
      out.push(truncate(`     ${c.text}`, width), `     ${t.costlyLine(c.n, c.best - c.points)}`);
    });
    out.push('');
  }
  out.push(...trendText(t.trendTitle, view.trend.scenarios, width), ...traineesText(data, t));
  out.push(...trendText(t.traineeTrendTitle, view.trend.trainees, width));
  out.push(...matrixText(view.matrix, t, width));
  return `${out.join('\n')}\n`;
}

function scenarioText(v: ScenarioView, t: RecordStrings, barWidth: number, width: number): string[] {
  const s = v.data;
  const out: string[] = [truncate(`■ ${s.id}${v.title ? `  ${v.title}` : ''}`, width)];
  const facts = [t.attempts(s.attempts), t.trainees(s.trainees)];
  if (s.unfinished) facts.push(t.inProgress(s.unfinished));
  out.push(`  ${facts.join(' · ')}`);
  if (s.attempts) {
    out.push(
      `  ${padEnd(t.examPassRate, 14)} ${s.passRate === null ? t.noExam : `${bar(s.passRate, 1, barWidth)} ${rate(s.passRate)}`}`,
    );
    out.push(
      `  ${padEnd(t.mean, 14)} ${bar(s.meanPercent, 100, barWidth)} ${pct(s.meanPercent)}   ${t.median} ${pct(s.medianPercent)}`,
    );
    out.push(`  ${t.modesTitle}`);
    for (const mode of ['exam', 'practice', 'headless'] as const) {
      const m = v.modes[mode];
      if (!m) continue;
      out.push(
        `    ${padEnd(t.modes[mode]!, 10)} ${t.modeLine(m.attempts, mode === 'exam' ? rate(m.passRate) : null, pct(m.meanPercent))}`,
      );
    }
  }
  if (s.meanDecisionMs !== null) out.push(`  ${t.decisionTime}: ${t.seconds(s.meanDecisionMs / 1000)}`);
  if (v.lessons.length) {
    out.push(`  ${t.lessonsWeakestFirst}`);
    const nameWidth = Math.min(30, Math.max(...v.lessons.map((l) => widthOf(l.name))));
    for (const l of v.lessons)
      out.push(
        `    ${padEnd(truncate(l.name, nameWidth), nameWidth)} ${bar(l.meanPoints, l.max, barWidth)} ${fmt(l.meanPoints)} / ${fmt(l.max)}`,
      );
  }
  if (v.nodes.length) {
    out.push(`  ${t.repliesPerNode}`);
    for (const node of v.nodes) out.push(...nodeText(node, t, barWidth, width));
  }
  if (v.paths) out.push(...pathText(v, t, width));
  if (v.endings.length) {
    out.push(`  ${t.endings}`);
    const nameWidth = Math.min(24, Math.max(...v.endings.map((e) => widthOf(e.id))));
    for (const e of v.endings)
      out.push(`    ${padEnd(truncate(e.id, nameWidth), nameWidth)} ${bar(e.n, s.attempts, barWidth)} ${e.n}`);
  }
  return out;
}

/** A node's replies by their text, most taken first, with the mark of their points and what was typed. */
function nodeText(node: NodeView, t: RecordStrings, barWidth: number, width: number): string[] {
  const time =
    node.meanDecisionMs === null ? '' : ` · ${t.decisionAt(t.seconds(node.meanDecisionMs / 1000), node.decisions)}`;
  const out = [truncate(`    ${node.node}${time}`, width)];
  const total = node.ways.reduce((a, w) => a + w.n, 0);
  const textWidth = Math.max(12, width - 30);
  for (const w of node.ways) {
    const mark = w.mark === '' ? '   ' : `${w.mark} ${padStart(signed(w.points!), 3)}`;
    out.push(
      `      ${mark} ${padEnd(truncate(w.text, textWidth), textWidth)} ${bar(w.n, total, Math.min(barWidth, 12))} ${w.n}`,
    );
    if (w.answers.length) {
      const said = w.answers.map((a) => `“${a.text}” ×${a.n}`).join('  ');
      out.push(truncate(`            ${t.typed}: ${said}`, width));
    }
  }
  return out;
}

/** Each way that was taken, as `from → to  n  (the reply)`, in the scenario's order. */
function pathText(v: ScenarioView, t: RecordStrings, width: number): string[] {
  const taken = v.paths!.edges.filter((e) => e.n > 0);
  if (!taken.length) return [];
  const rows = taken.map((e) => [`${e.from} → ${e.to}`, String(e.n), truncate(e.text, Math.max(10, width - 40))]);
  return [`  ${t.pathsTitle}`, ...table(rows, new Set([1])).map((l) => truncate(`    ${l}`, width))];
}

/** One line per key: its weekly exam pass rate as a sparkline, and the last weeks' figures. */
function trendText(title: string, trends: readonly TrendView[], width: number): string[] {
  const withExams = trends.filter((tr) => tr.weeks.some((w) => w.exams > 0));
  if (!withExams.length) return [];
  const rows = withExams.map((tr) => {
    const weeks = tr.weeks.filter((w) => w.exams > 0).slice(-WEEKS_SHOWN);
    const last = weeks[weeks.length - 1]!;
    return [
      truncate(safeLine(tr.key), 24),
      sparkline(weeks.map((w) => (w.passRate ?? 0) * 100)),
      `${last.period}: ${rate(last.passRate)} (${last.passed}/${last.exams})`,
    ];
  });
  return [title, ...table(rows).map((l) => truncate(`  ${l}`, width)), ''];
}

function traineesText(data: ReportData, t: RecordStrings): string[] {
  if (!data.trainees.length) return [];
  const rows = [[t.trainee, t.chartAttempts, t.exams, t.passed, t.examPassRate, t.bestExam, t.last, t.trend]];
  for (const tr of data.trainees) {
    const trend = trendOf(tr);
    rows.push([
      truncate(safeLine(tr.name), 24),
      String(tr.attempts),
      String(tr.exams),
      String(tr.passed),
      rate(tr.passRate),
      tr.bestExamPercent === null ? '–' : pct(tr.bestExamPercent),
      pct(tr.lastPercent),
      `${sparkline(tr.recent)}${trend === null ? '' : ` ${signed(trend)}`}`,
    ]);
  }
  return [t.traineesTitle, ...table(rows, new Set([1, 2, 3, 4, 5, 6])).map((l) => `  ${l}`), ''];
}

/** A shade per share of the points: mastered, good, shaky, weak. */
export function shade(percent: number): string {
  return percent >= 80 ? '█' : percent >= 50 ? '▓' : percent >= 25 ? '▒' : '░';
}

/** Trainees down, lessons across (numbered, named below), each cell shaded with its percent. */
function matrixText(m: MatrixView, t: RecordStrings, width: number): string[] {
  if (!m.rows.length || !m.lessons.length) return [];
  const header = [t.trainee, ...m.lessons.map((_, i) => `L${i + 1}`)];
  const rows = m.rows.map((r) => [
    truncate(safeLine(r.trainee), 16),
    ...r.cells.map((c) => (c === null ? '' : `${shade(c.percent)}${shade(c.percent)} ${c.percent}%`)),
  ]);
  const legend = m.lessons.map((l, i) => truncate(`  L${i + 1} ${l.name}`, width));
  return [
    t.matrixTitle,
    ...table([header, ...rows]).map((l) => truncate(`  ${l}`, width)),
    ...legend,
    `  ${t.matrixLegend}`,
  ];
}
