/**
 * Registers the bare `roleplay` (the menu) and `roleplay play`. The menu's code (commands/
 * play.ts) is light; everything else loads when it is needed.
 */
import { Option, type Command } from 'commander';
import { dbOption, modeOf, modeOption, traineeOption } from '../options.js';
import { langOf, setExit } from '../program.js';
import { say, UserError } from '../env.js';
import { nearest } from '../../core/suggest.js';
import type { Lang } from '../../core/index.js';

/** `--no-shuffle`: the replies in file order, for trainers previewing a case. */
const noShuffleOption = (lang: Lang) =>
  new Option(
    '--no-shuffle',
    say(
      lang,
      'show the replies in file order (for trainers previewing); by default each play shuffles them',
      '按文件里的顺序显示回复（供培训师预览）；默认每次练习都打乱顺序',
    ),
  );

export function registerPlay(program: Command, lang: Lang): void {
  const t = (en: string, zh: string) => say(lang, en, zh);
  program
    .addOption(modeOption(lang))
    .addOption(dbOption(lang))
    .addOption(traineeOption(lang))
    .addOption(noShuffleOption(lang))
    // Words after `roleplay` that name no command reach this action (the menu takes none):
    // say so, rather than commander's "too many arguments".
    .allowExcessArguments(true)
    .action(async (_opts: unknown, cmd: Command) => {
      const [word] = cmd.args;
      if (word !== undefined) {
        const hit = nearest(
          word,
          cmd.commands.map((c) => c.name()),
        );
        throw new UserError(
          say(
            langOf(cmd),
            `unknown command '${word}'${hit ? `; did you mean '${hit}'?` : ''} (roleplay --help lists them)`,
            `没有 '${word}' 这个命令${hit ? `；是不是 '${hit}'？` : ''}（roleplay --help 会列出所有命令）`,
          ),
          2,
        );
      }
      setExit(await (await import('../commands/play.js')).playMenu(cmd));
    });

  program
    .command('play')
    .description(
      t(
        'play a scenario in the terminal (the menu opens when no scenario is given)',
        '在终端里练习一个案例（不指定案例时打开菜单）',
      ),
    )
    .argument('<scenario>', t('scenario id or path to a .yaml file', '案例 id 或 .yaml 文件路径'))
    .addOption(modeOption(lang))
    .addOption(dbOption(lang))
    .addOption(traineeOption(lang))
    .addOption(noShuffleOption(lang))
    .addOption(
      new Option('--lang <lang>', t('language of the interface and scenario text', '界面和案例文字的语言')).choices([
        'zh',
        'en',
      ]),
    )
    .option(
      '--watch',
      t(
        'live preview for authors: reload the case in place whenever its file is saved',
        '给作者的实时预览：每次保存案例文件就原地重新载入',
      ),
    )
    .addHelpText(
      'after',
      t(
        '\nNeeds an interactive terminal; to play from a script use `roleplay run`.',
        '\n需要交互式终端；在脚本里运行请用 `roleplay run`。',
      ),
    )
    .action(async (ref: string, opts: { watch?: boolean }, cmd: Command) =>
      setExit(
        opts.watch
          ? await (await import('../commands/watch-support.js')).playWatch(ref, {
              lang: langOf(cmd),
              mode: modeOf(cmd),
            })
          : await (await import('../commands/play.js')).playCase(ref, cmd),
      ),
    );
}
