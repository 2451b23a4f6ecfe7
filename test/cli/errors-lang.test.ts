/**
 * Command-line errors in the language asked for — commander's usage errors, the team lead's and
 * the trainee's: each says the same thing in Chinese (`--lang zh`, also the default) and
 * English, with the same exit code, in one `roleplay:` line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rp } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'roleplay-lang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'sessions.db');

const cases: { args: string[]; status: number; zh: RegExp; en: RegExp }[] = [
  {
    args: ['lint', '--strct'],
    status: 2,
    zh: /^roleplay: 没有 '--strct' 这个选项；是不是 --strict？（--help 会列出所有选项）\n$/,
    en: /^roleplay: unknown option '--strct'; did you mean --strict\? \(--help lists the options\)\n$/,
  },
  {
    args: ['run'],
    status: 2,
    zh: /^roleplay: 缺少参数 'scenario'（--help 会说明用法）\n$/,
    en: /^roleplay: missing required argument 'scenario' \(--help shows how to call it\)\n$/,
  },
  {
    args: ['run', 'angry-customer', '--steps'],
    status: 2,
    zh: /^roleplay: 选项 '--steps <file>' 后面要跟一个值\n$/,
    en: /^roleplay: option '--steps <file>' needs a value\n$/,
  },
  {
    args: ['list', 'extra'],
    status: 2,
    zh: /^roleplay: 'list' 的参数太多：应为 0 个，实际给了 1 个\n$/,
    en: /^roleplay: too many arguments for 'list': expected 0, got 1\n$/,
  },
  {
    args: ['plya'],
    status: 2,
    zh: /^roleplay: 没有 'plya' 这个命令；是不是 'play'？（roleplay --help 会列出所有命令）\n$/,
    en: /^roleplay: unknown command 'plya'; did you mean 'play'\? \(roleplay --help lists them\)\n$/,
  },
  {
    args: ['sessions', '--since', 'yesterday-ish', '--db', db],
    status: 2,
    zh: /^roleplay: --since 'yesterday-ish' 不是日期：/,
    en: /^roleplay: --since 'yesterday-ish' is not a date: /,
  },
  {
    args: ['sessions', '--limit', '-3', '--db', db],
    status: 2,
    zh: /^roleplay: --limit 必须是不小于 0 的整数，而不是 '-3'\n$/,
    en: /^roleplay: --limit must be a whole number, not '-3'\n$/,
  },
  {
    args: ['review', 'abcdef12', '--db', db],
    status: 1,
    zh: /^roleplay: .* 里没有编号为 'abcdef12' 的练习（`roleplay sessions` 会列出它们）\n$/,
    en: /^roleplay: no session 'abcdef12' in .* \(`roleplay sessions` lists them\)\n$/,
  },
  {
    args: ['review', '--db', db],
    status: 1,
    zh: /^roleplay: .* 里还没有练习记录\n$/,
    en: /^roleplay: there are no recorded sessions in .* yet\n$/,
  },
  {
    args: ['report', '--json', '--csv', '--db', db],
    status: 2,
    zh: /^roleplay: --json、--csv 和 --html 只能选一个\n$/,
    en: /^roleplay: choose one of --json, --csv and --html\n$/,
  },
  {
    args: ['export', '--base', 'ftp://x', '--db', db],
    status: 2,
    zh: /^roleplay: --base 必须是 http\(s\) 地址，例如 /,
    en: /^roleplay: --base must be an http\(s\) address, e\.g\. /,
  },
  {
    args: ['export', '--auth', 'a:b', '--db', db],
    status: 2,
    zh: /^roleplay: --auth 和 --batch 要与 --lrs 地址一起使用\n$/,
    en: /^roleplay: --auth and --batch go with --lrs URL\n$/,
  },
  {
    args: ['export', '--lrs', 'https://lrs.example.com/xAPI', '--batch', '0', '--db', db],
    status: 2,
    zh: /^roleplay: --batch 必须是 1 到 1000 之间的整数，而不是 '0'\n$/,
    en: /^roleplay: --batch must be a whole number from 1 to 1000, not '0'\n$/,
  },
  {
    args: ['import', join(dir, 'nothing.jsonl'), '--db', db],
    status: 2,
    zh: /^roleplay: 无法读取 .*nothing\.jsonl：没有这个文件\n$/,
    en: /^roleplay: cannot read .*nothing\.jsonl: no such file\n$/,
  },
  {
    args: ['resume', '--trainee', 'nobody-here', '--db', db],
    status: 1,
    zh: /^roleplay: nobody-here 没有可以继续的未完成练习\n$/,
    en: /^roleplay: nobody-here has no unfinished session to resume\n$/,
  },
  {
    args: ['play', 'angry-customer'],
    status: 2,
    zh: /^roleplay: 练习需要交互式终端；/,
    en: /^roleplay: play needs an interactive terminal; /,
  },
  {
    args: ['play', '--watch', 'angry-customer'],
    status: 2,
    zh: /^roleplay: play --watch 需要交互式终端；/,
    en: /^roleplay: play --watch needs an interactive terminal; /,
  },
];

describe('command-line errors in both languages', () => {
  it.each(cases)('roleplay $args.0 $args.1 …', ({ args, status, zh, en }) => {
    const inZh = rp([...args, '--lang', 'zh']);
    expect(inZh.stderr).toMatch(zh);
    expect(inZh.status).toBe(status);
    const inEn = rp([...args, '--lang', 'en']);
    expect(inEn.stderr).toMatch(en);
    expect(inEn.status).toBe(status);
    // Chinese is the default where the environment names no language (LANG=C)
    expect(rp(args).stderr).toBe(inZh.stderr);
  });
});

describe('resume --choices with a step that does not fit', () => {
  it('names the step, the node and the valid choices in the language asked for; the session stays resumable', () => {
    const rdb = join(dir, 'resume.db');
    const started = rp(['run', 'angry-customer', '--choices', 'listen', '--record', '--db', rdb, '--lang', 'en']);
    expect(started.status, started.stderr).toBe(2); // the steps ran out: recorded as unfinished
    const id = /recorded as session (\S+) \(unfinished/.exec(started.stderr)![1]!;
    const zh = rp(['resume', id, '--choices', 'shout', '--db', rdb, '--lang', 'zh']);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toMatch(/^roleplay: 第 1 步：节点「\S+」没有「shout」这个选项；可选的选项：\S+/);
    const en = rp(['resume', id, '--choices', 'shout', '--db', rdb, '--lang', 'en']);
    expect(en.status).toBe(2);
    expect(en.stderr).toMatch(/^roleplay: step 1: 'shout' is not a choice at node '\S+'; valid choices: /);
    const short = rp(['resume', id, '--choices', 'lower', '--db', rdb, '--lang', 'zh']);
    expect(short.stderr).toMatch(/^roleplay: 步骤用完时停在节点「\S+」，还没到结局；它要选一个选项（/);
  });
});
