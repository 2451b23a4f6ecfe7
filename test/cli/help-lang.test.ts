/**
 * `--help` speaks the trainer's language: `--lang`, else ROLEPLAY_LANG / the locale, else
 * Chinese, like every other message. English help is commander's, unchanged.
 */
import { describe, expect, it } from 'vitest';
import { widthOf } from '../../src/text/layout.js';
import { rp } from './helpers.js';

const help = (args: readonly string[], env?: NodeJS.ProcessEnv) => {
  const r = rp([...args, '--help'], { env });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  return r.stdout;
};

// Lines of `roleplay --help` as built before the help had a language: English must not move.
const ROOT_EN = [
  'Usage: roleplay [options] [command]',
  '',
  'Practise difficult customer encounters in the terminal, scored against your',
  "company's lessons.",
  'With no command: the menu of bundled cases.',
  '',
  'Options:',
  '  -V, --version                  print the version',
  '  --lang <lang>                  language of the interface and scenario text',
  '                                 (choices: "zh", "en")',
  '  --mode <mode>                  practice: feedback after every step; exam: only',
  '                                 at the end (default: practice) (choices:',
];
const ROOT_EN_LATER = [
  '  -h, --help                     display help for command',
  'Commands:',
  '  run [options] <scenario>       play a scenario without a terminal UI and print',
  '  report [options]               how trainees are doing: per scenario and per',
];
const REPORT_EN = [
  'Usage: roleplay report [options]',
  '',
  'how trainees are doing: per scenario and per trainee, with bar charts',
  '',
  'Options:',
  '  --scenario <id>   only this scenario',
  '  --trainee <name>  only this trainee',
];

describe('--help in English', () => {
  it('root help is what it was', () => {
    const out = help(['--lang', 'en']);
    expect(out.split('\n').slice(0, ROOT_EN.length)).toEqual(ROOT_EN);
    for (const line of ROOT_EN_LATER) expect(out.split('\n')).toContain(line);
  });

  it("run and report help are English, with commander's notes", () => {
    expect(help(['report', '--lang', 'en']).split('\n').slice(0, REPORT_EN.length)).toEqual(REPORT_EN);
    const run = help(['run', '--lang', 'en']);
    expect(run).toMatch(/^Usage: roleplay run \[options\] <scenario>\n/);
    expect(run).toContain('Arguments:\n  scenario          scenario id or path to a .yaml file\n');
    expect(run).toContain('(choices: "zh",');
    expect(run).toMatch(/Exit status: 0 the run reached an ending/);
  });

  it('follows the locale when --lang is not given', () => {
    expect(help([], { LANG: 'en_US.UTF-8' })).toMatch(/^Usage: roleplay /);
    expect(help(['run'], { ROLEPLAY_LANG: 'en' })).toMatch(/^Usage: roleplay run /);
  });
});

describe('--help in Chinese', () => {
  // LANG=C (the test default) names no language we speak: Chinese
  for (const [how, args] of [
    ['by default', []],
    ['with --lang zh', ['--lang', 'zh']],
  ] as const) {
    it(`root help, ${how}`, () => {
      const out = help(args);
      expect(out).toMatch(/^用法：roleplay \[options\] \[command\]\n\n在终端里练习棘手的客户场面/);
      expect(out).toContain('\n选项：\n');
      expect(out).toContain('\n命令：\n');
      expect(out).toMatch(/^ {2}-V, --version +显示版本号$/m);
      expect(out).toMatch(/^ {2}-h, --help +显示帮助$/m);
      expect(out).toMatch(/^ {2}--lang <lang> +界面和案例文字的语言（可选值：zh, en）$/m);
      // command names stay as they are typed
      for (const c of ['run', 'lint', 'report', 'sync']) expect(out).toMatch(new RegExp(`^ {2}${c} `, 'm'));
      expect(out).not.toMatch(/Usage:|Options:|Commands:|display help|choices:|default:/);
    });

    it(`run help, ${how}`, () => {
      const out = help(['run', ...args]);
      expect(out).toMatch(/^用法：roleplay run \[options\] <scenario>\n/);
      expect(out).toContain('\n参数：\n  scenario          案例 id 或 .yaml 文件路径\n');
      expect(out).toMatch(/^ {2}--record +把这次运行记录为一次练习（见 --db、--trainee）$/m);
      expect(out).toContain('退出码：0 走到了结局');
      expect(out).not.toMatch(/Usage:|Options:|Arguments:|display help|choices:|default:|Exit status/);
    });

    it(`report help, ${how}`, () => {
      const out = help(['report', ...args]);
      expect(out).toMatch(/^用法：roleplay report \[options\]\n\n学员的表现/);
      expect(out).toMatch(/^ {2}--csv \[target\] +CSV，供电子表格使用：/m);
      expect(out).not.toMatch(/Usage:|Options:|display help|choices:|default:/);
    });
  }

  it("commander's defaults and choices are in Chinese too", () => {
    expect(help(['lint', '--lang', 'zh'])).toMatch(
      /^ {2}--format <format> +输出格式（可选值：text, json；默认：text）$/m,
    );
  });

  it('--lang after the command name counts too', () => {
    expect(help(['report', '--lang', 'zh'], { ROLEPLAY_LANG: 'en' })).toMatch(/^用法：/);
    expect(help(['--lang=en', 'report'])).toMatch(/^Usage:/);
  });

  it('long Chinese lines wrap within 80 columns, counting a Chinese character as two', () => {
    const wide = (line: string) =>
      [...line].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/u.test(ch) ? 2 : 1), 0);
    for (const args of [[], ['export'], ['verify'], ['run'], ['sessions']]) {
      for (const line of help([...args, '--lang', 'zh']).split('\n')) {
        if (!line.startsWith(' ')) continue;
        expect(wide(line), line).toBeLessThanOrEqual(80);
        expect(line, 'a line break next to punctuation').not.toMatch(/（$|^ +[，。；：、）]/);
      }
    }
  });

  it('every line of every command’s help fits 80 columns, the notes after the options too, in both languages', () => {
    const commands = [
      ...help(['--lang', 'en'])
        .split('Commands:\n')[1]!
        .matchAll(/^ {2}([a-z-]+)/gm),
    ].map((m) => m[1]!);
    expect(commands).toContain('import');
    for (const lang of ['zh', 'en'])
      for (const command of [[], ...commands.map((c) => [c])])
        for (const line of help([...command, '--lang', lang]).split('\n'))
          expect(widthOf(line), `${command.join(' ')} ${lang}: ${line}`).toBeLessThanOrEqual(80);
  });
});
