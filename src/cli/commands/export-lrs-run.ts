/**
 * What `roleplay export --lrs URL` does: send the xAPI statements to a learning record store.
 * The LRS client lives in src/store/xapi; here are the options' checks and one line per outcome.
 */
import type { Lang } from '../../core/index.js';
import { xapiOf } from '../../report/export.js';
import {
  type LrsOptions,
  LrsError,
  parseAuth,
  sendStatements,
  statementsUrl,
  type XapiStatementLike,
} from '../../store/xapi/lrs.js';
import { type Said, said, UserError, printText } from '../env.js';
import { filterOf, withStore } from '../store-access.js';
import { checkBase } from './export-run.js';

export interface LrsExportOptions {
  db?: string;
  format: 'jsonl' | 'xapi';
  trainee?: string;
  scenario?: string;
  since?: string;
  output?: string;
  base?: string;
  lrs?: string;
  auth?: string;
  batch?: string;
}

/** Statements are sent as sessions are read, a few batches at a time, never all held in memory. */
export async function exportToLrs(
  opts: LrsExportOptions & { lrs: string },
  formatGiven: boolean,
  lang: Lang,
): Promise<number> {
  const lrs = lrsOf(opts, formatGiven, lang);
  const filter = filterOf(opts, lang);
  let sent = 0;
  let sessions = 0;
  let buffer: XapiStatementLike[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer;
    buffer = [];
    await send(chunk, lrs, sent, lang);
    sent += chunk.length;
  };
  await withStore(opts, lang, async (store) => {
    await store.eachSession(filter, async (session, events) => {
      sessions++;
      buffer.push(...(xapiOf(session, events, opts.base) as unknown as XapiStatementLike[]));
      if (buffer.length >= lrs.batchSize * 10) await flush();
    });
    await flush();
  });
  const host = new URL(opts.lrs).host;
  printText(
    said(
      `已向 ${host} 发送 ${sent} 条 xAPI 记录（${sessions} 个练习）；重复发送不会产生重复记录（记录编号固定）\n`,
      `sent ${sent} xAPI statement(s) from ${sessions} session(s) to ${host}; sending again is harmless (statement ids are stable)\n`,
    )[lang],
  );
  return 0;
}

/** The options checked, in the order a trainer fixes them, before the database is opened. */
function lrsOf(
  opts: LrsExportOptions & { lrs: string },
  formatGiven: boolean,
  lang: Lang,
): LrsOptions & { batchSize: number } {
  const refuse = (text: Said) => new UserError(text[lang], 2);
  if (formatGiven && opts.format !== 'xapi')
    throw refuse(
      said(
        '--lrs 发送的是 xAPI 记录：请配合 --format xapi 使用（或不写 --format）',
        '--lrs sends xAPI statements: use it with --format xapi (or leave --format out)',
      ),
    );
  if (opts.output !== undefined)
    throw refuse(
      said(
        '--lrs（发送到学习记录库）和 --output（写入文件）只能选一个',
        'give either --lrs (send to a learning record store) or --output (write a file), not both',
      ),
    );
  checkBase(opts.base, lang);
  const authText = opts.auth ?? (process.env.ROLEPLAY_LRS_AUTH || undefined);
  const batchSize = opts.batch === undefined ? 50 : Number(opts.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000)
    throw refuse(
      said(
        `--batch 必须是 1 到 1000 之间的整数，而不是 '${opts.batch}'`,
        `--batch must be a whole number from 1 to 1000, not '${opts.batch}'`,
      ),
    );
  try {
    const lrs = { endpoint: opts.lrs, batchSize, ...(authText !== undefined ? { auth: parseAuth(authText) } : {}) };
    statementsUrl(opts.lrs); // checks the URL now, before the database is opened
    return lrs;
  } catch (e) {
    if (e instanceof LrsError) throw new UserError(e.in(lang), 2);
    throw e;
  }
}

/** One chunk; a failure says how many statements went before it, in the whole run. */
async function send(chunk: XapiStatementLike[], lrs: LrsOptions, sentBefore: number, lang: Lang): Promise<void> {
  try {
    await sendStatements(chunk, lrs);
  } catch (e) {
    // The error counts only within this chunk; the whole run is counted here.
    if (e instanceof LrsError) {
      const before = sentBefore + (e.progress?.sent ?? 0);
      throw new UserError(
        said(
          `${e.reasonIn('zh')}；此前已发送 ${before} 条记录（重新发送是安全的：学习记录库每条记录只保留一份）`,
          `${e.reasonIn('en')}; ${before} statement(s) were sent before this (sending again is safe: the LRS keeps one copy of each)`,
        )[lang],
        1,
      );
    }
    throw e;
  }
}
