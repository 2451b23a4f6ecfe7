/** Fakes for UI tests: fixtures loaded through the core, an App on a simulated clock, key codes, waitFor. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { render } from 'ink-testing-library';
import { SimulatedClock } from 'xstate';
import { EMPTY_CATALOG, loadFile, type Lang } from '../../src/core/index.js';
import { App, loadScreens, type Start } from '../../src/ui/components/app.js';
import type { Mode } from '../../src/core/records/records.js';
import type { Library, MenuEntry, OpenedScenario } from '../../src/ui/library.js';
import type { Recorder } from '../../src/core/records/recorder.js';

export const KEY = {
  up: '\u001b[A',
  down: '\u001b[B',
  left: '\u001b[D',
  right: '\u001b[C',
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  pageDown: '\u001b[6~',
} as const;

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/ui/${name}`, import.meta.url));
}

export function openFixture(name: string): OpenedScenario {
  const file = fixturePath(name);
  const source = readFileSync(file, 'utf8');
  const loaded = loadFile(source, file, EMPTY_CATALOG);
  if (loaded.kind !== 'scenario' || !loaded.scenario)
    throw new Error(`fixture ${name} does not load: ${JSON.stringify(loaded.diagnostics)}`);
  return { scenario: loaded.scenario, source, file };
}

export function entryOf(opened: OpenedScenario): MenuEntry {
  const s = opened.scenario;
  return {
    id: s.id,
    file: opened.file ?? s.id,
    title: s.title,
    tags: s.tags,
    ...(s.summary !== undefined ? { summary: s.summary } : {}),
    ...(s.difficulty !== undefined ? { difficulty: s.difficulty } : {}),
    ...(s.cast[0]?.type ? { customerType: s.cast[0].type } : {}),
  };
}

export function libraryOf(...opened: OpenedScenario[]): Library {
  return {
    entries: () => opened.map(entryOf),
    open: (entry) => {
      const o = opened.find((x) => x.scenario.id === entry.id);
      return o ? { ok: true, opened: o } : { ok: false, message: `${entry.file}: cannot be opened` };
    },
  };
}

export interface Harness extends ReturnType<typeof render> {
  readonly clock: SimulatedClock;
  /** the last frame, or '' */
  frame(): string;
  /** type keys one at a time, letting Ink handle each */
  press(...keys: string[]): Promise<void>;
  waitFor(check: (frame: string) => boolean, what?: string): Promise<string>;
  /** write a whole answer at once (as an input method or a paste delivers Chinese), wait until the field shows it, then press Enter */
  answer(text: string): Promise<void>;
}

export async function renderApp(options: {
  start: Start;
  library?: Library;
  lang?: Lang;
  mode?: Mode;
  recorder?: Recorder;
  columns?: number;
  rows?: number;
  color?: boolean;
  /**
   * Shuffle the replies: each new run takes the next seed of the list (the last one repeats).
   * Without it the replies stay in file order, as the tests that press numbers expect.
   */
  seeds?: readonly number[];
}): Promise<Harness> {
  // As run-app does: every screen is there from the first frame (the menu alone loads them later).
  await loadScreens();
  const clock = new SimulatedClock();
  const library = options.library ?? libraryOf();
  const instance = render(
    <App
      library={library}
      start={options.start}
      lang={options.lang ?? 'zh'}
      mode={options.mode ?? 'practice'}
      clock={clock}
      theme={{ color: options.color ?? false }}
      size={{ columns: options.columns ?? 100, rows: options.rows ?? 30 }}
      {...(options.recorder ? { recorder: options.recorder } : {})}
      {...seedsProps(options.seeds)}
    />,
  );
  const frame = () => instance.lastFrame() ?? '';
  const waitFor = async (check: (f: string) => boolean, what = 'the expected frame') => {
    const until = Date.now() + 3000;
    for (;;) {
      const f = frame();
      if (check(f)) {
        // a new screen attaches its key handler in an effect, just after its first frame
        await tick(30);
        return f;
      }
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
      await tick();
    }
  };
  // useInput attaches in an effect: input written before it is lost.
  await tick(30);
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      instance.stdin.write(k);
      await tick(30);
    }
  };
  const answer = async (text: string) => {
    instance.stdin.write(text);
    await tick();
    await waitFor((f) => f.includes(text), `the typed answer "${text}" in the field`);
    await press(KEY.enter);
  };
  return Object.assign(instance, { clock, frame, press, waitFor, answer });
}

/** Polls a rendered screen until its last frame contains `text` (a loaded machine renders late). */
export async function frameWith(
  screen: { lastFrame(): string | undefined },
  text: string,
  ms = 10_000,
): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const f = screen.lastFrame() ?? '';
    if (f.includes(text)) return f;
    if (Date.now() > until) throw new Error(`timed out waiting for "${text}"; last frame:\n${f}`);
    await tick(10);
  }
}

export function tick(ms = 5): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** App props for `seeds`: file order without them, else one seed per run in turn. */
function seedsProps(seeds: readonly number[] | undefined): { shuffle: boolean; newSeed?: () => number } {
  if (!seeds || seeds.length === 0) return { shuffle: false };
  let next = 0;
  return { shuffle: true, newSeed: () => seeds[Math.min(next++, seeds.length - 1)]! };
}
