/**
 * Registers the session-record commands (sessions, review, report, export, verify, resume);
 * their code and the store (commands/records.ts) load only when one of them runs.
 */
import { Option, type Command } from 'commander';
import { DEFAULT_XAPI_BASE } from '../../report/xapi-base.js';
import type { Lang } from '../../core/index.js';
import { say } from '../env.js';
import { allOpts, dbOption, langOption, sinceOption, traineeOption } from '../options.js';
import { langOf, setExit } from '../program.js';

const impl = () => import('../commands/records.js');

export function registerRecords(program: Command, lang: Lang): void {
  const t = (en: string, zh: string) => say(lang, en, zh);
  const action =
    <A extends unknown[]>(fn: (...args: A) => Promise<number>) =>
    async (...args: A) => {
      setExit(await fn(...args));
    };

  program
    .command('sessions')
    .description(t('list recorded sessions, newest first', '列出已记录的练习，最新的在前'))
    .addOption(traineeOption(lang, t("only this trainee's sessions", '只看这位学员的练习')))
    .option('--scenario <id>', t('only sessions of this scenario', '只看这个案例的练习'))
    .addOption(sinceOption(lang))
    .option('--limit <n>', t('at most this many', '最多列出这么多条'))
    .option('--json', t('print JSON', '输出 JSON'))
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .action(action(async (_opts: unknown, cmd: Command) => (await impl()).sessionsCommand(allOpts(cmd), langOf(cmd))));

  program
    .command('review')
    .description(
      t(
        'replay a recorded session step by step (← →); the latest one when no id is given',
        '逐步回放一次已记录的练习（← →）；不给 id 时回放最近一次',
      ),
    )
    .argument('[session-id]', t('a session id, or its first characters', '练习 id，或它的前几个字符'))
    .addOption(
      traineeOption(lang, t('with no id: the latest session of this trainee', '不给 id 时：这位学员最近的一次练习')),
    )
    .option('--json', t('print the timeline as JSON', '以 JSON 输出时间线'))
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .action(
      action(async (ref: string | undefined, _opts: unknown, cmd: Command) =>
        (await impl()).reviewCommand(ref, allOpts(cmd), langOf(cmd)),
      ),
    );

  program
    .command('report')
    .description(
      t(
        'how trainees are doing: per scenario and per trainee, with bar charts',
        '学员的表现：按案例和按学员统计，附条形图',
      ),
    )
    .option('--scenario <id>', t('only this scenario', '只看这个案例'))
    .addOption(traineeOption(lang, t('only this trainee', '只看这位学员')))
    .addOption(sinceOption(lang))
    .option('--json', t('print JSON', '输出 JSON'))
    .option('--csv', t('print CSV for a spreadsheet', '输出 CSV，供电子表格使用'))
    .option('--html <file>', t('write one self-contained HTML page with charts', '写出一个带图表的独立 HTML 页面'))
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .action(action(async (_opts: unknown, cmd: Command) => (await impl()).reportCommand(allOpts(cmd), langOf(cmd))));

  program
    .command('export')
    .description(
      t(
        'every session and event as JSON lines, or as xAPI 1.0.3 statements',
        '导出所有练习和事件：JSON lines，或 xAPI 1.0.3 语句',
      ),
    )
    .addOption(
      new Option('--format <format>', t('jsonl or xapi', 'jsonl 或 xapi')).choices(['jsonl', 'xapi']).default('jsonl'),
    )
    .option('--scenario <id>', t('only this scenario', '只看这个案例'))
    .addOption(traineeOption(lang, t('only this trainee', '只看这位学员')))
    .addOption(sinceOption(lang, t('only sessions started since', '只导出从某时起开始的练习')))
    .option('-o, --output <file>', t('write to a file instead of standard output', '写到文件，而不是标准输出'))
    .option(
      '--base <iri>',
      t(
        `base address of xAPI activity and account ids (default ${DEFAULT_XAPI_BASE})`,
        `xAPI 活动和账户 id 的基础地址（默认：${DEFAULT_XAPI_BASE}）`,
      ),
    )
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .action(action(async (_opts: unknown, cmd: Command) => (await impl()).exportCommand(allOpts(cmd), langOf(cmd))));

  program
    .command('verify')
    .description(
      t(
        "check every session's hash chain: exit 0 when intact, 1 naming the first session and event altered, deleted or reordered",
        '检查每次练习的哈希链：完好时退出码 0；否则退出码 1，并指出第一个被改动、删除或调换顺序的练习和事件',
      ),
    )
    .option('--json', t('print JSON', '输出 JSON'))
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .action(action(async (_opts: unknown, cmd: Command) => (await impl()).verifyCommand(allOpts(cmd), langOf(cmd))));

  program
    .command('resume')
    .description(
      t(
        'continue an unfinished session where it stopped (your latest one when no id is given)',
        '从中断处继续一次未完成的练习（不给 id 时继续你最近的一次）',
      ),
    )
    .argument('[session-id]', t('a session id, or its first characters', '练习 id，或它的前几个字符'))
    .option(
      '--steps <file>',
      t('continue without a terminal UI: a YAML or JSON list of steps', '不用终端界面继续：步骤列表（YAML 或 JSON）'),
    )
    .option(
      '--choices <ids>',
      t('continue without a terminal UI: comma-separated choice ids', '不用终端界面继续：逗号分隔的选项 id'),
    )
    .addOption(traineeOption(lang))
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .action(
      action(async (ref: string | undefined, _opts: unknown, cmd: Command) =>
        (await impl()).resumeCommand(ref, allOpts(cmd), langOf(cmd)),
      ),
    );
}
