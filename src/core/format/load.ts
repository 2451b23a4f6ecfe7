/**
 * From file text to a validated Scenario (or a lesson catalog), with every problem reported
 * at file:line:column. Stages: YAML with positions (yaml-source) → shape (schema, zod) →
 * names and structure (references) → the model (normalize) → whole-graph checks (checks).
 * Pure: the caller reads the file and passes its text.
 */
import type * as z from 'zod';
import { checkCatalog, checkScenario, checkScenarioTexts } from './checks.js';
import type { Diagnostic } from './diagnostics.js';
import { hasErrors, tidyMessage } from './diagnostics.js';
import type { Lesson, LessonId, Scenario } from './model.js';
import { normalizeCatalog, normalizeScenario } from './normalize.js';
import { checkReferences, type Finding } from './references.js';
import { looseSchemas, strictSchemas, type RawCatalog, type RawScenario } from './schema.js';
import { surelyValidCatalog, surelyValidScenario } from './shape-check.js';
import {
  didYouMeanSaid,
  foundValue,
  missingField,
  otherShapeProblem,
  schemaIssueText,
  shapeMessages as M,
  whereSaid,
  wrongType,
  type Said,
} from './messages.js';
import type { Lang } from '../text.js';
import { halfWidthKey } from '../yaml/yaml-slips.js';
import { parseYaml, type Locator, type Path } from '../yaml/yaml-source.js';

/** Lessons visible to scenarios, with the raw form kept for reference checks. */
export interface LessonCatalog {
  readonly lessons: Readonly<Record<LessonId, Lesson>>;
}

export const EMPTY_CATALOG: LessonCatalog = { lessons: {} };

export interface LoadOptions {
  /** the language of the diagnostics' messages: the trainer's (default English) */
  readonly lang?: Lang;
  /**
   * false: skip the whole-graph checks (maxima, reachability, …), for a source that passed
   * them when it was recorded and is read back only for its words (the report)
   */
  readonly graphChecks?: boolean;
}

export type FileKind = 'scenario' | 'catalog';

export type Loaded =
  | {
      readonly kind: 'scenario';
      readonly scenario?: Scenario;
      readonly diagnostics: readonly Diagnostic[];
      readonly locate: Locator;
    }
  | {
      readonly kind: 'catalog';
      readonly catalog?: LessonCatalog;
      readonly diagnostics: readonly Diagnostic[];
      readonly locate: Locator;
    };

/** A file with top-level `lessons:` and none of a scenario's keys is a lesson catalog. */
export function kindOf(data: unknown): FileKind {
  if (isPlainObject(data) && 'lessons' in data && !('nodes' in data) && !('start' in data) && !('id' in data))
    return 'catalog';
  return 'scenario';
}

export function loadFile(
  text: string,
  file: string,
  catalog: LessonCatalog = EMPTY_CATALOG,
  options: LoadOptions = {},
): Loaded {
  const lang = options.lang ?? 'en';
  const parsed = parseYaml(text, file, lang);
  if (parsed.data !== undefined && kindOf(parsed.data) === 'catalog')
    return loadCatalogData(parsed.data, parsed.diagnostics, parsed.locate, file, lang);
  return loadScenarioData(parsed.data, parsed.diagnostics, parsed.locate, file, catalog, lang, options.graphChecks);
}

export function loadScenario(
  text: string,
  file: string,
  catalog: LessonCatalog = EMPTY_CATALOG,
  options: LoadOptions = {},
) {
  const lang = options.lang ?? 'en';
  const parsed = parseYaml(text, file, lang);
  return loadScenarioData(parsed.data, parsed.diagnostics, parsed.locate, file, catalog, lang);
}

