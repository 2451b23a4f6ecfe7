/** Registers `new`, `schema`, `graph`, `paths`; their code (commands/authoring.ts) loads when one runs. */
import { Option, type Command } from 'commander';
import type { GraphFormat } from '../../core/graph-export.js';
import { type CliEnv, langOf, say } from '../env.js';

const impl = () => import('../commands/authoring.js');

export function registerAuthoring(program: Command, env: CliEnv): void {
  const { lang } = env;
  const t = (en: string, zh: string) => say(lang, en, zh);
  program
    .command('new')
    .description(
      t(
        'write a commented starter scenario (one node of each kind, three endings, tests) to edit',
        '写出一个带注释的起步案例（每种节点各一个、三个结局、测试），供你修改',
      ),
    )
    .argument(
      '<id>',
      t(
        'the new scenario id, e.g. late-delivery (lower-case letters, digits, hyphens)',
        '新案例的 id，例如 late-delivery（小写字母、数字、连字符）',
      ),
    )
    .option(
      '--dir <dir>',
      t(
        'folder to write it in (default: ./scenarios if it exists, else the current folder)',
        '写到哪个文件夹（默认：有 ./scenarios 就用它，否则用当前文件夹）',
      ),
    )
    .action(
      env.withExit(async (id: string, opts: { dir?: string }, cmd: Command) =>
        (await impl()).newCommand(id, { ...opts, lang: langOf(cmd) }),
      ),
    );

  program
    .command('schema')
    .description(
      t(
        'print the JSON Schema (2020-12) of scenario files, for editors and tools',
        '输出案例文件的 JSON Schema（2020-12），供编辑器和工具使用',
      ),
    )
    .option(
      '--catalog',
      t('the schema of lesson catalog files (lessons.yaml) instead', '改为输出要点目录文件（lessons.yaml）的 schema'),
    )
    .action(env.withExit(async (opts: { catalog?: boolean }) => (await impl()).schemaCommand(opts)));

  program
    .command('graph')
    .description(
      t(
        'print a scenario as a diagram: Mermaid (default) or Graphviz DOT',
        '把案例输出为流程图：Mermaid（默认）或 Graphviz DOT',
      ),
    )
    .argument('<scenario>', t('scenario id or path to a .yaml file', '案例 id 或 .yaml 文件路径'))
    .addOption(
      new Option('--format <format>', t('diagram language', '图的格式')).choices(['mermaid', 'dot']).default('mermaid'),
    )
    .option('--best', t('highlight the path that scores best', '突出得分最高的路径'))
    .addOption(new Option('--lang <lang>', t('language of the node text', '节点文字的语言')).choices(['zh', 'en']))
    .action(
      env.withExit(async (ref: string, opts: { format: GraphFormat; best?: boolean }, cmd: Command) =>
        (await impl()).graphCommand(ref, { ...opts, lang: langOf(cmd) }),
      ),
    );

  program
    .command('paths')
    .description(
      t(
        'for each ending: can it be reached, with which scores, and the shortest steps that reach it',
        '逐个结局：能否走到、得分范围，以及走到它的最短步骤',
      ),
    )
    .argument('<scenario>', t('scenario id or path to a .yaml file', '案例 id 或 .yaml 文件路径'))
    .option('--json', t('print JSON', '输出 JSON'))
    .option(
      '--ending <id>',
      t(
        'print only the steps to this ending, as a YAML list for `run --steps`',
        '只输出走到这个结局的步骤，格式是给 `run --steps` 用的 YAML 列表',
      ),
    )
    .addHelpText(
      'after',
      t(
        '\nFlags a case nobody can pass, one nobody can fail, and endings nobody can reach.',
        '\n会指出谁也过不了的案例、谁都不会不及格的案例，以及走不到的结局。',
      ),
    )
    .action(
      env.withExit(async (ref: string, opts: { json?: boolean; ending?: string }, cmd: Command) =>
        (await impl()).pathsCommand(ref, { ...opts, lang: langOf(cmd) }),
      ),
    );
}
