/**
 * useInput with a handler that always sees the latest render. Ink re-subscribes a changed
 * handler in an effect, after the frame is drawn; a key typed in between would reach the
 * previous render's handler and act on a screen that is no longer shown (a fast second
 * keypress picking from the last node's choices). One stable subscription avoids that.
 */
import { useInput, type Key } from 'ink';
import { useCallback, useRef } from 'react';

export function useKeys(handler: (input: string, key: Key) => void, options: { isActive?: boolean } = {}): void {
  const ref = useRef(handler);
  ref.current = handler;
  const stable = useCallback((input: string, key: Key) => ref.current(input, key), []);
  useInput(stable, options);
}
