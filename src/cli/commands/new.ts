/** `roleplay new <id>`: a commented starter scenario to edit. Its work (new-run.ts) loads when it runs. */
import type { Command } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('new')
    .description(
      said(
        '写出一个带注释的起步案例（每种节点各一个、三个结局、测试），供你修改',
        'write a commented starter scenario (one node of each kind, three endings, tests) to edit',
      )[lang],
    )
    .argument(
      '<id>',
      said(
        '新案例的 id，例如 late-delivery（小写字母、数字、连字符）',
        'the new scenario id, e.g. late-delivery (lower-case letters, digits, hyphens)',
      )[lang],
    )
    .option(
      '--dir <dir>',
      said(
        '写到哪个文件夹（默认：有 ./scenarios 就用它，否则用当前文件夹）',
        'folder to write it in (default: ./scenarios if it exists, else the current folder)',
      )[lang],
    )
    .action(env.withExit(action));
}

export async function action(id: string, opts: { dir?: string }, cmd: Command): Promise<number> {
  return (await import('./new-run.js')).newCommand(id, { ...opts, lang: langOf(cmd) });
}
