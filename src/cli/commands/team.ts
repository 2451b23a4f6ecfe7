/**
 * Team-scale commands: `roleplay import FILE` (sessions exported on another machine),
 * `roleplay sync` (upload what was recorded offline to the team server), and
 * `roleplay export --format xapi --lrs URL --auth USER:PASS` (send statements to a learning
 * record store). The store, the merge rules and the LRS client live in src/store; this
 * module turns their results and failures into one clear line each.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { resolveScenario } from '../files.js';
import type { Lang } from '../../core/index.js';
import { xapiOf } from '../../store/formats/export.js';
import { StoreError } from '../../store/store.js';
import { dbPathFrom, isPostgresUrl } from '../../store/open.js';
import { sourceOf } from '../../store/scenario-source.js';
import type { SessionStore } from '../../store/store.js';
import { MergeConflict, type SessionBundle } from '../../store/sync/bundle.js';
import { ImportError, parseExport } from '../../store/sync/jsonl.js';
import { mergeSessions } from '../../store/sync/merge-target.js';
import { SYNC_NOTICES } from '../../store/sync/notices.js';
import { TeamStore } from '../../store/sync/team-store.js';
import { LrsError, parseAuth, sendStatements, statementsUrl, type XapiStatementLike } from '../../store/xapi/lrs.js';
import { say, UserError } from '../env.js';
import { failureText, MAX_IMPORT_BYTES, readTextFile } from '../read-file.js';
import { badBase, filterOf, withStore } from './records.js';

// ───────────────────────────── import ─────────────────────────────

export async function importCommand(file: string, opts: { db?: string }, lang: Lang): Promise<number> {
  const read = readTextFile(file, MAX_IMPORT_BYTES, { pipes: true });
  if (!read.ok) {
    const why = failureText(read.failure, { zh: '导出文件', en: 'an export' }, { pipes: true });
    throw new UserError(say(lang, `cannot read ${file}: ${why.en}`, `无法读取 ${file}：${why.zh}`), 2);
  }
  const text = read.text;
  let parsed;
  try {
    parsed = parseExport(text);
  } catch (e) {
    if (e instanceof ImportError) throw notImported(file, e.line, e.in(lang), lang);
    throw e;
  }
  if (parsed.bundles.length === 0) {
    throw new UserError(
      say(
        lang,
        `${file}: no sessions in it (is it a \`roleplay export --format jsonl\` file?)`,
        `${file}：里面没有练习记录（它是 \`roleplay export --format jsonl\` 导出的文件吗？）`,
      ),
      1,
    );
  }

  return withStore(opts, lang, async (store) => {
    const bundles = await withSources(store, parsed.bundles, (id) => parsed.lineOf.get(id) ?? 1, file, lang);
    let outcomes;
    try {
      outcomes = await mergeSessions(store, bundles);
    } catch (e) {
      if (e instanceof MergeConflict) {
        throw notImported(file, parsed.lineOf.get(e.sessionId) ?? 1, e.in(lang), lang);
      }
      throw e;
    }
    const created = outcomes.filter((o) => o.created).length;
    const continued = outcomes.filter((o) => !o.created && (o.added > 0 || o.finished)).length;
    const same = outcomes.length - created - continued;
    const events = outcomes.reduce((n, o) => n + o.added, 0);
    process.stdout.write(
      say(
        lang,
        `imported ${outcomes.length} session(s) into ${store.location}: ${created} new, ${continued} continued, ${same} already there; ${events} event(s) added\n`,
        `已导入 ${outcomes.length} 个练习到 ${store.location}：新增 ${created} 个，续上 ${continued} 个，已存在 ${same} 个；新增 ${events} 个步骤\n`,
      ),
    );
    return 0;
  });
}

/**
 * Every session must arrive with the scenario it was played on. Older exports carry no
 * source lines: then the target may already hold it, or a scenario file here may be the very
 * same text (its hash says so).
 */
async function withSources(
  store: SessionStore,
  bundles: readonly SessionBundle[],
  lineOf: (id: string) => number,
  file: string,
  lang: Lang,
): Promise<SessionBundle[]> {
  const known = new Map<string, boolean>();
  const out: SessionBundle[] = [];
  for (const b of bundles) {
    const hash = b.header.scenarioHash;
    if (b.source || known.get(hash)) {
      out.push(b);
      continue;
    }
    if (!known.has(hash)) known.set(hash, (await store.loadSource(hash)) !== undefined);
    if (known.get(hash)) {
      out.push(b);
      continue;
    }
    const here = resolveScenario(b.header.scenarioId, lang);
    const source = here.ok ? sourceOf(here.scenario, here.source, here.file) : undefined;
    if (!source || source.hash !== hash) {
      throw notImported(
        file,
        lineOf(b.header.id),
        say(
          lang,
          `session ${b.header.id} was played on a version of scenario '${b.header.scenarioId}' that is neither in the file nor here; export it again with a current roleplay (it includes the scenario)`,
          `练习 ${b.header.id} 所用的案例「${b.header.scenarioId}」版本既不在文件里，也不在本机；请用新版 roleplay 重新导出（导出会带上案例）`,
        ),
        lang,
      );
    }
    out.push({ ...b, source });
  }
  return out;
}

/**
 * A refused import: `file:line: ` as editors and tools read it (the same in every language),
 * then why, and that the file was not partly stored.
 */
function notImported(file: string, line: number, why: string, lang: Lang): UserError {
  return new UserError(`${file}:${line}: ${why}${say(lang, '; nothing was imported', '；什么都没有导入')}`, 1);
}

// ───────────────────────────── sync ─────────────────────────────

