/** `roleplay review`: replay a recorded session step by step. Its work (review-run.ts) and the store load when it runs. */
import type { Command } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';
import { allOpts, dbOption, langOption, sessionArgument, traineeOption } from '../options.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('review')
    .description(
      said(
        '逐步回放一次已记录的练习（← →）；不给 id 时回放最近一次',
        'replay a recorded session step by step (← →); the latest one when no id is given',
      )[lang],
    )
    .argument('[session-id]', sessionArgument[lang])
    .addOption(
      traineeOption(
        lang,
        said('不给 id 时：这位学员最近的一次练习', 'with no id: the latest session of this trainee')[lang],
      ),
    )
    .option('--json', said('以 JSON 输出时间线', 'print the timeline as JSON')[lang])
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .action(env.withExit(action));
}

export async function action(ref: string | undefined, _opts: unknown, cmd: Command): Promise<number> {
  return (await import('./review-run.js')).reviewCommand(ref, allOpts(cmd), langOf(cmd));
}
