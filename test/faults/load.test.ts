/**
 * A small run of the load benchmark (bench/load.mjs): 4 processes recording 25 sessions each
 * into one SQLite database at the same time — no errors, no lost or duplicated events, every
 * session finished, every chain intact. The full run (8 × 500) is `npm run bench -- load`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../fuzz/bundled.js';

describe('concurrent recording into one database', () => {
  it('4 processes × 25 sessions: no errors, no lost events, verify intact', () => {
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'bench/load.mjs'), '--processes', '4', '--sessions', '25', '--json', '--no-write'],
      { encoding: 'utf8', timeout: 240_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as {
      sessions: number;
      events: number;
      problems: string[];
      verify: boolean;
      msPerStep: number;
    };
    expect(result.problems).toEqual([]);
    expect(result.sessions).toBe(100);
    expect(result.events).toBeGreaterThan(100);
    expect(result.verify).toBe(true);
    expect(result.msPerStep).toBeGreaterThan(0);
  }, 300_000);
});
