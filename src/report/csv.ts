/**
 * The report as CSV for spreadsheets: one long table. Every cell is one safe line (no escape
 * sequences, control characters or bidi overrides), and text a spreadsheet would run as a
 * formula (= + - @ at the start, also after a tab or CR, which safeLine turns to blanks) is
 * quoted as text.
 */
import { safeLine } from '../core/index.js';
import type { ReportData } from '../store/store.js';
import { trendOf } from './context.js';

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const line = safeLine(value);
  const guarded = /^\s*[=+\-@]/.test(line) ? `'${line}` : line;
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
