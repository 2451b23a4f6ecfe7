/**
 * `roleplay play [scenario]`: a case in the terminal UI, or with --watch a live preview for its
 * author; with no case, the menu (as the bare `roleplay`). The work (play-run.ts,
 * watch-support.ts, menu-run.ts) loads when it runs.
 */
import type { Command } from 'commander';
import { type CliEnv, langOf, said, UserError } from '../env.js';
import {
  allOpts,
  dbOption,
  langOfCaseOption,
  modeOf,
  modeOption,
  noShuffleOption,
  scenarioArgument,
  shuffleOf,
  traineeOption,
} from '../options.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('play')
    .description(
      said(
        '在终端里练习一个案例（不指定案例时打开菜单）',
        'play a scenario in the terminal (the menu opens when no scenario is given)',
      )[lang],
    )
    .argument('[scenario]', scenarioArgument[lang])
    .addOption(modeOption(lang))
    .addOption(dbOption(lang))
    .addOption(traineeOption(lang))
    .addOption(noShuffleOption(lang))
    .addOption(langOfCaseOption(lang))
    .option(
      '--watch',
      said(
        '给作者的实时预览：每次保存案例文件就原地重新载入',
        'live preview for authors: reload the case in place whenever its file is saved',
      )[lang],
    )
    .addHelpText(
      'after',
      said(
        '\n需要交互式终端；在脚本里运行请用 `roleplay run`。',
        '\nNeeds an interactive terminal; to play from a script use `roleplay run`.',
      )[lang],
    )
    .action(env.withExit(action));
}

export async function action(ref: string | undefined, opts: { watch?: boolean }, cmd: Command): Promise<number> {
  const lang = langOf(cmd);
  const mode = modeOf(cmd);
  if (ref === undefined) {
    if (opts.watch)
      throw new UserError(
        said(
          '--watch 需要一个案例文件：roleplay play <文件.yaml> --watch',
          '--watch needs a scenario file: roleplay play <file.yaml> --watch',
        )[lang],
        2,
      );
    const given = allOpts<{ lang?: string }>(cmd);
    return (await import('./menu-run.js')).playMenu({ ...given, lang, langGiven: given.lang !== undefined, mode });
  }
  if (opts.watch) return (await import('./watch-support.js')).playWatch(ref, { lang, mode });
  return (await import('./play-run.js')).playCase(ref, { ...allOpts(cmd), lang, mode, shuffle: shuffleOf(cmd) });
}
