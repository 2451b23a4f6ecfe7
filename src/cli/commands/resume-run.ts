/**
 * What `roleplay resume` does: continue an unfinished session from its saved actor snapshot, on
 * the play screen or headless from --steps / --choices, appending to the same session's chain.
 */
import { SimulatedClock } from 'xstate';
import {
  type Lang,
  Play,
  reportOf,
  type RunReport,
  StepError,
  safeLine,
  type TestStep,
  takeStep,
} from '../../core/index.js';
import { expectsSaid, stepMessages } from '../../core/play/step-messages.js';
import { StoreRecorder } from '../../store/recorder.js';
import { Recording } from '../../store/recording.js';
import { continuation, endedSaid, type Continuation } from '../../store/resume.js';
import type { SessionRow, SessionStore, StoredEvent } from '../../store/store.js';
import { printLine, printProblem, said, UserError } from '../env.js';
import { printJson } from '../json-output.js';
import {
  type StoreOptions,
  scenarioOf,
  sessionNamed,
  shortId,
  tellResumable,
  traineeFor,
  unrecorded,
  withStore,
} from '../store-access.js';
import { onTerminalLoss } from '../terminal-loss.js';
import { prepareTerminalUi } from '../terminal-ui.js';
import { fileLibrary } from './file-library.js';
import { headlessDecisionMs, type RunOptions, readSteps, reportRecorded } from './headless.js';

interface ResumeOptions extends StoreOptions, Omit<RunOptions, 'lang'> {
  /** --lang as given (absent unless given) */
  readonly lang?: string;
}

/** Where the session stopped: the scenario it was played on, its events, and the actor to continue. */
interface Stopped {
  readonly store: SessionStore;
  readonly session: SessionRow;
  readonly scenario: Awaited<ReturnType<typeof scenarioOf>>;
  readonly events: StoredEvent[];
  readonly point: Extract<Continuation, { kind: 'continue' }>['point'];
}

export async function resumeCommand(ref: string | undefined, opts: ResumeOptions, lang: Lang): Promise<number> {
  const headless = opts.steps !== undefined || opts.choices !== undefined;
  const steps = headless ? readSteps(opts, lang) : [];
  return withStore(opts, lang, async (store) => {
    const session = await sessionToResume(store, ref, opts.trainee, lang);
    const scenario = await scenarioOf(store, session, lang);
    const next = await continuation(store, session, scenario.compiled);
    if (next.kind === 'ended') return reportEnded(session.id, next.report, headless, lang);
    const stopped: Stopped = { store, session, scenario, events: next.events, point: next.point };
    if (headless) return resumeHeadless(stopped, steps, lang);
    // On screen the session goes on in the language it was played in, unless --lang says otherwise.
    return resumeOnScreen(stopped, opts, opts.lang !== undefined ? lang : session.lang);
  });
}

/**
 * The session had reached its ending when the process died, before its result was written:
 * the result is recorded now, and shown as `run` shows one (JSON), or in a line on a terminal.
 */
function reportEnded(id: string, report: RunReport, headless: boolean, lang: Lang): number {
  if (headless) printJson({ ...report });
  else printLine(endedSaid(shortId(id), report)[lang]);
  reportRecorded(id, true, lang);
  return 0;
}

/** The session named, else the trainee's latest unfinished one; never a finished one. */
async function sessionToResume(
  store: SessionStore,
  ref: string | undefined,
  trainee: string | undefined,
  lang: Lang,
): Promise<SessionRow> {
  let session: SessionRow | undefined;
  if (ref !== undefined) session = await sessionNamed(store, ref, lang);
  else {
    const who = traineeFor(store, trainee, lang);
    session = (await store.listSessions({ trainee: who, finished: false, withSteps: true, limit: 1 }))[0];
    if (!session)
      throw new UserError(
        said(`${who} 没有可以继续的未完成练习`, `${who} has no unfinished session to resume`)[lang],
        1,
      );
  }
  if (session.result) {
    throw new UserError(
      said(
        `练习 ${shortId(session.id)} 已经完成（${session.result.percent}%），请开始新的练习`,
        `session ${shortId(session.id)} is already finished (${session.result.percent}%); start a new one instead`,
      )[lang],
      1,
    );
  }
  return session;
}

