/** `roleplay list`: the scenarios on offer. Its work (list-run.ts) loads when it runs. */
import type { Command } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';
import { jsonFlag, langOfCaseOption } from '../options.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('list')
    .description(
      said('列出可用的案例（id、难度、标题、标签）', 'list the available scenarios (id, difficulty, title, tags)')[
        lang
      ],
    )
    .option('--json', jsonFlag[lang])
    .addOption(langOfCaseOption(lang))
    .action(env.withExit(action));
}

export async function action(opts: { json?: boolean }, cmd: Command): Promise<number> {
  return (await import('./list-run.js')).listCommand({ ...opts, lang: langOf(cmd) });
}