export function loadCatalog(text: string, file: string, options: LoadOptions = {}) {
  const lang = options.lang ?? 'en';
  const parsed = parseYaml(text, file, lang);
  return loadCatalogData(parsed.data, parsed.diagnostics, parsed.locate, file, lang);
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
  lang: Lang,
  graphChecks = true,
): Extract<Loaded, { kind: 'scenario' }> {
  const { diagnostics, report } = collector(file, locate, yamlDiagnostics, lang);
  if (data === undefined || hasErrors(diagnostics)) return { kind: 'scenario', diagnostics, locate };
  if (!isPlainObject(data)) {
    const m = M.notAMap(foundValue(data));
    report({ path: [], severity: 'error', code: m.code, text: m.text });
    return { kind: 'scenario', diagnostics, locate };
  }

  const raw = (
    surelyValidScenario(data) ? data : validateShape(looseSchemas.scenario, strictSchemas.scenario, data, report)
  ) as RawScenario | undefined;
  if (!raw) return { kind: 'scenario', diagnostics, locate };

  for (const f of checkReferences(raw, new Set(Object.keys(catalog.lessons)))) report(f);
  for (const f of checkScenarioTexts(raw)) report(f); // warnings shown even when a name is wrong
  if (hasErrors(diagnostics)) return { kind: 'scenario', diagnostics, locate };

  const scenario = normalizeScenario(raw, catalog.lessons);
  if (graphChecks) for (const f of checkScenario(scenario, raw)) report(f);
  if (hasErrors(diagnostics)) return { kind: 'scenario', diagnostics, locate };
  return { kind: 'scenario', scenario, diagnostics, locate };
}

function loadCatalogData(
  data: unknown,
  yamlDiagnostics: readonly Diagnostic[],
  locate: Locator,
  file: string,
  lang: Lang,
): Extract<Loaded, { kind: 'catalog' }> {
  const { diagnostics, report } = collector(file, locate, yamlDiagnostics, lang);
  if (data === undefined || hasErrors(diagnostics)) return { kind: 'catalog', diagnostics, locate };
  const raw = (
    surelyValidCatalog(data) ? data : validateShape(looseSchemas.catalog, strictSchemas.catalog, data, report)
  ) as RawCatalog | undefined;
  if (!raw) return { kind: 'catalog', diagnostics, locate };
  for (const f of checkCatalog(raw)) report(f);
  return { kind: 'catalog', catalog: { lessons: normalizeCatalog(raw.lessons, 'catalog') }, diagnostics, locate };
}

/** Diagnostics so far, and a way to add a finding at the position its path points to. */
function collector(file: string, locate: Locator, initial: readonly Diagnostic[], lang: Lang) {
  const diagnostics = [...initial];
  const report = (f: Finding) => {
    const pos = locate(f.path, f.part);
    diagnostics.push({
      file,
      line: pos.line,
      column: pos.column,
      severity: f.severity,
      code: f.code,
      message: tidyMessage(f.text[lang]),
    });
  };
  return { diagnostics, report };
}

/**
 * Validates against the strict schema to hear about unknown keys (warnings, with the nearest
 * known key) and everything else (errors); returns the data when only warnings were found.
 * The loose schema (which keeps unknown keys) runs only then: valid data passes one schema
 * (and data shape-check.ts is sure of, none).
 */
function validateShape(loose: z.ZodType, strict: z.ZodType, data: unknown, report: (f: Finding) => void): unknown {
  const result = strict.safeParse(data);
  if (result.success) return result.data;
  let failed = false;
  for (const issue of result.error.issues) {
    const path = issue.path as Path;
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(strict, path);
      for (const key of issue.keys) {
        const meant = halfWidthKey(key);
        const m = meant
          ? M.fullWidthKey(key, whereSaid(path), meant)
          : M.unknownKey(key, whereSaid(path), didYouMeanSaid(key, known));
        report({ path: [...path, key], part: 'key', severity: 'warning', code: m.code, text: m.text });
      }
      continue;
    }
    failed = true;
    const m = M.invalidField(whereSaid(path), problemOf(issue, path, data));
    report({ path, severity: 'error', code: m.code, text: m.text });
  }
  if (failed) return undefined;
  const kept = loose.safeParse(data);
  return kept.success ? kept.data : undefined;
}

/** What is wrong with the value at `path`, in both languages (where it is comes separately). */
function problemOf(issue: z.core.$ZodIssue, path: Path, data: unknown): Said {
  const key = path[path.length - 1];
  const value = valueAt(data, path);
  const ours = schemaIssueText(issue.message);
  if (ours) {
    // the schema's "missing …" messages say more than "missing required field"
    return value === undefined && typeof key === 'string' && !ours.en.startsWith('missing') ? missingField(key) : ours;
  }
  if (value === undefined && typeof key === 'string') return missingField(key);
  if (issue.code === 'invalid_type')
    return wrongType(typeof key === 'string' ? key : undefined, issue.expected, value, issue.message);
  return otherShapeProblem(issue.message);
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
      const obj = (def.options as unknown[]).find(
        (o) => (o as { _zod: { def: { type: string } } })._zod.def.type === 'object',
      );
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
