/** `roleplay audit`: can a naive strategy pass a case? Its work (audit-run.ts) loads when it runs. */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';
import { langOfCaseOption } from '../options.js';

interface AuditFlags {
  json?: boolean;
  runs: number;
  seed: number;
}

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  const count = (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 100_000)
      throw new InvalidArgumentError(
        said('应为 0 到 100000 之间的整数', 'expected a whole number from 0 to 100000')[lang],
      );
    return n;
  };
  program
    .command('audit')
    .description(
      said(
        '用简单策略（最长、最短、最客气、第一个、最后一个回复、随机）把每个案例走一遍，并指出不懂要点也能通过的地方',
        'play each case with naive strategies (longest, shortest, most courteous, first, last reply, random) and flag what lets a trainee pass without the lessons',
      )[lang],
    )
    .argument('[paths...]', said('文件或文件夹（默认：./scenarios）', 'files or folders (default: ./scenarios)')[lang])
    .option('--json', said('输出 JSON', 'print JSON')[lang])
    .addOption(
      new Option('--runs <n>', said('每种语言随机走几次', 'random plays per language')[lang])
        .argParser(count)
        .default(200),
    )
    .addOption(
      new Option('--seed <n>', said('随机走法的种子', 'seed of the random plays')[lang]).argParser(count).default(1),
    )
    .addOption(langOfCaseOption(lang))
    .addHelpText(
      'after',
      said(
        '\n有简单策略能通过案例，或失败结局能拿到及格分时，退出码为 1。详见 docs/audit.md。',
        '\nExit 1 when a naive strategy passes a case or a failure ending can score a pass. See docs/audit.md.',
      )[lang],
    )
    .action(env.withExit(action));
}

export async function action(paths: string[], opts: AuditFlags, cmd: Command): Promise<number> {
  return (await import('./audit-run.js')).auditCommand(paths, { ...opts, lang: langOf(cmd) });
}
