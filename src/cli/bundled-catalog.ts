/**
 * The bundled lesson catalog (scenarios/lessons.yaml), as the build left it loaded in
 * dist/bundled-catalog.json (esbuild.config.mjs). Every scenario file sees this catalog, so
 * without it each `roleplay lint` or `run` first parsed and checked the catalog (~70 ms of a
 * cold start, most of it for diagnostics nobody reads there). The JSON is used only while it
 * was made from the very text in scenarios/ now (its SHA-256), so an edited catalog is loaded
 * afresh as before.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LessonCatalog } from '../core/format/load.js';
import { BUNDLED_SCENARIOS, CATALOG_FILE, PACKAGE_ROOT } from './scenario-paths.js';

export const BUNDLED_CATALOG_JSON = join(PACKAGE_ROOT, 'dist', 'bundled-catalog.json');

/** What the build writes: the catalog and the hash of the text it was loaded from. */
export interface BundledCatalogFile {
  readonly sha256: string;
  readonly catalog: LessonCatalog;
}

export const sha256Of = (text: string) => createHash('sha256').update(text).digest('hex');

/** The prepared bundled catalog, or undefined when there is none or it is not of today's text. */
export function preparedBundledCatalog(
  yamlFile = join(BUNDLED_SCENARIOS, CATALOG_FILE),
  jsonFile = BUNDLED_CATALOG_JSON,
): LessonCatalog | undefined {
  try {
    const text = readFileSync(yamlFile, 'utf8');
    const prepared = JSON.parse(readFileSync(jsonFile, 'utf8')) as BundledCatalogFile;
    if (prepared.sha256 !== sha256Of(text) || typeof prepared.catalog?.lessons !== 'object') return undefined;
    return prepared.catalog;
  } catch {
    return undefined;
  }
}