export async function syncCommand(opts: { db?: string; all?: boolean }, lang: Lang): Promise<number> {
  const url = dbPathFrom(opts.db);
  if (!isPostgresUrl(url)) {
    throw new UserError(
      say(
        lang,
        'sync uploads to a team server: give --db postgres://user:password@host:5432/roleplay, or set ROLEPLAY_DB to that address',
        'sync 用于上传到团队服务器：请用 --db postgres://用户:密码@主机:5432/roleplay，或把 ROLEPLAY_DB 设为该地址',
      ),
      2,
    );
  }
  let store: TeamStore;
  try {
    store = await TeamStore.open(url, {
      localPath: join(homedir(), '.roleplay', 'roleplay.db'),
      uploadOnOpen: false,
      notice: () => {},
      lang,
    });
  } catch (e) {
    throw new UserError(e instanceof StoreError ? e.in(lang) : e instanceof Error ? e.message : String(e), 1);
  }
  try {
    if (!opts.all && store.waiting === 0) {
      process.stdout.write(say(lang, 'nothing on this computer is waiting to be uploaded\n', '本机没有待上传的记录\n'));
      return 0;
    }
    const result = await store.sync({ all: opts.all === true });
    if (result.ok) {
      process.stdout.write(
        say(
          lang,
          `uploaded ${result.sessions} session(s), ${result.events} new event(s), to ${store.location}; nothing is waiting on this computer\n`,
          `已上传 ${result.sessions} 个练习（${result.events} 个新步骤）到 ${store.location}；本机没有待上传的记录\n`,
        ),
      );
      return 0;
    }
    // The store's notices are off here (its offline notice would repeat the problem below), so
    // the sessions the server refused are named here, before the line that counts them.
    for (const r of result.refused)
      process.stderr.write(`roleplay: ${SYNC_NOTICES[lang].notUploaded(r.sessionId, r.reason)}\n`);
    process.stderr.write(
      say(
        lang,
        `roleplay: ${result.problem}; uploaded ${result.sessions} session(s), ${result.remaining} still wait on this computer (run \`roleplay sync\` again later; nothing is lost or sent twice)\n`,
        `roleplay: ${result.problem}；已上传 ${result.sessions} 个练习，还有 ${result.remaining} 个保存在本机（稍后再运行 \`roleplay sync\`，不会丢失也不会重复）\n`,
      ),
    );
    return 1;
  } finally {
    await store.close();
  }
}

// ───────────────────────────── export --lrs ─────────────────────────────

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
  if (formatGiven && opts.format !== 'xapi') {
    throw new UserError(
      say(
        lang,
        '--lrs sends xAPI statements: use it with --format xapi (or leave --format out)',
        '--lrs 发送的是 xAPI 记录：请配合 --format xapi 使用（或不写 --format）',
      ),
      2,
    );
  }
  if (opts.output !== undefined) {
    throw new UserError(
      say(
        lang,
        'give either --lrs (send to a learning record store) or --output (write a file), not both',
        '--lrs（发送到学习记录库）和 --output（写入文件）只能选一个',
      ),
      2,
    );
  }
  if (opts.base !== undefined && !/^https?:\/\/[^\s/]+/.test(opts.base)) throw badBase(lang);
  const authText = opts.auth ?? (process.env.ROLEPLAY_LRS_AUTH || undefined);
  const batchSize = opts.batch === undefined ? 50 : Number(opts.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) {
    throw new UserError(
      say(
        lang,
        `--batch must be a whole number from 1 to 1000, not '${opts.batch}'`,
        `--batch 必须是 1 到 1000 之间的整数，而不是 '${opts.batch}'`,
      ),
      2,
    );
  }
  let lrs;
  try {
    lrs = { endpoint: opts.lrs, batchSize, ...(authText !== undefined ? { auth: parseAuth(authText) } : {}) };
    statementsUrl(opts.lrs); // checks the URL now, before the database is opened
  } catch (e) {
    if (e instanceof LrsError) throw new UserError(e.in(lang), 2);
    throw e;
  }
  const filter = filterOf(opts, lang);
  let sent = 0;
  let sessions = 0;
  let buffer: XapiStatementLike[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer;
    buffer = [];
    try {
      await sendStatements(chunk, lrs);
    } catch (e) {
      // The error counts only within this chunk; the whole run is counted here.
      if (e instanceof LrsError) {
        const before = sent + (e.progress?.sent ?? 0);
        throw new UserError(
          say(
            lang,
            `${e.reasonIn('en')}; ${before} statement(s) were sent before this (sending again is safe: the LRS keeps one copy of each)`,
            `${e.reasonIn('zh')}；此前已发送 ${before} 条记录（重新发送是安全的：学习记录库每条记录只保留一份）`,
          ),
          1,
        );
      }
      throw e;
    }
    sent += chunk.length;
  };
  await withStore(opts, lang, async (store) => {
    await store.eachSession(filter, async (session, events) => {
      sessions++;
      buffer.push(...(xapiOf(session, events, opts.base) as unknown as XapiStatementLike[]));
      if (buffer.length >= batchSize * 10) await flush();
    });
    await flush();
  });
  process.stdout.write(
    say(
      lang,
      `sent ${sent} xAPI statement(s) from ${sessions} session(s) to ${new URL(opts.lrs).host}; sending again is harmless (statement ids are stable)\n`,
      `已向 ${new URL(opts.lrs).host} 发送 ${sent} 条 xAPI 记录（${sessions} 个练习）；重复发送不会产生重复记录（记录编号固定）\n`,
    ),
  );
  return 0;
}

// ───────────────────────────── registration ─────────────────────────────
