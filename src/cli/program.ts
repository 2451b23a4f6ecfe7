/**
 * The command line: one commander program built from the list of command modules. Each module
 * in commands/ registers its command (names, options, help) with `register(program, env)` and
 * loads the code that does the work only when the command runs; the order here is the order
 * `--help` lists them in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import * as audit from './commands/audit.js';
import * as exportCommand from './commands/export.js';
import * as graph from './commands/graph.js';
import * as importCommand from './commands/import.js';
import * as lint from './commands/lint.js';
import * as list from './commands/list.js';
import * as menu from './commands/menu.js';
import * as newCommand from './commands/new.js';
import * as paths from './commands/paths.js';
import * as play from './commands/play.js';
import * as report from './commands/report.js';
import * as resume from './commands/resume.js';
import * as review from './commands/review.js';
import * as run from './commands/run.js';
import * as schema from './commands/schema.js';
import * as sessions from './commands/sessions.js';
import * as sync from './commands/sync.js';
import * as test from './commands/test.js';
import * as verify from './commands/verify.js';
import { type CliEnv, type CommandModule, said } from './env.js';
import { helpInLang } from './help-lang.js';
import { langOfCaseOption } from './options.js';
import { PACKAGE_ROOT } from './scenario-paths.js';

export const VERSION: string = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** Every command module, in the order of `--help`. `menu` is the bare `roleplay`: it adds no command. */
export const COMMANDS: readonly CommandModule[] = [
  run,
  lint,
  test,
  list,
  newCommand,
  schema,
  graph,
  paths,
  audit,
  menu,
  play,
  sessions,
  review,
  report,
  exportCommand,
  verify,
  resume,
  importCommand,
  sync,
];

export function buildProgram(env: CliEnv): Command {
  const { lang } = env;
  const program = new Command('roleplay')
    .description(
      said(
        '在终端里练习棘手的客户场面，按公司总结的要点评分。\n不带命令：打开内置案例的菜单。',
        "Practise difficult customer encounters in the terminal, scored against your company's lessons.\nWith no command: the menu of bundled cases.",
      )[lang],
    )
    .version(VERSION, '-V, --version', said('显示版本号', 'print the version')[lang])
    .addOption(langOfCaseOption(lang))
    .showSuggestionAfterError(true);
  // before the commands: they inherit the help settings and the help option from the program
  helpInLang(program, lang);
  for (const command of COMMANDS) command.register(program, env);
  return program;
}
