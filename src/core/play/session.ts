/**
 * Playing a scenario: an XState actor of the compiled machine, plus the questions a player
 * needs answered (what is on screen now, which choices are visible, when does the clock run
 * out). Time comes from an injected Clock, so the core never reads the real one: the UI
 * passes a real clock, headless runs and tests pass XState's SimulatedClock.
 */
import { createActor, SimulatedClock, type Actor } from 'xstate';
import { holdsOnPath } from './conditions.js';
import type {
  CompiledScenario,
  RunContext,
  RunOutput,
  ScenarioMachine,
  ScenarioSnapshot,
  StepRecord,
} from './machine.js';
import type { Choice, NodeId, ScenarioNode, TestStep } from '../format/model.js';
import { scoreOf, type Score } from './scoring.js';
import type { Lang } from '../text.js';
import type { Said } from '../format/messages.js';
import { expectsSaid, stepMessages } from './step-messages.js';

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** What the trainee faces at the current node. */
export interface Turn {
  readonly node: ScenarioNode;
  readonly choices: readonly Choice[];
  /** clock time at which the node's timeout fires, if it has one */
  readonly deadline?: number;
}

/** A step that cannot be taken here, with its reason in both languages (`message` is the English one, for logs). */
export class StepError extends Error {
  constructor(
    readonly text: Said,
    readonly node: NodeId,
  ) {
    super(text.en);
  }

  in(lang: Lang): string {
    return this.text[lang];
  }
}

export interface PlayOptions {
  readonly clock: Clock;
  /** a persisted snapshot to continue from (see Play.persisted) */
  readonly snapshot?: unknown;
  /** when restoring at a timed node: how long the trainee still has (default: the full time) */
  readonly remainingMs?: number;
}

export class Play {
  readonly actor: Actor<ScenarioMachine>;
  private enteredAt: number;
  private currentNode: NodeId;
  private rearmed: unknown;

  constructor(
    readonly compiled: CompiledScenario,
    private readonly options: PlayOptions,
  ) {
    this.actor = createActor(compiled.machine, {
      clock: options.clock,
      ...(options.snapshot !== undefined ? { snapshot: options.snapshot as ScenarioSnapshot } : {}),
    });
    this.currentNode = compiled.nodeOf(this.actor.getSnapshot());
    this.enteredAt = options.clock.now();
    // The path ends with the node the run is at: a longer path is a node entered now.
    this.actor.subscribe((snap) => {
      const path = snap.context.path;
      if (path.length !== this.lastPathLength) {
        this.lastPathLength = path.length;
        this.currentNode = path[path.length - 1]!;
        this.enteredAt = options.clock.now();
        if (this.rearmed !== undefined) this.clearRearmed();
      }
    });
    this.lastPathLength = this.actor.getSnapshot().context.path.length;
    this.actor.start();
    this.currentNode = compiled.nodeOf(this.actor.getSnapshot());
    if (options.snapshot !== undefined) this.rearmTimeout(options.remainingMs);
  }

  private lastPathLength: number;

  /**
   * XState does not re-arm an `after` delay when an actor is restored from a persisted
   * snapshot (statelyai/xstate#5331), so a restored timed node would wait forever. We raise
   * the same internal event ourselves when the time is up.
   */
  private rearmTimeout(remainingMs?: number) {
    const node = this.compiled.scenario.nodes[this.currentNode]!;
    const event = this.compiled.timeoutEvent(this.currentNode);
    if (!event || this.done || (node.kind !== 'choice' && node.kind !== 'input') || !node.timeout) return;
    const full = node.timeout.seconds * 1000;
    const ms = Math.max(0, Math.min(full, remainingMs ?? full));
    this.enteredAt = this.options.clock.now() - (full - ms);
    const pathLength = this.lastPathLength;
    this.rearmed = this.options.clock.setTimeout(() => {
      this.rearmed = undefined;
      if (!this.done && this.lastPathLength === pathLength) this.actor.send({ type: event } as never);
    }, ms);
  }

  private clearRearmed() {
    if (this.rearmed !== undefined) {
      this.options.clock.clearTimeout(this.rearmed);
      this.rearmed = undefined;
    }
  }

  get snapshot(): ScenarioSnapshot {
    return this.actor.getSnapshot();
  }

  get context(): RunContext {
    return this.snapshot.context;
  }

  get done(): boolean {
    return this.snapshot.status === 'done';
  }

  get output(): RunOutput | undefined {
    return this.done ? this.snapshot.output : undefined;
  }

  get node(): NodeId {
    return this.currentNode;
  }

  /** clock time when the current node was entered */
  get nodeEnteredAt(): number {
    return this.enteredAt;
  }

  turn(): Turn {
    const node = this.compiled.scenario.nodes[this.currentNode]!;
    const ctx = this.context;
    let choices: readonly Choice[] = [];
    // (the node's own list when none of its choices has a condition: no copy per turn)
    if (node.kind === 'choice')
      choices = hasConditions(node.choices)
        ? node.choices.filter((c) => !c.if || holdsOnPath(c.if, ctx.meters, ctx.path))
        : node.choices;
    const timeout = node.kind === 'choice' || node.kind === 'input' ? node.timeout : undefined;
    if (!timeout || this.done) return { node, choices };
    return { node, choices, deadline: this.enteredAt + timeout.seconds * 1000 };
  }

