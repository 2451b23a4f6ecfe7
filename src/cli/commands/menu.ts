/**
 * The bare `roleplay`: the menu of cases. It registers on the program itself (its options
 * --mode, --db and --trainee are the program's); the menu (menu-run.ts) loads when it runs.
 */
import type { Command } from 'commander';
import type { Lang } from '../../core/index.js';
import { nearest } from '../../core/format/suggest.js';
import { type CliEnv, langOf, said, UserError } from '../env.js';
import { allOpts, dbOption, modeOf, modeOption, noShuffleOption, shuffleOf, traineeOption } from '../options.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .addOption(modeOption(lang))
    .addOption(dbOption(lang))
    .addOption(traineeOption(lang))
    .addOption(noShuffleOption(lang))
    // Words after `roleplay` that name no command reach this action (the menu takes none):
    // say so, rather than commander's "too many arguments".
    .allowExcessArguments(true)
    .action(env.withExit(action));
}

export async function action(_opts: unknown, cmd: Command): Promise<number> {
  const lang = langOf(cmd);
  const [word] = cmd.args;
  if (word !== undefined) throw unknownCommand(word, cmd, lang);
  const opts = allOpts<{ lang?: string }>(cmd);
  return (await import('./menu-run.js')).playMenu({
    ...opts,
    lang,
    langGiven: opts.lang !== undefined,
    mode: modeOf(cmd),
    shuffle: shuffleOf(cmd),
  });
}

function unknownCommand(word: string, program: Command, lang: Lang): UserError {
  const hit = nearest(
    word,
    program.commands.map((c) => c.name()),
  );
  return new UserError(
    said(
      `没有 '${word}' 这个命令${hit ? `；是不是 '${hit}'？` : ''}（roleplay --help 会列出所有命令）`,
      `unknown command '${word}'${hit ? `; did you mean '${hit}'?` : ''} (roleplay --help lists them)`,
    )[lang],
    2,
  );
}
