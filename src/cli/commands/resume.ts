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
    .addHelpText(
      'after',
      said(
        '\n已经走到结局、只是结果没来得及保存的练习（进程在最后一步和保存结果之间被中断），会直接记下由步骤算出的结果，不再重玩。结果被删掉过的练习不能继续（`roleplay verify` 会指出）。',
        '\nA session that reached its ending but whose result was not saved (the process stopped between its last step and the result) gets the result its steps give, recorded at once; nothing is played. A session whose result was removed cannot be continued (`roleplay verify` names it).',
      )[lang],
    )
    .action(env.withExit(action));
}

export async function action(ref: string | undefined, _opts: unknown, cmd: Command): Promise<number> {
  return (await import('./resume-run.js')).resumeCommand(ref, allOpts(cmd), langOf(cmd));
}
