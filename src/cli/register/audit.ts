/** Registers `audit`; its code (commands/audit.ts) loads when it runs. */
import { Option, type Command } from 'commander';
import type { Lang } from '../../core/index.js';
import { say } from '../env.js';
import { langOf, setExit } from '../program.js';

export function registerAudit(program: Command, lang: Lang): void {
  const t = (en: string, zh: string) => say(lang, en, zh);
  const count = (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 100_000) throw new Error(t('expected a whole number', '应为整数'));
    return n;
  };
  program
    .command('audit')
    .description(
      t(
        'play each case with naive strategies (longest, shortest, most courteous, first, last reply, random) and flag what lets a trainee pass without the lessons',
        '用简单策略（最长、最短、最客气、第一个、最后一个回复、随机）把每个案例走一遍，并指出不懂要点也能通过的地方',
      ),
    )
    .argument('[paths...]', t('files or folders (default: ./scenarios)', '文件或文件夹（默认：./scenarios）'))
    .option('--json', t('print JSON', '输出 JSON'))
    .addOption(
      new Option('--runs <n>', t('random plays per language', '每种语言随机走几次')).argParser(count).default(200),
    )
    .addOption(new Option('--seed <n>', t('seed of the random plays', '随机走法的种子')).argParser(count).default(1))
    .addOption(new Option('--lang <lang>', t('language of the messages', '提示信息的语言')).choices(['zh', 'en']))
    .addHelpText(
      'after',
      t(
        '\nExit 1 when a naive strategy passes a case or a failure ending can score a pass. See docs/format.md.',
        '\n有简单策略能通过案例，或失败结局能拿到及格分时，退出码为 1。详见 docs/format.md。',
      ),
    )
    .action(async (paths: string[], opts: { json?: boolean; runs: number; seed: number }, cmd: Command) =>
      setExit((await import('../commands/audit.js')).auditCommand(paths, { ...opts, lang: langOf(cmd) })),
    );
}
