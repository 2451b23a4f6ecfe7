/**
 * The report as one self-contained HTML page: inline CSS bar charts, a heatmap, SVG trend
 * lines and path diagrams drawn here; no scripts, nothing loaded from a network (its
 * Content-Security-Policy allows neither).
 */
import type { ReportData } from '../store/store.js';
import { fmt, pct, rate, signed, trendOf, type ReportContext } from './context.js';
import { esc, hbar, heatColour, htmlTable, lineChart, type HtmlCell } from './html-parts.js';
import { pathMermaid, pathSvg } from './html-paths.js';
import { recordStrings, type RecordStrings } from './strings.js';
import { localTime } from './time.js';
import { reportView, type NodeView, type ReportView, type ScenarioView, type TrendView } from './views.js';

function modesTable(v: ScenarioView, t: RecordStrings): string {
  const rows: HtmlCell[][] = (['exam', 'practice', 'headless'] as const).flatMap((mode) => {
    const m = v.modes[mode];
    return m
      ? [[t.modes[mode]!, m.attempts, mode === 'exam' ? rate(m.passRate) : '–', pct(m.meanPercent), pct(m.bestPercent)]]
      : [];
  });
  return htmlTable(`modes-${v.id}`, [t.mode, t.chartAttempts, t.examPassRate, t.mean, t.best], rows, 'modes');
}

/** A node's replies by their text (id in the tooltip), marks by points, what trainees typed. */
function nodeSection(node: NodeView, t: RecordStrings): string {
  const total = node.ways.reduce((a, w) => a + w.n, 0);
  const rows = node.ways
    .map((w) => {
      const cls = w.mark === '✗' ? 'wrong' : w.mark === '✓' ? 'right' : '';
      const label = `${w.mark ? `${w.mark} ` : ''}${w.text}${w.points === null ? '' : ` (${signed(w.points)})`}`;
      const typed = w.answers.length
        ? `<div class="typed">${esc(t.typed)}: ${w.answers.map((a) => `<q>${esc(a.text)}</q> ×${a.n}`).join(' · ')}</div>`
        : '';
      return `<div class="reply" data-way="${esc(w.way)}">${hbar(label, w.n, total, String(w.n), cls, w.way)}${typed}</div>`;
    })
    .join('');
  const time =
    node.meanDecisionMs === null
      ? ''
      : ` <small>${esc(t.decisionAt(t.seconds(node.meanDecisionMs / 1000), node.decisions))}</small>`;
  return `<h4>${esc(node.node)}${time}</h4>${rows}`;
}

function decisionBars(v: ScenarioView, t: RecordStrings): string {
  const timed = v.nodes.filter((n) => n.meanDecisionMs !== null);
  if (!timed.length) return '';
  const most = Math.max(...timed.map((n) => n.meanDecisionMs!));
  const bars = timed.map((n) => hbar(n.node, n.meanDecisionMs!, most, t.seconds(n.meanDecisionMs! / 1000))).join('');
  return `<h3>${esc(t.decisionTimesTitle)}</h3><div class="decisions">${bars}</div>`;
}

