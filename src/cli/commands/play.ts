/**
 * `roleplay play <scenario>` and the bare `roleplay` (the menu): the interactive UI. The UI
 * itself is imported only here and only when needed, so the headless commands never load
 * Ink. This module is the edge that reads scenario files for the UI (through files.ts).
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Option, type Command } from 'commander';
import { parse } from 'yaml';
import { CUSTOMER_TYPES, formatDiagnostic, type CustomerType, type LocalizedText } from '../../core/index.js';
import { listScenarioFiles, resolveScenario } from '../files.js';
import { langOf, setExit } from '../program.js';
import type { Library, MenuEntry, Mode, OpenResult, Start } from '../../ui/run-app.js';
import { dbOption, traineeOption, withPlayRecorder } from './records.js';

const MODES = ['practice', 'exam'] as const;

function isText(v: unknown): v is LocalizedText {
  return typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'));
}

/**
 * A menu row read cheaply (YAML parse, no validation), so the menu appears at once; the full
 * check happens when a case is opened, and a broken case then says why instead of opening.
 */
export function menuEntryOf(file: string, text: string): MenuEntry {
  // The menu needs only the head of the file; parsing the node graph of a dozen cases would
  // double the time to the first frame. Cut before `nodes:` (or `lessons:`/`tests:`) when the
  // head has what we need, else parse the whole file.
  const cut = text.search(/^(nodes|lessons|tests|meters):/m);
  const head = cut > 0 ? text.slice(0, cut) : text;
  let data = mapOf(head);
  if (data.title === undefined || data.cast === undefined) data = mapOf(text);
  const id = typeof data.id === 'string' ? data.id : basename(file, extname(file));
  const cast = data.cast && typeof data.cast === 'object' ? Object.values(data.cast as Record<string, unknown>)[0] : undefined;
  const type = cast && typeof cast === 'object' ? (cast as { type?: unknown }).type : undefined;
  return {
    id,
    file,
    title: isText(data.title) ? data.title : id,
    ...(isText(data.summary) ? { summary: data.summary } : {}),
    ...(typeof data.difficulty === 'number' && [1, 2, 3].includes(data.difficulty) ? { difficulty: data.difficulty } : {}),
    tags: Array.isArray(data.tags) ? data.tags.filter((t): t is string => typeof t === 'string') : [],
    ...(typeof type === 'string' && (CUSTOMER_TYPES as readonly string[]).includes(type) ? { customerType: type as CustomerType } : {}),
  };
}

function mapOf(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = parse(text, { maxAliasCount: 100 });
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch { /* shown with its file name; opening it reports the error */ }
  return {};
}

export function openScenario(ref: string): OpenResult {
  const r = resolveScenario(ref);
  if (r.ok) return { ok: true, opened: { scenario: r.scenario, source: r.source, file: r.file } };
  const first = r.diagnostics.find((d) => d.severity === 'error');
  return { ok: false, message: first ? formatDiagnostic(first) : r.message ?? `${ref}: cannot be opened` };
}

export const fileLibrary: Library = {
  entries() {
    const out: MenuEntry[] = [];
    for (const { file } of listScenarioFiles()) {
      let text: string;
      try { text = readFileSync(file, 'utf8'); } catch { continue; }
      out.push(menuEntryOf(file, text));
    }
    return out.sort((a, b) => (a.difficulty ?? 0) - (b.difficulty ?? 0) || a.id.localeCompare(b.id));
  },
  open: (entry) => openScenario(entry.file),
};

/** Raw mode needs a terminal on both ends; say what to do instead of failing inside Ink. */
function needsTerminal(): boolean {
  if (process.stdin.isTTY && process.stdout.isTTY) return false;
  process.stderr.write('roleplay: play needs an interactive terminal; without one, use `roleplay run <scenario> --choices a,b,c` (see `roleplay run --help`)\n');
  return true;
}

async function launch(start: () => Start | number, cmd: Command, mode: Mode): Promise<number> {
  if (needsTerminal()) return 2;
  const s = start();
  if (typeof s === 'number') return s;
  // React's development build checks every element and doubles the time per keypress;
  // a trainee's terminal wants the production one (unless someone asked otherwise).
  process.env.NODE_ENV ??= 'production';
  const { runApp } = await import('../../ui/run-app.js');
  return withPlayRecorder(cmd, (recorder) => runApp({ library: fileLibrary, start: s, lang: langOf(cmd), mode, recorder }));
}

// No commander default: the option exists on the program and on `play`, and a default on one
// would hide a value given to the other (`roleplay play x --mode exam` is parsed by the program).
const modeOption = () => new Option('--mode <mode>', 'practice: feedback after every step; exam: only at the end (default: practice)').choices(MODES);
const modeOf = (cmd: Command): Mode => (cmd.optsWithGlobals() as { mode?: Mode }).mode ?? 'practice';

export function registerPlay(program: Command): void {
  program
    .addOption(modeOption())
    .addOption(dbOption())
    .addOption(traineeOption())
    .action(async (_opts: unknown, cmd: Command) => setExit(await launch(() => ({ kind: 'menu' }), cmd, modeOf(cmd))));

  program
    .command('play')
    .description('play a scenario in the terminal (the menu opens when no scenario is given)')
    .argument('<scenario>', 'scenario id or path to a .yaml file')
    .addOption(modeOption())
    .addOption(dbOption())
    .addOption(traineeOption())
    .addOption(new Option('--lang <lang>', 'language of the interface and scenario text').choices(['zh', 'en']))
    .option('--watch', 'live preview for authors: reload the case in place whenever its file is saved')
    .addHelpText('after', '\nNeeds an interactive terminal; to play from a script use `roleplay run`.')
    .action(async (ref: string, opts: { watch?: boolean }, cmd: Command) => setExit(opts.watch ? await (await import('./watch-support.js')).playWatch(ref, { lang: langOf(cmd), mode: modeOf(cmd) }) : await launch(() => {
      const r = resolveScenario(ref);
      if (!r.ok) {
        for (const d of r.diagnostics.filter((d) => d.severity === 'error')) process.stderr.write(formatDiagnostic(d) + '\n');
        if (r.message) process.stderr.write(`roleplay: ${r.message}\n`);
        return 1;
      }
      return { kind: 'briefing', opened: { scenario: r.scenario, source: r.source, file: r.file } };
    }, cmd, modeOf(cmd))));
}
