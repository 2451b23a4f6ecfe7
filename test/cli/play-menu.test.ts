/**
 * `roleplay play` with no case opens the menu, as its help says (issue #19): in a real terminal
 * (tmux) the menu's first frame appears; without one, the menu's own one-line hint, never
 * commander's "missing required argument".
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, rp } from './helpers.js';
import { hasTmux, skipWithout } from '../required-tools.js';

const DB = join(mkdtempSync(join(tmpdir(), 'roleplay-play-menu-')), 'sessions.db');

const sessions: string[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) spawnSync('tmux', ['kill-session', '-t', s]);
});

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });

async function screenWith(name: string, text: string, ms = 15_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const s = tmux('capture-pane', '-p', '-t', name);
    if (s.includes(text)) return s;
    if (Date.now() > until) throw new Error(`waited ${ms} ms for ${text}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(skipWithout('tmux', hasTmux))('roleplay play with no case, in a terminal', () => {
  it.each([
    ['en', 'Choose a case'],
    ['zh', '选择一个案例'],
  ])(
    '--lang %s: the menu opens',
    async (lang, title) => {
      const name = `roleplay-play-menu-${process.pid}-${lang}`;
      sessions.push(name);
      const cmd = `cd ${JSON.stringify(ROOT)} && CI=false LANG=C.UTF-8 ROLEPLAY_DB=${JSON.stringify(DB)} node ${JSON.stringify(BIN)} play --lang ${lang}; echo "[exit $?]"; sleep 30`;
      tmux('-u', 'new-session', '-d', '-s', name, '-x', '100', '-y', '30', cmd);
      const screen = await screenWith(name, title);
      // the bundled cases are listed, numbered
      expect(screen).toMatch(/› 1 ★/);
      expect(screen).not.toMatch(/missing required argument|缺少必需的参数/);
      tmux('send-keys', '-t', name, 'q');
      await screenWith(name, '[exit 0]');
    },
    30_000,
  );
});

describe('roleplay play with no case, without a terminal', () => {
  it.each([
    ['en', /^roleplay: play needs an interactive terminal; .*roleplay run/],
    ['zh', /^roleplay: 练习需要交互式终端；.*roleplay run/],
  ])('--lang %s: the menu’s one-line hint and exit 2, not "missing argument"', (lang, says) => {
    const r = rp(['play', '--lang', lang]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(says);
  });

  it('--watch with no case: exit 2, one line naming what it needs', () => {
    const r = rp(['play', '--watch', '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('roleplay: --watch needs a scenario file: roleplay play <file.yaml> --watch\n');
  });
});
