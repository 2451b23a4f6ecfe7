/**
 * Mutations of every bundled scenario file — keys deleted, values of the wrong type, ids
 * renamed, random bytes, deep nesting, huge strings — must each give either a valid scenario
 * (which then compiles and plays) or at least one error at a real file:line:column. Never an
 * exception, never a hang.
 *
 * A synchronous hang cannot be interrupted inside the test worker; run with FUZZ_DUMP=<file>
 * and each case is written there before it is loaded, so a hang leaves its culprit behind.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { compile, loadFile, type LessonCatalog } from '../../src/core/index.js';
import { bundledCatalog, bundledScenarios, SCENARIOS, runs } from './bundled.js';
import { randomPlay } from './random-play.js';

const catalog = bundledCatalog();
const files = readdirSync(SCENARIOS)
  .filter((n) => n.endsWith('.yaml'))
  .sort()
  .map((n) => join(SCENARIOS, n));
/** Any single load taking longer than this is treated as a hang. */
const HANG_MS = 5_000;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

function pathsOf(v: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

function parentOf(root: Json, path: Path): Json | undefined {
  let v: Json | undefined = root;
  for (const seg of path.slice(0, -1))
    v = v && typeof v === 'object' ? (v as Record<string, Json>)[seg as string] : undefined;
  return v;
}

const DEEP = '__FUZZ_DEEP__';

const wrongValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant(-1),
  fc.constant(1e308),
  fc.string({ maxLength: 12 }),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 3 }),
  fc.constantFrom('nowhere', 'narrator', 'success', 'start', '', 'A B', '../x', '0'),
  // huge strings, plain and wide
  fc.constantFrom('x'.repeat(100_000), '你'.repeat(20_000), 'a\n'.repeat(10_000), '\u001b[2J\u001b]52;c;aGk=\u0007'),
  fc.constant(DEEP),
) as fc.Arbitrary<Json>;

/** A structural mutation of the parsed data, applied in place. */
type DataMutation = { kind: 'delete' | 'replace' | 'rename' | 'retarget'; at: number; value: Json; name: string };
const dataMutation: fc.Arbitrary<DataMutation> = fc.record({
  kind: fc.constantFrom('delete', 'replace', 'rename', 'retarget'),
  at: fc.nat(),
  value: wrongValue,
  name: fc.oneof(
    fc.constantFrom(
      'opening',
      'end',
      'start',
      'x',
      'a-b',
      'Bad Id',
      '',
      'valueOf',
      'constructor',
      '__proto__',
      'toString',
    ),
    fc.string({ maxLength: 8 }),
  ),
});

function applyData(data: Json, m: DataMutation): Json {
  const paths = pathsOf(data);
  const path = paths[m.at % paths.length]!;
  if (path.length === 0) return m.kind === 'replace' ? m.value : data;
  const parent = parentOf(data, path);
  const key = path[path.length - 1]!;
  if (!parent || typeof parent !== 'object') return data;
  const obj = parent as Record<string | number, Json>;
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete obj[key];
      break;
    case 'replace':
      obj[key] = m.value;
      break;
    case 'rename': // renames a map key (node ids, cast ids, meter ids, field names)
      if (!Array.isArray(parent)) {
        const entries = Object.entries(obj).map(([k, v]) => [k === key ? m.name : k, v] as const);
        for (const k of Object.keys(obj)) delete obj[k];
        for (const [k, v] of entries) obj[k] = v;
      }
      break;
    case 'retarget': {
      // point a goto/start/speaker somewhere else
      const refs = paths.filter((p) => ['goto', 'start', 'speaker', 'visited'].includes(String(p[p.length - 1])));
      const ref = refs[m.at % Math.max(1, refs.length)];
      if (ref) (parentOf(data, ref) as Record<string, Json>)[ref[ref.length - 1]!] = m.name;
      break;
    }
  }
  return data;
}

