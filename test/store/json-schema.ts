/** Checks a command's --json output against its schema in docs/json/ (a real 2020-12 validator). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { expect } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

export function expectValidJson(command: string, json: unknown): void {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true });
  const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'json', `${command}.schema.json`), 'utf8'));
  const validate = ajv.compile(schema);
  expect(validate(json), `${command}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}
