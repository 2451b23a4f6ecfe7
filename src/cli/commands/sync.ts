/** `roleplay sync`: upload what was recorded offline to the team server. Its work (sync-run.ts) loads when it runs. */
import type { Command } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';
import { allOpts, dbOption, jsonFlag, langOption } from '../options.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('sync')
    .description(
      said(
        '上传团队服务器连不上期间在这台电脑上记录的练习',
        'upload the sessions recorded on this computer while the team server was out of reach',
      )[lang],
    )
    .option(
      '--all',
      said('也上传团队有服务器之前在这里记录的练习', 'also upload sessions recorded here before the team had a server')[
        lang
      ],
    )
    .option('--json', jsonFlag[lang])
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .addHelpText(
      'after',
      said(
        '\n团队服务器由 --db 或 ROLEPLAY_DB 指定（postgres://user:password@host:5432/roleplay）。可以重复执行或中途打断：不会丢失，也不会重复保存。',
        '\nThe team server is --db or ROLEPLAY_DB (postgres://user:password@host:5432/roleplay). Safe to repeat or interrupt: nothing is lost or stored twice.',
      )[lang],
    )
    .action(env.withExit(action));
}

export async function action(_opts: unknown, cmd: Command): Promise<number> {
  return (await import('./sync-run.js')).syncCommand(allOpts(cmd), langOf(cmd));
}
