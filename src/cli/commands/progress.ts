/** `roleplay progress`: a trainee's own standing and the case to play next. Its work (progress-run.ts) and the store load when it runs. */
import type { Command } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';
import { allOpts, dbOption, jsonFlag, langOption, traineeOption } from '../options.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('progress')
    .description(
      said(
        '学员自己的进度：各案例的考试最好成绩、已掌握和薄弱的要点、推荐下一个案例',
        "a trainee's progress: best exam per case, lessons mastered and weak, the case to play next",
      )[lang],
    )
    .addOption(traineeOption(lang, said('看这位学员（默认：你自己）', 'this trainee (default: you)')[lang]))
    .option('--json', jsonFlag[lang])
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .action(env.withExit(action));
}

export async function action(_opts: unknown, cmd: Command): Promise<number> {
  return (await import('./progress-run.js')).progressCommand(allOpts(cmd), langOf(cmd));
}
