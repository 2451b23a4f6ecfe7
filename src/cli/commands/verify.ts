/** `roleplay verify`: check every session's hash chain. Its work (verify-run.ts) and the store load when it runs. */
import type { Command } from 'commander';
import { type CliEnv, langOf, said } from '../env.js';
import { allOpts, dbOption, jsonFlag, langOption } from '../options.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('verify')
    .description(
      said(
        '检查每次练习的哈希链：完好时退出码 0；否则退出码 1，并指出第一个被改动、删除或调换顺序的练习和事件',
        "check every session's hash chain: exit 0 when intact, 1 naming the first session and event altered, deleted or reordered",
      )[lang],
    )
    .option('--json', jsonFlag[lang])
    .addOption(dbOption(lang))
    .addOption(langOption(lang))
    .action(env.withExit(action));
}

export async function action(_opts: unknown, cmd: Command): Promise<number> {
  return (await import('./verify-run.js')).verifyCommand(allOpts(cmd), langOf(cmd));
}
