/**
 * `roleplay export`: every session and event as JSON lines or xAPI statements, to a file or
 * standard output (export-run.ts), or sent to a learning record store with --lrs
 * (export-lrs-run.ts); either loads, with the store, when it runs.
 */
import { type Command, Option } from 'commander';
import { DEFAULT_XAPI_BASE } from '../../report/xapi-base.js';
import { type CliEnv, langOf, said, UserError } from '../env.js';
import { allOpts, dbOption, langOption, sinceOption, traineeOption } from '../options.js';
import type { LrsExportOptions } from './export-lrs-run.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  const command = program
    .command('export')
    .description(
      said(
        '导出所有练习和事件：JSON lines，或 xAPI 1.0.3 语句',
        'every session and event as JSON lines, or as xAPI 1.0.3 statements',
      )[lang],
    )
    .addOption(
      new Option('--format <format>', said('jsonl 或 xapi', 'jsonl or xapi')[lang])
        .choices(['jsonl', 'xapi'])
        .default('jsonl'),
    )
    .option('--scenario <id>', said('只看这个案例', 'only this scenario')[lang])
    .addOption(traineeOption(lang, said('只看这位学员', 'only this trainee')[lang]))
    .addOption(sinceOption(lang, said('只导出从某时起开始的练习', 'only sessions started since')[lang]))
    .option('-o, --output <file>', said('写到文件，而不是标准输出', 'write to a file instead of standard output')[lang])
    .option(
      '--base <iri>',
      said(
        `xAPI 活动和账户 id 的基础地址（默认：${DEFAULT_XAPI_BASE}）`,
        `base address of xAPI activity and account ids (default ${DEFAULT_XAPI_BASE})`,
      )[lang],
    )
    .addOption(dbOption(lang))
    .addOption(langOption(lang));
  addLrsOptions(command, env);
  command.action(env.withExit(action));
}

/** Sending to a learning record store instead of writing: --lrs, --auth, --batch. */
function addLrsOptions(command: Command, { lang }: CliEnv): void {
  command
    .option(
      '--lrs <url>',
      said(
        '把 xAPI 语句发送到这个学习记录库（LRS）地址（例如 https://lrs.example.com/xAPI）',
        'send the xAPI statements to this learning record store endpoint (e.g. https://lrs.example.com/xAPI)',
      )[lang],
    )
    .option(
      '--auth <user:pass>',
      said(
        '--lrs 所用 LRS 的 key 和 secret（默认：ROLEPLAY_LRS_AUTH）',
        'the LRS key and secret for --lrs (default: ROLEPLAY_LRS_AUTH)',
      )[lang],
    )
    .option(
      '--batch <n>',
      said('每次请求发给 LRS 的语句数（默认 50）', 'statements per request to the LRS (default 50)')[lang],
    );
}

export async function action(_opts: unknown, cmd: Command): Promise<number> {
  const opts = allOpts<LrsExportOptions>(cmd);
  const lang = langOf(cmd);
  if (opts.lrs === undefined) {
    if (opts.auth !== undefined || opts.batch !== undefined)
      throw new UserError(
        said('--auth 和 --batch 要与 --lrs 地址一起使用', '--auth and --batch go with --lrs URL')[lang],
        2,
      );
    return (await import('./export-run.js')).exportCommand(opts, lang);
  }
  const formatGiven = cmd.getOptionValueSource('format') === 'cli';
  return (await import('./export-lrs-run.js')).exportToLrs({ ...opts, lrs: opts.lrs }, formatGiven, lang);
}
