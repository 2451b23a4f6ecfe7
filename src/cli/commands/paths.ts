/** `roleplay paths`: endings, scores and the steps that reach them. Its work (paths-run.ts) loads when it runs. */
import type { Command } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';
import { jsonFlag, scenarioArgument } from '../options.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('paths')
    .description(
      said(
        '逐个结局：能否走到、得分范围，以及走到它的最短步骤',
        'for each ending: can it be reached, with which scores, and the shortest steps that reach it',
      )[lang],
    )
    .argument('<scenario>', scenarioArgument[lang])
    .option('--json', jsonFlag[lang])
    .option(
      '--ending <id>',
      said(
        '只输出走到这个结局的步骤，格式是给 `run --steps` 用的 YAML 列表',
        'print only the steps to this ending, as a YAML list for `run --steps`',
      )[lang],
    )
    .addHelpText(
      'after',
      said(
        '\n会指出谁也过不了的案例、谁都不会不及格的案例，以及走不到的结局。',
        '\nFlags a case nobody can pass, one nobody can fail, and endings nobody can reach.',
      )[lang],
    )
    .action(env.withExit(action));
}

export async function action(ref: string, opts: { json?: boolean; ending?: string }, cmd: Command): Promise<number> {
  return (await import('./paths-run.js')).pathsCommand(ref, { ...opts, lang: langOf(cmd) });
}
