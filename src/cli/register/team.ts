/**
 * Registers the team-server commands (import, sync, export --lrs); their code and the store
 * (commands/team.ts) load only when one of them runs.
 */
import type { Command } from 'commander';
import { say, UserError } from '../env.js';
import { allOpts, dbOption, langOption } from '../options.js';
import { langOf, setExit } from '../program.js';
import type { LrsExportOptions } from '../commands/team.js';

const impl = () => import('../commands/team.js');

/** Call after registerRecords: it adds --lrs/--auth to the `export` command registered there. */
export function registerTeam(program: Command): void {
  program
    .command('import')
    .description('merge sessions exported on another machine (roleplay export --format jsonl) into this database; safe to repeat')
    .argument('<file>', 'a file written by `roleplay export --format jsonl`')
    .addOption(dbOption())
    .addOption(langOption())
    .addHelpText('after', '\nThe whole file is checked first (every hash chain); a damaged, edited or cut-short file is refused naming its first bad line, and nothing is imported.')
    .action(async (file: string, _opts: unknown, cmd: Command) => { setExit(await (await impl()).importCommand(file, allOpts(cmd), langOf(cmd))); });

  program
    .command('sync')
    .description('upload the sessions recorded on this computer while the team server was out of reach')
    .option('--all', 'also upload sessions recorded here before the team had a server')
    .addOption(dbOption())
    .addOption(langOption())
    .addHelpText('after', '\nThe team server is --db or ROLEPLAY_DB (postgres://user:password@host:5432/roleplay). Safe to repeat or interrupt: nothing is lost or stored twice.')
    .action(async (_opts: unknown, cmd: Command) => { setExit(await (await impl()).syncCommand(allOpts(cmd), langOf(cmd))); });

  const exportCmd = program.commands.find((c) => c.name() === 'export');
  if (!exportCmd) return;
  exportCmd
    .option('--lrs <url>', 'send the xAPI statements to this learning record store endpoint (e.g. https://lrs.example.com/xAPI)')
    .option('--auth <user:pass>', 'the LRS key and secret for --lrs (default: ROLEPLAY_LRS_AUTH)')
    .option('--batch <n>', 'statements per request to the LRS (default 50)')
    .action(async (_opts: unknown, cmd: Command) => {
      const opts = allOpts<LrsExportOptions>(cmd);
      const lang = langOf(cmd);
      if (opts.lrs === undefined) {
        if (opts.auth !== undefined || opts.batch !== undefined) throw new UserError(say(lang, '--auth and --batch go with --lrs URL', '--auth 和 --batch 要与 --lrs 地址一起使用'), 2);
        setExit(await (await import('../commands/records.js')).exportCommand(opts, lang));
        return;
      }
      setExit(await (await impl()).exportToLrs({ ...opts, lrs: opts.lrs }, cmd.getOptionValueSource('format') === 'cli', lang));
    });
}
