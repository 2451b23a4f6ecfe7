/**
 * The programs some tests drive (tmux, script, PostgreSQL, Chromium). On a developer machine
 * a missing one skips its tests with a warning; in CI they run, so that a missing tool fails
 * loudly instead of a skip that reads like a pass. CI is the CI variable set to anything but
 * empty, `false` or `0`, or ROLEPLAY_REQUIRE_SERVICES=1 (.ci/run sets it, whatever the CI
 * machine says of itself). .ci/run installs the tools where they are missing.
 */
import { spawnSync } from 'node:child_process';

export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.ROLEPLAY_REQUIRE_SERVICES === '1') return true;
  const ci = (env.CI ?? '').trim().toLowerCase();
  return ci !== '' && ci !== 'false' && ci !== '0';
}

/** Whether `command args…` runs and exits 0 (e.g. `tmux -V`). */
export function runs(command: string, args: readonly string[]): boolean {
  return spawnSync(command, args, { encoding: 'utf8' }).status === 0;
}

/** For describe.skipIf: skip (with a warning) only where the tool is missing outside CI. */
export function skipWithout(tool: string, present: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (present || inCi(env)) return false;
  console.warn(`${tool} is not installed: its tests are skipped here (in CI they fail instead)`);
  return true;
}

export const hasTmux = runs('tmux', ['-V']);
export const hasScript = runs('script', ['--version']);
