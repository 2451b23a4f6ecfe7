/**
 * Registers the session-record commands (sessions, review, report, export, verify, resume);
 * their code and the store (commands/records.ts) load only when one of them runs.
 */
import { Option, type Command } from 'commander';
import { DEFAULT_XAPI_BASE } from '../../store/formats/xapi-base.js';
import { allOpts, dbOption, langOption, traineeOption } from '../options.js';
import { langOf, setExit } from '../program.js';

const impl = () => import('../commands/records.js');

export function registerRecords(program: Command): void {
  const action = <A extends unknown[]>(fn: (...args: A) => Promise<number>) =>
    async (...args: A) => { setExit(await fn(...args)); };

  program
    .command('sessions')
    .description('list recorded sessions, newest first')
    .addOption(traineeOption('only this trainee\'s sessions'))
    .option('--scenario <id>', 'only sessions of this scenario')
    .option('--since <when>', 'only sessions started since: a date (2026-11-01) or a span (7d, 12h)')
    .option('--limit <n>', 'at most this many')
    .option('--json', 'print JSON')
    .addOption(dbOption())
    .addOption(langOption())
    .action(action(async (_opts: unknown, cmd: Command) => (await impl()).sessionsCommand(allOpts(cmd), langOf(cmd))));

  program
    .command('review')
    .description('replay a recorded session step by step (← →); the latest one when no id is given')
    .argument('[session-id]', 'a session id, or its first characters')
    .addOption(traineeOption('with no id: the latest session of this trainee'))
    .option('--json', 'print the timeline as JSON')
    .addOption(dbOption())
    .addOption(langOption())
    .action(action(async (ref: string | undefined, _opts: unknown, cmd: Command) => (await impl()).reviewCommand(ref, allOpts(cmd), langOf(cmd))));

  program
    .command('report')
    .description('how trainees are doing: per scenario and per trainee, with bar charts')
    .option('--scenario <id>', 'only this scenario')
    .addOption(traineeOption('only this trainee'))
    .option('--since <when>', 'only sessions started since: a date (2026-11-01) or a span (7d, 12h)')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV for a spreadsheet')
    .option('--html <file>', 'write one self-contained HTML page with charts')
    .addOption(dbOption())
    .addOption(langOption())
    .action(action(async (_opts: unknown, cmd: Command) => (await impl()).reportCommand(allOpts(cmd), langOf(cmd))));

  program
    .command('export')
    .description('every session and event as JSON lines, or as xAPI 1.0.3 statements')
    .addOption(new Option('--format <format>', 'jsonl or xapi').choices(['jsonl', 'xapi']).default('jsonl'))
    .option('--scenario <id>', 'only this scenario')
    .addOption(traineeOption('only this trainee'))
    .option('--since <when>', 'only sessions started since')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('--base <iri>', `base address of xAPI activity and account ids (default ${DEFAULT_XAPI_BASE})`)
    .addOption(dbOption())
    .addOption(langOption())
    .action(action(async (_opts: unknown, cmd: Command) => (await impl()).exportCommand(allOpts(cmd), langOf(cmd))));

  program
    .command('verify')
    .description("check every session's hash chain: exit 0 when intact, 1 naming the first session and event altered, deleted or reordered")
    .option('--json', 'print JSON')
    .addOption(dbOption())
    .addOption(langOption())
    .action(action(async (_opts: unknown, cmd: Command) => (await impl()).verifyCommand(allOpts(cmd), langOf(cmd))));

  program
    .command('resume')
    .description('continue an unfinished session where it stopped (your latest one when no id is given)')
    .argument('[session-id]', 'a session id, or its first characters')
    .option('--steps <file>', 'continue without a terminal UI: a YAML or JSON list of steps')
    .option('--choices <ids>', 'continue without a terminal UI: comma-separated choice ids')
    .addOption(traineeOption())
    .addOption(dbOption())
    .addOption(langOption())
    .action(action(async (ref: string | undefined, _opts: unknown, cmd: Command) => (await impl()).resumeCommand(ref, allOpts(cmd), langOf(cmd))));
}