/** The play screen continues the actor from the snapshot; the recorder appends to the same session. */
async function resumeOnScreen(
  { store, session, scenario, events, point }: Stopped,
  opts: StoreOptions,
  lang: Lang,
): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError(
      said(
        `继续练习需要交互式终端；没有终端时可以用 \`roleplay resume ${shortId(session.id)} --choices a,b,c\` 继续`,
        `resume needs an interactive terminal; without one, continue with \`roleplay resume ${shortId(session.id)} --choices a,b,c\``,
      )[lang],
      2,
    );
  }
  const recorder = new StoreRecorder(store, session.trainee, { session, events });
  prepareTerminalUi();
  const { runApp } = await import('../../ui/run-app.js');
  const { compiled, source } = scenario;
  const gone = new AbortController();
  const release = onTerminalLoss(() => gone.abort());
  const code = await runApp({
    library: fileLibrary,
    start: {
      kind: 'play',
      opened: { scenario: compiled.scenario, source: source.source, file: source.file },
      resume: {
        snapshot: point.snapshot,
        ...(point.remainingMs !== undefined ? { remainingMs: point.remainingMs } : {}),
        // the replies come back in the order this session showed them
        ...(session.shuffleSeed !== undefined ? { shuffleSeed: session.shuffleSeed } : {}),
      },
    },
    lang,
    mode: session.mode === 'exam' ? 'exam' : 'practice',
    recorder,
    signal: gone.signal,
  }).finally(release);
  const failure = await recorder.close();
  if (failure !== undefined) throw unrecorded(failure, store.location, lang);
  await tellResumable([recorder], opts, lang);
  return code;
}

/** `--steps` / `--choices`: the steps taken on a simulated clock, each recorded; the result as `run` prints it. */
async function resumeHeadless(stopped: Stopped, steps: readonly TestStep[], lang: Lang): Promise<number> {
  const { store, session, events, point } = stopped;
  const { compiled } = stopped.scenario;
  const recording = Recording.continue(store, session, compiled.scenario, events);
  const clock = new SimulatedClock();
  const play = new Play(compiled, {
    clock,
    snapshot: point.snapshot,
    ...(point.remainingMs !== undefined ? { remainingMs: point.remainingMs } : {}),
  });
  try {
    let code = takeSteps(play, clock, steps, recording, lang);
    const output = play.output;
    if (output) {
      const report = reportOf(compiled, output);
      void recording.finish(report);
      await recording.flush();
      printJson({ ...report });
    } else {
      await recording.flush();
      if (code === 0) {
        const turn = play.turn();
        printProblem(safeLine(stepMessages.ranOut(turn.node.id, expectsSaid(turn.node, turn.choices))[lang]));
        code = 2;
      }
    }
    reportRecorded(session.id, output !== undefined, lang);
    return code;
  } finally {
    play.stop();
  }
}

/** Takes the steps until the ending or a refused step (exit 2, the step named), recording each. */
function takeSteps(
  play: Play,
  clock: SimulatedClock,
  steps: readonly TestStep[],
  recording: Recording,
  lang: Lang,
): number {
  const scenario = play.compiled.scenario;
  for (let i = 0; i < steps.length && !play.done; i++) {
    const before = play.context.steps.length;
    try {
      takeStep(play, clock, steps[i]!);
    } catch (e) {
      if (!(e instanceof StepError)) throw e;
      printProblem(safeLine(stepMessages.atStep(i + 1, e.text)[lang]));
      return 2;
    }
    for (const r of play.context.steps.slice(before)) {
      void recording.step(
        r,
        { decisionMs: headlessDecisionMs(scenario, r), feedbackShown: false },
        { snapshot: play.persisted() },
      );
    }
  }
  return 0;
}
