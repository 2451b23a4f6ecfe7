/**
 * The play screen's Recorder (core/records/recorder.ts) backed by a session store: every step is
 * written as it happens, the actor snapshot after each decision, the result at the end.
 * The screen's callbacks must not throw, so a failed write is kept and reported when the
 * screen closes (see close()).
 *
 * A new session is stored from the trainee's first step, not when the case opens: a case
 * opened and left at once leaves nothing to continue, and such sessions would pile up in the
 * menu and in `roleplay sessions`. The session still starts at the time the case opened; the
 * automatic steps before the first decision are written just before it, in order.
 */
import type { RunReport, StepRecord } from '../core/index.js';
import type { Recorder, RunStart, SnapshotInfo, StepInfo } from '../core/records/recorder.js';
import { Recording } from './recording.js';
import type { SessionRow, SessionStore, StoredEvent } from './store.js';

export interface ContinueFrom {
  readonly session: SessionRow;
  readonly events: readonly StoredEvent[];
}

/** A run opened but not yet stored: its start, and the calls waiting for the first step. */
interface NotYetStored {
  readonly start: RunStart;
  readonly at: Date;
  readonly waiting: ((r: Recording) => unknown)[];
}

export class StoreRecorder implements Recorder {
  private current: Promise<Recording | undefined> | undefined;
  /** the started recording, so steps are written synchronously, as they happen */
  private ready: Recording | undefined;
  private notYet: NotYetStored | undefined;
  private readonly all: Promise<Recording | undefined>[] = [];
  private error: unknown;

  /** `from`: the unfinished session a resumed play continues; `now`: the clock for when a session started */
  constructor(
    readonly store: SessionStore,
    readonly trainee: string,
    private from?: ContinueFrom,
    private readonly now: () => Date = () => new Date(),
  ) {}

  onStart(start: RunStart): void {
    const from = this.from;
    this.from = undefined;
    this.ready = undefined;
    this.current = undefined;
    this.notYet = undefined;
    if (start.resumed && from)
      this.begin(Promise.resolve(Recording.continue(this.store, from.session, start.scenario, from.events)));
    else this.notYet = { start, at: this.now(), waiting: [] };
  }

  onStep(record: StepRecord, info: StepInfo): void {
    this.with(
      (r) =>
        r.step(record, { shown: info.shownChoices, decisionMs: info.decisionMs, feedbackShown: info.feedbackShown }),
      record.action.kind !== 'auto',
    );
  }

  onSnapshot(persisted: unknown, info: SnapshotInfo): void {
    this.with((r) =>
      r.saveplay({ snapshot: persisted, ...(info.remainingMs !== undefined ? { remainingMs: info.remainingMs } : {}) }),
    );
  }

  onFinish(report: RunReport): void {
    this.with((r) => r.finish(report), true);
  }

  onLeave(): void {
    // Every step and the last snapshot are already stored; nothing more to write.
  }

  /** The id of the session being recorded (once its first step is stored). */
  async sessionId(): Promise<string | undefined> {
    return (await this.current)?.id;
  }

  /** The session of the last run when it was left before its ending with a step taken: it can be resumed. */
  async leftUnfinished(): Promise<string | undefined> {
    const r = await this.current;
    return r && !r.done && r.steps > 0 && r.failure === undefined ? r.id : undefined;
  }

  /** Waits for every write; resolves to the first failure, if any (for the command to word). */
  async close(): Promise<unknown> {
    const recordings = await Promise.all(this.all);
    for (const r of recordings) {
      try {
        await r?.flush();
      } catch (e) {
        this.error ??= e;
      }
    }
    return this.error;
  }

  private begin(started: Promise<Recording>): void {
    this.current = started
      .then((r) => (this.ready = r))
      .catch((e: unknown) => {
        this.error ??= e;
        return undefined;
      });
    this.all.push(this.current);
  }

  /** Stores the session opened by the last onStart; the calls that waited for it follow in order. */
  private storeNow(): void {
    const { start, at, waiting } = this.notYet!;
    this.notYet = undefined;
    this.begin(
      Recording.start(this.store, {
        scenario: start.scenario,
        source: start.source,
        ...(start.file !== undefined ? { file: start.file } : {}),
        trainee: this.trainee,
        lang: start.lang,
        mode: start.mode,
        startedAt: at,
        ...(start.shuffleSeed !== undefined ? { shuffleSeed: start.shuffleSeed } : {}),
      }),
    );
    for (const fn of waiting) this.with(fn);
  }

  /** `fn` on the recording; `stores` when this call is a reason to store a session not stored yet. */
  private with(fn: (r: Recording) => unknown, stores = false): void {
    if (this.notYet) {
      this.notYet.waiting.push(fn);
      if (stores) this.storeNow();
      return;
    }
    if (this.ready) {
      fn(this.ready);
      return;
    }
    const current = this.current;
    if (!current) return;
    // Recording.start has normally settled by the first step; chaining keeps the order when not.
    void current.then((r) => (r ? fn(r) : undefined));
  }
}
