/**
 * lint's cache, like `eslint --cache`: what lint found in a file is kept under a key made of
 * the file's bytes, the lesson catalogs it sees (the bundled one and a lessons.yaml beside
 * it), the program's build and the language; linting an unchanged file again prints the
 * same report without loading the parser, the validator or the analyses.
 *
 * Where: ROLEPLAY_CACHE_DIR if set; else $XDG_CACHE_HOME/roleplay; else
 * node_modules/.cache/roleplay when the current folder has node_modules (as other tools do);
 * else ~/.cache/roleplay. Deleting the folder is always safe. `--no-cache` neither reads nor
 * writes it. A cache that cannot be read or written is ignored: lint then just lints.
 *
 * The build is the content of the bundle's entry (dist/bundle/main.js), which names every
 * chunk by a hash of its content: any change to the program changes it, so results of an
 * older build are never reused.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { safeLine } from '../core/sanitize.js';
import type { MessageCode } from '../core/format/messages.js';
import type { Lang } from '../core/text.js';
import { type FileKind, readRegularFile } from './read-file.js';
import { lintDiagnostics, printLint, type FileFacts, type PrintOptions } from './lint-report.js';
import { BUNDLED_SCENARIOS, CATALOG_FILE, MAX_FILE_BYTES, PACKAGE_ROOT, expandPaths } from './scenario-paths.js';

/** Bumped when what an entry holds changes. */
const FORMAT = 'lint-1';
/** Past this many entries, the older half is removed (entries are small; this bounds the folder). */
const MAX_ENTRIES = 4000;

export function cacheDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (env.ROLEPLAY_CACHE_DIR) return resolve(env.ROLEPLAY_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'roleplay');
  if (isDirectory(join(cwd, 'node_modules'))) return join(cwd, 'node_modules', '.cache', 'roleplay');
  return join(homedir(), '.cache', 'roleplay');
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

let build: string | undefined;

/** The program's identity: its version and the bundle's entry (see above). */
function buildId(): string {
  if (build === undefined) {
    const hash = createHash('sha256');
    hash.update(readFileSync(join(PACKAGE_ROOT, 'package.json')));
    hash.update(readFileSync(new URL('./main.js', import.meta.url)));
    build = hash.digest('hex');
  }
  return build;
}

/** A file's bytes, read the guarded way (read-file.ts); undefined when lint would report the file instead. */
function bytesOf(file: string): Buffer | undefined {
  const read = readRegularFile(file, MAX_FILE_BYTES);
  return read.ok ? read.bytes : undefined;
}

/** The key of a file's lint result; undefined when the file cannot be read (lint reports that itself). */
export function keyOf(file: string, lang: Lang): string | undefined {
  const bytes = bytesOf(file);
  if (bytes === undefined) return undefined;
  const hash = createHash('sha256');
  const part = (b: Buffer | string | undefined) => {
    const data = b ?? '\u0000absent';
    hash.update(String(data.length));
    hash.update('\u0000');
    hash.update(data);
  };
  part(FORMAT);
  part(buildId());
  part(lang);
  const isCatalog = basename(file) === CATALOG_FILE;
  part(isCatalog ? 'catalog' : 'scenario');
  part(bytes);
  if (!isCatalog) {
    // the catalogs the scenario sees (files.ts catalogFor): the bundled one, and the one beside it
    part(bytesOf(join(BUNDLED_SCENARIOS, CATALOG_FILE)));
    const dir = dirname(resolve(file));
    part(dir === resolve(BUNDLED_SCENARIOS) ? '' : bytesOf(join(dir, CATALOG_FILE)));
  }
  return hash.digest('hex');
}

/** A cached result, stored without the file's name (the same text may live in several files). */
type Entry = Omit<FileFacts, 'file' | 'diagnostics'> & {
  readonly diagnostics: readonly Omit<FileFacts['diagnostics'][number], 'file'>[];
};

function read(dir: string, key: string): Entry | undefined {
  // the guarded read: an entry swapped for a FIFO or a huge file must not hang lint
  const bytes = readRegularFile(join(dir, `${key}.json`), MAX_FILE_BYTES);
  if (!bytes.ok) return undefined;
  let entry: Entry;
  try {
    entry = JSON.parse(bytes.bytes.toString('utf8')) as Entry;
  } catch {
    return undefined;
  }
  // a file anyone could have written: only well-formed entries, and text made safe to print
  if (!Array.isArray(entry?.diagnostics) || !entry.diagnostics.every(wellFormed)) return undefined;
  return {
    ...entry,
    diagnostics: entry.diagnostics.map((d) => ({
      ...d,
      code: safeLine(d.code) as MessageCode,
      message: safeLine(d.message),
    })),
  };
}

function wellFormed(d: Entry['diagnostics'][number]): boolean {
  return (
    Number.isInteger(d?.line) &&
    Number.isInteger(d.column) &&
    (d.severity === 'error' || d.severity === 'warning') &&
    typeof d.code === 'string' &&
    typeof d.message === 'string'
  );
}

/**
 * The whole report from the cache, printed; undefined (nothing printed) when some file is
 * not in it, and then lint runs as usual.
 */
export function lintFromCache(
  paths: readonly string[],
  options: PrintOptions & { cache?: boolean },
): number | undefined {
  if (options.cache === false) return undefined;
  const linted = paths.length ? paths : ['scenarios'];
  const dir = cacheDir();
  const facts: FileFacts[] = [];
  const skipped: { file: string; kind: FileKind }[] = [];
  try {
    const files = expandPaths(linted, skipped);
    // a FIFO or device passed over in a folder: the full lint says so (and it is rare)
    if (skipped.length > 0) return undefined;
    for (const file of files) {
      const key = keyOf(file, options.lang);
      const entry = key === undefined ? undefined : read(dir, key);
      if (!entry) return undefined;
      facts.push({ ...entry, file, diagnostics: entry.diagnostics.map((d) => ({ file, ...d })) });
    }
  } catch {
    return undefined;
  }
  return printLint(facts.length, lintDiagnostics(linted, facts, options.lang), options);
}

/** Keeps each file's result (quietly does nothing when the cache cannot be written). */
export function storeInCache(files: readonly FileFacts[], lang: Lang, keys = files.map((f) => keyOf(f.file, lang))) {
  const dir = cacheDir();
  try {
    mkdirSync(dir, { recursive: true });
    files.forEach((f, i) => {
      const key = keys[i];
      // the file must still be what was linted (it may have been saved again meanwhile)
      if (key === undefined || keyOf(f.file, lang) !== key) return;
      const { file: _, diagnostics, ...facts } = f;
      const entry: Entry = { ...facts, diagnostics: diagnostics.map(({ file: __, ...d }) => d) };
      const tmp = join(dir, `${key}.${process.pid}.tmp`);
      writeFileSync(tmp, JSON.stringify(entry));
      renameSync(tmp, join(dir, `${key}.json`));
    });
    prune(dir);
  } catch {
    // a read-only or full disk: lint works without its cache
  }
}

function prune(dir: string) {
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= MAX_ENTRIES) return;
  const byAge = names
    .map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => a.t - b.t)
    .slice(0, names.length - MAX_ENTRIES / 2);
  for (const { n } of byAge) unlinkSync(join(dir, n));
}
