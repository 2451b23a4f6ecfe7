/**
 * The command line: one commander program, each command a thin call into its module.
 * Commands register themselves here so `--help` lists everything in one place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import type { Lang } from '../core/index.js';
import { resolveLang, say } from './env.js';
import { helpInLang } from './help-lang.js';
import { PACKAGE_ROOT } from './scenario-paths.js';
import { registerAuthoring } from './register/authoring.js';
import { registerPlay } from './register/play.js';
import { dbOption, traineeOption } from './options.js';
import { registerRecords } from './register/records.js';
import { registerTeam } from './register/team.js';

export const VERSION: string = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

const langOption = (lang: Lang) =>
  new Option('--lang <lang>', say(lang, 'language of the interface and scenario text', '界面和案例文字的语言')).choices(
    ['zh', 'en'],
  );

/** Every command gets --lang too, so it can be given before or after the command name. */
export function langOf(cmd: Command): ReturnType<typeof resolveLang> {
  return resolveLang((cmd.optsWithGlobals() as { lang?: string }).lang);
}

export type CommandResult = number | Promise<number>;
/** set by each action; main.ts exits with it */
export let exitCode = 0;
export const setExit = (code: number) => {
  exitCode = code;
};

/** `lang` is the help's language: main.ts reads it from the raw argv before commander parses. */
export function buildProgram(lang: Lang = resolveLang()): Command {
  const t = (en: string, zh: string) => say(lang, en, zh);
  const program = new Command('roleplay')
    .description(
      t(
        "Practise difficult customer encounters in the terminal, scored against your company's lessons.\nWith no command: the menu of bundled cases.",
        '在终端里练习棘手的客户场面，按公司总结的要点评分。\n不带命令：打开内置案例的菜单。',
      ),
    )
    .version(VERSION, '-V, --version', t('print the version', '显示版本号'))
    .addOption(langOption(lang))
    .showSuggestionAfterError(true);
  helpInLang(program, lang);

  program
    .command('run')
    .description(
      t(
        'play a scenario without a terminal UI and print the result as JSON',
        '不用终端界面走一遍案例，结果以 JSON 输出',
      ),
    )
    .argument('<scenario>', t('scenario id or path to a .yaml file', '案例 id 或 .yaml 文件路径'))
    .option(
      '--steps <file>',
      t(
        'a YAML or JSON list of steps: choice ids, { say: text }, { wait: true }',
        '步骤列表（YAML 或 JSON）：选项 id、{ say: 文字 }、{ wait: true }',
      ),
    )
    .option(
      '--choices <ids>',
      t('comma-separated choice ids (shorthand for --steps)', '逗号分隔的选项 id（--steps 的简写）'),
    )
    .option(
      '--record',
      t('record the run as a session (see --db, --trainee)', '把这次运行记录为一次练习（见 --db、--trainee）'),
    )
    .addOption(dbOption(lang))
    .addOption(traineeOption(lang))
    .addOption(langOption(lang))
    .addHelpText(
      'after',
      t(
        '\nExit status: 0 the run reached an ending; 2 a step is not valid there, or the steps ran out; 1 the scenario is invalid.',
        '\n退出码：0 走到了结局；2 某一步在那里不可用，或步骤用完了；1 案例文件有误。',
      ),
    )
    .action(
      async (
        ref: string,
        opts: { steps?: string; choices?: string; record?: boolean; db?: string; trainee?: string },
        cmd: Command,
      ) =>
        setExit(
          opts.record
            ? await (await import('./commands/records.js')).runRecorded(ref, cmd.optsWithGlobals(), langOf(cmd))
            : (await import('./commands/run.js')).runCommand(ref, { ...opts, lang: langOf(cmd) }),
        ),
    );

  program
    .command('lint')
    .description(
      t(
        'check scenario and lesson files; prints path:line:column: error|warning: message',
        '检查案例文件和要点目录（lessons.yaml）；输出 path:line:column: error|warning: message',
      ),
    )
    .argument(
      '[paths...]',
      t('files or folders (folders are searched for .yaml files)', '文件或文件夹（在文件夹里查找 .yaml 文件）'),
      [],
    )
    .option('--strict', t('treat warnings as failures', '警告也算不通过'))
    .addOption(
      new Option('--format <format>', t('output format', '输出格式')).choices(['text', 'json']).default('text'),
    )
    .option(
      '--no-cache',
      t(
        "neither read nor write lint's cache of results (ROLEPLAY_CACHE_DIR, else $XDG_CACHE_HOME/roleplay, else node_modules/.cache/roleplay or ~/.cache/roleplay)",
        '不读也不写 lint 的结果缓存（ROLEPLAY_CACHE_DIR，否则 $XDG_CACHE_HOME/roleplay，否则 node_modules/.cache/roleplay 或 ~/.cache/roleplay）',
      ),
    )
    .addOption(langOption(lang))
    .action(
      async (paths: string[], opts: { strict?: boolean; format?: 'text' | 'json'; cache?: boolean }, cmd: Command) => {
        const options = { ...opts, lang: langOf(cmd) };
        // an unchanged file is answered from the cache without loading the checker (lint-cache.ts)
        const cached = (await import('./lint-cache.js')).lintFromCache(paths, options);
        setExit(cached ?? (await import('./commands/lint.js')).lintCommand(paths, options));
      },
    );

  program
    .command('test')
    .description(
      t(
        "run the scenarios' tests: one line per test, then 'N passed, M failed'",
        '运行案例里的测试：每个测试一行，最后是通过和失败的个数',
      ),
    )
    .argument('[paths...]', t('files or folders', '文件或文件夹'), [])
    .option(
      '--coverage',
      t('also list the nodes, choices and endings no test visits', '同时列出没有测试走到的节点、选项和结局'),
    )
    .addOption(langOption(lang))
    .action(async (paths: string[], opts: { coverage?: boolean }, cmd: Command) =>
      setExit(
        (await import('./commands/test.js')).testCommand(paths, {
          lang: langOf(cmd),
          coverage: opts.coverage === true,
        }),
      ),
    );

  program
    .command('list')
    .description(
      t('list the available scenarios (id, difficulty, title, tags)', '列出可用的案例（id、难度、标题、标签）'),
    )
    .option('--json', t('print JSON', '输出 JSON'))
    .addOption(langOption(lang))
    .action(async (opts: { json?: boolean }, cmd: Command) =>
      setExit((await import('./commands/list.js')).listCommand({ ...opts, lang: langOf(cmd) })),
    );

  registerAuthoring(program, lang);
  registerPlay(program, lang);
  registerRecords(program, lang);
  registerTeam(program, lang);
  return program;
}
