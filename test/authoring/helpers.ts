/** Running the built binary on the authoring fixtures, as a trainer or an editor plugin would. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'roleplay.js');
export const FIX = join(import.meta.dirname, 'fixtures');
export const fixture = (name: string) => join(FIX, name);
/** The project's own case that uses every feature of the format (see its header comment). */
export const BASEMENT_ALARM = join(ROOT, 'test', 'fixtures', 'ui', 'basement-alarm.yaml');

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  throw new Error('dist/ is missing: run `npm run build` before these tests (`npm test` does)');
}

export interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function rp(args: readonly string[], cwd = ROOT): Ran {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, CI: 'false', ROLEPLAY_LANG: '', LANG: 'C', LC_ALL: '', LC_MESSAGES: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'roleplay-authoring-'));
