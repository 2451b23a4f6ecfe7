/** What `roleplay export` does without --lrs: every session as JSON lines or xAPI, to a file or standard output. */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { type Lang, terminalSafeJson } from '../../core/index.js';
import { DEFAULT_XAPI_BASE, jsonlOf, xapiOf } from '../../report/export.js';
import type { SessionFilter, SessionStore } from '../../store/store.js';
import { sourceLineOf } from '../../store/sync/jsonl.js';
import { said, UserError } from '../env.js';
import { filterOf, type StoreOptions, withStore } from '../store-access.js';

export interface ExportOptions extends StoreOptions {
  format: 'jsonl' | 'xapi';
  scenario?: string;
  since?: string;
  output?: string;
  base?: string;
}

/** --base, when given, must be an http(s) address (with --lrs too). */
export function checkBase(base: string | undefined, lang: Lang): void {
  if (base !== undefined && !/^https?:\/\/[^\s/]+/.test(base))
    throw new UserError(
      said(
        `--base 必须是 http(s) 地址，例如 ${DEFAULT_XAPI_BASE}`,
        `--base must be an http(s) address, e.g. ${DEFAULT_XAPI_BASE}`,
      )[lang],
      2,
    );
}

type Write = (text: string) => Promise<void>;

export async function exportCommand(opts: ExportOptions, lang: Lang): Promise<number> {
  const filter = filterOf(opts, lang);
  checkBase(opts.base, lang);
  let file: WriteStream | undefined;
  await withStore(opts, lang, async (store) => {
    // The file is created only once the database has opened, so a wrong --db leaves no empty file.
    if (opts.output !== undefined) file = await openOutput(opts.output, lang);
    const out: NodeJS.WritableStream = file ?? process.stdout;
    const write: Write = async (text) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    if (opts.format === 'xapi') await writeXapi(store, filter, opts.base, write);
    else await writeJsonl(store, filter, write);
  });
  if (file) {
    file.end();
    await once(file, 'finish');
  }
  return 0;
}

async function openOutput(path: string, lang: Lang): Promise<WriteStream> {
  const file = createWriteStream(path);
  try {
    await once(file, 'open'); // rejects with the 'error' event instead
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new UserError(said(`无法写入 ${path}：${why}`, `cannot write ${path}: ${why}`)[lang], 1);
  }
  return file;
}

/** A JSON array, as a learning record store's statements endpoint takes it. */
async function writeXapi(store: SessionStore, filter: SessionFilter, base: string | undefined, write: Write) {
  let first = true;
  await write('[');
  await store.eachSession(filter, async (session, events) => {
    for (const st of xapiOf(session, events, base)) {
      await write(`${first ? '\n' : ',\n'}${terminalSafeJson(JSON.stringify(st))}`);
      first = false;
    }
  });
  await write('\n]\n');
}

/**
 * Each scenario source once, before its first session, so `roleplay import` on another machine
 * can replay and score the sessions exactly (see store/sync/jsonl.ts).
 */
async function writeJsonl(store: SessionStore, filter: SessionFilter, write: Write) {
  const sourcesWritten = new Set<string>();
  await store.eachSession(filter, async (session, events) => {
    if (!sourcesWritten.has(session.scenarioHash)) {
      sourcesWritten.add(session.scenarioHash);
      const source = await store.loadSource(session.scenarioHash);
      if (source) await write(`${terminalSafeJson(sourceLineOf(source))}\n`);
    }
    await write(`${jsonlOf(session, events).join('\n')}\n`);
  });
}
