/**
 * From file text to a validated Scenario (or a lesson catalog), with every problem reported
 * at file:line:column. Stages: YAML with positions (yaml-source) → shape (schema, zod) →
 * names and structure (references) → the model (normalize) → whole-graph checks (checks).
 * Pure: the caller reads the file and passes its text.
 */
import type { z } from 'zod';
import { checkCatalog, checkScenario } from './checks.js';
import type { Diagnostic } from './diagnostics.js';
import { hasErrors, tidyMessage } from './diagnostics.js';
import type { Lesson, LessonId, Scenario } from './model.js';
import { normalizeCatalog, normalizeScenario } from './normalize.js';
import { checkReferences, type Finding } from './references.js';
import { looseSchemas, strictSchemas, type RawCatalog, type RawScenario } from './schema.js';
import { didYouMean } from './suggest.js';
import { parseYaml, type Locator, type Path } from './yaml-source.js';

/** Lessons visible to scenarios, with the raw form kept for reference checks. */
export interface LessonCatalog {
  readonly lessons: Readonly<Record<LessonId, Lesson>>;
}

export const EMPTY_CATALOG: LessonCatalog = { lessons: {} };

export type FileKind = 'scenario' | 'catalog';

export type Loaded =
  | { readonly kind: 'scenario'; readonly scenario?: Scenario; readonly diagnostics: readonly Diagnostic[]; readonly locate: Locator }
  | { readonly kind: 'catalog'; readonly catalog?: LessonCatalog; readonly diagnostics: readonly Diagnostic[]; readonly locate: Locator };

/** A file with top-level `lessons:` and none of a scenario's keys is a lesson catalog. */
export function kindOf(data: unknown): FileKind {
  if (isPlainObject(data) && 'lessons' in data && !('nodes' in data) && !('start' in data) && !('id' in data)) return 'catalog';
  return 'scenario';
}

export function loadFile(text: string, file: string, catalog: LessonCatalog = EMPTY_CATALOG): Loaded {
  const parsed = parseYaml(text, file);
  if (parsed.data !== undefined && kindOf(parsed.data) === 'catalog') return loadCatalogData(parsed.data, parsed.diagnostics, parsed.locate, file);
  return loadScenarioData(parsed.data, parsed.diagnostics, parsed.locate, file, catalog);
}

export function loadScenario(text: string, file: string, catalog: LessonCatalog = EMPTY_CATALOG) {
  const parsed = parseYaml(text, file);
  return loadScenarioData(parsed.data, parsed.diagnostics, parsed.locate, file, catalog);
}

export function loadCatalog(text: string, file: string) {
  const parsed = parseYaml(text, file);
  return loadCatalogData(parsed.data, parsed.diagnostics, parsed.locate, file);
}

/** Catalogs merged in order: a later catalog's lesson replaces an earlier one of the same id. */
export function mergeCatalogs(...catalogs: readonly LessonCatalog[]): LessonCatalog {
  return { lessons: Object.assign({}, ...catalogs.map((c) => c.lessons)) };
}

function loadScenarioData(
  data: unknown,
  yamlDiagnostics: readonly Diagnostic[],
  locate: Locator,
  file: string,
  catalog: LessonCatalog,
): Extract<Loaded, { kind: 'scenario' }> {
  const { diagnostics, report } = collector(file, locate, yamlDiagnostics);
  if (data === undefined || hasErrors(diagnostics)) return { kind: 'scenario', diagnostics, locate };
  if (!isPlainObject(data)) {
    report({ path: [], severity: 'error', code: 'not-a-map', message: `expected a map of fields (id, title, cast, start, nodes, ...) at the top level, found ${describeValue(data)}` });
    return { kind: 'scenario', diagnostics, locate };
  }

  const raw = validateShape(looseSchemas.scenario, strictSchemas.scenario, data, report) as RawScenario | undefined;
  if (!raw) return { kind: 'scenario', diagnostics, locate };

  for (const f of checkReferences(raw, new Set(Object.keys(catalog.lessons)))) report(f);
  if (hasErrors(diagnostics)) return { kind: 'scenario', diagnostics, locate };

  const scenario = normalizeScenario(raw, catalog.lessons);
  for (const f of checkScenario(scenario, raw)) report(f);
  if (hasErrors(diagnostics)) return { kind: 'scenario', diagnostics, locate };
  return { kind: 'scenario', scenario, diagnostics, locate };
}

