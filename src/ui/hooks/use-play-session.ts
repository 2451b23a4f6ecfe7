/**
 * The state and engine behind the encounter screen: the core Play actor on a pausable clock,
 * what the trainee has selected, the practice feedback and overlay on screen, and the
 * recorder told about every step as it happens (see core/records/recorder.ts). The screen draws what
 * this returns and turns keys into its actions; nothing here draws.
 */
import { useEffect, useReducer, useRef, useState } from 'react';
import type { CompiledScenario, Lang, RunOutput, ScenarioNode, StepRecord, Turn } from '../../core/index.js';
import type { Recorder, ResumePoint } from '../../core/records/recorder.js';
import type { Mode } from '../../core/records/records.js';
import { Play, reportOf, StepError } from '../../core/play/session.js';
import { shuffledChoices } from '../../core/play/shuffle.js';
import type { Clock } from '../../core/play/session.js';
import { PausableClock } from '../clock.js';
import { LineEditor } from '../line-editor.js';
import { preparedDebriefLines } from '../debrief.js';
import type { OpenedScenario } from '../library.js';
import { meterDeltas } from '../meters.js';
import { useClockTick } from './use-clock-tick.js';
import { useSyncedState } from './use-synced-state.js';

export interface PlaySessionProps {
  readonly opened: OpenedScenario;
  readonly compiled: CompiledScenario;
  readonly mode: Mode;
  readonly lang: Lang;
  readonly clock: Clock;
  readonly width: number;
  readonly recorder?: Recorder;
  readonly resume?: ResumePoint;
  /** the seed the replies are shown in (core shuffle.ts); absent: file order */
  readonly shuffleSeed?: number;
  /** the run reached an ending (after the last feedback, in practice mode) */
  readonly onDone: (output: RunOutput) => void;
  /** the trainee confirmed leaving the case */
  readonly onLeave: () => void;
}

export type Overlay = 'none' | 'help' | 'quit';

/** The steps one decision caused: the trainee's own step and any automatic ones after it. */
export interface Decision {
  readonly steps: readonly StepRecord[];
  readonly deltas: Readonly<Record<string, number>>;
}

interface TurnStart {
  readonly node: string;
  readonly enteredAt: number;
  readonly shown: readonly string[];
  readonly meters: Readonly<Record<string, number>>;
}

export interface PlaySession {
  readonly play: Play;
  readonly clock: PausableClock;
  /** what is on screen now; undefined once the run has ended */
  readonly turn: Turn | undefined;
  /** the meter changes of the last decision */
  readonly deltas: Readonly<Record<string, number>>;
  /** practice feedback on screen (this render's value; `feedbackNow` for key handlers) */
  readonly feedback: Decision | undefined;
  readonly feedbackNow: () => Decision | undefined;
  readonly overlay: Overlay;
  readonly overlayNow: () => Overlay;
  readonly selected: number;
  readonly selectedNow: () => number;
  readonly setSelected: (next: number | ((prev: number) => number)) => void;
  /**
   * letters were typed at this choice as if it were a text field: Enter then picks nothing
   * (the highlighted reply is not the one the trainee meant) and the keys line says how to pick
   */
  readonly typedAtChoice: boolean;
  readonly typedAtChoiceNow: () => boolean;
  readonly setTypedAtChoice: (typed: boolean) => void;
  /** the text being typed at an input node (emptied whenever a step is taken) */
  readonly answer: LineEditor;
  /** rows the answer field wraps onto (the transcript gets what is left) */
  readonly answerRows: number;
  readonly setAnswerRows: (rows: number) => void;
  openOverlay(o: Overlay): void;
  closeOverlay(): void;
  continueAfterFeedback(): void;
  /** the choice at this index on screen now (a timeout may have moved on since the last frame) */
  choose(index: number): void;
  /** sends the typed answer (nothing when it is blank) */
  submit(): void;
  /** the trainee confirmed leaving */
  leave(): void;
}

function startPlay(compiled: CompiledScenario, clock: PausableClock, resume: ResumePoint | undefined): Play {
  return new Play(compiled, {
    clock,
    ...(resume
      ? { snapshot: resume.snapshot, ...(resume.remainingMs !== undefined ? { remainingMs: resume.remainingMs } : {}) }
      : {}),
  });
}

/** What is on screen: the turn with its visible choices in the order this session shows them (keys 1-9 follow it). */
function shownTurn(play: Play, seed: number | undefined): Turn {
  const turn = play.turn();
  return turn.node.kind === 'choice' ? { ...turn, choices: shuffledChoices(turn.choices, seed, turn.node.id) } : turn;
}

