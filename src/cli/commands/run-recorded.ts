/** What `roleplay run … --record` does: the run as usual, with every step written to the store as it is taken. */
import type { Lang, RunReport } from '../../core/index.js';
import { traineeFrom } from '../../store/open.js';
import { Recording } from '../../store/recording.js';
import { type StoreOptions, withStore } from '../store-access.js';
import {
  headlessDecisionMs,
  type RunHooks,
  type RunOptions,
  readSteps,
  reportRecorded,
  runOpened,
} from './headless.js';
import { CASE_NOT_OPENED, scenarioOrReport } from './scenario-or-report.js';

export async function runRecorded(
  ref: string,
  opts: Omit<RunOptions, 'lang'> & StoreOptions,
  lang: Lang,
): Promise<number> {
  // the case first, as a plain run does; bad steps are reported before anything is recorded
  const opened = scenarioOrReport(ref, lang);
  if (!opened) return CASE_NOT_OPENED;
  const steps = readSteps(opts, lang);
  return withStore(opts, lang, async (store) => {
    let recording: Promise<Recording> | undefined;
    let finished = false;
    const hooks: RunHooks = {
      onStart: ({ scenario, source }) => {
        recording = Recording.start(store, {
          scenario,
          source,
          trainee: traineeFrom(opts.trainee),
          lang,
          mode: 'headless',
        });
        // a failed start is reported where `recording` is awaited below, not as an unhandled rejection here
        return (record) => {
          void recording!.then(
            (r) => r.step(record, { decisionMs: headlessDecisionMs(scenario, record), feedbackShown: false }),
            () => undefined,
          );
        };
      },
      onFinish: (report: RunReport) => {
        finished = true;
        void recording!.then(
          (r) => r.finish(report),
          () => undefined,
        );
      },
    };
    const code = runOpened(opened, { ...opts, lang }, hooks, steps);
    if (recording) {
      const r = await recording;
      await r.flush();
      reportRecorded(r.id, finished, lang);
    }
    return code;
  });
}
