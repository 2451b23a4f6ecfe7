/**
 * `roleplay lint`: check scenario and lesson files. Its work (lint-run.ts) loads when it runs,
 * and only when lint's cache (lint-cache.ts) cannot answer: an unchanged file is answered
 * without loading the parser, the validator or the analyses.
 */
import { type Command, Option } from 'commander';
import { type CliEnv, langOf, said, UserError } from '../env.js';
import { jsonFlag, langOfCaseOption } from '../options.js';

interface LintFlags {
  strict?: boolean;
  format?: 'text' | 'json';
  json?: boolean;
  /** false under --no-cache */
  cache?: boolean;
}

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('lint')
    .description(
      said(
        '检查案例文件和要点目录（lessons.yaml）；输出 path:line:column: error|warning: message',
        'check scenario and lesson files; prints path:line:column: error|warning: message',
      )[lang],
    )
    .argument(
      '[paths...]',
      said('文件或文件夹（在文件夹里查找 .yaml 文件）', 'files or folders (folders are searched for .yaml files)')[
        lang
      ],
      [],
    )
    .option('--strict', said('警告也算不通过', 'treat warnings as failures')[lang])
    .addOption(
      new Option('--format <format>', said('输出格式', 'output format')[lang])
        .choices(['text', 'json'])
        .default('text'),
    )
    .option('--json', `${jsonFlag[lang]}${said('（即 --format json）', ' (the same as --format json)')[lang]}`)
    .option(
      '--no-cache',
      said(
        '不读也不写 lint 的结果缓存（ROLEPLAY_CACHE_DIR，否则 $XDG_CACHE_HOME/roleplay，否则 node_modules/.cache/roleplay 或 ~/.cache/roleplay）',
        "neither read nor write lint's cache of results (ROLEPLAY_CACHE_DIR, else $XDG_CACHE_HOME/roleplay, else node_modules/.cache/roleplay or ~/.cache/roleplay)",
      )[lang],
    )
    .addOption(langOfCaseOption(lang))
    .action(env.withExit(action));
}

export async function action(paths: string[], opts: LintFlags, cmd: Command): Promise<number> {
  const lang = langOf(cmd);
  if (opts.json && cmd.getOptionValueSource('format') === 'cli' && opts.format !== 'json')
    throw new UserError(
      said(
        '--json 就是 --format json，不能再加 --format text',
        '--json is --format json; it cannot go with --format text',
      )[lang],
      2,
    );
  const format = opts.json ? 'json' : opts.format;
  const options = { strict: opts.strict === true, format, lang, cache: opts.cache !== false };
  const cached = (await import('../lint-cache.js')).lintFromCache(paths, options);
  return cached ?? (await import('./lint-run.js')).lintCommand(paths, options);
}
