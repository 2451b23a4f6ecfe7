import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { catalogJsonSchema, scenarioJsonSchema } from '../../src/core/format/schema.js';
import { ROOT, rp, BASEMENT_ALARM } from './helpers.js';

type Schema = Record<string, unknown>;

/**
 * Just enough of JSON Schema 2020-12 to check data against the generated schema (the keywords
 * zod emits): enough to show that the schema an editor uses accepts the files the loader accepts.
 */
function validate(root: Schema, schema: Schema, data: unknown, at: string, errors: string[]): void {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    validate(root, (root.$defs as Record<string, Schema>)[name]!, data, at, errors);
  }
  if (Array.isArray(schema.anyOf)) {
    const ok = schema.anyOf.some((s) => {
      const e: string[] = [];
      validate(root, s as Schema, data, at, e);
      return e.length === 0;
    });
    if (!ok) errors.push(`${at}: matches none of anyOf`);
  }
  const type = schema.type;
  const typeOf = (v: unknown) =>
    v === null
      ? 'null'
      : Array.isArray(v)
        ? 'array'
        : typeof v === 'number'
          ? Number.isInteger(v)
            ? 'integer'
            : 'number'
          : typeof v;
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    const t = typeOf(data);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) {
      errors.push(`${at}: expected ${types.join('|')}, got ${t}`);
      return;
    }
  }
  if (schema.const !== undefined && data !== schema.const) errors.push(`${at}: expected ${String(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(data)) errors.push(`${at}: not in enum`);
  if (typeof schema.pattern === 'string' && typeof data === 'string' && !new RegExp(schema.pattern).test(data))
    errors.push(`${at}: does not match ${schema.pattern}`);
  if (typeof schema.minimum === 'number' && typeof data === 'number' && data < schema.minimum)
    errors.push(`${at}: below minimum`);
  if (typeof schema.maximum === 'number' && typeof data === 'number' && data > schema.maximum)
    errors.push(`${at}: above maximum`);
  if (Array.isArray(data)) {
    if (typeof schema.minItems === 'number' && data.length < schema.minItems) errors.push(`${at}: too few items`);
    if (schema.items) data.forEach((d, i) => validate(root, schema.items as Schema, d, `${at}[${i}]`, errors));
  } else if (data !== null && typeof data === 'object') {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const req of (schema.required ?? []) as string[]) if (!(req in data)) errors.push(`${at}: missing ${req}`);
    for (const [k, v] of Object.entries(data)) {
      if (props[k]) validate(root, props[k], v, `${at}.${k}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${at}: unknown key ${k}`);
      else if (typeof schema.additionalProperties === 'object')
        validate(root, schema.additionalProperties as Schema, v, `${at}.${k}`, errors);
    }
  }
}

const bundled = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml') && f !== 'lessons.yaml');

describe('roleplay schema', () => {
  it('prints the scenario schema, and the committed docs/scenario.schema.json is exactly that output', () => {
    const r = rp(['schema']);
    expect(r.status).toBe(0);
    expect(readFileSync(join(ROOT, 'docs', 'scenario.schema.json'), 'utf8')).toBe(r.stdout);
    expect(JSON.parse(r.stdout)).toEqual(scenarioJsonSchema());
  });

  it('--catalog prints the lesson catalog schema, equal to docs/lessons.schema.json', () => {
    const r = rp(['schema', '--catalog']);
    expect(r.status).toBe(0);
    expect(readFileSync(join(ROOT, 'docs', 'lessons.schema.json'), 'utf8')).toBe(r.stdout);
    expect(JSON.parse(r.stdout)).toEqual(catalogJsonSchema());
  });

  it('is JSON Schema 2020-12 with descriptions editors show, and flags misspelt keys', () => {
    const s = scenarioJsonSchema() as Schema;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const defs = s.$defs as Record<string, Schema>;
    for (const name of ['node', 'choice', 'rule', 'match', 'timeout', 'when-entry', 'condition', 'text', 'test']) {
      expect(defs[name], name).toBeDefined();
      expect(typeof defs[name]!.description, name).toBe('string');
    }
    expect(defs.node!.additionalProperties).toBe(false);
    const errors: string[] = [];
    const data = parse(readFileSync(BASEMENT_ALARM, 'utf8'));
    (data.nodes.lobby as Record<string, unknown>).choises = [];
    validate(s, s, data, '$', errors);
    expect(errors).toEqual(['$.nodes.lobby: unknown key choises']);
  });

  it('accepts every bundled scenario, the all-features test case and the bundled catalog', () => {
    const s = scenarioJsonSchema() as Schema;
    for (const file of [...bundled.map((f) => join(ROOT, 'scenarios', f)), BASEMENT_ALARM]) {
      const errors: string[] = [];
      validate(s, s, parse(readFileSync(file, 'utf8')), '$', errors);
      expect(errors, file).toEqual([]);
    }
    const c = catalogJsonSchema() as Schema;
    const errors: string[] = [];
    validate(c, c, parse(readFileSync(join(ROOT, 'scenarios', 'lessons.yaml'), 'utf8')), '$', errors);
    expect(errors).toEqual([]);
  });

  it('bundled scenarios carry the yaml-language-server line, pointing at the committed schema', () => {
    for (const f of [...bundled, 'lessons.yaml']) {
      const first = readFileSync(join(ROOT, 'scenarios', f), 'utf8').split('\n')[0]!;
      const m = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
      expect(m, f).not.toBeNull();
      expect(existsSync(resolve(ROOT, 'scenarios', m![1]!)), f).toBe(true);
    }
  });
});