function deepText(depth: number, flavour: number): string {
  if (flavour === 0) return '['.repeat(depth) + ']'.repeat(depth);
  if (flavour === 1) return `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
  return `&a [${'*a, '.repeat(Math.min(depth, 500))}]`; // self-referencing alias
}

/** Byte-level damage to the file text. */
type TextMutation = {
  kind: 'insert' | 'delete' | 'duplicate' | 'truncate' | 'swap-lines';
  at: number;
  len: number;
  bytes: Uint8Array;
};
const textMutation: fc.Arbitrary<TextMutation> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'duplicate', 'truncate', 'swap-lines'),
  at: fc.nat(),
  len: fc.nat({ max: 400 }),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }),
});

function applyText(text: string, m: TextMutation): string {
  const at = m.at % (text.length + 1);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + new TextDecoder().decode(m.bytes) + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.len);
    case 'duplicate':
      return text.slice(0, at + m.len) + text.slice(at, at + m.len) + text.slice(at + m.len);
    case 'truncate':
      return text.slice(0, at);
    case 'swap-lines': {
      const lines = text.split('\n');
      const i = m.at % lines.length,
        j = (m.at + m.len) % lines.length;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
  }
}

/** The property every mutated file must have. */
function loadsCleanly(text: string, file: string, cat: LessonCatalog) {
  if (process.env.FUZZ_DUMP) writeFileSync(process.env.FUZZ_DUMP, text);
  const started = performance.now();
  const loaded = loadFile(text, file, cat);
  const ms = performance.now() - started;
  expect(ms, `loading took ${Math.round(ms)} ms`).toBeLessThan(HANG_MS);
  const lines = text.split('\n').length;
  for (const d of loaded.diagnostics) {
    expect(d.file).toBe(file);
    expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= lines + 1, `line ${d.line} of ${lines}`).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1, `column ${d.column}`).toBe(true);
    expect(d.message.trim()).not.toBe('');
    expect(d.message).not.toMatch(/\n|at .*\.(ts|js):\d+/); // one line, no stack
    expect(d.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/); // safe to print
    expect(d.message.length).toBeLessThan(1000);
  }
  if (loaded.kind === 'scenario' && loaded.scenario) {
    // a scenario that survived must also compile and play (first steps only: warnings such
    // as dead ends are allowed in a valid file, so an ending is not demanded here)
    const compiled = compile(loaded.scenario);
    let n = 0;
    randomPlay(compiled, { pick: (k) => (n++ * 7919) % Math.max(1, k), text: () => '您好 hello' }, 50);
  } else if (loaded.kind === 'scenario' || !loaded.catalog) {
    expect(
      loaded.diagnostics.some((d) => d.severity === 'error'),
      'rejected without an error',
    ).toBe(true);
  }
}

describe('mutated bundled scenario files', () => {
  it('finds bundled scenarios that load', () => {
    expect(bundledScenarios(catalog).length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const name = file.slice(SCENARIOS.length + 1);
    const original = readFileSync(file, 'utf8');
    let data: Json;
    try {
      data = parse(original) as Json;
    } catch {
      continue;
    } // half-written: skipped

    it(`${name}: structural mutations give a scenario or a positioned error`, () => {
      fc.assert(
        fc.property(
          fc.array(dataMutation, { minLength: 1, maxLength: 4 }),
          fc.integer({ min: 1, max: 5000 }),
          fc.nat({ max: 2 }),
          (ms, depth, flavour) => {
            let mutated = structuredClone(data);
            for (const m of ms) mutated = applyData(mutated, m);
            let text = stringify(mutated, { lineWidth: 0 });
            text = text.replaceAll(DEEP, deepText(depth, flavour));
            loadsCleanly(text, file, catalog);
          },
        ),
        { numRuns: runs(12) },
      );
    });

    it(`${name}: byte-level damage gives a scenario or a positioned error`, () => {
      fc.assert(
        fc.property(fc.array(textMutation, { minLength: 1, maxLength: 3 }), (ms) => {
          loadsCleanly(ms.reduce(applyText, original), file, catalog);
        }),
        { numRuns: runs(12) },
      );
    });
  }

  it('pathological files give a positioned error, never a crash or hang', () => {
    const cases = [
      '',
      '\uFEFF',
      '\u0000',
      '---\n---\n',
      `id: [${'['.repeat(100_000)}`,
      '{'.repeat(20_000) + '}'.repeat(20_000),
      'a: &a [*a]',
      `x: ${'"'.repeat(3)}`,
      '\t- tab',
      `nodes:\n${'  '.repeat(5000)}x: 1`,
      ': : :',
      '? [a]\n: b',
      'id: x\n'.repeat(1000),
      'id: !!binary AAAA',
      'id: !!js/function "x"',
      '[1, 2',
      'title: "\\u',
      'lessons: 1',
      'lessons: {}',
      `a${'b'.repeat(1_000_000)}`,
    ];
    for (const text of cases) loadsCleanly(text, 'pathological.yaml', catalog);
  });
});
