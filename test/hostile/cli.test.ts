/**
 * Every command that prints scenario text or typed answers, fed the hostile scenario: no
 * control code, bidi override or invisible character reaches standard output or error.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../fuzz/bundled.js';
import { PAYLOADS, UNSAFE, writeHostileScenario } from './fixture.js';

const file = writeHostileScenario();
const dir = dirname(file);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rp = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/roleplay.js'), ...args], {
    encoding: 'utf8',
    cwd: dir,
    env: {
      ...process.env,
      CI: 'false',
      ROLEPLAY_LANG: 'en',
      ROLEPLAY_DB: join(dir, 'db.sqlite'),
      ROLEPLAY_TRAINEE: `trainee${PAYLOADS.csi}${PAYLOADS.bidi}`,
    },
  });

function expectSafe(out: string) {
  const m = UNSAFE.exec(out);
  expect(
    m,
    m
      ? `U+${m[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${JSON.stringify(out.slice(Math.max(0, m.index - 40), m.index + 10))}`
      : '',
  ).toBeNull();
}

describe('hostile text on the command line', () => {
  const hostileSteps = join(dir, 'steps.json');
  writeFileSync(
    hostileSteps,
    JSON.stringify(['good', { say: `sorry ${Object.values(PAYLOADS).join(' ')} ${'x'.repeat(5000)}` }]),
  );
  const wrongSteps = join(dir, 'wrong.json');
  writeFileSync(wrongSteps, JSON.stringify([`nope${PAYLOADS.csi}${PAYLOADS.clipboard}${PAYLOADS.bidi}`]));

  const commands: string[][] = [
    ['lint', file],
    ['lint', file, '--format', 'json'],
    ['test', file],
    ['test', file, '--json'],
    ['list'],
    ['list', '--json'],
    ['paths', file],
    ['paths', file, '--json'],
    ['graph', file],
    ['graph', file, '--format', 'dot'],
    ['graph', file, '--json'],
    ['run', file, '--steps', hostileSteps],
    ['run', file, '--steps', wrongSteps],
    ['run', file, '--steps', hostileSteps, '--record'],
    ['sessions'],
    ['sessions', '--json'],
    ['report'],
    ['export'],
    ['verify'],
  ];
  for (const args of commands) {
    it(`roleplay ${args.map((a) => (a === file ? 'hostile.yaml' : a.startsWith(dir) ? a.slice(dir.length + 1) : a)).join(' ')}`, () => {
      const r = rp(...args);
      expect(r.stderr).not.toMatch(/internal error/);
      expectSafe(r.stdout);
      expectSafe(r.stderr);
    });
  }

  it('a scenario file named with escape sequences is reported safely', () => {
    const evil = join(dir, `evil${PAYLOADS.title}\u202e.yaml`);
    writeFileSync(evil, 'id: [broken');
    const r = rp('lint', evil);
    expect(r.status).toBe(1);
    expectSafe(r.stdout);
    expectSafe(r.stderr);
  });
});
