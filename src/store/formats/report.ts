/**
 * The team lead's report in four forms: JSON (the documented shape and a little more),
 * terminal text with bar charts, CSV for spreadsheets, and one self-contained HTML page.
 * All four are built from the same ReportData, which the store aggregates in SQL.
 */
import { consequenceOf, localize, safeLine, waysOf, type Lang, type Scenario } from '../../core/index.js';
import type { ReportData, ScenarioAggregate, TraineeAggregate } from '../store.js';
import { bar, fit, padEnd, sparkline, table, widthOf } from './bars.js';
import { recordStrings } from './strings.js';

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

export const trendOf = (t: TraineeAggregate): number | null =>
  t.recent.length >= 2 ? t.recent[t.recent.length - 1]! - t.recent[0]! : null;

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

/** A lesson's title in the report's language, with its id when they differ. */
function lessonName(scenarioId: string, lesson: string, ctx: ReportContext): string {
  const l = ctx.scenarios.get(scenarioId)?.lessons[lesson];
  const title = l ? safeLine(localize(l.title, ctx.lang)) : '';
  return title && title !== lesson ? `${title} (${lesson})` : lesson;
}

function titleOf(id: string, ctx: ReportContext): string | null {
  const s = ctx.scenarios.get(id);
  return s ? safeLine(localize(s.title, ctx.lang)) : null;
}

const pct = (x: number) => `${Math.round(x)}%`;
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** Terminal text, `width` columns wide. */
export function reportText(data: ReportData, ctx: ReportContext, width = 80): string {
  const t = recordStrings(ctx.lang);
  const out: string[] = [];
  const barWidth = Math.max(10, Math.min(30, width - 50));
  if (data.scenarios.length === 0) return `${t.noSessions}\n`;
  out.push(`${t.reportTitle}`, '');
  for (const s of data.scenarios) out.push(...scenarioText(s, ctx, barWidth, width), '');
  if (data.trainees.length) {
    out.push(t.traineesTitle);
    const rows = [[t.trainee, t.chartAttempts, t.passed, t.best, t.last, t.trend]];
    for (const tr of data.trainees) {
      const trend = trendOf(tr);
      rows.push([
        fit(safeLine(tr.name), 24),
        String(tr.attempts),
        String(tr.passed),
        pct(tr.bestPercent),
        pct(tr.lastPercent),
        `${sparkline(tr.recent)}${trend === null ? '' : ` ${signed(trend)}`}`,
      ]);
    }
    out.push(...table(rows, new Set([1, 2, 3, 4])).map((l) => `  ${l}`));
  }
  return `${out.join('\n')}\n`;
}

