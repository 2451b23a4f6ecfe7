/** The play command and the bare menu, run as the real binary without a terminal. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/roleplay.js', import.meta.url));
const CASE_FILE = fileURLToPath(new URL('../../scenarios/overpromise.yaml', import.meta.url));
const run = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: '', env: { ...process.env, CI: 'false' } });

describe('without a terminal', () => {
  for (const args of [['play', 'angry-customer'], [], ['--lang', 'en'], ['play', CASE_FILE, '--mode', 'exam']]) {
    it(`roleplay ${args.join(' ')} exits 2 with one line pointing to roleplay run`, () => {
      const r = run(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('roleplay run');
      expect(r.stderr).not.toMatch(/at \w+ \(|Raw mode/);
    });
  }
  it('rejects an unknown mode as a usage error', () => {
    const r = run(['play', 'angry-customer', '--mode', 'quiz']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('quiz');
  });
});