function scenarioSection(v: ScenarioView, t: RecordStrings): string {
  const s = v.data;
  const facts = [t.attempts(s.attempts), t.trainees(s.trainees), ...(s.unfinished ? [t.inProgress(s.unfinished)] : [])];
  const lessons = v.lessons
    .map((l) =>
      hbar(
        l.name,
        l.meanPoints,
        l.max,
        `${fmt(l.meanPoints)} / ${fmt(l.max)}`,
        l.max > 0 && l.meanPoints / l.max < 0.5 ? 'weak' : '',
      ),
    )
    .join('');
  const endings = v.endings.map((e) => hbar(e.id, e.n, s.attempts, String(e.n))).join('');
  const paths = v.paths
    ? `<h3>${esc(t.pathsTitle)}</h3><div class="diagram" id="paths-${esc(v.id)}">${pathSvg(v.paths)}</div><details><summary>${esc(t.mermaidSource)}</summary><pre class="mermaid-source">${esc(pathMermaid(v.paths))}</pre></details>`
    : '';
  return `<section class="scenario" id="scenario-${esc(v.id)}"><h2>${esc(s.id)}${v.title ? ` <small>${esc(v.title)}</small>` : ''}</h2>
<p>${esc(facts.join(' · '))}${s.meanDecisionMs !== null ? ` · ${esc(t.decisionTime)} ${esc(t.seconds(s.meanDecisionMs / 1000))}` : ''}</p>
${s.attempts ? hbar(t.examPassRate, s.passRate ?? 0, 1, s.passRate === null ? t.noExam : rate(s.passRate)) + hbar(t.mean, s.meanPercent, 100, `${pct(s.meanPercent)} (${t.median} ${pct(s.medianPercent)})`) : ''}
<h3>${esc(t.modesTitle)}</h3>${modesTable(v, t)}
${lessons ? `<h3>${esc(t.lessonsWeakestFirst)}</h3>${lessons}` : ''}
${v.nodes.length ? `<h3>${esc(t.repliesPerNode)}</h3>${v.nodes.map((n) => nodeSection(n, t)).join('')}` : ''}
${decisionBars(v, t)}
${paths}
${endings ? `<h3>${esc(t.endings)}</h3>${endings}` : ''}
</section>`;
}

function costlySection(view: ReportView, t: RecordStrings): string {
  if (!view.costly.length) return '';
  const rows = view.costly.map((c, i): HtmlCell[] => [
    i + 1,
    c.scenario,
    c.node,
    { html: esc(c.text), attrs: `title="${esc(c.way)}"` },
    c.n,
    signed(c.points),
    { html: `−${c.lost}`, attrs: 'class="num lost"' },
  ]);
  return `<section><h2>${esc(t.costlyTitle)}</h2>${htmlTable('costly', ['#', t.scenario, t.node, t.reply, t.times, t.points, t.lost], rows)}</section>`;
}

function trendTable(id: string, title: string, trends: readonly TrendView[], t: RecordStrings): string {
  const withExams = trends.filter((tr) => tr.weeks.some((w) => w.exams > 0));
  if (!withExams.length) return '';
  const rows = withExams.map((tr): HtmlCell[] => {
    const weeks = tr.weeks.filter((w) => w.exams > 0);
    const last = weeks[weeks.length - 1]!;
    const chart = lineChart(
      weeks.map((w) => ({
        value: w.passRate === null ? null : w.passRate * 100,
        tip: `${w.period}: ${rate(w.passRate)} (${w.passed}/${w.exams})`,
      })),
    );
    return [tr.key, { html: chart }, `${last.period}: ${rate(last.passRate)} (${last.passed}/${last.exams})`];
  });
  return `<h3>${esc(title)}</h3>${htmlTable(id, ['', t.trend, t.last], rows, 'trend')}`;
}

function traineesSection(data: ReportData, t: RecordStrings): string {
  if (!data.trainees.length) return '';
  const rows = data.trainees.map((tr): HtmlCell[] => {
    const trend = trendOf(tr);
    return [
      tr.name,
      tr.attempts,
      tr.exams,
      tr.passed,
      rate(tr.passRate),
      tr.bestExamPercent === null ? '–' : pct(tr.bestExamPercent),
      pct(tr.lastPercent),
      trend === null ? '' : signed(trend),
    ];
  });
  return `<section><h2>${esc(t.traineesTitle)}</h2>${htmlTable('trainees', [t.trainee, t.chartAttempts, t.exams, t.passed, t.examPassRate, t.bestExam, t.last, t.trend], rows)}</section>`;
}

/** Trainees × lessons, each cell coloured from red (no points) to green (all of them). */
function heatmapSection(view: ReportView, t: RecordStrings): string {
  const m = view.matrix;
  if (!m.rows.length || !m.lessons.length) return '';
  const head = [t.trainee, ...m.lessons.map((l) => l.name)];
  const rows = m.rows.map((r): HtmlCell[] => [
    r.trainee,
    ...r.cells.map((c, i): HtmlCell => {
      const lesson = m.lessons[i]!;
      if (!c) return { html: '', attrs: `class="cell empty" data-lesson="${esc(lesson.id)}"` };
      const tip = `${r.trainee} · ${lesson.name}: ${c.points} / ${c.max} (${c.sessions})`;
      return {
        html: `${c.percent}%`,
        attrs: `class="cell" data-trainee="${esc(r.trainee)}" data-lesson="${esc(lesson.id)}" data-percent="${c.percent}" style="background:${heatColour(c.percent)}" title="${esc(tip)}"`,
      };
    }),
  ]);
  return `<section><h2>${esc(t.matrixTitle)}</h2>${htmlTable('heatmap', head, rows, 'heatmap')}</section>`;
}

