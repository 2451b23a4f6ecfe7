/**
 * A one-line text being typed: the text and a cursor counted in grapheme clusters, so that
 * a Chinese character, an emoji or an accented letter is one step of ← →, one Backspace.
 * `edit` applies one key press (see key-presses.ts); LineEditor holds the state between
 * presses so that the keys of one chunk see each other's result before React draws again,
 * and tells only the field that draws it (useSyncExternalStore), not the whole screen.
 */
import type { Key } from 'ink';
import { safeLine } from '../core/sanitize.js';
import { graphemesOf } from '../text/layout.js';

export interface EditState {
  readonly text: string;
  /** graphemes before the cursor */
  readonly cursor: number;
}

export const EMPTY: EditState = { text: '', cursor: 0 };

/** Longer answers are cut while typing: matching reads only the first 2,000 characters anyway. */
export const MAX_GRAPHEMES = 500;

/** What typed or pasted text becomes in a one-line field: line breaks and tabs are spaces, controls go. */
export function fieldText(text: string): string {
  return safeLine(text.replace(/[\r\n\t]+/g, ' '));
}

function insert(state: EditState, text: string, max: number): EditState {
  const add = fieldText(text);
  if (add === '') return state;
  const g = graphemesOf(state.text);
  const room = Math.max(0, max - g.length);
  const before = g.slice(0, state.cursor).join('') + graphemesOf(add).slice(0, room).join('');
  return { text: before + g.slice(state.cursor).join(''), cursor: graphemesOf(before).length };
}

function cut(state: EditState, from: number, to: number): EditState {
  const g = graphemesOf(state.text);
  const a = Math.max(0, Math.min(from, g.length));
  const b = Math.max(a, Math.min(to, g.length));
  return { text: [...g.slice(0, a), ...g.slice(b)].join(''), cursor: a };
}

/** Where the word before the cursor starts (Ctrl+W): back over spaces, then over the word. */
function wordStart(state: EditState): number {
  const g = graphemesOf(state.text);
  let i = state.cursor;
  while (i > 0 && g[i - 1] === ' ') i--;
  while (i > 0 && g[i - 1] !== ' ') i--;
  return i;
}

const move = (state: EditState, to: number): EditState => ({
  text: state.text,
  cursor: Math.max(0, Math.min(to, graphemesOf(state.text).length)),
});

/** Ctrl with a letter: the editing keys of a shell line (Ctrl+A start, Ctrl+E end, …). */
function ctrlKey(state: EditState, letter: string): EditState {
  switch (letter) {
    case 'a':
      return move(state, 0);
    case 'e':
      return move(state, Number.POSITIVE_INFINITY);
    case 'b':
      return move(state, state.cursor - 1);
    case 'f':
      return move(state, state.cursor + 1);
    case 'd':
      return cut(state, state.cursor, state.cursor + 1);
    case 'h':
      return cut(state, state.cursor - 1, state.cursor);
    case 'u':
      return cut(state, 0, state.cursor);
    case 'k':
      return cut(state, state.cursor, Number.POSITIVE_INFINITY);
    case 'w':
      return cut(state, wordStart(state), state.cursor);
    default:
      return state;
  }
}

/**
 * One key press applied to the text. Enter, Esc, Tab and ↑↓ are not editing keys: the screen
 * decides what they do. Ink reports the Backspace key (DEL) and the Delete key (ESC[3~) alike,
 * so both delete before the cursor; Ctrl+D deletes after it.
 */
export function edit(state: EditState, input: string, key: Key, max = MAX_GRAPHEMES): EditState {
  if (key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return state;
  if (key.backspace || key.delete) return cut(state, state.cursor - 1, state.cursor);
  if (key.leftArrow) return move(state, state.cursor - 1);
  if (key.rightArrow) return move(state, state.cursor + 1);
  if (key.home) return move(state, 0);
  if (key.end) return move(state, Number.POSITIVE_INFINITY);
  if (key.ctrl) return ctrlKey(state, input);
  if (key.meta) return state;
  return insert(state, input, max);
}

/** The state of one field between key presses; subscribers hear every change. */
export class LineEditor {
  private state: EditState = EMPTY;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly max = MAX_GRAPHEMES) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The state now (stable between changes, as useSyncExternalStore needs). */
  readonly get = (): EditState => this.state;

  get text(): string {
    return this.state.text;
  }

  /** Applies one key press; true when it changed the text or moved the cursor. */
  press(input: string, key: Key): boolean {
    return this.set(edit(this.state, input, key, this.max));
  }

  clear(): void {
    this.set(EMPTY);
  }

  private set(next: EditState): boolean {
    if (next.text === this.state.text && next.cursor === this.state.cursor) return false;
    this.state = next;
    for (const l of this.listeners) l();
    return true;
  }
}
