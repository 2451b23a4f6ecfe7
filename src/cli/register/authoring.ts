/** Registers `new`, `schema`, `graph`, `paths`; their code (commands/authoring.ts) loads when one runs. */
import { Option, type Command } from 'commander';
import type { GraphFormat } from '../../core/graph-export.js';
import { langOf, setExit } from '../program.js';

const impl = () => import('../commands/authoring.js');

export function registerAuthoring(program: Command): void {
  program
    .command('new')
    .description('write a commented starter scenario (one node of each kind, three endings, tests) to edit')
    .argument('<id>', 'the new scenario id, e.g. late-delivery (lower-case letters, digits, hyphens)')
    .option('--dir <dir>', 'folder to write it in (default: ./scenarios if it exists, else the current folder)')
    .action(async (id: string, opts: { dir?: string }, cmd: Command) => setExit((await impl()).newCommand(id, { ...opts, lang: langOf(cmd) })));

  program
    .command('schema')
    .description('print the JSON Schema (2020-12) of scenario files, for editors and tools')
    .option('--catalog', 'the schema of lesson catalog files (lessons.yaml) instead')
    .action(async (opts: { catalog?: boolean }) => setExit((await impl()).schemaCommand(opts)));

  program
    .command('graph')
    .description('print a scenario as a diagram: Mermaid (default) or Graphviz DOT')
    .argument('<scenario>', 'scenario id or path to a .yaml file')
    .addOption(new Option('--format <format>', 'diagram language').choices(['mermaid', 'dot']).default('mermaid'))
    .option('--best', 'highlight the path that scores best')
    .addOption(new Option('--lang <lang>', 'language of the node text').choices(['zh', 'en']))
    .action(async (ref: string, opts: { format: GraphFormat; best?: boolean }, cmd: Command) =>
      setExit((await impl()).graphCommand(ref, { ...opts, lang: langOf(cmd) })));

  program
    .command('paths')
    .description('for each ending: can it be reached, with which scores, and the shortest steps that reach it')
    .argument('<scenario>', 'scenario id or path to a .yaml file')
    .option('--json', 'print JSON')
    .option('--ending <id>', 'print only the steps to this ending, as a YAML list for `run --steps`')
    .addHelpText('after', '\nFlags a case nobody can pass, one nobody can fail, and endings nobody can reach.')
    .action(async (ref: string, opts: { json?: boolean; ending?: string }, cmd: Command) => setExit((await impl()).pathsCommand(ref, { ...opts, lang: langOf(cmd) })));
}
