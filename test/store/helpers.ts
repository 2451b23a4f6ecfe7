/** Fixtures for the store tests: temp databases, the all-features test case, recorded runs. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedClock } from 'xstate';
import {
  compile,
  loadFile,
  Play,
  reportOf,
  StepError,
  type Lang,
  type Scenario,
  type TestStep,
} from '../../src/core/index.js';
import { Recording } from '../../src/store/recording.js';
import type { SessionMode as Mode } from '../../src/core/records/records.js';
import type { SessionStore } from '../../src/store/store.js';
import { runCli } from '../run-cli.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'roleplay.js');
/** The project's own case that uses every feature of the format (see its header comment). */
export const BASEMENT = join(ROOT, 'test', 'fixtures', 'ui', 'basement-alarm.yaml');

export function loadBasement(text?: string): { scenario: Scenario; source: string; file: string } {
  const file = BASEMENT;
  const source = text ?? readFileSync(file, 'utf8');
  const loaded = loadFile(source, file);
  if (loaded.kind !== 'scenario' || !loaded.scenario) throw new Error(JSON.stringify(loaded.diagnostics));
  return { scenario: loaded.scenario, source, file };
}

export function tempDir(): { dir: string; db: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'roleplay-store-'));
  return { dir, db: join(dir, 'test.db'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The binary on these tests' fixtures (test/run-cli.ts); `env` is added to the clean environment. */
export function rp(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return runCli(args, { env });
}

export interface RecordOptions {
  readonly trainee: string;
  readonly steps: readonly TestStep[];
  readonly mode?: Mode;
  readonly lang?: Lang;
  /** when the session starts; each step is one second later */
  readonly startedAt?: string;
  /** decision time of each trainee step, in order */
  readonly decisionMs?: readonly number[];
  readonly text?: string;
  /** stop before writing the result, as a process killed between the last step and the finish would */
  readonly noFinish?: boolean;
}

/**
 * Plays `steps` on the actor (SimulatedClock) and records them through Recording, as the play
 * screen's recorder would. Unfinished when the steps run out before an ending.
 */
export async function record(store: SessionStore, o: RecordOptions): Promise<string> {
  const { scenario, source, file } = loadBasement(o.text);
  const compiled = compile(scenario);
  let t = Date.parse(o.startedAt ?? '2026-01-01T08:00:00Z');
  const now = () => new Date(t);
  const rec = await Recording.start(store, {
    scenario,
    source,
    file,
    trainee: o.trainee,
    lang: o.lang ?? 'zh',
    mode: o.mode ?? 'headless',
    now,
  });
  const clock = new SimulatedClock();
  const play = new Play(compiled, { clock });
  let decision = 0;
  for (const step of o.steps) {
    const before = play.context.steps.length;
    t += 1000;
    try {
      if (typeof step === 'string') play.choose(step);
      else if ('say' in step) play.say(step.say);
      else clock.increment(play.turn().deadline! - clock.now());
    } catch (e) {
      if (e instanceof StepError) break;
      throw e;
    }
    for (const r of play.context.steps.slice(before)) {
      const own = r.action.kind !== 'auto';
      void rec.step(
        r,
        {
          decisionMs: own ? (o.decisionMs?.[decision++] ?? 0) : 0,
          feedbackShown: o.mode !== undefined && o.mode !== 'headless',
        },
        { snapshot: play.persisted() },
      );
    }
  }
  if (play.output && !o.noFinish) void rec.finish(reportOf(compiled, play.output));
  await rec.flush();
  play.stop();
  return rec.id;
}
