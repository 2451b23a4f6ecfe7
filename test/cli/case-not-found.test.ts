/**
 * A case that is not there is reported the same way by every command that takes one (issue
 * #19): `play nosuch` and `run nosuch` resolve the case first, before the terminal or the steps
 * are looked at, and say the same one line with the same exit status, in Chinese and English.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, hasStackTrace, rpAsync } from './helpers.js';

const CLI_DIR = join(FIXTURES, 'cli');

const COMMANDS = [
  ['play', 'nosuch'],
  ['play', 'nosuch', '--mode', 'exam'],
  ['play', 'nosuch', '--watch'],
  ['run', 'nosuch'],
  ['run', 'nosuch', '--choices', 'a,b'],
  ['run', 'nosuch', '--steps', 'no-such-steps.yaml'],
  ['run', 'nosuch', '--choices', 'a', '--record'],
  ['graph', 'nosuch'],
  ['paths', 'nosuch'],
];

describe.each([
  ['en', "roleplay: no scenario 'nosuch': it is neither a file nor the id of a scenario in "],
  ['zh', 'roleplay: 没有案例「nosuch」：它既不是一个文件，也不是 '],
])('--lang %s', (lang, starts) => {
  it('play, run, graph and paths: the same one line on stderr, nothing on stdout, exit 1', async () => {
    const ran = await Promise.all(COMMANDS.map((args) => rpAsync([...args, '--lang', lang], { cwd: CLI_DIR })));
    const lines = new Set<string>();
    ran.forEach((r, i) => {
      const what = `${COMMANDS[i]!.join(' ')}: ${r.stderr}`;
      expect(r.status, what).toBe(1);
      expect(r.stdout, what).toBe('');
      expect(r.stderr.split('\n'), what).toHaveLength(2); // one line and its newline
      expect(r.stderr.startsWith(starts), what).toBe(true);
      expect(hasStackTrace(r.stderr), what).toBe(false);
      lines.add(r.stderr);
    });
    expect([...lines]).toHaveLength(1);
  }, 60_000);
});

describe('a path that is not there', () => {
  it('play and run name it the same way', async () => {
    const [play, run] = await Promise.all(
      [
        ['play', 'gone/x.yaml'],
        ['run', 'gone/x.yaml'],
      ].map((args) => rpAsync([...args, '--lang', 'en'], { cwd: CLI_DIR })),
    );
    expect(play!.status).toBe(1);
    expect(run!.status).toBe(1);
    expect(play!.stderr).toBe(run!.stderr);
    expect(play!.stderr).toMatch(/^roleplay: no scenario 'gone\/x\.yaml'/);
  });
});
