/**
 * Reading scenario files from disk safely (size cap, UTF-8 check, directories walked) and
 * resolving the lesson catalog each scenario sees. The only place the CLI touches scenario
 * files; everything after the text is the core's job.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  EMPTY_CATALOG, loadFile, mergeCatalogs, type Diagnostic, type LessonCatalog, type Loaded, type Scenario,
} from '../core/index.js';
import {
  BUNDLED_SCENARIOS, CATALOG_FILE, MAX_FILE_BYTES, listScenarioFiles, scenarioFolders,
} from './scenario-paths.js';

export { BUNDLED_SCENARIOS, CATALOG_FILE, MAX_FILE_BYTES, PACKAGE_ROOT, expandPaths, listScenarioFiles, scenarioFolders } from './scenario-paths.js';

export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly diagnostic: Diagnostic };

export function readScenarioText(file: string): ReadResult {
  const fail = (message: string, code: string, line = 1, column = 1): ReadResult =>
    ({ ok: false, diagnostic: { file, line, column, severity: 'error', code, message } });
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return fail('this is a folder, not a scenario file', 'is-directory');
    size = st.size;
  } catch (e) {
    return fail(describeFsError(e), 'unreadable');
  }
  if (size > MAX_FILE_BYTES) {
    return fail(`the file is ${(size / 1024 / 1024).toFixed(1)} MB; a scenario file may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB — is this the right file?`, 'file-too-large');
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return fail(describeFsError(e), 'unreadable');
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const bad = loose.indexOf('\uFFFD');
    const before = loose.slice(0, Math.max(0, bad));
    const line = before.split('\n').length;
    const column = bad - before.lastIndexOf('\n');
    return fail('this is not UTF-8 text (it looks like binary data, or another encoding); save the scenario as UTF-8 YAML', 'not-utf8', line, column);
  }
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: the file cannot be read';
  return `cannot be read (${code ?? String(e)})`;
}

/** A loaded file, or the reason it could not be read. */
export interface LoadedFile {
  readonly file: string;
  readonly loaded: Loaded | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

const catalogCache = new Map<string, { catalog: LessonCatalog; file?: LoadedFile }>();

/** The catalog file in a folder, loaded once per process. */
export function catalogIn(dir: string): { catalog: LessonCatalog; file?: LoadedFile } {
  const key = resolve(dir);
  const cached = catalogCache.get(key);
  if (cached) return cached;
  const path = join(dir, CATALOG_FILE);
  let result: { catalog: LessonCatalog; file?: LoadedFile } = { catalog: EMPTY_CATALOG };
  try {
    statSync(path);
    const read = readScenarioText(path);
    if (!read.ok) result = { catalog: EMPTY_CATALOG, file: { file: path, loaded: undefined, diagnostics: [read.diagnostic] } };
    else {
      const loaded = loadFile(read.text, path);
      result = { catalog: loaded.kind === 'catalog' && loaded.catalog ? loaded.catalog : EMPTY_CATALOG, file: { file: path, loaded, diagnostics: loaded.diagnostics } };
    }
  } catch {
    // no catalog in this folder
  }
  catalogCache.set(key, result);
  return result;
}

/**
 * The lessons a scenario file sees: the bundled catalog, then a `lessons.yaml` beside the
 * file (which wins on equal ids), then the scenario's own inline lessons (applied by the loader).
 */
export function catalogFor(file: string): LessonCatalog {
  const bundled = catalogIn(BUNDLED_SCENARIOS).catalog;
  const dir = dirname(resolve(file));
  if (dir === resolve(BUNDLED_SCENARIOS)) return bundled;
  return mergeCatalogs(bundled, catalogIn(dir).catalog);
}

export function loadPath(file: string): LoadedFile {
  const read = readScenarioText(file);
  if (!read.ok) return { file, loaded: undefined, diagnostics: [read.diagnostic] };
  const catalog = basename(file) === CATALOG_FILE ? EMPTY_CATALOG : catalogFor(file);
  const loaded = loadFile(read.text, file, catalog);
  return { file, loaded, diagnostics: loaded.diagnostics };
}

export type Resolved =
  | { readonly ok: true; readonly scenario: Scenario; readonly file: string; readonly source: string; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly message?: string };

/** A scenario named by path, or by id among the scenario folders. */
export function resolveScenario(ref: string): Resolved {
  let file: string | undefined;
  try {
    if (statSync(ref).isFile()) file = ref;
  } catch { /* not a path */ }
  if (!file) {
    const found = findById(ref);
    if (!found) {
      const ids = listScenarioFiles().map((f) => f.id);
      return { ok: false, diagnostics: [], message: `no scenario '${ref}': it is neither a file nor the id of a scenario in ${scenarioFolders().join(' or ')}${suggestId(ref, ids)}` };
    }
    file = found;
  }
  const read = readScenarioText(file);
  if (!read.ok) return { ok: false, diagnostics: [read.diagnostic] };
  const loaded = loadFile(read.text, file, catalogFor(file));
  if (loaded.kind !== 'scenario') {
    return { ok: false, diagnostics: [], message: `${file} is a lesson catalog, not a scenario` };
  }
  if (!loaded.scenario) return { ok: false, diagnostics: loaded.diagnostics };
  return { ok: true, scenario: loaded.scenario, file, source: read.text, diagnostics: loaded.diagnostics };
}

function suggestId(ref: string, ids: string[]): string {
  const near = ids.find((id) => id.includes(ref) || ref.includes(id));
  return near ? `; did you mean '${near}'?` : ' (`roleplay list` shows them)';
}

function findById(id: string): string | undefined {
  return listScenarioFiles().find((f) => f.id === id)?.file;
}
