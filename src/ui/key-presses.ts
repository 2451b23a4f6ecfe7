/**
 * Ink's input events as single key presses, in the order they were typed.
 *
 * Ink 6 splits a chunk read from the terminal at escape sequences only (arrows, Home, the
 * bracketed-paste markers), and hands each piece to useInput once: a held Backspace arrives
 * as "\x7f\x7f\x7f\x7f" with no key flag set, fast typing and Enter as "ok\r", an input
 * method's committed phrase as "您好". Handlers written for one key at a time see none of the
 * Backspaces and no Enter. This module turns every piece back into the keys it holds.
 *
 * Bracketed paste (the terminal wraps a paste in ESC[200~ … ESC[201~, see run-app.tsx) reaches
 * useInput as "[200~", the text, "[201~" (Ink drops the ESC); the text between comes as one
 * press marked `paste`, so a newline in it is text, not Enter, and a paste is never taken for
 * keys (a "2" in pasted text does not pick choice 2).
 */
import type { Key } from 'ink';
import { graphemesOf } from '../text/layout.js';

export interface KeyPress {
  readonly input: string;
  readonly key: Key;
  /** text that arrived inside a bracketed paste (possibly one part of a long paste) */
  readonly paste?: true;
}

const PASTE_START = '[200~';
const PASTE_END = '[201~';

export const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

const noFlag = (key: Key) => !Object.values(key).some((v) => v === true);

/** One character of a run of plain input, as Ink would have reported it on its own. */
function pressOf(ch: string): KeyPress {
  if (ch === '\r' || ch === '\n' || ch === '\r\n') return { input: '\r', key: { ...NO_KEY, return: true } };
  // Most terminals send DEL (0x7f) for Backspace; Ink calls it `delete`, as it does ESC[3~.
  if (ch === '\u007f') return { input: '', key: { ...NO_KEY, delete: true } };
  if (ch === '\b') return { input: '', key: { ...NO_KEY, backspace: true } };
  if (ch === '\t') return { input: '\t', key: { ...NO_KEY, tab: true } };
  const code = ch.codePointAt(0)!;
  if (ch.length === 1 && code >= 1 && code <= 26)
    return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
  return { input: ch, key: { ...NO_KEY, shift: ch.length === 1 && /[A-Z]/.test(ch) } };
}

/**
 * Reads one subscriber's events. It keeps whether a paste is open, so it is one per
 * subscription (every useInput subscriber sees every event).
 */
export class KeyReader {
  private pasting = false;

  presses(input: string, key: Key): KeyPress[] {
    if (noFlag(key) && input === PASTE_START) {
      this.pasting = true;
      return [];
    }
    if (noFlag(key) && input === PASTE_END) {
      this.pasting = false;
      return [];
    }
    if (this.pasting) return input === '' ? [] : [{ input, key: NO_KEY, paste: true }];
    if (key.ctrl || key.meta || input.length <= 1) return [{ input, key }];
    const chars = graphemesOf(input);
    if (chars.length <= 1) return [{ input, key }];
    return chars.map(pressOf);
  }
}
