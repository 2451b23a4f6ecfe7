/**
 * What `roleplay import FILE` does: merge the sessions another machine exported into this
 * database. The parsing and the merge rules live in src/store/sync; here are one clear line for
 * each outcome, and a refused file's first bad line.
 */
import type { Lang } from '../../core/index.js';
import { sourceOf } from '../../store/scenario-source.js';
import type { SessionStore } from '../../store/store.js';
import { MergeConflict, type SessionBundle } from '../../store/sync/bundle.js';
import { ImportError, parseExport } from '../../store/sync/jsonl.js';
import { mergeSessions } from '../../store/sync/merge-target.js';
import { said, UserError, printText } from '../env.js';
import { resolveScenario } from '../files.js';
import { printJson } from '../json-output.js';
import { failureText, MAX_IMPORT_BYTES, readTextFile } from '../read-file.js';
import { withStore } from '../store-access.js';

export async function importCommand(file: string, opts: { db?: string; json?: boolean }, lang: Lang): Promise<number> {
  const parsed = readExport(file, lang);
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
    if (opts.json) {
      printJson({
        database: store.location,
        imported: outcomes.length,
        created,
        continued,
        unchanged: same,
        events,
        sessions: outcomes.map((o) => ({ id: o.sessionId, created: o.created, added: o.added, finished: o.finished })),
      });
      return 0;
    }
    printText(
      said(
        `已导入 ${outcomes.length} 个练习到 ${store.location}：新增 ${created} 个，续上 ${continued} 个，已存在 ${same} 个；新增 ${events} 个步骤\n`,
        `imported ${outcomes.length} session(s) into ${store.location}: ${created} new, ${continued} continued, ${same} already there; ${events} event(s) added\n`,
      )[lang],
    );
    return 0;
  });
}

/** The file read and checked whole (every hash chain) before anything is stored. */
function readExport(file: string, lang: Lang): ReturnType<typeof parseExport> {
  const read = readTextFile(file, MAX_IMPORT_BYTES, { pipes: true });
  if (!read.ok) {
    const why = failureText(read.failure, { zh: '导出文件', en: 'an export' }, { pipes: true });
    throw new UserError(said(`无法读取 ${file}：${why.zh}`, `cannot read ${file}: ${why.en}`)[lang], 2);
  }
  const text = read.text;
  let parsed: ReturnType<typeof parseExport>;
  try {
    parsed = parseExport(text);
  } catch (e) {
    if (e instanceof ImportError) throw notImported(file, e.line, e.in(lang), lang);
    throw e;
  }
  if (parsed.bundles.length === 0) {
    throw new UserError(
      said(
        `${file}：里面没有练习记录（它是 \`roleplay export --format jsonl\` 导出的文件吗？）`,
        `${file}: no sessions in it (is it a \`roleplay export --format jsonl\` file?)`,
      )[lang],
      1,
    );
  }
  return parsed;
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
        said(
          `练习 ${b.header.id} 所用的案例「${b.header.scenarioId}」版本既不在文件里，也不在本机；请用新版 roleplay 重新导出（导出会带上案例）`,
          `session ${b.header.id} was played on a version of scenario '${b.header.scenarioId}' that is neither in the file nor here; export it again with a current roleplay (it includes the scenario)`,
        )[lang],
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
  return new UserError(`${file}:${line}: ${why}${said('；什么都没有导入', '; nothing was imported')[lang]}`, 1);
}
