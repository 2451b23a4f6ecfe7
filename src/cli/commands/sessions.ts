/** `roleplay sessions`: the recorded sessions, newest first. Its work (sessions-run.ts) and the store load when it runs. */
import type { Command } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';
import { allOpts, dbOption, jsonFlag, langOption, sinceOption, traineeOption } from '../options.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('sessions')
    .description(said('列出已记录的练习，最新的在前', 'list recorded sessions, newest first')[lang])
    .addOption(traineeOption(lang, said('只看这位学员的练习', "only this trainee's sessions")[lang]))
    .option('--scenario <id>', said('只看这个案例的练习', 'only sessions of this scenario')[lang])
    .addOption(sinceOption(lang))
    .option('--limit <n>', said('最多列出这么多条', 'at most this many')[lang])
    .option('--json', jsonFlag[lang])
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .action(env.withExit(action));
}

export async function action(_opts: unknown, cmd: Command): Promise<number> {
  return (await import('./sessions-run.js')).sessionsCommand(allOpts(cmd), langOf(cmd));
}
