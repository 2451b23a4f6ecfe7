/** `roleplay graph`: a scenario as a diagram. Its work (graph-run.ts) loads when it runs. */
import { type Command, Option } from 'commander';
import type { GraphFormat } from '../../core/analysis/graph-export.js';
import { type CliEnv, langOf, said, UserError } from '../env.js';
import { langOption, scenarioArgument } from '../options.js';

export function register(program: Command, env: CliEnv): void {
  const { lang } = env;
  program
    .command('graph')
    .description(
      said(
        '把案例输出为流程图：Mermaid（默认）或 Graphviz DOT',
        'print a scenario as a diagram: Mermaid (default) or Graphviz DOT',
      )[lang],
    )
    .argument('<scenario>', scenarioArgument[lang])
    .addOption(
      new Option('--format <format>', said('图的格式', 'diagram language')[lang])
        .choices(['mermaid', 'dot'])
        .default('mermaid'),
    )
    .option(
      '--json',
      said(
        '把图输出为 JSON：节点和连线（代替 --format）',
        'print the graph as JSON: nodes and edges (instead of --format)',
      )[lang],
    )
    .option('--best', said('突出得分最高的路径', 'highlight the path that scores best')[lang])
    .addOption(langOption(lang, said('节点文字的语言', 'language of the node text')[lang]))
    .action(env.withExit(action));
}

export async function action(
  ref: string,
  opts: { format: GraphFormat; best?: boolean; json?: boolean },
  cmd: Command,
): Promise<number> {
  const lang = langOf(cmd);
  if (opts.json && cmd.getOptionValueSource('format') === 'cli')
    throw new UserError(said('--json 和 --format 只能选一个', 'choose one of --json and --format')[lang], 2);
  return (await import('./graph-run.js')).graphCommand(ref, { ...opts, lang });
}
