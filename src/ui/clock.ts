/**
 * Time for the play screen. The machine's `after` timeouts run on the clock the edge injects
 * (a real one in the terminal, XState's SimulatedClock in tests). The UI wraps it in a
 * PausableClock so that a countdown stops while the trainee reads practice feedback, the
 * help, or the "leave this case?" question: the time to answer is time spent on the turn.
 */
import type { Clock } from '../core/index.js';

export const realClock: Clock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

interface Timer {
  readonly fn: () => void;
  /** virtual time at which it fires */
  readonly due: number;
  handle: unknown;
}

export class PausableClock implements Clock {
  private readonly timers = new Map<number, Timer>();
  private nextId = 1;
  /** base time spent paused so far */
  private pausedTotal = 0;
  /** base time when the current pause began */
  private pausedAt: number | undefined;

  constructor(private readonly base: Clock) {}

  get paused(): boolean {
    return this.pausedAt !== undefined;
  }

  now(): number {
    return (this.pausedAt ?? this.base.now()) - this.pausedTotal;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    const timer: Timer = { fn, due: this.now() + ms, handle: undefined };
    this.timers.set(id, timer);
    if (!this.paused) this.arm(id, timer);
    return id;
  }

  clearTimeout(id: unknown): void {
    const timer = this.timers.get(id as number);
    if (!timer) return;
    if (timer.handle !== undefined) this.base.clearTimeout(timer.handle);
    this.timers.delete(id as number);
  }

  pause(): void {
    if (this.paused) return;
    this.pausedAt = this.base.now();
    for (const timer of this.timers.values()) {
      if (timer.handle !== undefined) this.base.clearTimeout(timer.handle);
      timer.handle = undefined;
    }
  }

  resume(): void {
    if (this.pausedAt === undefined) return;
    this.pausedTotal += this.base.now() - this.pausedAt;
    this.pausedAt = undefined;
    for (const [id, timer] of [...this.timers]) this.arm(id, timer);
  }

  /** Drop every pending timer (the play is over). */
  dispose(): void {
    for (const id of [...this.timers.keys()]) this.clearTimeout(id);
  }

  private arm(id: number, timer: Timer) {
    timer.handle = this.base.setTimeout(
      () => {
        if (!this.timers.has(id)) return;
        this.timers.delete(id);
        timer.fn();
      },
      Math.max(0, timer.due - this.now()),
    );
  }
}
