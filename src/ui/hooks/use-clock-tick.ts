/**
 * Re-render every `ms` on the injected clock while `active`, for countdowns. Using the
 * play's clock (not setInterval) keeps tests on a simulated clock and stops the countdown
 * while that clock is paused.
 */
import { useEffect, useReducer } from 'react';
import type { Clock } from '../../core/index.js';

export function useClockTick(clock: Clock, ms: number, active: boolean): void {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!active) return;
    let handle: unknown;
    const schedule = () => {
      handle = clock.setTimeout(() => {
        tick();
        schedule();
      }, ms);
    };
    schedule();
    return () => clock.clearTimeout(handle);
  }, [clock, ms, active]);
}
