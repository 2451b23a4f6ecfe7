/**
 * The team lead's report in four forms: JSON (the documented shape and a little more),
 * terminal text with bar charts, CSV for spreadsheets, and one self-contained HTML page.
 * All four are built from the same ReportData, which the store aggregates in SQL.
 */
export { wayPointsOf, type ReportContext, type WayPoints } from './context.js';
export { reportCsv } from './csv.js';
export { reportHtml } from './html.js';
export { reportJson, type ReportJson } from './json.js';
export { reportText } from './text.js';