function loadCatalogData(
  data: unknown,
  yamlDiagnostics: readonly Diagnostic[],
  locate: Locator,
  file: string,
): Extract<Loaded, { kind: 'catalog' }> {
  const { diagnostics, report } = collector(file, locate, yamlDiagnostics);
  if (data === undefined || hasErrors(diagnostics)) return { kind: 'catalog', diagnostics, locate };
  const raw = validateShape(looseSchemas.catalog, strictSchemas.catalog, data, report) as RawCatalog | undefined;
  if (!raw) return { kind: 'catalog', diagnostics, locate };
  for (const f of checkCatalog(raw)) report(f);
  return { kind: 'catalog', catalog: { lessons: normalizeCatalog(raw.lessons, 'catalog') }, diagnostics, locate };
}

/** Diagnostics so far, and a way to add a finding at the position its path points to. */
function collector(file: string, locate: Locator, initial: readonly Diagnostic[]) {
  const diagnostics = [...initial];
  const report = (f: Finding) => {
    const pos = locate(f.path, f.part);
    diagnostics.push({ file, line: pos.line, column: pos.column, severity: f.severity, code: f.code, message: tidyMessage(f.message) });
  };
  return { diagnostics, report };
}

/**
 * Validates against the strict schema to hear about unknown keys (warnings, with the nearest
 * known key) and everything else (errors); returns the data when only warnings were found.
 */
function validateShape(loose: z.ZodType, strict: z.ZodType, data: unknown, report: (f: Finding) => void): unknown {
  const result = strict.safeParse(data);
  let failed = false;
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path as Path;
      if (issue.code === 'unrecognized_keys') {
        const known = knownKeysAt(strict, path);
        for (const key of issue.keys) {
          report({ path: [...path, key], part: 'key', severity: 'warning', code: 'unknown-key', message: `unknown key '${key}'${where(path)} is ignored${didYouMean(key, known)}` });
        }
        continue;
      }
      failed = true;
      report({ path, severity: 'error', code: 'invalid-field', message: messageFor(issue, path, data) });
    }
  }
  if (failed) return undefined;
  const kept = loose.safeParse(data);
  return kept.success ? kept.data : undefined;
}

function messageFor(issue: z.core.$ZodIssue, path: Path, data: unknown): string {
  const key = path[path.length - 1];
  const value = valueAt(data, path);
  let message = issue.message;
  if (value === undefined && typeof key === 'string' && !message.startsWith('missing')) {
    message = `missing required field '${key}'`;
  } else if (message.startsWith('Invalid input')) {
    message = `${typeof key === 'string' ? `'${key}' ` : ''}has the wrong type: ${message.replace(/^Invalid input: /, '')}`;
  }
  const context = where(path);
  return context ? `${context.slice(' in '.length)}: ${message}` : message;
}

/** " in node 'gate', choice 2" — where a path points, in a trainer's words. */
function where(path: Path): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const next = path[i + 1];
    if (seg === 'nodes' && typeof next === 'string') { parts.push(`node '${next}'`); i++; }
    else if (seg === 'choices' && typeof next === 'number') { parts.push(`choice ${next + 1}`); i++; }
    else if (seg === 'rules' && typeof next === 'number') { parts.push(`rule ${next + 1}`); i++; }
    else if (seg === 'when' && typeof next === 'number') { parts.push(`when entry ${next + 1}`); i++; }
    else if (seg === 'cast' && typeof next === 'string') { parts.push(`cast member '${next}'`); i++; }
    else if (seg === 'meters' && typeof next === 'string') { parts.push(`meter '${next}'`); i++; }
    else if (seg === 'lessons' && typeof next === 'string') { parts.push(`lesson '${next}'`); i++; }
    else if (seg === 'tests' && typeof next === 'number') { parts.push(`test ${next + 1}`); i++; }
    else if (seg === 'timeout') parts.push('timeout');
  }
  return parts.length ? ` in ${parts.join(', ')}` : '';
}

/** The keys an object schema knows at a data path (for "did you mean"). */
function knownKeysAt(schema: z.ZodType, path: Path): string[] {
  let s: unknown = schema;
  for (const seg of path) {
    s = unwrap(s);
    const def = (s as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === 'object') s = (def.shape as Record<string, unknown>)[String(seg)];
    else if (def.type === 'record') s = def.valueType;
    else if (def.type === 'array') s = def.element;
    else return [];
    if (!s) return [];
  }
  s = unwrap(s);
  const def = (s as { _zod: { def: Record<string, unknown> } })._zod.def;
  return def.type === 'object' ? Object.keys(def.shape as object) : [];
}

function unwrap(s: unknown): unknown {
  for (;;) {
    const def = (s as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') s = def.innerType;
    else if (def.type === 'union') {
      const obj = (def.options as unknown[]).find((o) => (o as { _zod: { def: { type: string } } })._zod.def.type === 'object');
      if (!obj) return s;
      s = obj;
    } else return s;
  }
}

function valueAt(data: unknown, path: Path): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'nothing (null)';
  if (typeof v === 'string') return 'a single line of text';
  return `a ${typeof v}`;
}
