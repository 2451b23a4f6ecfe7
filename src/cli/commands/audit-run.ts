/**
 * `roleplay audit [paths]`: for each case, the findings as lint prints them (file:line:column:
 * error|warning: message), then a table of naive strategy → score and pass, per language.
 * Exit 1 when a naive strategy passes a case, a failure ending can pass, or a file does not load.
 */
import { auditScenario, type AuditReport, type StrategyOutcome } from '../../core/audit/audit.js';
import { auditReportWords as W } from '../../core/audit/audit-messages.js';
import {
  byPosition,
  compile,
  formatDiagnostic,
  tidyMessage,
  type Diagnostic,
  type Lang,
  type Locator,
} from '../../core/index.js';
import { printJson } from '../json-output.js';
import { lintPaths } from './lint-run.js';
import { printText, printErr } from '../env.js';

export interface AuditOptions {
  readonly lang: Lang;
  readonly json?: boolean;
  readonly runs: number;
  readonly seed: number;
}

interface AuditedCase {
  readonly file: string;
  readonly report: AuditReport;
  readonly diagnostics: readonly Diagnostic[];
}

export function auditCommand(paths: readonly string[], options: AuditOptions): number {
  const lint = lintPaths(paths.length ? paths : ['scenarios'], options.lang);
  // a file that does not load cannot be audited: its errors are the audit's
  const loadErrors = lint.diagnostics.filter((d) => d.severity === 'error');
  const locators = new Map<string, Locator>();
  for (const f of lint.files) if (f.loaded) locators.set(f.file, f.loaded.locate);
  const cases: AuditedCase[] = lint.scenarios.map(({ file, scenario }) => {
    const report = auditScenario(compile(scenario), { runs: options.runs, seed: options.seed });
    const locate = locators.get(file);
    const diagnostics = report.findings.map((f) => ({
      file,
      ...(locate ? locate(f.path, f.part) : { line: 1, column: 1 }),
      severity: f.severity,
      code: f.code,
      message: tidyMessage(f.text[options.lang]),
    }));
    return { file, report, diagnostics: diagnostics.sort(byPosition) };
  });
  const all = [...loadErrors, ...cases.flatMap((c) => c.diagnostics)];
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  const passed = cases.filter((c) => c.report.passedBy.length > 0).length;
  if (options.json) printAudit(cases, loadErrors, { errors, warnings, passed });
  else {
    for (const d of all) printText(`${formatDiagnostic(d)}\n`);
    for (const c of cases) printText(`\n${tableOf(c.report, options.lang).join('\n')}\n`);
    printErr(`${W.summary(cases.length, passed, errors, warnings)[options.lang]}\n`);
  }
  return errors > 0 ? 1 : 0;
}

function printAudit(
  cases: readonly AuditedCase[],
  loadErrors: readonly Diagnostic[],
  totals: { errors: number; warnings: number; passed: number },
) {
  const out = {
    cases: cases.length,
    passedByNaive: totals.passed,
    errors: totals.errors,
    warnings: totals.warnings,
    notLoaded: loadErrors,
    results: cases.map((c) => ({
      file: c.file,
      scenario: c.report.scenario,
      passScore: c.report.passScore,
      passedBy: c.report.passedBy,
      strategies: c.report.strategies,
      diagnostics: c.diagnostics,
    })),
  };
  printJson(out);
}

/** The case's strategies as rows, one column per language. */
function tableOf(report: AuditReport, lang: Lang): string[] {
  const rows: string[][] = [];
  const names = [...new Set(report.strategies.map((s) => s.strategy))];
  for (const name of names) {
    const of = (l: Lang) => report.strategies.find((s) => s.strategy === name && s.lang === l)!;
    const zh = of('zh');
    rows.push([name === 'random' ? `random ×${zh.runs}` : name, cell(zh, lang), cell(of('en'), lang)]);
  }
  const header = [W.strategy()[lang], lang === 'zh' ? '中文' : 'Chinese', lang === 'zh' ? '英文' : 'English'];
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ')}`.trimEnd();
  return [`${report.scenario}  ${W.passMark(report.passScore)[lang]}`, line(header), ...rows.map(line)];
}

function cell(s: StrategyOutcome, lang: Lang): string {
  if (s.strategy === 'random') {
    const mark = s.passed ? `  ${W.passes()[lang]}` : '';
    return `${W.randomCell(s.passes!, s.runs!, s.percent)[lang]}${mark}`;
  }
  if (!s.finished) return W.unfinished()[lang];
  return `${s.percent}% ${s.passed ? W.passes()[lang] : W.fails()[lang]}`;
}

/** Display columns: Chinese characters take two. */
const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/u.test(ch) ? 2 : 1), 0);
