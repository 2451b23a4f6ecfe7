/**
 * shape-check.ts may say "surely valid" only where the strict zod schema agrees: on every
 * bundled case and fixture it says so (else lint gains nothing), and on thousands of damaged
 * copies (keys dropped, renamed, values of the wrong type, out of range, null) it never says
 * yes where zod says no.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { strictSchemas } from '../../src/core/format/schema.js';
import { surelyValidCatalog, surelyValidScenario } from '../../src/core/format/shape-check.js';

const ROOT = join(import.meta.dirname, '..', '..');
const scenarioFiles = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml') && f !== 'lessons.yaml');
const scenarios = scenarioFiles.map((f) => parse(readFileSync(join(ROOT, 'scenarios', f), 'utf8')) as unknown);
const catalog = parse(readFileSync(join(ROOT, 'scenarios', 'lessons.yaml'), 'utf8')) as unknown;

/** Every path to a value inside the data. */
function paths(data: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  if (data !== null && typeof data === 'object')
    for (const [k, v] of Object.entries(data)) {
      const p = [...prefix, Array.isArray(data) ? Number(k) : k];
      out.push(p);
      paths(v, p, out);
    }
  return out;
}

const REPLACEMENTS: unknown[] = [
  null,
  undefined,
  0,
  -1,
  0.5,
  101,
  86401,
  Infinity,
  NaN,
  '',
  'x',
  'Bad Id',
  true,
  [],
  {},
  [1],
  { x: 1 },
  { zh: null },
  'success',
  4,
];

function damaged(data: unknown, at: number, how: number): unknown {
  const copy = structuredClone(data);
  const all = paths(copy);
  const path = all[at % all.length]!;
  let parent = copy as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (how % 7 === 0) delete parent[last];
  else if (how % 7 === 1 && !Array.isArray(parent)) {
    parent[`${String(last)}x`] = parent[last];
    delete parent[last];
  } else parent[last] = REPLACEMENTS[how % REPLACEMENTS.length];
  return copy;
}

describe('shape-check', () => {
  it('is sure of every bundled case and the bundled catalog, as zod is', () => {
    for (const [i, s] of scenarios.entries()) {
      expect(strictSchemas.scenario.safeParse(s).success, scenarioFiles[i]).toBe(true);
      expect(surelyValidScenario(s), scenarioFiles[i]).toBe(true);
    }
    expect(surelyValidCatalog(catalog)).toBe(true);
  });

  it('never says yes where the strict schema says no, on damaged cases', () => {
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.nat(scenarios.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
        (which, edits) => {
          let data = scenarios[which];
          for (const [at, how] of edits) data = damaged(data, at, how);
          const zod = strictSchemas.scenario.safeParse(data).success;
          if (surelyValidScenario(data)) expect(zod).toBe(true);
          if (!zod) rejected++;
        },
      ),
      { numRuns: 3000 },
    );
    expect(rejected).toBeGreaterThan(1000);
  });

  it('never says yes where the strict schema says no, on damaged catalogs', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (at, how) => {
        const data = damaged(catalog, at, how);
        if (surelyValidCatalog(data)) expect(strictSchemas.catalog.safeParse(data).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
