/** The report as terminal text with bar charts, lined up in columns (wide characters count two). */
import { safeLine } from '../core/index.js';
import type { ReportData, ScenarioAggregate } from '../store/store.js';
import { padEnd, table, truncate, widthOf } from '../text/layout.js';
import { bar, sparkline } from './bars.js';
import { fmt, lessonName, pct, signed, titleOf, trendOf, wayPointsOf, type ReportContext } from './context.js';
import { recordStrings } from './strings.js';

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
        truncate(safeLine(tr.name), 24),
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
  out.push(truncate(`■ ${s.id}${title ? `  ${title}` : ''}`, width));
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
        `    ${padEnd(truncate(names[i]!, nameWidth), nameWidth)} ${bar(l.meanPoints, l.max, barWidth)} ${fmt(l.meanPoints)} / ${fmt(l.max)}`,
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
      out.push(`    ${truncate(node, width - 4)}`);
      const nameWidth = Math.min(22, Math.max(...ways.map(([w]) => widthOf(w))));
      for (const [way, n] of ways) {
        const p = points?.get(node)?.get(way);
        const mark = p === undefined || best === undefined ? '' : p < best ? `  ✗ ${signed(p)}` : `  ✓ ${signed(p)}`;
        out.push(
          `      ${padEnd(truncate(safeLine(way), nameWidth), nameWidth)} ${bar(n, total, barWidth)} ${n}${mark}`,
        );
      }
    }
  }
  const endings = Object.entries(s.endings);
  if (endings.length) {
    out.push(`  ${t.endings}`);
    const nameWidth = Math.min(24, Math.max(...endings.map(([e]) => widthOf(e))));
    for (const [ending, n] of endings)
      out.push(`    ${padEnd(truncate(ending, nameWidth), nameWidth)} ${bar(n, s.attempts, barWidth)} ${n}`);
  }
  return out;
}
