/** `roleplay import <file>`: merge sessions exported elsewhere. Its work (import-run.ts) and the store load when it runs. */
import type { Command } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';
import { allOpts, dbOption, jsonFlag, langOption } from '../options.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('import')
    .description(
      said(
        '把在另一台电脑上导出的练习（roleplay export --format jsonl）合并进本数据库；可重复执行',
        'merge sessions exported on another machine (roleplay export --format jsonl) into this database; safe to repeat',
      )[lang],
    )
    .argument(
      '<file>',
      said('由 `roleplay export --format jsonl` 写出的文件', 'a file written by `roleplay export --format jsonl`')[
        lang
      ],
    )
    .option('--json', jsonFlag[lang])
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .addHelpText(
      'after',
      said(
        '\n先检查整个文件（每条哈希链）；文件损坏、被改动或不完整时拒绝导入并指出第一处错误的行，什么都不会导入。',
        '\nThe whole file is checked first (every hash chain); a damaged, edited or cut-short file is refused naming its first bad line, and nothing is imported.',
      )[lang],
    )
    .action(env.withExit(action));
}

export async function action(file: string, _opts: unknown, cmd: Command): Promise<number> {
  return (await import('./import-run.js')).importCommand(file, allOpts(cmd), langOf(cmd));
}
