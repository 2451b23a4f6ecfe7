/** `roleplay run`: play a scenario headless and print the result as JSON. Its work (headless.ts, run-recorded.ts) loads when it runs. */
import type { Command } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';
import { dbOption, jsonFlag, langOfCaseOption, scenarioArgument, traineeOption } from '../options.js';

interface RunFlags {
  steps?: string;
  choices?: string;
  record?: boolean;
  db?: string;
  trainee?: string;
}

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('run')
    .description(
      said(
        '不用终端界面走一遍案例，结果以 JSON 输出',
        'play a scenario without a terminal UI and print the result as JSON',
      )[lang],
    )
    .argument('<scenario>', scenarioArgument[lang])
    .option(
      '--steps <file>',
      said(
        '步骤列表（YAML 或 JSON）：选项 id、{ say: 文字 }、{ wait: true }',
        'a YAML or JSON list of steps: choice ids, { say: text }, { wait: true }',
      )[lang],
    )
    .option(
      '--choices <ids>',
      said('逗号分隔的选项 id（--steps 的简写）', 'comma-separated choice ids (shorthand for --steps)')[lang],
    )
    .option(
      '--record',
      said('把这次运行记录为一次练习（见 --db、--trainee）', 'record the run as a session (see --db, --trainee)')[lang],
    )
    .option(
      '--json',
      `${jsonFlag[lang]}${said('（run 总是输出 JSON；与其他命令一致）', ' (run always does; accepted like every other command)')[lang]}`,
    )
    .addOption(dbOption(lang))
    .addOption(traineeOption(lang))
    .addOption(langOfCaseOption(lang))
    .addHelpText(
      'after',
      said(
        '\n退出码：0 走到了结局；2 某一步在那里不可用，或步骤用完了；1 案例文件有误。',
        '\nExit status: 0 the run reached an ending; 2 a step is not valid there, or the steps ran out; 1 the scenario is invalid.',
      )[lang],
    )
    .action(env.withExit(action));
}

export async function action(ref: string, opts: RunFlags, cmd: Command): Promise<number> {
  const lang = langOf(cmd);
  if (opts.record) return (await import('./run-recorded.js')).runRecorded(ref, cmd.optsWithGlobals(), lang);
  return (await import('./headless.js')).runCommand(ref, { ...opts, lang });
}
