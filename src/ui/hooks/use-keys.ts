/**
 * useInput with a handler that always sees the latest render. Ink re-subscribes a changed
 * handler in an effect, after the frame is drawn; a key typed in between would reach the
 * previous render's handler and act on a screen that is no longer shown (a fast second
 * keypress picking from the last node's choices). One stable subscription avoids that.
 * Printable keys typed quickly (or pasted) arrive as one string, e.g. "21": our handlers
 * act on single keys, so such a chunk is handed over one character at a time.
 */
import { useInput, type Key } from 'ink';
import { useCallback, useRef } from 'react';

export function useKeys(handler: (input: string, key: Key) => void, options: { isActive?: boolean } = {}): void {
  const ref = useRef(handler);
  ref.current = handler;
  const stable = useCallback((input: string, key: Key) => {
    const chars = [...input];
    if (chars.length <= 1 || key.ctrl || key.meta) {
      ref.current(input, key);
      return;
    }
    for (const ch of chars) ref.current(ch, key);
  }, []);
  useInput(stable, options);
}
