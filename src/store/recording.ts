/**
 * One session being recorded: turns the machine's step records into stored events as they
 * happen. The event content (seq, choices shown, meters) is worked out synchronously when a
 * step is reported, and the writes are chained in order, so a caller that cannot await (the
 * play screen's callbacks) still records every step in sequence. With SQLite a write made while
 * none is pending has committed before the call returns.
 */
import { randomUUID } from 'node:crypto';
import {
  holds,
  initialMeters,
  localize,
  visitedBeforeLast,
  type Lang,
  type NodeId,
  type RunReport,
  type Scenario,
  type StepRecord,
} from '../core/index.js';
import { sourceOf } from './scenario-source.js';
import type {
  EventContent,
  SessionMode,
  RecordedAction,
  SavedPlay,
  SessionRow,
  SessionStore,
  StoredEvent,
} from './store.js';

export interface StartOptions {
  readonly scenario: Scenario;
  /** the YAML text the scenario was loaded from */
  readonly source: string;
  readonly file?: string;
  readonly trainee: string;
  readonly lang: Lang;
  readonly mode: SessionMode;
  readonly play?: SavedPlay;
  readonly now?: () => Date;
  /** when the session started, if not now (a play screen records from the first step, see recorder.ts) */
  readonly startedAt?: Date;
  /** the seed the play screen shuffles the replies with (absent: file order) */
  readonly shuffleSeed?: number;
}

export interface StepDetails {
  /** ids of the choices on screen; worked out from the scenario when not given */
  readonly shown?: readonly string[];
  readonly decisionMs: number;
  /** whether the step's feedback reached the trainee's screen */
  readonly feedbackShown: boolean;
}

export class Recording {
  private queue: Promise<unknown> = Promise.resolve();
  private error: unknown;
  private finished = false;
  private pending = 0;

  private constructor(
    readonly store: SessionStore,
    readonly session: SessionRow,
    readonly scenario: Scenario,
    /** every node entered so far, ending with the current one */
    private path: NodeId[],
    private meters: Readonly<Record<string, number>>,
    private seq: number,
    private readonly now: () => Date,
  ) {}

  static async start(store: SessionStore, o: StartOptions): Promise<Recording> {
    const now = o.now ?? (() => new Date());
    const source = sourceOf(o.scenario, o.source, o.file);
    await store.saveSource(source);
    const session = await store.startSession(
      {
        id: randomUUID(),
        trainee: o.trainee,
        scenarioId: o.scenario.id,
        scenarioHash: source.hash,
        lang: o.lang,
        mode: o.mode,
        startedAt: (o.startedAt ?? now()).toISOString(),
        ...(o.shuffleSeed !== undefined ? { shuffleSeed: o.shuffleSeed } : {}),
      },
      o.play,
    );
    return new Recording(store, session, o.scenario, [o.scenario.start], initialMeters(o.scenario.meters), 0, now);
  }

  /** Continues an unfinished session; `scenario` must be the one loaded from its stored source. */
  static continue(
    store: SessionStore,
    session: SessionRow,
    scenario: Scenario,
    events: readonly StoredEvent[],
    now: () => Date = () => new Date(),
  ): Recording {
    const path = [scenario.start, ...events.map((e) => e.goto)];
    const meters = events.length ? events[events.length - 1]!.meters : initialMeters(scenario.meters);
    return new Recording(store, session, scenario, path, meters, events.length, now);
  }

  get id(): string {
    return this.session.id;
  }

  /** Steps recorded in this session so far, those before a resume included. */
  get steps(): number {
    return this.seq;
  }

  /** Whether the session has its result. */
  get done(): boolean {
    return this.finished;
  }

  /** The first write that failed, if any (the play screen cannot be interrupted by it). */
  get failure(): unknown {
    return this.error;
  }

  /** Ids of the choices visible at the current node, as the machine's guards see them. */
  visibleChoices(): string[] {
    const node = this.scenario.nodes[this.path[this.path.length - 1]!];
    if (node?.kind !== 'choice') return [];
    const before = visitedBeforeLast(this.path);
    return node.choices.filter((c) => holds(c.if, this.meters, before)).map((c) => c.id);
  }

  step(record: StepRecord, details: StepDetails, play?: SavedPlay): Promise<StoredEvent | undefined> {
    const content: EventContent = {
      seq: ++this.seq,
      at: this.now().toISOString(),
      node: record.node,
      action: actionOf(record),
      shown: [...(details.shown ?? this.visibleChoices())],
      decisionMs: Math.max(0, Math.round(details.decisionMs)),
      points: { ...record.score },
      meters: { ...record.meters },
      feedback:
        details.feedbackShown && record.feedback !== undefined ? localize(record.feedback, this.session.lang) : null,
      goto: record.goto,
    };
    this.path = [...this.path, record.goto];
    this.meters = record.meters;
    return this.enqueue(() => this.store.appendEvent(this.session.id, content, play));
  }

  /** Keeps the latest snapshot (e.g. after a decision, or when the trainee leaves). */
  saveplay(play: SavedPlay): Promise<void> {
    return this.enqueue(() => this.store.savePlay(this.session.id, play));
  }

  finish(report: RunReport): Promise<SessionRow | undefined> {
    if (this.finished) return Promise.resolve(undefined);
    this.finished = true;
    const finishedAt = this.now().toISOString();
    return this.enqueue(() =>
      this.store.finishSession(this.session.id, {
        finishedAt,
        outcome: report.outcome,
        ending: report.ending,
        total: report.score.total,
        max: report.score.max,
        percent: report.score.percent,
        passed: report.score.passed,
        lessons: report.score.lessons,
      }),
    );
  }

  /** Waits for every queued write; rejects with the first failure. */
  async flush(): Promise<void> {
    await this.queue;
    if (this.error !== undefined) throw this.error;
  }

  /**
   * Runs the write now when nothing is pending (so with SQLite it has committed before the
   * caller goes on), else after the writes before it.
   */
  private enqueue<T>(write: () => Promise<T>): Promise<T | undefined> {
    const run = async (): Promise<T | undefined> => {
      // After one failure, later steps would break the chain's order: stop writing.
      if (this.error !== undefined) return undefined;
      this.pending++;
      try {
        return await write();
      } catch (e) {
        this.error = e;
        return undefined;
      } finally {
        this.pending--;
      }
    };
    const next = this.pending === 0 ? run() : this.queue.then(run);
    this.queue = next;
    return next;
  }
}

function actionOf(record: StepRecord): RecordedAction {
  const a = record.action;
  switch (a.kind) {
    case 'choice':
      return { kind: 'choice', choice: a.choice };
    case 'say':
      return { kind: 'say', text: a.text, rule: a.rule };
    case 'timeout':
      return { kind: 'timeout' };
    case 'auto':
      return { kind: 'auto', branch: a.branch };
  }
}
