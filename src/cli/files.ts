/**
 * Reading scenario files from disk safely (size cap, UTF-8 check, directories walked) and
 * resolving the lesson catalog each scenario sees. The only place the CLI touches scenario
 * files; everything after the text is the core's job.
 */
import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
// the core's modules by name, not core/index.js: lint should not load the play engine (xstate)
import type { Diagnostic } from '../core/format/diagnostics.js';
import { EMPTY_CATALOG, loadFile, mergeCatalogs, type LessonCatalog, type Loaded } from '../core/format/load.js';
import type { Scenario } from '../core/format/model.js';
import type { Lang } from '../core/text.js';
import { fileMessages as M, resolveMessages, type Message } from '../core/format/messages.js';
import { preparedBundledCatalog } from './bundled-catalog.js';
import { failureCode, loneCrToLf, notRegularText, readRegularFile, type ReadFailure } from './read-file.js';
import {
  BUNDLED_SCENARIOS,
  CATALOG_FILE,
  MAX_FILE_BYTES,
  listScenarioFiles,
  scenarioFolders,
} from './scenario-paths.js';

export {
  BUNDLED_SCENARIOS,
  CATALOG_FILE,
  MAX_FILE_BYTES,
  PACKAGE_ROOT,
  expandPaths,
  listScenarioFiles,
  scenarioFolders,
} from './scenario-paths.js';

export type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

/** `lang`: the language of the diagnostic, the trainer's (as for every function here that reports one). */
export function readScenarioText(file: string, lang: Lang): ReadResult {
  const fail = (m: Message, line = 1, column = 1): ReadResult => ({
    ok: false,
    diagnostic: { file, line, column, severity: 'error', code: m.code, message: m.text[lang] },
  });
  const read = readRegularFile(file, MAX_FILE_BYTES);
  if (!read.ok) return fail(readFailureMessage(read.failure));
  const bytes = read.bytes;
  try {
    return { ok: true, text: loneCrToLf(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const bad = loose.indexOf('\uFFFD');
    const before = loose.slice(0, Math.max(0, bad));
    const line = before.split('\n').length;
    const column = bad - before.lastIndexOf('\n');
    return fail(M.notUtf8(), line, column);
  }
}

function readFailureMessage(f: ReadFailure): Message {
  switch (f.reason) {
    case 'not-found':
      return M.notFound();
    case 'permission':
      return M.permissionDenied();
    case 'folder':
      return M.isDirectory();
    case 'too-large':
      return M.fileTooLarge((f.bytes / 1024 / 1024).toFixed(1), MAX_FILE_BYTES / 1024 / 1024);
    case 'not-regular':
      return { code: failureCode(f), text: notRegularText(f.kind) };
    case 'io':
      return M.unreadable(f.code);
  }
}

/** A loaded file, or the reason it could not be read. */
export interface LoadedFile {
  readonly file: string;
  readonly loaded: Loaded | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

const catalogCache = new Map<string, { catalog: LessonCatalog; file?: LoadedFile }>();

/** The catalog file in a folder, loaded once per process (and language: its diagnostics are in it). */
export function catalogIn(dir: string, lang: Lang): { catalog: LessonCatalog; file?: LoadedFile } {
  const key = `${lang}\u0000${resolve(dir)}`;
  const cached = catalogCache.get(key);
  if (cached) return cached;
  const path = join(dir, CATALOG_FILE);
  let result: { catalog: LessonCatalog; file?: LoadedFile } = { catalog: EMPTY_CATALOG };
  try {
    statSync(path);
    const read = readScenarioText(path, lang);
    if (!read.ok)
      result = { catalog: EMPTY_CATALOG, file: { file: path, loaded: undefined, diagnostics: [read.diagnostic] } };
    else {
      const loaded = loadFile(read.text, path, EMPTY_CATALOG, { lang });
      result = {
        catalog: loaded.kind === 'catalog' && loaded.catalog ? loaded.catalog : EMPTY_CATALOG,
        file: { file: path, loaded, diagnostics: loaded.diagnostics },
      };
    }
  } catch {
    // no catalog in this folder
  }
  catalogCache.set(key, result);
  return result;
}

/** The build's catalog, looked for once per process; null: none of today's text (loaded here instead). */
let prepared: LessonCatalog | null | undefined;

/** The bundled catalog: as the build prepared it when that is today's text, else loaded here. */
function bundledCatalog(lang: Lang): LessonCatalog {
  // asked once: without a prepared catalog, every file of a folder would read and hash it again
  if (prepared === undefined) prepared = preparedBundledCatalog() ?? null;
  return prepared ?? catalogIn(BUNDLED_SCENARIOS, lang).catalog;
}

/**
 * The lessons a scenario file sees: the bundled catalog, then a `lessons.yaml` beside the
 * file (which wins on equal ids), then the scenario's own inline lessons (applied by the loader).
 */
export function catalogFor(file: string, lang: Lang): LessonCatalog {
  const bundled = bundledCatalog(lang);
  const dir = dirname(resolve(file));
  if (dir === resolve(BUNDLED_SCENARIOS)) return bundled;
  return mergeCatalogs(bundled, catalogIn(dir, lang).catalog);
}

export function loadPath(file: string, lang: Lang): LoadedFile {
  const read = readScenarioText(file, lang);
  if (!read.ok) return { file, loaded: undefined, diagnostics: [read.diagnostic] };
  const catalog = basename(file) === CATALOG_FILE ? EMPTY_CATALOG : catalogFor(file, lang);
  const loaded = loadFile(read.text, file, catalog, { lang });
  return { file, loaded, diagnostics: loaded.diagnostics };
}

export type Resolved =
  | {
      readonly ok: true;
      readonly scenario: Scenario;
      readonly file: string;
      readonly source: string;
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly message?: string };

/** The file of a scenario named by path, or by id among the scenario folders; not read yet. */
export function locateScenario(
  ref: string,
  lang: Lang,
): { readonly ok: true; readonly file: string } | { readonly ok: false; readonly message: string } {
  try {
    // Anything on disk but a folder is a path (a FIFO or a device is then refused by the reader).
    if (!statSync(ref).isDirectory()) return { ok: true, file: ref };
  } catch {
    /* not a path */
  }
  const found = findById(ref);
  if (found) return { ok: true, file: found };
  const ids = listScenarioFiles().map((f) => f.id);
  const near = ids.find((id) => id.includes(ref) || ref.includes(id));
  return { ok: false, message: resolveMessages.noScenario(ref, scenarioFolders(), near)[lang] };
}

/** A scenario named by path, or by id among the scenario folders. */
export function resolveScenario(ref: string, lang: Lang): Resolved {
  const located = locateScenario(ref, lang);
  if (!located.ok) return { ok: false, diagnostics: [], message: located.message };
  const { file } = located;
  const read = readScenarioText(file, lang);
  if (!read.ok) return { ok: false, diagnostics: [read.diagnostic] };
  const loaded = loadFile(read.text, file, catalogFor(file, lang), { lang });
  if (loaded.kind !== 'scenario') {
    return { ok: false, diagnostics: [], message: resolveMessages.isCatalog(file)[lang] };
  }
  if (!loaded.scenario) return { ok: false, diagnostics: loaded.diagnostics };
  return { ok: true, scenario: loaded.scenario, file, source: read.text, diagnostics: loaded.diagnostics };
}

function findById(id: string): string | undefined {
  return listScenarioFiles().find((f) => f.id === id)?.file;
}
