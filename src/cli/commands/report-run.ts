/** What `roleplay report` does: the store's aggregates as text with bar charts, JSON, CSV or an HTML page. */
import { writeFileSync } from 'node:fs';
import { type Lang, safeText, type Scenario } from '../../core/index.js';
import { reportCsv, reportHtml, reportJson, reportText } from '../../report/report.js';
import { compiledFromSource } from '../../store/scenario-source.js';
import type { SessionFilter, SessionStore } from '../../store/store.js';
import { said, UserError, printText, printErr } from '../env.js';
import { printJson } from '../json-output.js';
import { filterOf, type StoreOptions, withStore } from '../store-access.js';

interface ReportOptions extends StoreOptions {
  scenario?: string;
  since?: string;
  json?: boolean;
  csv?: boolean;
  html?: string;
}

export async function reportCommand(opts: ReportOptions, lang: Lang): Promise<number> {
  const formats = [opts.json, opts.csv, opts.html !== undefined].filter(Boolean).length;
  if (formats > 1)
    throw new UserError(said('--json、--csv 和 --html 只能选一个', 'choose one of --json, --csv and --html')[lang], 2);
  const filter = filterOf(opts, lang);
  return withStore(opts, lang, async (store) => {
    const data = await store.report(filter);
    // JSON and CSV are the bare aggregates and skip loading the scenarios.
    const charts = !opts.json && !opts.csv;
    const ctx = {
      lang,
      scenarios: charts ? await scenariosOf(store, filter, data.scenarios) : new Map<string, Scenario>(),
      generatedAt: new Date().toISOString(),
      filter: {
        ...(filter.scenario !== undefined ? { scenario: filter.scenario } : {}),
        ...(filter.trainee !== undefined ? { trainee: filter.trainee } : {}),
        ...(filter.since !== undefined ? { since: filter.since } : {}),
      },
    };
    if (opts.json) printJson({ ...reportJson(data, ctx) });
    else if (opts.csv) process.stdout.write(reportCsv(data));
    // the page too: a bidi override reorders what a browser shows as much as a terminal
    else if (opts.html !== undefined) writeHtml(opts.html, safeText(reportHtml(data, ctx)), lang);
    else printText(reportText(data, ctx, process.stdout.columns || 80));
    return 0;
  });
}

/** Titles and the points of each choice (for the charts), from each scenario as last played. */
async function scenariosOf(
  store: SessionStore,
  filter: SessionFilter,
  reported: readonly { id: string }[],
): Promise<Map<string, Scenario>> {
  const scenarios = new Map<string, Scenario>();
  for (const s of reported) {
    const latest = (await store.listSessions({ ...filter, scenario: s.id, limit: 1 }))[0];
    const source = latest ? await store.loadSource(latest.scenarioHash) : undefined;
    if (!source) continue;
    try {
      scenarios.set(s.id, compiledFromSource(source).scenario);
    } catch {
      /* report without titles */
    }
  }
  return scenarios;
}

function writeHtml(file: string, html: string, lang: Lang): void {
  try {
    writeFileSync(file, html);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UserError(said(`无法写入 ${file}：${why}`, `cannot write ${file}: ${why}`)[lang], 1);
  }
  printErr(said(`报告已写入 ${file}\n`, `report written to ${file}\n`)[lang]);
}
