/** Running the built binary on the authoring fixtures, as a trainer or an editor plugin would. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, runCli, type Ran } from '../run-cli.js';

export { BIN, ROOT };
export const FIX = join(import.meta.dirname, 'fixtures');
export const fixture = (name: string) => join(FIX, name);
/** The project's own case that uses every feature of the format (see its header comment). */
export const BASEMENT_ALARM = join(ROOT, 'test', 'fixtures', 'ui', 'basement-alarm.yaml');

export type { Ran } from '../run-cli.js';

export function rp(args: readonly string[], cwd = ROOT): Ran {
  return runCli(args, { cwd });
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'roleplay-authoring-'));
