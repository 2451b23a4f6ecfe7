/**
 * Registers the team-server commands (import, sync, export --lrs); their code and the store
 * (commands/team.ts) load only when one of them runs.
 */
import type { Command } from 'commander';
import { type CliEnv, langOf, say, UserError } from '../env.js';
import { allOpts, dbOption, langOption } from '../options.js';
import type { LrsExportOptions } from '../commands/team.js';

const impl = () => import('../commands/team.js');

/** Call after registerRecords: it adds --lrs/--auth to the `export` command registered there. */
export function registerTeam(program: Command, env: CliEnv): void {
  const { lang } = env;
  const t = (en: string, zh: string) => say(lang, en, zh);
  program
    .command('import')
    .description(
      t(
        'merge sessions exported on another machine (roleplay export --format jsonl) into this database; safe to repeat',
        '把在另一台电脑上导出的练习（roleplay export --format jsonl）合并进本数据库；可重复执行',
      ),
    )
    .argument(
      '<file>',
      t('a file written by `roleplay export --format jsonl`', '由 `roleplay export --format jsonl` 写出的文件'),
    )
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .addHelpText(
      'after',
      t(
        '\nThe whole file is checked first (every hash chain); a damaged, edited or cut-short file is refused naming its first bad line, and nothing is imported.',
        '\n先检查整个文件（每条哈希链）；文件损坏、被改动或不完整时拒绝导入并指出第一处错误的行，什么都不会导入。',
      ),
    )
    .action(
      env.withExit(async (file: string, _opts: unknown, cmd: Command) =>
        (await impl()).importCommand(file, allOpts(cmd), langOf(cmd)),
      ),
    );

  program
    .command('sync')
    .description(
      t(
        'upload the sessions recorded on this computer while the team server was out of reach',
        '上传团队服务器连不上期间在这台电脑上记录的练习',
      ),
    )
    .option(
      '--all',
      t('also upload sessions recorded here before the team had a server', '也上传团队有服务器之前在这里记录的练习'),
    )
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .addHelpText(
      'after',
      t(
        '\nThe team server is --db or ROLEPLAY_DB (postgres://user:password@host:5432/roleplay). Safe to repeat or interrupt: nothing is lost or stored twice.',
        '\n团队服务器由 --db 或 ROLEPLAY_DB 指定（postgres://user:password@host:5432/roleplay）。可以重复执行或中途打断：不会丢失，也不会重复保存。',
      ),
    )
    .action(
      env.withExit(async (_opts: unknown, cmd: Command) => (await impl()).syncCommand(allOpts(cmd), langOf(cmd))),
    );

  const exportCmd = program.commands.find((c) => c.name() === 'export');
  if (!exportCmd) return;
  exportCmd
    .option(
      '--lrs <url>',
      t(
        'send the xAPI statements to this learning record store endpoint (e.g. https://lrs.example.com/xAPI)',
        '把 xAPI 语句发送到这个学习记录库（LRS）地址（例如 https://lrs.example.com/xAPI）',
      ),
    )
    .option(
      '--auth <user:pass>',
      t(
        'the LRS key and secret for --lrs (default: ROLEPLAY_LRS_AUTH)',
        '--lrs 所用 LRS 的 key 和 secret（默认：ROLEPLAY_LRS_AUTH）',
      ),
    )
    .option('--batch <n>', t('statements per request to the LRS (default 50)', '每次请求发给 LRS 的语句数（默认 50）'))
    .action(
      env.withExit(async (_opts: unknown, cmd: Command) => {
        const opts = allOpts<LrsExportOptions>(cmd);
        const lang = langOf(cmd);
        if (opts.lrs === undefined) {
          if (opts.auth !== undefined || opts.batch !== undefined)
            throw new UserError(
              say(lang, '--auth and --batch go with --lrs URL', '--auth 和 --batch 要与 --lrs 地址一起使用'),
              2,
            );
          return (await import('../commands/records.js')).exportCommand(opts, lang);
        }
        return (await impl()).exportToLrs(
          { ...opts, lrs: opts.lrs },
          cmd.getOptionValueSource('format') === 'cli',
          lang,
        );
      }),
    );
}
