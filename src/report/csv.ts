/**
 * The report as CSV for spreadsheets: one long table (`report --csv`, pivot it), or one table
 * per view (`report --csv DIR`, or one named table into a file). Every cell is one safe line
 * (no escape sequences, control characters or bidi overrides), and text a spreadsheet would
 * run as a formula (= + - @ at the start, also after a tab or CR, which safeLine turns to
 * blanks) is quoted as text.
 */
import { safeLine } from '../core/index.js';
import type { ReportData } from '../store/store.js';
import { trendOf, type ReportContext } from './context.js';
import { reportView, type ReportView, type ScenarioView } from './views.js';

type Cell = string | number | null;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const line = safeLine(value);
  const guarded = /^\s*[=+\-@]/.test(line) ? `'${line}` : line;
  return /[",\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

const csvOf = (rows: readonly (readonly Cell[])[]) => `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

/** One long table: section, scenario, item, detail, value (pivot it in the spreadsheet). */
export function reportCsv(data: ReportData): string {
  const rows: Cell[][] = [['section', 'scenario', 'item', 'detail', 'value']];
  for (const s of data.scenarios) {
    rows.push(['scenario', s.id, 'attempts', '', s.attempts]);
    rows.push(['scenario', s.id, 'unfinished', '', s.unfinished]);
    rows.push(['scenario', s.id, 'trainees', '', s.trainees]);
    rows.push(['scenario', s.id, 'passRate', 'exam', s.passRate]);
    rows.push(['scenario', s.id, 'meanPercent', '', s.meanPercent]);
    rows.push(['scenario', s.id, 'medianPercent', '', s.medianPercent]);
    rows.push(['scenario', s.id, 'meanDecisionMs', '', s.meanDecisionMs]);
    for (const [mode, m] of Object.entries(s.modes)) {
      rows.push(['mode', s.id, mode, 'attempts', m.attempts]);
      rows.push(['mode', s.id, mode, 'passRate', m.passRate]);
      rows.push(['mode', s.id, mode, 'meanPercent', m.meanPercent]);
    }
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
    rows.push(['trainee', '', t.name, 'exams', t.exams]);
    rows.push(['trainee', '', t.name, 'passed', t.passed]);
    rows.push(['trainee', '', t.name, 'bestPercent', t.bestPercent]);
    rows.push(['trainee', '', t.name, 'lastPercent', t.lastPercent]);
    rows.push(['trainee', '', t.name, 'trend', trendOf(t)]);
  }
  return csvOf(rows);
}

/** The tables `report --csv DIR` writes, one file each (`<name>.csv`). */
export const CSV_TABLES = [
  'scenarios',
  'modes',
  'replies',
  'answers',
  'decisions',
  'paths',
  'endings',
  'lessons',
  'costly',
  'trend',
  'trainees',
  'matrix',
] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

type Tables = Record<CsvTable, Cell[][]>;

const HEADERS: Record<CsvTable, readonly string[]> = {
  scenarios: [
    'scenario',
    'title',
    'attempts',
    'unfinished',
    'trainees',
    'examPassRate',
    'examPassed',
    'meanPercent',
    'medianPercent',
    'meanDecisionMs',
  ],
  modes: ['scenario', 'mode', 'attempts', 'passed', 'passRate', 'meanPercent', 'bestPercent'],
  replies: ['scenario', 'node', 'way', 'text', 'count', 'points', 'mark'],
  answers: ['scenario', 'node', 'way', 'rule', 'answer', 'count'],
  decisions: ['scenario', 'node', 'decisions', 'meanDecisionMs'],
  paths: ['scenario', 'from', 'to', 'way', 'text', 'count'],
  endings: ['scenario', 'ending', 'count'],
  lessons: ['scenario', 'lesson', 'title', 'meanPoints', 'max'],
  costly: ['rank', 'scenario', 'node', 'way', 'text', 'count', 'points', 'best', 'lost'],
  trend: ['of', 'key', 'week', 'exams', 'passed', 'passRate', 'practice', 'practiceMean', 'headless'],
  trainees: [
    'trainee',
    'attempts',
    'exams',
    'passed',
    'passRate',
    'bestPercent',
    'bestExamPercent',
    'lastPercent',
    'trend',
  ],
  matrix: ['trainee', 'lesson', 'title', 'sessions', 'points', 'max', 'percent'],
};

/** The tables of one scenario: figures, modes, replies, typed answers, decision times, paths, endings, lessons. */
function scenarioRows(s: ScenarioView, t: Tables): void {
  const d = s.data;
  t.scenarios.push([
    d.id,
    s.title,
    d.attempts,
    d.unfinished,
    d.trainees,
    d.passRate,
    d.passed,
    d.meanPercent,
    d.medianPercent,
    d.meanDecisionMs,
  ]);
  for (const [mode, m] of Object.entries(s.modes))
    t.modes.push([d.id, mode, m.attempts, m.passed, m.passRate, m.meanPercent, m.bestPercent]);
  for (const node of s.nodes) {
    t.decisions.push([d.id, node.node, node.decisions, node.meanDecisionMs]);
    for (const w of node.ways) {
      t.replies.push([d.id, node.node, w.way, w.text, w.n, w.points, w.mark || null]);
      for (const a of w.answers) t.answers.push([d.id, node.node, w.way, w.text, a.text, a.n]);
    }
  }
  for (const e of s.paths?.edges ?? []) t.paths.push([d.id, e.from, e.to, e.way, e.text, e.n]);
  for (const e of s.endings) t.endings.push([d.id, e.id, e.n]);
  for (const l of s.lessons) t.lessons.push([d.id, l.id, l.title, l.meanPoints, l.max]);
}

/** The team-wide tables: costly replies, weeks, trainees, the trainee × lesson matrix. */
function teamRows(data: ReportData, v: ReportView, t: Tables): void {
  v.costly.forEach((c, i) => t.costly.push([i + 1, c.scenario, c.node, c.way, c.text, c.n, c.points, c.best, c.lost]));
  for (const [of, trends] of [
    ['scenario', v.trend.scenarios],
    ['trainee', v.trend.trainees],
  ] as const)
    for (const tr of trends)
      for (const w of tr.weeks)
        t.trend.push([of, tr.key, w.period, w.exams, w.passed, w.passRate, w.practice, w.practiceMean, w.headless]);
  for (const tr of data.trainees)
    t.trainees.push([
      tr.name,
      tr.attempts,
      tr.exams,
      tr.passed,
      tr.passRate,
      tr.bestPercent,
      tr.bestExamPercent,
      tr.lastPercent,
      trendOf(tr),
    ]);
  for (const r of v.matrix.rows)
    r.cells.forEach((c, i) => {
      const l = v.matrix.lessons[i]!;
      if (c) t.matrix.push([r.trainee, l.id, l.name, c.sessions, c.points, c.max, c.percent]);
    });
}

/** Every table, by name; the reply and lesson texts in the report's language, ids beside them. */
export function reportTables(data: ReportData, ctx: ReportContext): Record<CsvTable, string> {
  const v = reportView(data, ctx);
  const t = Object.fromEntries(CSV_TABLES.map((name) => [name, [[...HEADERS[name]]]])) as Tables;
  for (const s of v.scenarios) scenarioRows(s, t);
  teamRows(data, v, t);
  return Object.fromEntries(CSV_TABLES.map((name) => [name, csvOf(t[name])])) as Record<CsvTable, string>;
}
