/** The report as one self-contained HTML page: inline CSS bar charts, SVG sparklines, no scripts. */
import type { ReportData, ScenarioAggregate } from '../store/store.js';
import { fmt, lessonName, pct, signed, titleOf, trendOf, wayPointsOf, type ReportContext } from './context.js';
import { recordStrings } from './strings.js';

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Strings = ReturnType<typeof recordStrings>;

/** One labelled bar: `value` of `max`, with its figure; `cls` colours it (weak, wrong). */
function hbar(label: string, value: number, max: number, text: string, cls = ''): string {
  const width = max > 0 ? Math.max(0, Math.min(100, (100 * value) / max)).toFixed(1) : 0;
  return `<div class="row"><span class="label">${esc(label)}</span><span class="track"><span class="fill ${cls}" style="width:${width}%"></span></span><span class="value">${esc(text)}</span></div>`;
}

/** Percents 0..100 as a small SVG line (nothing for fewer than two). */
function spark(values: readonly number[]): string {
  if (values.length < 2) return '';
  const w = 80,
    h = 20;
  const pts = values
    .map((v, i) => `${((i / (values.length - 1)) * w).toFixed(1)},${(h - (v / 100) * h).toFixed(1)}`)
    .join(' ');
  return `<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(values.join(', '))}"><polyline fill="none" stroke="#2a6fdb" stroke-width="1.5" points="${pts}"/></svg>`;
}

function lessonBars(s: ScenarioAggregate, ctx: ReportContext): string {
  return s.lessons
    .map((l) =>
      hbar(
        lessonName(s.id, l.id, ctx),
        l.meanPoints,
        l.max,
        `${fmt(l.meanPoints)} / ${fmt(l.max)}`,
        l.max > 0 && l.meanPoints / l.max < 0.5 ? 'weak' : '',
      ),
    )
    .join('');
}

/** Per node, how often each way was taken; a way worth less than the best there is marked wrong. */
function choiceBars(s: ScenarioAggregate, ctx: ReportContext): string {
  const points = ctx.scenarios.get(s.id) ? wayPointsOf(ctx.scenarios.get(s.id)!) : undefined;
  return Object.entries(s.choices)
    .map(([node, ways]) => {
      const total = Object.values(ways).reduce((a, b) => a + b, 0);
      const best = points?.get(node) ? Math.max(...points.get(node)!.values()) : undefined;
      const rows = Object.entries(ways)
        .map(([way, n]) => {
          const p = points?.get(node)?.get(way);
          const wrong = p !== undefined && best !== undefined && p < best;
          return hbar(`${way}${p === undefined ? '' : ` (${signed(p)})`}`, n, total, String(n), wrong ? 'wrong' : '');
        })
        .join('');
      return `<h4>${esc(node)}</h4>${rows}`;
    })
    .join('');
}

function scenarioSection(s: ScenarioAggregate, ctx: ReportContext, t: Strings): string {
  const title = titleOf(s.id, ctx);
  const facts = [t.attempts(s.attempts), t.trainees(s.trainees), ...(s.unfinished ? [t.inProgress(s.unfinished)] : [])];
  const lessons = lessonBars(s, ctx);
  const choices = choiceBars(s, ctx);
  const endings = Object.entries(s.endings)
    .map(([e, n]) => hbar(e, n, s.attempts, String(n)))
    .join('');
  return `<section><h2>${esc(s.id)}${title ? ` <small>${esc(title)}</small>` : ''}</h2>
<p>${esc(facts.join(' · '))}${s.meanDecisionMs !== null ? ` · ${esc(t.decisionTime)} ${esc(t.seconds(s.meanDecisionMs / 1000))}` : ''}</p>
${s.attempts ? hbar(t.passRate, s.passRate, 1, pct(s.passRate * 100)) + hbar(t.mean, s.meanPercent, 100, `${pct(s.meanPercent)} (${t.median} ${pct(s.medianPercent)})`) : ''}
${lessons ? `<h3>${esc(t.lessonsWeakestFirst)}</h3>${lessons}` : ''}
${choices ? `<h3>${esc(t.choicesPerNode)}</h3>${choices}` : ''}
${endings ? `<h3>${esc(t.endings)}</h3>${endings}` : ''}
</section>`;
}

function traineesSection(data: ReportData, t: Strings): string {
  if (!data.trainees.length) return '';
  const rows = data.trainees
    .map((tr) => {
      const trend = trendOf(tr);
      return `<tr><td>${esc(tr.name)}</td><td>${tr.attempts}</td><td>${tr.passed}</td><td>${pct(tr.bestPercent)}</td><td>${pct(tr.lastPercent)}</td><td>${spark(tr.recent)} ${trend === null ? '' : esc(signed(trend))}</td></tr>`;
    })
    .join('');
  return `<section><h2>${esc(t.traineesTitle)}</h2><table><thead><tr><th>${esc(t.trainee)}</th><th>${esc(t.chartAttempts)}</th><th>${esc(t.passed)}</th><th>${esc(t.best)}</th><th>${esc(t.last)}</th><th>${esc(t.trend)}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** One HTML file with inline CSS bar charts and SVG sparklines: opens offline, no scripts. */
export function reportHtml(data: ReportData, ctx: ReportContext): string {
  const t = recordStrings(ctx.lang);
  const sections = data.scenarios.map((s) => scenarioSection(s, ctx, t)).join('\n');
  const trainees = traineesSection(data, t);
  const filter = Object.entries(ctx.filter)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ');
  return `<!doctype html>
<html lang="${ctx.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(t.reportTitle)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem}h2 small{font-weight:normal;color:#555}
h3{font-size:1rem;margin:1rem 0 .3rem}h4{font-size:.9rem;margin:.6rem 0 .2rem;color:#444}
.row{display:flex;align-items:center;gap:.5rem;margin:.15rem 0}.label{flex:0 0 16rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.track{flex:1;background:#eef1f5;height:.9rem;border-radius:3px;overflow:hidden}.fill{display:block;height:100%;background:#2a6fdb}
.fill.weak{background:#e09b2d}.fill.wrong{background:#d9534f}.value{flex:0 0 9rem;font-variant-numeric:tabular-nums}
table{border-collapse:collapse}td,th{padding:.25rem .6rem;border-bottom:1px solid #eee;text-align:left}
.meta{color:#666}
</style>
</head>
<body>
<h1>${esc(t.reportTitle)}</h1>
<p class="meta">${esc(ctx.generatedAt)}${filter ? ` · ${esc(filter)}` : ''}</p>
${data.scenarios.length ? sections : `<p>${esc(t.noSessions)}</p>`}
${trainees}
</body>
</html>
`;
}
