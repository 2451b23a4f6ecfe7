/**
 * The menu's state and keys: the selected case, the filter (`/`), the help (`?`), and the list
 * of unfinished sessions (`c`) that numbers then pick from. State is read back at once
 * (useSyncedState), since several keys can arrive before React draws again.
 */
import type { Key } from 'ink';
import { useState, useSyncExternalStore } from 'react';
import type { Lang } from '../../core/text.js';
import { LineEditor } from '../line-editor.js';
import type { MenuEntry, UnfinishedSession } from '../library.js';
import { useKeys } from './use-keys.js';
import { useSyncedState } from './use-synced-state.js';

type Synced<T> = [() => T, (next: T | ((prev: T) => T)) => void, T];

export interface MenuState {
  /** the filter's text and cursor (`/` opens it; its keys come through useMenuKeys) */
  readonly filterEditor: LineEditor;
  /** the filter's text as of this render */
  readonly filter: string;
  readonly filtering: Synced<boolean>;
  readonly selected: Synced<number>;
  readonly help: boolean;
  readonly setHelp: (on: boolean) => void;
  /** `c` shows the unfinished sessions in place of the cases; numbers then pick a session */
  readonly continuing: Synced<boolean>;
  readonly picked: Synced<number>;
}

/** What the keys act on, besides the state. */
export interface MenuActions {
  readonly lang: Lang;
  readonly unfinished: readonly UnfinishedSession[];
  readonly onPick: (entry: MenuEntry) => void;
  readonly onLang: (lang: Lang) => void;
  readonly onQuit: () => void;
  readonly onResume?: (session: UnfinishedSession) => void;
}

export function useMenuState(): MenuState {
  const [filterEditor] = useState(() => new LineEditor(100));
  const filter = useSyncExternalStore(filterEditor.subscribe, filterEditor.get).text;
  const filtering = useSyncedState(false);
  const selected = useSyncedState(0);
  const [help, setHelp] = useState(false);
  const continuing = useSyncedState(false);
  const picked = useSyncedState(0);
  return { filterEditor, filter, filtering, selected, help, setHelp, continuing, picked };
}

const otherLang = (lang: Lang): Lang => (lang === 'zh' ? 'en' : 'zh');

/** In the list of unfinished sessions: move, pick (⏎ or a number), or go back to the cases. */
function onUnfinishedKey(m: MenuState, a: MenuActions, input: string, key: Key): void {
  const [pickedNow, setPicked] = m.picked;
  const { unfinished, onResume } = a;
  const at = Math.min(pickedNow(), Math.max(0, unfinished.length - 1));
  if (key.upArrow) setPicked(Math.max(0, at - 1));
  else if (key.downArrow) setPicked(Math.max(0, Math.min(unfinished.length - 1, at + 1)));
  else if (key.return) {
    if (unfinished[at] && onResume) onResume(unfinished[at]);
  } else if (/^[1-9]$/.test(input)) {
    const u = unfinished[Number(input) - 1];
    if (u && onResume) {
      setPicked(Number(input) - 1);
      onResume(u);
    }
  } else if (input === 'l' || input === 'L') a.onLang(otherLang(a.lang));
  else if (input === '?') m.setHelp(true);
  else if (key.escape || input === 'q' || input === 'c') m.continuing[1](false);
}

/** While the filter is open: Esc clears it, Enter keeps it; the other keys edit it. */
function onFilterKey(m: MenuState, input: string, key: Key): void {
  const [, setSelected] = m.selected;
  if (key.escape) {
    m.filterEditor.clear();
    m.filtering[1](false);
    setSelected(0);
  } else if (key.return) m.filtering[1](false);
  else if (m.filterEditor.press(input, key)) setSelected(0);
}

/** On the list of cases: pick (⏎ or a number), filter, unfinished sessions, language, help, quit. */
function onCaseKey(m: MenuState, a: MenuActions, shown: readonly MenuEntry[], input: string, key: Key): void {
  const [, setSelected] = m.selected;
  const sel = Math.min(m.selected[0](), Math.max(0, shown.length - 1));
  if (key.return) {
    if (shown[sel]) a.onPick(shown[sel]);
  } else if (/^[1-9]$/.test(input)) {
    const entry = shown[Number(input) - 1];
    if (entry) {
      setSelected(Number(input) - 1);
      a.onPick(entry);
    }
  } else if (input === '/') m.filtering[1](true);
  else if ((input === 'c' || input === 'C') && a.unfinished.length > 0 && a.onResume) {
    m.picked[1](0);
    m.continuing[1](true);
  } else if (input === 'l' || input === 'L') a.onLang(otherLang(a.lang));
  else if (input === '?') m.setHelp(true);
  else if (key.escape && m.filterEditor.text) {
    m.filterEditor.clear();
    setSelected(0);
  } else if (input === 'q' || key.escape) a.onQuit();
}

export function useMenuKeys(m: MenuState, a: MenuActions, shown: readonly MenuEntry[]): void {
  useKeys(
    (input, key, paste) => {
      const [selectedNow, setSelected] = m.selected;
      const sel = Math.min(selectedNow(), Math.max(0, shown.length - 1));
      // Only the filter takes pasted text.
      if (paste) {
        if (!m.help && !m.continuing[0]() && m.filtering[0]() && m.filterEditor.press(input, key)) setSelected(0);
        return;
      }
      if (m.help) {
        m.setHelp(false);
        return;
      }
      if (m.continuing[0]()) return onUnfinishedKey(m, a, input, key);
      if (key.upArrow) return setSelected(Math.max(0, sel - 1));
      if (key.downArrow) return setSelected(Math.max(0, Math.min(shown.length - 1, sel + 1)));
      if (m.filtering[0]()) return onFilterKey(m, input, key);
      onCaseKey(m, a, shown, input, key);
    },
    { paste: true },
  );
}