const turnStartOf = (play: Play, seed: number | undefined): TurnStart => ({
  node: play.node,
  enteredAt: play.nodeEnteredAt,
  shown: shownTurn(play, seed).choices.map((c) => c.id),
  meters: play.context.meters,
});

/** How long the trainee took: measured at the keypress, or the whole time allowed when the node timed out. */
function decisionTime(
  measured: number | undefined,
  fresh: readonly StepRecord[],
  node: ScenarioNode,
  now: number,
  start: TurnStart,
): number {
  const timedOut = fresh.some((s) => s.action.kind === 'timeout');
  if (measured !== undefined) return measured;
  return timedOut && (node.kind === 'choice' || node.kind === 'input') && node.timeout
    ? node.timeout.seconds * 1000
    : now - start.enteredAt;
}

/** Tells the recorder about fresh steps: how long the decision took, which choices were shown. */
function recordSteps(
  rec: Recorder | undefined,
  fresh: readonly StepRecord[],
  node: ScenarioNode,
  start: TurnStart,
  ms: number,
  feedbackShown: boolean,
): void {
  for (const s of fresh) {
    const own = s.action.kind !== 'auto';
    rec?.onStep?.(s, {
      shownChoices: own && node.kind === 'choice' ? start.shown : [],
      decisionMs: own ? ms : 0,
      feedbackShown,
    });
  }
}

/** While the run goes on, where it can resume: the actor's snapshot and the time left. */
function recordSnapshot(rec: Recorder | undefined, play: Play, now: number): void {
  if (play.done) return;
  const deadline = play.turn().deadline;
  rec?.onSnapshot?.(play.persisted(), {
    node: play.node,
    ...(deadline !== undefined ? { remainingMs: Math.max(0, deadline - now) } : {}),
  });
}

/** The run has ended and its last feedback is on screen: prepare the debrief after this frame, so the key that opens it does not wait. */
function useDebriefAhead(
  ended: RunOutput | undefined,
  engine: { readonly finished: boolean },
  props: PlaySessionProps,
): void {
  const { compiled, mode, lang, width } = props;
  useEffect(() => {
    if (!ended || engine.finished) return;
    const later = setTimeout(() => {
      preparedDebriefLines(compiled, ended, mode, lang, width);
    }, 0);
    return () => clearTimeout(later);
  }, [ended, compiled, mode, lang, width]);
}

/** The React state the engine sets (setters are stable across renders). */
interface ViewSetters {
  readonly setFeedback: (d: Decision | undefined) => void;
  readonly setDeltas: (d: Readonly<Record<string, number>>) => void;
  readonly setSelected: (n: number) => void;
  readonly setAnswerRows: (n: number) => void;
  readonly answer: LineEditor;
  readonly redraw: () => void;
}

/** What is not React state: the actor and its clock, and what has been reported of it so far. */
class Engine {
  /** steps already reported (a resumed run starts after its stored ones) */
  private handled: number;
  turnStart: TurnStart;
  /** set by a keypress just before it sends the step; absent when a timeout fired */
  private decisionMs: number | undefined;
  finished = false;

  constructor(
    readonly play: Play,
    readonly clock: PausableClock,
    private readonly latest: { readonly current: PlaySessionProps },
    private readonly view: ViewSetters,
  ) {
    this.handled = latest.current.resume ? play.context.steps.length : 0;
    this.turnStart = turnStartOf(play, latest.current.shuffleSeed);
  }

  /** Tells the recorder the run starts, reports steps already taken, follows the actor; returns the cleanup. */
  start(): () => void {
    const { opened, lang, mode, compiled, resume, shuffleSeed } = this.latest.current;
    this.latest.current.recorder?.onStart?.({
      scenario: compiled.scenario,
      source: opened.source,
      ...(opened.file !== undefined ? { file: opened.file } : {}),
      mode,
      lang,
      resumed: resume !== undefined,
      ...(shuffleSeed !== undefined ? { shuffleSeed } : {}),
    });
    // Automatic steps taken before the first decision (a `when` start node) are reported too.
    this.takeNewSteps();
    const sub = this.play.actor.subscribe(() => this.takeNewSteps());
    return () => {
      sub.unsubscribe();
      this.play.stop();
      this.clock.dispose();
    };
  }

