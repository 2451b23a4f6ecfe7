/**
 * The command line: one commander program, each command a thin call into its module.
 * Commands register themselves here so `--help` lists everything in one place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { resolveLang } from './env.js';
import { PACKAGE_ROOT } from './scenario-paths.js';
import { registerAuthoring } from './register/authoring.js';
import { registerPlay } from './register/play.js';
import { dbOption, traineeOption } from './options.js';
import { registerRecords } from './register/records.js';
import { registerTeam } from './register/team.js';

export const VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const langOption = () => new Option('--lang <lang>', 'language of the interface and scenario text').choices(['zh', 'en']);

/** Every command gets --lang too, so it can be given before or after the command name. */
export function langOf(cmd: Command): ReturnType<typeof resolveLang> {
  return resolveLang((cmd.optsWithGlobals() as { lang?: string }).lang);
}

export type CommandResult = number | Promise<number>;
/** set by each action; main.ts exits with it */
export let exitCode = 0;
export const setExit = (code: number) => { exitCode = code; };

export function buildProgram(): Command {
  const program = new Command('roleplay')
    .description('Practise difficult customer encounters in the terminal, scored against your company\'s lessons.\nWith no command: the menu of bundled cases.')
    .version(VERSION, '-V, --version', 'print the version')
    .addOption(langOption())
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false });

  program
    .command('run')
    .description('play a scenario without a terminal UI and print the result as JSON')
    .argument('<scenario>', 'scenario id or path to a .yaml file')
    .option('--steps <file>', 'a YAML or JSON list of steps: choice ids, { say: text }, { wait: true }')
    .option('--choices <ids>', 'comma-separated choice ids (shorthand for --steps)')
    .option('--record', 'record the run as a session (see --db, --trainee)')
    .addOption(dbOption())
    .addOption(traineeOption())
    .addOption(langOption())
    .addHelpText('after', '\nExit status: 0 the run reached an ending; 2 a step is not valid there, or the steps ran out; 1 the scenario is invalid.')
    .action(async (ref: string, opts: { steps?: string; choices?: string; record?: boolean; db?: string; trainee?: string }, cmd: Command) =>
      setExit(opts.record ? await (await import('./commands/records.js')).runRecorded(ref, cmd.optsWithGlobals(), langOf(cmd)) : (await import('./commands/run.js')).runCommand(ref, { ...opts, lang: langOf(cmd) })));

  program
    .command('lint')
    .description('check scenario and lesson files; prints path:line:column: error|warning: message')
    .argument('[paths...]', 'files or folders (folders are searched for .yaml files)', [])
    .option('--strict', 'treat warnings as failures')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(langOption())
    .action(async (paths: string[], opts: { strict?: boolean; format?: 'text' | 'json' }, cmd: Command) => setExit((await import('./commands/lint.js')).lintCommand(paths, { ...opts, lang: langOf(cmd) })));

  program
    .command('test')
    .description("run the scenarios' tests: one line per test, then 'N passed, M failed'")
    .argument('[paths...]', 'files or folders', [])
    .option('--coverage', 'also list the nodes, choices and endings no test visits')
    .addOption(langOption())
    .action(async (paths: string[], opts: { coverage?: boolean }, cmd: Command) => setExit((await import('./commands/test.js')).testCommand(paths, { lang: langOf(cmd), coverage: opts.coverage === true })));

  program
    .command('list')
    .description('list the available scenarios (id, difficulty, title, tags)')
    .option('--json', 'print JSON')
    .addOption(langOption())
    .action(async (opts: { json?: boolean }, cmd: Command) => setExit((await import('./commands/list.js')).listCommand({ ...opts, lang: langOf(cmd) })));

  registerAuthoring(program);
  registerPlay(program);
  registerRecords(program);
  registerTeam(program);
  return program;
}
