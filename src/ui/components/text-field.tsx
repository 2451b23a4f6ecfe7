/**
 * A one-line text field drawn over as many rows as it needs: a prefix ("› ", "筛选："), the
 * text broken at the column edge (every grapheme measured in columns, so Chinese and emoji
 * line up) and the cursor as an inverse cell. The text and cursor are a LineEditor's: the
 * screen's key handler edits it, and only this field draws again on a keystroke.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { graphemeColumns, graphemesOf, widthOf } from '../../text/layout.js';
import type { EditState, LineEditor } from '../line-editor.js';
import type { Line, Piece } from '../lines.js';
import { Lines } from './lines.js';

export interface FieldLook {
  readonly prefix: Line;
  readonly placeholder?: string;
  /** the cursor is drawn only while the field takes keys */
  readonly focus: boolean;
  readonly width: number;
  /** at most this many rows; a longer text shows the rows around the cursor */
  readonly maxRows?: number;
}

interface Cell {
  readonly text: string;
  readonly width: number;
  readonly piece: Omit<Piece, 'text'>;
}

/** The cells after the prefix: the text with the cursor cell marked, or the placeholder. */
function cellsOf(state: EditState, look: FieldLook): Cell[] {
  const cursor = { tone: 'cursor' as const };
  if (state.text === '' && look.placeholder) {
    return graphemesOf(look.placeholder).map((g, i) => ({
      text: g,
      width: graphemeColumns(g),
      piece: i === 0 && look.focus ? cursor : { tone: 'muted' as const },
    }));
  }
  const cells = graphemesOf(state.text).map(
    (g, i): Cell => ({ text: g, width: graphemeColumns(g), piece: i === state.cursor && look.focus ? cursor : {} }),
  );
  if (look.focus && state.cursor >= cells.length) cells.push({ text: ' ', width: 1, piece: cursor });
  return cells;
}

/** Rows of the field, broken at the width; the text continues under itself, after the prefix. */
export function fieldLines(state: EditState, look: FieldLook): { lines: Line[]; cursorRow: number } {
  const width = Math.max(4, look.width);
  const prefixWidth = look.prefix.reduce((w, p) => w + widthOf(p.text), 0);
  const indent = prefixWidth <= width / 2 ? prefixWidth : 0;
  const lines: Piece[][] = [[...look.prefix]];
  let used = prefixWidth;
  let cursorRow = 0;
  for (const cell of cellsOf(state, look)) {
    if (used + cell.width > width && used > indent) {
      lines.push(indent > 0 ? [{ text: ' '.repeat(indent) }] : []);
      used = indent;
    }
    const row = lines[lines.length - 1]!;
    if (cell.piece.tone === 'cursor') cursorRow = lines.length - 1;
    const last = row[row.length - 1];
    if (last && last.tone === cell.piece.tone && cell.piece.tone !== 'cursor' && last.tone !== 'cursor')
      row[row.length - 1] = { ...last, text: last.text + cell.text };
    else row.push({ text: cell.text, ...cell.piece });
    used += cell.width;
  }
  const max = Math.max(1, look.maxRows ?? lines.length);
  if (lines.length <= max) return { lines, cursorRow };
  const start = Math.min(Math.max(0, cursorRow - max + 1), lines.length - max);
  return { lines: lines.slice(start, start + max), cursorRow: cursorRow - start };
}

export function TextField(
  props: FieldLook & { readonly editor: LineEditor; readonly onRows?: (rows: number) => void },
) {
  const state = useSyncExternalStore(props.editor.subscribe, props.editor.get);
  const { lines } = fieldLines(state, props);
  const rows = lines.length;
  const { onRows } = props;
  useEffect(() => {
    onRows?.(rows);
  }, [rows, onRows]);
  return <Lines lines={lines} width={props.width} />;
}
