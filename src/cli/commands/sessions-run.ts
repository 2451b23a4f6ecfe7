/** What `roleplay sessions` does: the sessions a filter names, as a table or as JSON. */
import { type Lang, safeLine } from '../../core/index.js';
import { table, truncate } from '../../text/layout.js';
import { recordStrings } from '../../report/strings.js';
import type { SessionRow } from '../../store/store.js';
import { printLine, said, UserError } from '../env.js';
import { printJson } from '../json-output.js';
import { filterOf, type StoreOptions, shortId, withStore } from '../store-access.js';

interface SessionsOptions extends StoreOptions {
  scenario?: string;
  since?: string;
  json?: boolean;
  limit?: string;
}

export async function sessionsCommand(opts: SessionsOptions, lang: Lang): Promise<number> {
  const filter = filterOf(opts, lang);
  const limit = limitOf(opts.limit, lang);
  return withStore(opts, lang, async (store) => {
    // An unfinished session with no step holds nothing to look at or continue.
    const rows = await store.listSessions({ ...filter, withSteps: true, ...(limit !== undefined ? { limit } : {}) });
    if (opts.json) printJson({ sessions: rows.map(jsonOf) });
    else printLine(rows.length === 0 ? recordStrings(lang).noSessions : tableOf(rows, lang).join('\n'));
    return 0;
  });
}

function limitOf(given: string | undefined, lang: Lang): number | undefined {
  const limit = given === undefined ? undefined : Number(given);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new UserError(
      said(`--limit 必须是不小于 0 的整数，而不是 '${given}'`, `--limit must be a whole number, not '${given}'`)[lang],
      2,
    );
  }
  return limit;
}

/** A session for tools: field names stay as they are in every language. */
function jsonOf(r: SessionRow) {
  return {
    id: r.id,
    trainee: r.trainee,
    scenario: r.scenarioId,
    scenarioHash: r.scenarioHash,
    lang: r.lang,
    mode: r.mode,
    startedAt: r.startedAt,
    finishedAt: r.result?.finishedAt ?? null,
    outcome: r.result?.outcome ?? null,
    ending: r.result?.ending ?? null,
    total: r.result?.total ?? null,
    max: r.result?.max ?? null,
    percent: r.result?.percent ?? null,
    passed: r.result?.passed ?? null,
    events: r.eventCount,
    headHash: r.headHash,
  };
}

function tableOf(rows: readonly SessionRow[], lang: Lang): string[] {
  const t = recordStrings(lang);
  return table(
    [
      [t.id, t.started, t.trainee, t.scenario, t.mode, t.outcome, t.score, t.passed],
      ...rows.map((r) => [
        safeLine(shortId(r.id)),
        safeLine(r.startedAt.slice(0, 16).replace('T', ' ')),
        truncate(safeLine(r.trainee), 16),
        truncate(safeLine(r.scenarioId), 24),
        t.modes[r.mode] ?? r.mode,
        r.result ? (t.outcomes[r.result.outcome] ?? r.result.outcome) : t.unfinished,
        r.result ? `${r.result.percent}%` : '',
        r.result ? (r.result.passed ? t.yes : t.no) : '',
      ]),
    ],
    new Set([6]),
  );
}
