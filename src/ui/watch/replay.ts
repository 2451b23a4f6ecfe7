/**
 * Live preview keeps the trainee where they were when the trainer saves the file: the steps
 * taken so far are played again, on XState's simulated clock, against the new version, up to
 * the first one that no longer applies there (a choice removed or hidden, an answer where a
 * choice is now expected, a timeout that is gone). The run then continues, on the real clock,
 * from the persisted snapshot of that replay: the same machine, never a second interpreter.
 */
import { SimulatedClock } from 'xstate';
import { Play, StepError, takeStep, type CompiledScenario, type StepRecord, type TestStep } from '../../core/index.js';
import type { Said } from '../../core/format/messages.js';
import type { ResumePoint } from '../../core/records/recorder.js';

/** The trainee's own steps in a run, as test steps (automatic `when` steps replay themselves). */
export function trainerSteps(records: readonly StepRecord[]): TestStep[] {
  const out: TestStep[] = [];
  for (const r of records) {
    switch (r.action.kind) {
      case 'choice':
        out.push(r.action.choice);
        break;
      case 'say':
        out.push({ say: r.action.text });
        break;
      case 'timeout':
        out.push({ wait: true });
        break;
      case 'auto':
        break;
    }
  }
  return out;
}

export interface Replayed {
  /** where the run continues; absent: from the start */
  readonly resume?: ResumePoint;
  /** how many of the steps still apply */
  readonly kept: number;
  readonly total: number;
  /**
   * the first step not kept (absent when all were): `invalid` when it no longer applies (with
   * the machine's reason), `ends` when it would now end the case (it is left for the trainee)
   */
  readonly dropped?: { readonly step: TestStep; readonly why: 'invalid' | 'ends'; readonly reason: Said };
  /** the machine's records of the kept steps (the run's history from here on) */
  readonly records: readonly StepRecord[];
}

/** Plays `steps` on `compiled` until one no longer applies. */
export function replay(compiled: CompiledScenario, steps: readonly TestStep[]): Replayed {
  const attempt = (limit: number) => {
    const clock = new SimulatedClock();
    const play = new Play(compiled, { clock });
    let kept = 0;
    let dropped: Replayed['dropped'];
    for (const step of steps.slice(0, limit)) {
      try {
        takeStep(play, clock, step);
      } catch (e) {
        if (!(e instanceof StepError)) throw e;
        dropped = { step, why: 'invalid', reason: e.text };
        break;
      }
      kept++;
    }
    return { play, kept, dropped };
  };

  let { play, kept, dropped } = attempt(steps.length);
  // Steps that now reach an ending would leave nothing to preview: stop one decision earlier.
  if (play.done && kept > 0) {
    play.stop();
    ({ play, kept } = attempt(kept - 1));
    dropped = {
      step: steps[kept]!,
      why: 'ends',
      reason: { zh: '这一步现在会结束案例', en: 'this step now ends the case' },
    };
  }
  // With nothing kept the run starts afresh, and the play screen reports its own first steps.
  const records = kept > 0 ? [...play.context.steps] : [];
  const resume = kept > 0 ? { snapshot: play.persisted() } : undefined;
  play.stop();
  return { ...(resume ? { resume } : {}), kept, total: steps.length, ...(dropped ? { dropped } : {}), records };
}
