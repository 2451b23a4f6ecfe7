/**
 * The one shape of every command's `--json` (docs/json.md): one object on standard output,
 * `version` first (the number of that command's format: it changes only when a field is
 * removed or changes meaning; fields may be added), then the command's fields, its records in
 * arrays. Field names and ids never change with --lang; text a person reads follows it.
 * Characters a terminal would act on (C1 controls, bidi overrides) are escaped, as in any
 * JSON string, so output from hostile files is safe to print.
 */
// the one module, not core/index.js: lint's cached answer must not load the play engine
import { terminalSafeJson } from '../core/sanitize.js';
import { printLine } from './env.js';

export const JSON_VERSION = 1;

/** `{ version, ...fields }`, as the text printed; `fields` must not hold its own `version`. */
export function jsonText(fields: Readonly<Record<string, unknown>>): string {
  return terminalSafeJson(JSON.stringify({ version: JSON_VERSION, ...fields }, null, 2));
}

export function printJson(fields: Readonly<Record<string, unknown>>): void {
  printLine(jsonText(fields));
}
