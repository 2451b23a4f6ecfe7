/**
 * The bundled lesson catalog as the build prepares it (dist/bundled-catalog.json): the very
 * catalog loading scenarios/lessons.yaml gives, used only while it was made from that text.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG_JSON, preparedBundledCatalog, sha256Of } from '../../src/cli/bundled-catalog.js';
import { loadFile } from '../../src/core/index.js';
import { ROOT } from './helpers.js';

const yamlFile = join(ROOT, 'scenarios', 'lessons.yaml');
const text = readFileSync(yamlFile, 'utf8');
const loaded = loadFile(text, yamlFile);
const dir = mkdtempSync(join(tmpdir(), 'roleplay-bundled-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the prepared bundled catalog', () => {
  it('the build wrote the same catalog as loading scenarios/lessons.yaml gives', () => {
    expect(loaded.kind).toBe('catalog');
    expect(JSON.parse(readFileSync(BUNDLED_CATALOG_JSON, 'utf8')).sha256).toBe(sha256Of(text));
    expect(preparedBundledCatalog()).toEqual(loaded.kind === 'catalog' ? loaded.catalog : undefined);
  });

  it('is not used once the catalog text changed (or is unreadable): the caller loads the file', () => {
    const json = join(dir, 'prepared.json');
    writeFileSync(json, JSON.stringify({ sha256: sha256Of(text), catalog: { lessons: {} } }));
    const edited = join(dir, 'lessons.yaml');
    writeFileSync(edited, `${text}\n# edited\n`);
    expect(preparedBundledCatalog(edited, json)).toBeUndefined();
    writeFileSync(edited, text);
    expect(preparedBundledCatalog(edited, json)).toEqual({ lessons: {} });
    writeFileSync(json, '{ not json');
    expect(preparedBundledCatalog(edited, json)).toBeUndefined();
  });
});
