/** What `roleplay report` does: the store's aggregates as text with bar charts, JSON, CSV or an HTML page. */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Lang, safeText, type Scenario } from '../../core/index.js';
import {
  CSV_TABLES,
  offsetMinutesAt,
  reportCsv,
  reportHtml,
  reportJson,
  reportTables,
  reportText,
  type CsvTable,
  type ReportContext,
} from '../../report/report.js';
import { scenarioFromSource } from '../../store/scenario-source.js';
import type { ReportData, SessionFilter, SessionStore } from '../../store/store.js';
import { printErr, printText, said, UserError } from '../env.js';
import { printJson } from '../json-output.js';
import { filterOf, type StoreOptions, withStore } from '../store-access.js';

interface ReportOptions extends StoreOptions {
  scenario?: string;
  since?: string;
  json?: boolean;
  /** true: the long table on standard output; a folder: one file per table; a file: one table */
  csv?: boolean | string;
  table?: string;
  html?: string;
}

export async function reportCommand(opts: ReportOptions, lang: Lang): Promise<number> {
  const formats = [opts.json, opts.csv !== undefined && opts.csv !== false, opts.html !== undefined].filter(
    Boolean,
  ).length;
  if (formats > 1)
    throw new UserError(said('--json、--csv 和 --html 只能选一个', 'choose one of --json, --csv and --html')[lang], 2);
  const table = tableOf(opts, lang);
  const filter = filterOf(opts, lang);
  const generatedAt = new Date().toISOString();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return withStore(
    opts,
    lang,
    async (store) => {
      const data = await store.report(filter, { offsetMinutes: offsetMinutesAt(generatedAt, timeZone) });
      // The long CSV table is the bare aggregates: it needs no words, so no scenario is read.
      const longCsv = opts.csv !== undefined && opts.csv !== false && !table && !isFolder(opts.csv);
      const ctx: ReportContext = {
        lang,
        scenarios: longCsv ? new Map<string, Scenario>() : await scenariosOf(store, filter, data.scenarios),
        generatedAt,
        timeZone,
        filter: {
          ...(filter.scenario !== undefined ? { scenario: filter.scenario } : {}),
          ...(filter.trainee !== undefined ? { trainee: filter.trainee } : {}),
          ...(filter.since !== undefined ? { since: filter.since } : {}),
        },
      };
      if (opts.json) printJson({ ...reportJson(data, ctx) });
      // CSV cells are made safe one by one (report/csv.ts), so a table goes out as it is
      else if (opts.csv === true) process.stdout.write(table ? reportTables(data, ctx)[table] : reportCsv(data));
      else if (typeof opts.csv === 'string') writeCsv(opts.csv, table, data, ctx, lang);
      // the page too: a bidi override reorders what a browser shows as much as a terminal
      else if (opts.html !== undefined) writeReport(opts.html, safeText(reportHtml(data, ctx)), lang);
      else printText(reportText(data, ctx, process.stdout.columns || Number(process.env.COLUMNS) || 80));
      return 0;
    },
    'read',
  );
}

function tableOf(opts: ReportOptions, lang: Lang): CsvTable | undefined {
  if (opts.table === undefined) return undefined;
  if (opts.csv === undefined || opts.csv === false)
    throw new UserError(said('--table 只能和 --csv 一起用', '--table goes with --csv')[lang], 2);
  if (!(CSV_TABLES as readonly string[]).includes(opts.table)) {
    const names = CSV_TABLES.join(', ');
    throw new UserError(
      said(`没有 '${opts.table}' 这张表；可选：${names}`, `no table '${opts.table}'; choose one of ${names}`)[lang],
      2,
    );
  }
  return opts.table as CsvTable;
}

/**
 * `--csv DIR` (an existing folder, or a path ending in /): one file per table, DIR/<table>.csv.
 * `--csv FILE`: that file holds the table named by --table, else the long table.
 */
const isFolder = (target: string | true) =>
  target !== true && (/[\\/]$/.test(target) || (existsSync(target) && statSync(target).isDirectory()));

function writeCsv(target: string, table: CsvTable | undefined, data: ReportData, ctx: ReportContext, lang: Lang): void {
  if (!isFolder(target)) {
    writeReport(target, table ? reportTables(data, ctx)[table] : reportCsv(data), lang);
    return;
  }
  if (table)
    throw new UserError(said('--table 要写进一个文件，而不是文件夹', '--table writes one file, not a folder')[lang], 2);
  try {
    mkdirSync(target, { recursive: true });
  } catch (e) {
    throw cannotWrite(target, e, lang);
  }
  const tables = reportTables(data, ctx);
  for (const name of CSV_TABLES) writeFileOrSay(join(target, `${name}.csv`), tables[name], lang);
  printErr(
    said(`${CSV_TABLES.length} 张表已写入 ${target}\n`, `${CSV_TABLES.length} tables written to ${target}\n`)[lang],
  );
}

/** Titles, replies in words and the points of each way, from each scenario as last played. */
async function scenariosOf(
  store: SessionStore,
  filter: SessionFilter,
  reported: readonly { id: string }[],
): Promise<Map<string, Scenario>> {
  const scenarios = new Map<string, Scenario>();
  for (const s of reported) {
    const latest = (await store.listSessions({ ...filter, scenario: s.id, limit: 1 }))[0];
    const source = latest ? await store.loadSource(latest.scenarioHash) : undefined;
    // a source that no longer loads leaves the ids standing in for titles and words
    const scenario = source ? scenarioFromSource(source) : undefined;
    if (scenario) scenarios.set(s.id, scenario);
  }
  return scenarios;
}

function cannotWrite(file: string, e: unknown, lang: Lang): UserError {
  const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return new UserError(said(`无法写入 ${file}：${why}`, `cannot write ${file}: ${why}`)[lang], 1);
}

function writeFileOrSay(file: string, text: string, lang: Lang): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw cannotWrite(file, e, lang);
  }
}

function writeReport(file: string, text: string, lang: Lang): void {
  writeFileOrSay(file, text, lang);
  printErr(said(`报告已写入 ${file}\n`, `report written to ${file}\n`)[lang]);
}
