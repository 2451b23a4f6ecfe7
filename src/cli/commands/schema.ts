/** `roleplay schema`: the JSON Schema of scenario files. Its work (schema-run.ts) loads when it runs. */
import type { Command } from 'commander';
import { type CliEnv, said } from '../env.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('schema')
    .description(
      said(
        '输出案例文件的 JSON Schema（2020-12），供编辑器和工具使用',
        'print the JSON Schema (2020-12) of scenario files, for editors and tools',
      )[lang],
    )
    .option(
      '--catalog',
      said(
        '改为输出要点目录文件（lessons.yaml）的 schema',
        'the schema of lesson catalog files (lessons.yaml) instead',
      )[lang],
    )
    .action(env.withExit(action));
}

export async function action(opts: { catalog?: boolean }): Promise<number> {
  return (await import('./schema-run.js')).schemaCommand(opts);
}
