/** `roleplay report`: how trainees are doing. Its work (report-run.ts) and the store load when it runs. */
import type { Command } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';
import { allOpts, dbOption, jsonFlag, langOption, sinceOption, traineeOption } from '../options.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('report')
    .description(
      said(
        '学员的表现：按案例和按学员统计，附条形图',
        'how trainees are doing: per scenario and per trainee, with bar charts',
      )[lang],
    )
    .option('--scenario <id>', said('只看这个案例', 'only this scenario')[lang])
    .addOption(traineeOption(lang, said('只看这位学员', 'only this trainee')[lang]))
    .addOption(sinceOption(lang))
    .option('--json', jsonFlag[lang])
    .option(
      '--csv [target]',
      said(
        'CSV，供电子表格使用：不带参数打印一张长表；给文件夹则每张表一个文件；给文件则写入该文件（配合 --table）',
        'CSV for a spreadsheet: alone, one long table on standard output; a folder: one file per table; a file: written there (with --table)',
      )[lang],
    )
    .option(
      '--table <name>',
      said(
        '配合 --csv，只要这一张表：scenarios、modes、replies、answers、decisions、paths、endings、lessons、costly、trend、trainees、matrix',
        'with --csv, only this table: scenarios, modes, replies, answers, decisions, paths, endings, lessons, costly, trend, trainees, matrix',
      )[lang],
    )
    .option(
      '--html <file>',
      said('写出一个带图表的独立 HTML 页面', 'write one self-contained HTML page with charts')[lang],
    )
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .action(env.withExit(action));
}

export async function action(_opts: unknown, cmd: Command): Promise<number> {
  return (await import('./report-run.js')).reportCommand(allOpts(cmd), langOf(cmd));
}
