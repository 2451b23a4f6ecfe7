/** The report as CSV for spreadsheets: one long table, cells guarded against formulas. */
import type { ReportData } from '../store/store.js';
import { trendOf } from './context.js';

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
