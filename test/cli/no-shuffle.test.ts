/** `--no-shuffle` on play and on the menu: accepted, and described in both languages. */
import { describe, expect, it } from 'vitest';
import { rp } from './helpers.js';

describe('--no-shuffle', () => {
  it.each([[['play', 'angry-customer', '--no-shuffle']], [['--no-shuffle']]])(
    'roleplay %j is accepted (without a terminal it stops only for the terminal)',
    (args) => {
      const r = rp([...args, '--lang', 'en']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^roleplay: play needs an interactive terminal/);
    },
  );

  it('play --help describes it in English and in Chinese', () => {
    expect(rp(['play', '--help', '--lang', 'en']).stdout).toMatch(/--no-shuffle\s+show the replies in file order/);
    expect(rp(['play', '--help', '--lang', 'zh']).stdout).toMatch(/--no-shuffle\s+按文件里的顺序显示回复/);
  });
});
