/**
 * The play screen's Recorder (core/recorder.ts) backed by a session store: every step is
 * written as it happens, the actor snapshot after each decision, the result at the end.
 * The screen's callbacks must not throw, so a failed write is kept and reported when the
 * screen closes (see close()).
 */
import type { RunReport, StepRecord } from '../core/index.js';
import type { Recorder, RunStart, SnapshotInfo, StepInfo } from '../core/recorder.js';
import { Recording } from './recording.js';
import type { SessionRow, SessionStore, StoredEvent } from './store.js';

export interface ContinueFrom {
  readonly session: SessionRow;
  readonly events: readonly StoredEvent[];
}

export class StoreRecorder implements Recorder {
  private current: Promise<Recording | undefined> | undefined;
  /** the started recording, so steps are written synchronously, as they happen */
  private ready: Recording | undefined;
  private readonly all: Promise<Recording | undefined>[] = [];
  private error: unknown;

  /** `from`: the unfinished session a resumed play continues */
  constructor(
    readonly store: SessionStore,
    readonly trainee: string,
    private from?: ContinueFrom,
  ) {}

  onStart(start: RunStart): void {
    const from = this.from;
    this.from = undefined;
    const begin =
      start.resumed && from
        ? Promise.resolve(Recording.continue(this.store, from.session, start.scenario, from.events))
        : Recording.start(this.store, {
            scenario: start.scenario,
            source: start.source,
            ...(start.file !== undefined ? { file: start.file } : {}),
            trainee: this.trainee,
            lang: start.lang,
            mode: start.mode,
            ...(start.shuffleSeed !== undefined ? { shuffleSeed: start.shuffleSeed } : {}),
          });
    this.ready = undefined;
    this.current = begin
      .then((r) => (this.ready = r))
      .catch((e: unknown) => {
        this.error ??= e;
        return undefined;
      });
    this.all.push(this.current);
  }

  onStep(record: StepRecord, info: StepInfo): void {
    this.with((r) =>
      r.step(record, { shown: info.shownChoices, decisionMs: info.decisionMs, feedbackShown: info.feedbackShown }),
    );
  }

  onSnapshot(persisted: unknown, info: SnapshotInfo): void {
    this.with((r) =>
      r.saveplay({ snapshot: persisted, ...(info.remainingMs !== undefined ? { remainingMs: info.remainingMs } : {}) }),
    );
  }

  onFinish(report: RunReport): void {
    this.with((r) => r.finish(report));
  }

  onLeave(): void {
    // Every step and the last snapshot are already stored; nothing more to write.
  }

  /** The id of the session being recorded (once started). */
  async sessionId(): Promise<string | undefined> {
    return (await this.current)?.id;
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

  private with(fn: (r: Recording) => unknown): void {
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
