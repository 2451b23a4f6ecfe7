/** `roleplay resume`: continue an unfinished session. Its work (resume-run.ts) and the store load when it runs. */
import type { Command } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';
import { allOpts, dbOption, langOption, sessionArgument, traineeOption } from '../options.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('resume')
    .description(
      said(
        '从中断处继续一次未完成的练习（不给 id 时继续你最近的一次）',
        'continue an unfinished session where it stopped (your latest one when no id is given)',
      )[lang],
    )
    .argument('[session-id]', sessionArgument[lang])
    .option(
      '--steps <file>',
      said(
        '不用终端界面继续：步骤列表（YAML 或 JSON）',
        'continue without a terminal UI: a YAML or JSON list of steps',
      )[lang],
    )
    .option(
      '--choices <ids>',
      said('不用终端界面继续：逗号分隔的选项 id', 'continue without a terminal UI: comma-separated choice ids')[lang],
    )
    .addOption(traineeOption(lang))
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .action(env.withExit(action));
}

export async function action(ref: string | undefined, _opts: unknown, cmd: Command): Promise<number> {
  return (await import('./resume-run.js')).resumeCommand(ref, allOpts(cmd), langOf(cmd));
}
