/**
 * Every command is a module in src/cli/commands/ that registers itself with
 * `register(program, env)`, and program.ts builds the program from their list. These check
 * that the pattern holds: every such module is listed and reaches `--help`; each adds only its
 * own command (none changes another's options); and registering them loads nothing heavy, so
 * that `lint` or `run` never load React or Ink (the lazily imported work modules stay apart).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { type CommandModule, cliEnv } from '../../src/cli/env.js';
import { buildProgram, COMMANDS } from '../../src/cli/program.js';
import { ROOT, rp } from './helpers.js';

const COMMANDS_DIR = join(ROOT, 'src', 'cli', 'commands');

/** The files in commands/ that are command modules: they export `register(program, env)`. */
const moduleFiles = readdirSync(COMMANDS_DIR)
  .filter((f) => f.endsWith('.ts'))
  .filter((f) =>
    /^export function register\(program: Command, env: CliEnv\): void/m.test(
      readFileSync(join(COMMANDS_DIR, f), 'utf8'),
    ),
  );

const flags = (cmd: Command) => cmd.options.map((o) => o.flags);

/** What one module adds to an empty program: its command, or (the menu) options of the program itself. */
function registeredAlone(m: CommandModule): { command?: Command; programOptions: string[] } {
  const program = new Command('roleplay');
  m.register(program, cliEnv('en'));
  expect(program.commands.length).toBeLessThanOrEqual(1);
  return { ...(program.commands[0] ? { command: program.commands[0] } : {}), programOptions: flags(program) };
}

describe('the command modules', () => {
  it('every module in src/cli/commands that exports register(program, env) is in the program’s list, once', async () => {
    expect(moduleFiles.length).toBeGreaterThan(15);
    for (const file of moduleFiles) {
      const m = (await import(join(COMMANDS_DIR, file))) as CommandModule;
      expect(
        COMMANDS.filter((c) => c.register === m.register),
        file,
      ).toHaveLength(1);
    }
    expect(COMMANDS).toHaveLength(moduleFiles.length);
  });

  it('each adds only its own command, with the same options it has in the whole program', () => {
    const program = buildProgram(cliEnv('en'));
    const alone = COMMANDS.map(registeredAlone);
    expect(program.commands.map((c) => c.name())).toEqual(alone.flatMap((a) => (a.command ? [a.command.name()] : [])));
    for (const { command } of alone) {
      if (!command) continue;
      const inProgram = program.commands.find((c) => c.name() === command.name())!;
      expect(flags(inProgram), command.name()).toEqual(flags(command));
    }
    // the menu's options are the program's own, after --version and --lang
    expect(flags(program)).toEqual(['-V, --version', '--lang <lang>', ...alone.flatMap((a) => a.programOptions)]);
  });

  it.each(['en', 'zh'])('`roleplay --help --lang %s` lists every command module’s command', (lang) => {
    const r = rp(['--help', '--lang', lang]);
    expect(r.status).toBe(0);
    const names = COMMANDS.flatMap((m) => registeredAlone(m).command?.name() ?? []);
    expect(names.length).toBe(COMMANDS.length - 1); // all but the menu, which is the bare `roleplay`
    for (const name of names) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });
});

// ————————————————————————— what each command loads before it runs (the built modules in dist/cli)

const DIST = join(ROOT, 'dist', 'cli');

/** The modules `file` imports statically (type imports are gone from the built JavaScript). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/^(?:import|export)\s[^;]*?\bfrom\s*'([^']+)';/gms),
    ...text.matchAll(/^import\s*'([^']+)';/gm),
  ].map((m) => m[1]!);
}

/** The packages (by name) that loading `start` loads, following its static imports through our own modules. */
function packagesLoadedBy(start: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(spec.split('/')[0]!);
    }
  };
  visit(start);
  return packages;
}

describe('lazy loading', () => {
  it('registering every command (main.js) loads no React, Ink, database driver, validator or engine', () => {
    const loaded = packagesLoadedBy(join(DIST, 'main.js'));
    expect(loaded.has('commander')).toBe(true); // the check reads something
    for (const heavy of ['react', 'ink', 'ink-text-input', 'better-sqlite3', 'pg', 'zod', 'yaml', 'xstate', 'chokidar'])
      expect(loaded.has(heavy), heavy).toBe(false);
  });

  it.each([
    'lint-run',
    'headless',
    'run-recorded',
    'test-run',
    'list-run',
    'paths-run',
    'graph-run',
    'new-run',
    'schema-run',
    'sessions-run',
    'report-run',
    'export-run',
    'verify-run',
    'import-run',
  ])('commands/%s.js (a command without a screen) loads no React or Ink', (name) => {
    const file = join(DIST, 'commands', `${name}.js`);
    expect(existsSync(file), file).toBe(true);
    const loaded = packagesLoadedBy(file);
    for (const ui of ['react', 'ink', 'ink-text-input']) expect(loaded.has(ui), ui).toBe(false);
  });

  it('no module imports program.ts but main.ts', () => {
    const importers: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (
          entry.name.endsWith('.js') &&
          staticImports(path).some((s) => resolve(dir, s) === join(DIST, 'program.js'))
        )
          importers.push(path.slice(DIST.length + 1));
      }
    };
    walk(DIST);
    expect(importers).toEqual(['main.js']);
  });
});
