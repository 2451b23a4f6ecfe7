/**
 * The bundled scenarios as the fuzz tests see them: read from scenarios/*.yaml at test time
 * (writers are still adding cases), with the bundled lesson catalog. Files that do not load
 * are skipped — the tests only demand that at least one does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, EMPTY_CATALOG, loadFile, type CompiledScenario, type LessonCatalog } from '../../src/core/index.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCENARIOS = join(ROOT, 'scenarios');

/** How many cases each property tries: `base` in `npm test`, FUZZ_RUNS (set by `npm run fuzz`) when given. */
export function runs(base: number): number {
  const env = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(env) && env > 0 ? env : base;
}

export function bundledCatalog(): LessonCatalog {
  const file = join(SCENARIOS, 'lessons.yaml');
  const loaded = loadFile(readFileSync(file, 'utf8'), file);
  return loaded.kind === 'catalog' && loaded.catalog ? loaded.catalog : EMPTY_CATALOG;
}

export interface Bundled {
  readonly file: string;
  readonly text: string;
  readonly compiled: CompiledScenario;
}

export function bundledScenarios(catalog = bundledCatalog()): Bundled[] {
  const out: Bundled[] = [];
  for (const name of readdirSync(SCENARIOS).sort()) {
    if (!name.endsWith('.yaml') || name === 'lessons.yaml') continue;
    const file = join(SCENARIOS, name);
    const text = readFileSync(file, 'utf8');
    try {
      const loaded = loadFile(text, file, catalog);
      if (loaded.kind === 'scenario' && loaded.scenario) out.push({ file, text, compiled: compile(loaded.scenario) });
    } catch {
      // a half-written file must not stop the fuzzing of the others; the mutation test
      // (which feeds every file to the loader) is where a throwing loader shows up
    }
  }
  return out;
}