  finish(): void {
    const output = this.play.output;
    if (this.finished || !output) return;
    this.finished = true;
    this.latest.current.recorder?.onFinish?.(reportOf(this.play.compiled, output), output);
    this.latest.current.onDone(output);
  }

  /** Report and show the steps the machine recorded since last time. */
  takeNewSteps(): void {
    const { play, clock, view } = this;
    const steps = play.context.steps;
    if (steps.length <= this.handled) return;
    const fresh = steps.slice(this.handled);
    this.handled = steps.length;
    const start = this.turnStart;
    const node = play.compiled.scenario.nodes[start.node]!;
    const ms = decisionTime(this.decisionMs, fresh, node, clock.now(), start);
    this.decisionMs = undefined;
    const showFeedback = this.latest.current.mode === 'practice' && fresh.some((s) => s.action.kind !== 'auto');
    const rec = this.latest.current.recorder;
    recordSteps(rec, fresh, node, start, ms, showFeedback);
    const d = meterDeltas(start.meters, play.context.meters);
    this.turnStart = turnStartOf(play, this.latest.current.shuffleSeed);
    recordSnapshot(rec, play, clock.now());
    view.setDeltas(d);
    view.setSelected(0);
    view.answer.clear();
    view.setAnswerRows(1);
    if (showFeedback) {
      clock.pause();
      view.setFeedback({ steps: fresh, deltas: d });
    } else if (play.done) {
      this.finish();
    }
    view.redraw();
  }

  decide(send: () => void): void {
    this.decisionMs = this.clock.now() - this.turnStart.enteredAt;
    try {
      send();
    } catch (e) {
      // The screen only offers valid steps; a StepError here means it fell behind a timeout.
      if (!(e instanceof StepError)) throw e;
      this.decisionMs = undefined;
      this.view.redraw();
    }
  }
}

export function usePlaySession(props: PlaySessionProps): PlaySession {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [feedbackNow, setFeedback, feedback] = useSyncedState<Decision | undefined>(undefined);
  const [deltas, setDeltas] = useState<Readonly<Record<string, number>>>({});
  const [overlayNow, setOverlay, overlay] = useSyncedState<Overlay>('none');
  const [selectedNow, setSelected, selected] = useSyncedState(0);
  const [typedAtChoiceNow, setTypedAtChoice, typedAtChoice] = useSyncedState(false);
  const [answerRows, setAnswerRows] = useState(1);
  const [answer] = useState(() => new LineEditor());
  const latest = useRef(props);
  latest.current = props;
  const [engine] = useState(() => {
    const clock = new PausableClock(props.clock);
    const play = startPlay(props.compiled, clock, props.resume);
    return new Engine(play, clock, latest, { setFeedback, setDeltas, setSelected, setAnswerRows, answer, redraw });
  });
  const { play, clock } = engine;

  useDebriefAhead(play.output, engine, props);
  // The play lives as long as this screen; a retry mounts a new one.
  useEffect(() => engine.start(), []);

  const turn = play.done ? undefined : shownTurn(play, props.shuffleSeed);
  // a new step (a timeout too) starts with nothing typed at it
  const stepsTaken = play.context.steps.length;
  useEffect(() => setTypedAtChoice(false), [stepsTaken]);
  useClockTick(clock, 250, turn?.deadline !== undefined && !feedback && overlay === 'none');

  return {
    play,
    clock,
    turn,
    deltas,
    feedback,
    feedbackNow,
    overlay,
    overlayNow,
    selected,
    selectedNow,
    setSelected,
    typedAtChoice,
    typedAtChoiceNow,
    setTypedAtChoice,
    answer,
    answerRows,
    setAnswerRows,
    openOverlay(o) {
      clock.pause();
      setOverlay(o);
    },
    closeOverlay() {
      setOverlay('none');
      if (!feedbackNow()) clock.resume();
    },
    continueAfterFeedback() {
      setFeedback(undefined);
      clock.resume();
      if (play.done) engine.finish();
    },
    // Read the play itself, not this render's `turn`: a timeout may have moved it since.
    choose(index) {
      const choice = play.done ? undefined : shownTurn(play, latest.current.shuffleSeed).choices[index];
      if (choice) engine.decide(() => play.choose(choice.id));
    },
    submit() {
      const text = answer.text;
      if (text.trim() === '' || play.done) return;
      engine.decide(() => play.say(text));
    },
    leave() {
      latest.current.recorder?.onLeave?.();
      latest.current.onLeave();
    },
  };
}
