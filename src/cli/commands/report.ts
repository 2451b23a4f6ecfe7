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
    .option('--csv', said('输出 CSV，供电子表格使用', 'print CSV for a spreadsheet')[lang])
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
