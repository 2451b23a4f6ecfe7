/**
 * useInput with a handler that always sees the latest render, called once per key press.
 *
 * Ink re-subscribes a changed handler in an effect, after the frame is drawn; a key typed in
 * between would reach the previous render's handler and act on a screen that is no longer
 * shown (a fast second keypress picking from the last node's choices). One stable
 * subscription avoids that.
 *
 * Several keys often arrive in one chunk (a held key, fast typing then Enter, an input
 * method's phrase): Ink hands such a chunk over whole, and our handlers act on one key at a
 * time, so it is split back into key presses (see key-presses.ts) and each is handled in
 * order; handlers read state that changed with the previous key through useSyncedState.
 * Pasted text (bracketed paste) reaches only handlers that ask for it (`paste: true`): for
 * the others a paste is not a sequence of keys.
 */
import { type Key, useInput } from 'ink';
import { useCallback, useRef } from 'react';
import { KeyReader } from '../key-presses.js';

/**
 * A handler returns DROP_REST when the keys after this one in the same chunk were typed before
 * the trainee could see what this one did (a decision that moves the case on): they are
 * dropped. Anything else it returns is ignored.
 */
export const DROP_REST = 'drop-rest';
export type KeyHandler = (input: string, key: Key, paste: boolean) => unknown;

export function useKeys(handler: KeyHandler, options: { isActive?: boolean; paste?: boolean } = {}): void {
  const ref = useRef(handler);
  ref.current = handler;
  const wantsPaste = useRef(options.paste === true);
  wantsPaste.current = options.paste === true;
  const reader = useRef<KeyReader | undefined>(undefined);
  reader.current ??= new KeyReader();
  const stable = useCallback((input: string, key: Key) => {
    for (const p of reader.current!.presses(input, key)) {
      if (p.paste && !wantsPaste.current) continue;
      if (ref.current(p.input, p.key, p.paste === true) === DROP_REST) break;
    }
  }, []);
  useInput(stable, options.isActive === undefined ? {} : { isActive: options.isActive });
}
