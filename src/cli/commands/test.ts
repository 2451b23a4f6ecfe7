/** `roleplay test`: run the scenarios' tests. Its work (test-run.ts) loads when it runs. */
import type { Command } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';
import { jsonFlag, langOfCaseOption } from '../options.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('test')
    .description(
      said(
        '运行案例里的测试：每个测试一行，最后是通过和失败的个数',
        "run the scenarios' tests: one line per test, then 'N passed, M failed'",
      )[lang],
    )
    .argument('[paths...]', said('文件或文件夹', 'files or folders')[lang], [])
    .option(
      '--coverage',
      said('同时列出没有测试走到的节点、选项和结局', 'also list the nodes, choices and endings no test visits')[lang],
    )
    .option('--json', jsonFlag[lang])
    .addOption(langOfCaseOption(lang))
    .action(env.withExit(action));
}

export async function action(
  paths: string[],
  opts: { coverage?: boolean; json?: boolean },
  cmd: Command,
): Promise<number> {
  return (await import('./test-run.js')).testCommand(paths, {
    lang: langOf(cmd),
    coverage: opts.coverage === true,
    json: opts.json === true,
  });
}