const STYLE = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem}h2 small,h4 small{font-weight:normal;color:#555}
h3{font-size:1rem;margin:1rem 0 .3rem}h4{font-size:.9rem;margin:.6rem 0 .2rem;color:#444}
.row{display:flex;align-items:center;gap:.5rem;margin:.15rem 0}.label{flex:0 0 26rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.track{flex:1;background:#eef1f5;height:.9rem;border-radius:3px;overflow:hidden}.fill{display:block;height:100%;background:#2a6fdb}
.fill.weak{background:#e09b2d}.fill.wrong{background:#d9534f}.fill.right{background:#3c9a5f}.value{flex:0 0 9rem;font-variant-numeric:tabular-nums}
.typed{margin:0 0 .3rem 1.5rem;color:#555;font-size:.85rem}q{quotes:"“" "”"}
table{border-collapse:collapse;margin:.3rem 0}td,th{padding:.25rem .6rem;border-bottom:1px solid #eee;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
.heatmap td.cell{text-align:center;min-width:4rem;font-variant-numeric:tabular-nums}.heatmap th{font-weight:normal;font-size:.85rem}
svg.trend polyline{fill:none;stroke:#2a6fdb;stroke-width:1.5}svg.trend circle{fill:#2a6fdb}svg.trend .mid{stroke:#ddd;stroke-dasharray:2 2}
.diagram{overflow-x:auto}svg.paths .edge path{fill:none;stroke:#6b7a90;opacity:.8}svg.paths .edge.untaken path{stroke:#c5ccd6;stroke-dasharray:4 3}
svg.paths .edge text{font-size:11px;fill:#1d3f73;text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px}
svg.paths .node rect{fill:#eef3fb;stroke:#2a6fdb}svg.paths .node text{font-size:12px;text-anchor:middle;fill:#222}svg.paths .node .visits{font-size:11px;fill:#555}
svg.paths .node.end.success rect{fill:#e3f4e8;stroke:#3c9a5f}svg.paths .node.end.partial rect{fill:#fcf1dc;stroke:#e09b2d}svg.paths .node.end.failure rect{fill:#fbe4e3;stroke:#d9534f}
svg.paths .node.unvisited{opacity:.45}svg.paths .node.branch rect{stroke-dasharray:3 2}
pre.mermaid-source{background:#f6f8fa;padding:.5rem;overflow-x:auto}.meta{color:#666}`;

/** One HTML file with inline CSS charts and SVG drawings: opens offline, no scripts. */
export function reportHtml(data: ReportData, ctx: ReportContext): string {
  const t = recordStrings(ctx.lang);
  const view = reportView(data, ctx);
  const filter = Object.entries(ctx.filter)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ');
  const team = data.scenarios.length
    ? `${costlySection(view, t)}<section><h2>${esc(t.trendSection)}</h2>${trendTable('trend-scenarios', t.trendTitle, view.trend.scenarios, t)}${trendTable('trend-trainees', t.traineeTrendTitle, view.trend.trainees, t)}</section>${traineesSection(data, t)}${heatmapSection(view, t)}`
    : '';
  return `<!doctype html>
<html lang="${ctx.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(t.reportTitle)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<h1>${esc(t.reportTitle)}</h1>
<p class="meta">${esc(t.generated(localTime(ctx.generatedAt, ctx.timeZone)))}${filter ? ` · ${esc(filter)}` : ''}</p>
${data.scenarios.length ? view.scenarios.map((s) => scenarioSection(s, t)).join('\n') : `<p>${esc(t.noSessions)}</p>`}
${team}
</body>
</html>
`;
}
