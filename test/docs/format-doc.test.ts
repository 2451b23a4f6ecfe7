/**
 * docs/format.md documents every field the code accepts: each property name anywhere in the
 * published JSON Schemas (docs/scenario.schema.json, docs/lessons.schema.json, which
 * test/authoring/schema.test.ts keeps equal to what the loader validates with) must appear in
 * format.md as inline code, `name`. A field added to the schema fails here until it is
 * described.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

type Schema = { [key: string]: unknown };
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every property name in a JSON Schema, with a path to where it is defined (for the message). */
function propertyNames(schema: unknown, at = '$', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(schema)) {
    schema.forEach((s, i) => propertyNames(s, `${at}[${i}]`, out));
    return out;
  }
  if (!isSchema(schema)) return out;
  if (isSchema(schema.properties)) {
    for (const [name, sub] of Object.entries(schema.properties)) {
      if (!out.has(name)) out.set(name, `${at}.${name}`);
      propertyNames(sub, `${at}.${name}`, out);
    }
  }
  // Everything else that can hold a subschema: items, additionalProperties, anyOf, $defs, ….
  for (const [key, sub] of Object.entries(schema)) {
    if (key === 'properties') continue;
    if (key === '$defs' && isSchema(sub)) {
      for (const [name, def] of Object.entries(sub)) propertyNames(def, `#/$defs/${name}`, out);
    } else if (isSchema(sub) || Array.isArray(sub)) propertyNames(sub, `${at}/${key}`, out);
  }
  return out;
}

/** The inline code spans of a Markdown text, outside fenced code blocks. */
function inlineCode(markdown: string): Set<string> {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, '');
  return new Set([...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!));
}

const FORMAT = inlineCode(read('docs/format.md'));

describe('docs/format.md', () => {
  it.each(['docs/scenario.schema.json', 'docs/lessons.schema.json'])('documents every property of %s', (file) => {
    const names = propertyNames(JSON.parse(read(file)));
    expect(names.size).toBeGreaterThan(file.includes('lessons') ? 5 : 50);
    const missing = [...names].filter(([name]) => !FORMAT.has(name)).map(([name, where]) => `${name} (${where})`);
    expect(missing, `describe these fields in docs/format.md, each written as \`name\``).toEqual([]);
  });

  it('finds properties wherever a schema nests them, and only code spans outside code blocks', () => {
    const schema = {
      properties: { a: { type: 'object', properties: { b: {} } } },
      $defs: {
        d: { anyOf: [{ items: { properties: { c: {} } } }, { additionalProperties: { properties: { e: {} } } }] },
      },
    };
    expect([...propertyNames(schema).keys()].sort()).toEqual(['a', 'b', 'c', 'e']);
    expect(inlineCode('`a` and `b: 1`\n```yaml\nx: `c`\n```\n`d`')).toEqual(new Set(['a', 'b: 1', 'd']));
  });

  it('is linked from the README and the tutorial, and the extensions page it replaced is gone', () => {
    expect(read('README.md')).toContain('docs/format.md');
    expect(read('docs/authoring.md')).toContain('(format.md');
    expect(() => read('docs/format-extensions.md')).toThrow();
  });
});