  /** Pick a visible choice by id; throws StepError naming the valid ones otherwise. */
  choose(choiceId: string): StepRecord {
    const node = this.compiled.scenario.nodes[this.currentNode]!;
    if (this.done) throw new StepError(stepMessages.alreadyEnded(this.currentNode), this.currentNode);
    if (node.kind !== 'choice') {
      throw new StepError(stepMessages.notAChoiceNode(node.id, choiceId, expectsSaid(node)), node.id);
    }
    // the one choice asked for, not the whole visible list (built only to say what went wrong)
    const choice = node.choices.find((c) => c.id === choiceId);
    const ctx = this.context;
    if (!choice || !holdsOnPath(choice.if, ctx.meters, ctx.path)) {
      const visible = this.turn().choices.map((c) => c.id);
      throw new StepError(stepMessages.notVisible(node.id, choiceId, choice !== undefined, visible), node.id);
    }
    return this.send({ type: 'choose', choice: choiceId });
  }

  /** Type an answer at an input node. */
  say(text: string): StepRecord {
    const node = this.compiled.scenario.nodes[this.currentNode]!;
    if (this.done) throw new StepError(stepMessages.alreadyEnded(this.currentNode), this.currentNode);
    if (node.kind !== 'input') {
      const turn = this.turn();
      throw new StepError(stepMessages.notAnInputNode(node.id, expectsSaid(node, turn.choices)), node.id);
    }
    return this.send({ type: 'say', text });
  }

  private send(event: { type: 'choose'; choice: string } | { type: 'say'; text: string }): StepRecord {
    const before = this.context.steps.length;
    this.actor.send(event);
    return this.context.steps[before]!;
  }

  /** The snapshot to store and restore from; its path and steps are copies (they grow in place: run-growth.ts). */
  persisted(): unknown {
    const persisted = this.actor.getPersistedSnapshot() as unknown as { context: RunContext };
    const { path, steps } = persisted.context;
    return { ...persisted, context: { ...persisted.context, path: path.slice(), steps: steps.slice() } };
  }

  stop() {
    this.clearRearmed();
    this.actor.stop();
  }
}

function hasConditions(choices: readonly Choice[]): boolean {
  for (const c of choices) if (c.if) return true;
  return false;
}

/** The result of a finished run, in the shape of the command-line contract. */
export interface RunReport {
  readonly scenario: string;
  readonly outcome: RunOutput['outcome'];
  readonly ending: NodeId;
  readonly path: readonly NodeId[];
  readonly meters: RunOutput['meters'];
  readonly score: Score;
}

export function reportOf(compiled: CompiledScenario, output: RunOutput): RunReport {
  return {
    scenario: compiled.scenario.id,
    outcome: output.outcome,
    ending: output.ending,
    path: output.path,
    meters: output.meters,
    score: scoreOf(compiled.scenario, output.points, output.outcome),
  };
}

export type RunResult =
  | { readonly ok: true; readonly report: RunReport; readonly output: RunOutput }
  | {
      readonly ok: false;
      /** why the run stopped, in both languages, for the trainer */
      readonly text: Said;
      /** the same in English (text.en), for logs and tests */
      readonly error: string;
      readonly node: NodeId;
      readonly step?: number;
    };

const failed = (text: Said, node: NodeId, step?: number): RunResult => ({
  ok: false,
  text,
  error: text.en,
  node,
  ...(step === undefined ? {} : { step }),
});

/** Play a list of steps without a terminal, on a simulated clock. */
export function runSteps(
  compiled: CompiledScenario,
  steps: readonly TestStep[],
  onStep?: (record: StepRecord, play: Play) => void,
): RunResult {
  const clock = new SimulatedClock();
  const play = new Play(compiled, { clock });
  try {
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      const before = play.context.steps.length;
      try {
        takeStep(play, clock, step);
      } catch (error) {
        if (error instanceof StepError) return failed(stepMessages.atStep(i + 1, error.text), error.node, i + 1);
        throw error;
      }
      if (onStep) for (const r of play.context.steps.slice(before)) onStep(r, play);
    }
    const output = play.output;
    if (!output) {
      const turn = play.turn();
      return failed(stepMessages.ranOut(turn.node.id, expectsSaid(turn.node, turn.choices)), turn.node.id);
    }
    return { ok: true, output, report: reportOf(compiled, output) };
  } finally {
    play.stop();
  }
}

/**
 * One scripted step: a choice id, `{ say }`, or `{ wait: true }` (the clock runs to the node's
 * timeout). Throws a StepError, in both languages, when the step does not fit where the play is.
 */
export function takeStep(play: Play, clock: SimulatedClock, step: TestStep): void {
  if (typeof step === 'string') play.choose(step);
  else if ('say' in step) play.say(step.say);
  else wait(play, clock);
}

function wait(play: Play, clock: SimulatedClock) {
  const turn = play.turn();
  if (play.done) throw new StepError(stepMessages.alreadyEnded(play.node), play.node);
  if (turn.deadline === undefined) {
    throw new StepError(stepMessages.noTimeout(turn.node.id, expectsSaid(turn.node, turn.choices)), turn.node.id);
  }
  clock.increment(Math.max(0, turn.deadline - clock.now()));
}
