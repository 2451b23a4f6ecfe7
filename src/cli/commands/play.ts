/**
 * The bare `roleplay` (the menu) and `roleplay play <scenario>`: the interactive UI. This
 * module is on the menu's path to its first frame, so it loads only what that frame needs
 * (the file list, YAML for each case's head, Ink); the validator, the store and SQLite are
 * imported after the frame is drawn or when a case is opened. It is the edge that reads
 * scenario files for the UI (through scenario-paths.ts and open-scenario.ts).
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { CUSTOMER_TYPES, type CustomerType } from '../../core/model.js';
import type { Lang, LocalizedText } from '../../core/text.js';
import { listScenarioFiles } from '../scenario-paths.js';
import { modeOf } from '../options.js';
import { langOf } from '../program.js';
import { say } from '../env.js';
import { prepareTerminalUi } from '../terminal-ui.js';
import type { Library, MenuEntry, Start } from '../../ui/run-app.js';
import type { Recorder, RunStart, SnapshotInfo, StepInfo } from '../../ui/recorder.js';
import type { RunOutput, RunReport, StepRecord } from '../../core/index.js';
import type { MenuStore } from './menu-store.js';
import type { StoreOptions } from './records.js';

function isText(v: unknown): v is LocalizedText {
  return (
    typeof v === 'string' ||
    (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'))
  );
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
  const cast =
    data.cast && typeof data.cast === 'object' ? Object.values(data.cast as Record<string, unknown>)[0] : undefined;
  const type = cast && typeof cast === 'object' ? (cast as { type?: unknown }).type : undefined;
  return {
    id,
    file,
    title: isText(data.title) ? data.title : id,
    ...(isText(data.summary) ? { summary: data.summary } : {}),
    ...(typeof data.difficulty === 'number' && [1, 2, 3].includes(data.difficulty)
      ? { difficulty: data.difficulty }
      : {}),
    tags: Array.isArray(data.tags) ? data.tags.filter((t): t is string => typeof t === 'string') : [],
    ...(typeof type === 'string' && (CUSTOMER_TYPES as readonly string[]).includes(type)
      ? { customerType: type as CustomerType }
      : {}),
  };
}

function mapOf(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = parse(text, { maxAliasCount: 100 });
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    /* shown with its file name; opening it reports the error */
  }
  return {};
}

/** The cases on disk. */
export const fileLibrary: Library = {
  entries() {
    const out: MenuEntry[] = [];
    for (const { file } of listScenarioFiles()) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      out.push(menuEntryOf(file, text));
    }
    return out.sort((a, b) => (a.difficulty ?? 0) - (b.difficulty ?? 0) || a.id.localeCompare(b.id));
  },
  // The validator loads on the first pick (play.ts starts loading it after the first frame).
  open: async (entry, lang) => (await import('./open-scenario.js')).openScenario(entry.file, lang),
};

/** Raw mode needs a terminal on both ends; say what to do instead of failing inside Ink. */
function needsTerminal(lang: Lang): boolean {
  if (process.stdin.isTTY && process.stdout.isTTY) return false;
  process.stderr.write(
    say(
      lang,
      'roleplay: play needs an interactive terminal; without one, use `roleplay run <scenario> --choices a,b,c` (see `roleplay run --help`)\n',
      'roleplay: 练习需要交互式终端；没有终端时请用 `roleplay run <案例> --choices a,b,c`（见 `roleplay run --help`）\n',
    ),
  );
  return true;
}

/**
 * Play is recorded through this: the menu draws before the session database is open, and a
 * resumed session switches to the recorder that continues it. Calls made before a recorder
 * is attached are kept, in order, and passed on when it is.
 */
export class LateRecorder implements Recorder {
  private target: Recorder | undefined;
  private waiting: ((r: Recorder) => void)[] = [];

  attach(target: Recorder): void {
    this.target = target;
    for (const call of this.waiting.splice(0)) call(target);
  }

  private call(fn: (r: Recorder) => void): void {
    if (this.target) fn(this.target);
    else this.waiting.push(fn);
  }

  onStart(start: RunStart): void {
    this.call((r) => r.onStart?.(start));
  }
  onStep(record: StepRecord, info: StepInfo): void {
    this.call((r) => r.onStep?.(record, info));
  }
  onSnapshot(persisted: unknown, info: SnapshotInfo): void {
    this.call((r) => r.onSnapshot?.(persisted, info));
  }
  onFinish(report: RunReport, output: RunOutput): void {
    this.call((r) => r.onFinish?.(report, output));
  }
  onLeave(): void {
    this.call((r) => r.onLeave?.());
  }
}

/** The menu: drawn first; the store, the validator and the play screens load behind it. */
export async function playMenu(cmd: Command): Promise<number> {
  if (needsTerminal(langOf(cmd))) return 2;
  prepareTerminalUi();
  const lang = langOf(cmd);
  const { runApp } = await import('../../ui/run-app.js');
  const recorder = new LateRecorder();
  let opened!: (store: MenuStore) => void;
  const store = new Promise<MenuStore>((resolve) => {
    opened = resolve;
  });
  const files = fileLibrary;
  const library: Library = {
    ...files,
    unfinished: async () => (await store).unfinished(files.entries()),
    resume: async (session) => (await store).resume(session, lang),
  };
  const stop = new AbortController();
  const closed = runApp({
    library,
    start: { kind: 'menu' },
    lang,
    mode: modeOf(cmd),
    recorder,
    signal: stop.signal,
    shuffle: shuffleOf(cmd),
  });
  // The first frame is on the screen now (Ink draws it synchronously in render()).
  void import('./open-scenario.js');
  try {
    const { withMenuStore } = await import('./menu-store.js');
    return await withMenuStore(cmd.optsWithGlobals() as StoreOptions, lang, {
      ready: opened,
      record: (r) => recorder.attach(r),
      closed,
    });
  } catch (e) {
    // The database cannot be opened: close the screen before saying why, as before it opened.
    stop.abort();
    await closed;
    throw e;
  }
}

/** `roleplay play <scenario>`: opened and checked before the screen starts, so a broken case is one clear line. */
export async function playCase(ref: string, cmd: Command): Promise<number> {
  if (needsTerminal(langOf(cmd))) return 2;
  const { resolveScenario } = await import('../files.js');
  const { formatDiagnostic } = await import('../../core/diagnostics.js');
  const r = resolveScenario(ref, langOf(cmd));
  if (!r.ok) {
    for (const d of r.diagnostics.filter((d) => d.severity === 'error'))
      process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (r.message) process.stderr.write(`roleplay: ${r.message}\n`);
    return 1;
  }
  const start: Start = { kind: 'briefing', opened: { scenario: r.scenario, source: r.source, file: r.file } };
  prepareTerminalUi();
  const { runApp } = await import('../../ui/run-app.js');
  const { withPlayRecorder } = await import('./records.js');
  return withPlayRecorder(cmd, (recorder) =>
    runApp({ library: fileLibrary, start, lang: langOf(cmd), mode: modeOf(cmd), recorder, shuffle: shuffleOf(cmd) }),
  );
}

/** false with --no-shuffle (on the command or before it). */
function shuffleOf(cmd: Command): boolean {
  return (cmd.optsWithGlobals() as { shuffle?: boolean }).shuffle !== false;
}
