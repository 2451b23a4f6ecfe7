/**
 * The real binary in a pseudo-terminal (script(1)), playing the hostile scenario with a
 * hostile typed answer: the raw bytes the terminal receives hold only the sequences Ink itself
 * writes (colours, cursor movement, erasing) — no OSC, DCS, APC, device queries, C1 controls,
 * bells, backspaces, bidi overrides or invisible characters from the content.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../fuzz/bundled.js';
import { PAYLOADS, UNSAFE, writeHostileScenario } from './fixture.js';
import { hasScript, skipWithout } from '../required-tools.js';

const file = writeHostileScenario();
afterAll(() => rmSync(dirname(file), { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What the program itself writes: Ink's SGR colours, cursor moves, erase line/screen, cursor
 * show/hide, sync updates; and our bracketed-paste mode on and off (src/ui/paste-mode.ts).
 */
const INK_OWN = /\u001b\[[0-9;]*[mABCDEFGHJKST]|\u001b\[\?(25|2026|1049|2004)[hl]/g;

describe.skipIf(skipWithout('script (util-linux)', hasScript))('hostile text in a real terminal', () => {
  it('reaches the pseudo-terminal without any control code from the content', async () => {
    const bin = join(ROOT, 'bin/roleplay.js');
    const child = spawn(
      'script',
      [
        '-qfec',
        `stty cols 80 rows 24; exec "${process.execPath}" "${bin}" play "${file}" --lang en --db "${join(dirname(file), 'pty.db')}"`,
        '/dev/null',
      ],
      {
        env: { ...process.env, CI: 'false', LANG: 'C.UTF-8', TERM: 'xterm-256color' },
        stdio: ['pipe', 'pipe', 'ignore'],
        detached: true,
      },
    );
    let raw = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      raw += d;
    });
    try {
      for (let t = 0; t < 300 && !raw.includes('TITLE'); t++) await sleep(50);
      expect(raw).toContain('TITLE');
      const answer = `sorry ${PAYLOADS.bidi}${PAYLOADS.zeroWidth} ANSWER ${'答'.repeat(500)}`;
      for (const key of ['\r', '1', '\r', answer, '\r', '\r', '\r']) {
        child.stdin.write(key);
        await sleep(400);
      }
      await sleep(500);
    } finally {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    expect(raw).toContain('FEEDBACK');
    const content = raw.replace(INK_OWN, '').replace(/\r/g, '');
    const m = UNSAFE.exec(content);
    expect(
      m,
      m
        ? `U+${m[0].codePointAt(0)!.toString(16).padStart(4, '0')} in ${JSON.stringify(content.slice(Math.max(0, m.index - 60), m.index + 20))}`
        : '',
    ).toBeNull();
    for (const marker of ['pwned-title', 'cm0gLXJmIH4=', 'http://evil.example']) expect(raw).not.toContain(marker);
  }, 60_000);
});
