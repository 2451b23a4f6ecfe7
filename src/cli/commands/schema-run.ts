/** What `roleplay schema` does: print the JSON Schema of scenario (or catalog) files. */
import { catalogJsonSchema, scenarioJsonSchema } from '../../core/index.js';

export function schemaText(catalog = false): string {
  return `${JSON.stringify(catalog ? catalogJsonSchema() : scenarioJsonSchema(), null, 2)}\n`;
}

export function schemaCommand(opts: { catalog?: boolean }): number {
  process.stdout.write(schemaText(opts.catalog));
  return 0;
}