function scenarioText(s: ScenarioAggregate, ctx: ReportContext, barWidth: number, width: number): string[] {
  const t = recordStrings(ctx.lang);
  const out: string[] = [];
  const title = titleOf(s.id, ctx);
  out.push(fit(`■ ${s.id}${title ? `  ${title}` : ''}`, width));
  const facts = [t.attempts(s.attempts), t.trainees(s.trainees)];
  if (s.unfinished) facts.push(t.inProgress(s.unfinished));
  out.push(`  ${facts.join(' · ')}`);
  if (s.attempts) {
    out.push(`  ${padEnd(t.passRate, 10)} ${bar(s.passRate, 1, barWidth)} ${pct(s.passRate * 100)}`);
    out.push(
      `  ${padEnd(t.mean, 10)} ${bar(s.meanPercent, 100, barWidth)} ${pct(s.meanPercent)}   ${t.median} ${pct(s.medianPercent)}`,
    );
  }
  if (s.meanDecisionMs !== null) out.push(`  ${t.decisionTime}: ${t.seconds(s.meanDecisionMs / 1000)}`);
  if (s.lessons.length) {
    out.push(`  ${t.lessonsWeakestFirst}`);
    const names = s.lessons.map((l) => lessonName(s.id, l.id, ctx));
    const nameWidth = Math.min(30, Math.max(...names.map(widthOf)));
    s.lessons.forEach((l, i) => {
      out.push(
        `    ${padEnd(fit(names[i]!, nameWidth), nameWidth)} ${bar(l.meanPoints, l.max, barWidth)} ${fmt(l.meanPoints)} / ${fmt(l.max)}`,
      );
    });
  }
  const nodes = Object.keys(s.choices);
  if (nodes.length) {
    out.push(`  ${t.choicesPerNode}`);
    const points = ctx.scenarios.get(s.id) ? wayPointsOf(ctx.scenarios.get(s.id)!) : undefined;
    for (const node of nodes) {
      const ways = Object.entries(s.choices[node]!);
      const total = ways.reduce((a, [, n]) => a + n, 0);
      const best = points?.get(node) ? Math.max(...points.get(node)!.values()) : undefined;
      out.push(`    ${fit(node, width - 4)}`);
      const nameWidth = Math.min(22, Math.max(...ways.map(([w]) => widthOf(w))));
      for (const [way, n] of ways) {
        const p = points?.get(node)?.get(way);
        const mark = p === undefined || best === undefined ? '' : p < best ? `  ✗ ${signed(p)}` : `  ✓ ${signed(p)}`;
        out.push(`      ${padEnd(fit(safeLine(way), nameWidth), nameWidth)} ${bar(n, total, barWidth)} ${n}${mark}`);
      }
    }
  }
  const endings = Object.entries(s.endings);
  if (endings.length) {
    out.push(`  ${t.endings}`);
    const nameWidth = Math.min(24, Math.max(...endings.map(([e]) => widthOf(e))));
    for (const [ending, n] of endings)
      out.push(`    ${padEnd(fit(ending, nameWidth), nameWidth)} ${bar(n, s.attempts, barWidth)} ${n}`);
  }
  return out;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ makes spreadsheets run a formula; quote it as text.
  const guarded = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** One long table: section, scenario, item, detail, value (pivot it in the spreadsheet). */
export function reportCsv(data: ReportData): string {
  const rows: (string | number | null)[][] = [['section', 'scenario', 'item', 'detail', 'value']];
  for (const s of data.scenarios) {
    rows.push(['scenario', s.id, 'attempts', '', s.attempts]);
    rows.push(['scenario', s.id, 'unfinished', '', s.unfinished]);
    rows.push(['scenario', s.id, 'trainees', '', s.trainees]);
    rows.push(['scenario', s.id, 'passRate', '', s.passRate]);
    rows.push(['scenario', s.id, 'meanPercent', '', s.meanPercent]);
    rows.push(['scenario', s.id, 'medianPercent', '', s.medianPercent]);
    rows.push(['scenario', s.id, 'meanDecisionMs', '', s.meanDecisionMs]);
    for (const l of s.lessons) {
      rows.push(['lesson', s.id, l.id, 'meanPoints', l.meanPoints]);
      rows.push(['lesson', s.id, l.id, 'max', l.max]);
    }
    for (const [node, ways] of Object.entries(s.choices))
      for (const [way, n] of Object.entries(ways)) rows.push(['choice', s.id, node, way, n]);
    for (const [ending, n] of Object.entries(s.endings)) rows.push(['ending', s.id, ending, '', n]);
  }
  for (const t of data.trainees) {
    rows.push(['trainee', '', t.name, 'attempts', t.attempts]);
    rows.push(['trainee', '', t.name, 'passed', t.passed]);
    rows.push(['trainee', '', t.name, 'bestPercent', t.bestPercent]);
    rows.push(['trainee', '', t.name, 'lastPercent', t.lastPercent]);
    rows.push(['trainee', '', t.name, 'trend', trendOf(t)]);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One HTML file with inline CSS bar charts and SVG sparklines: opens offline, no scripts. */
export function reportHtml(data: ReportData, ctx: ReportContext): string {
  const t = recordStrings(ctx.lang);
  const hbar = (label: string, value: number, max: number, text: string, cls = '') =>
    `<div class="row"><span class="label">${esc(label)}</span><span class="track"><span class="fill ${cls}" style="width:${max > 0 ? Math.max(0, Math.min(100, (100 * value) / max)).toFixed(1) : 0}%"></span></span><span class="value">${esc(text)}</span></div>`;
  const spark = (values: readonly number[]) => {
    if (values.length < 2) return '';
    const w = 80,
      h = 20;
    const pts = values
      .map((v, i) => `${((i / (values.length - 1)) * w).toFixed(1)},${(h - (v / 100) * h).toFixed(1)}`)
      .join(' ');
    return `<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(values.join(', '))}"><polyline fill="none" stroke="#2a6fdb" stroke-width="1.5" points="${pts}"/></svg>`;
  };
  const sections = data.scenarios
    .map((s) => {
      const title = titleOf(s.id, ctx);
      const points = ctx.scenarios.get(s.id) ? wayPointsOf(ctx.scenarios.get(s.id)!) : undefined;
      const facts = [
        t.attempts(s.attempts),
        t.trainees(s.trainees),
        ...(s.unfinished ? [t.inProgress(s.unfinished)] : []),
      ];
      const lessons = s.lessons
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
      const choices = Object.entries(s.choices)
        .map(([node, ways]) => {
          const total = Object.values(ways).reduce((a, b) => a + b, 0);
          const best = points?.get(node) ? Math.max(...points.get(node)!.values()) : undefined;
          const rows = Object.entries(ways)
            .map(([way, n]) => {
              const p = points?.get(node)?.get(way);
              const wrong = p !== undefined && best !== undefined && p < best;
              return hbar(
                `${way}${p === undefined ? '' : ` (${signed(p)})`}`,
                n,
                total,
                String(n),
                wrong ? 'wrong' : '',
              );
            })
            .join('');
          return `<h4>${esc(node)}</h4>${rows}`;
        })
        .join('');
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
    })
    .join('\n');
  const trainees = data.trainees.length
    ? `<section><h2>${esc(t.traineesTitle)}</h2><table><thead><tr><th>${esc(t.trainee)}</th><th>${esc(t.chartAttempts)}</th><th>${esc(t.passed)}</th><th>${esc(t.best)}</th><th>${esc(t.last)}</th><th>${esc(t.trend)}</th></tr></thead><tbody>${data.trainees
        .map((tr) => {
          const trend = trendOf(tr);
          return `<tr><td>${esc(tr.name)}</td><td>${tr.attempts}</td><td>${tr.passed}</td><td>${pct(tr.bestPercent)}</td><td>${pct(tr.lastPercent)}</td><td>${spark(tr.recent)} ${trend === null ? '' : esc(signed(trend))}</td></tr>`;
        })
        .join('')}</tbody></table></section>`
    : '';
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
