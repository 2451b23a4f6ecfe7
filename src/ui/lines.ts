/**
 * Screens are built as lists of already-wrapped lines, so that their height is known before
 * Ink draws them: that is what lets every screen fit 80×24 and scroll when it does not.
 * A line is a list of styled pieces. Text put into a line must already be safe (safeText).
 */
import { truncate, widthOf, wrapText } from '../text/layout.js';

/** `cursor`: the cell under a text field's cursor (drawn inverse, with or without colour). */
export type Tone = 'title' | 'accent' | 'good' | 'bad' | 'warn' | 'muted' | 'speaker' | 'you' | 'selected' | 'cursor';

export interface Piece {
  readonly text: string;
  readonly tone?: Tone;
  readonly bold?: boolean;
}

export type Line = readonly Piece[];

export const blank: Line = [];

export function plain(text: string, tone?: Tone, bold?: boolean): Line {
  return [{ text, ...(tone ? { tone } : {}), ...(bold ? { bold } : {}) }];
}

/**
 * Wrap `text` to `width`, with `first` before the first line and the other lines indented
 * by its width (a hanging indent, as for numbered choices and speaker names).
 */
export function paragraph(
  text: string,
  width: number,
  options: { tone?: Tone; bold?: boolean; first?: Line; indent?: number } = {},
): Line[] {
  const first = options.first ?? [];
  const lead = options.indent ?? first.reduce((w, p) => w + widthOf(p.text), 0);
  const wrapped = wrapText(text, Math.max(4, width - lead));
  const style = { ...(options.tone ? { tone: options.tone } : {}), ...(options.bold ? { bold: true } : {}) };
  return wrapped.map((l, i) => [...(i === 0 ? first : [{ text: ' '.repeat(lead) }]), { text: l, ...style }]);
}

/**
 * `label` then `text` with a hanging indent; when the label is long (a speaker called "The
 * man in the white coat"), the text goes under it instead, so it keeps most of the width.
 * `continued`: the same speaker goes on (a second line of one turn), so the label is not
 * repeated; the text keeps its place under the first.
 */
export function labelled(label: Piece, text: string, width: number, tone?: Tone, continued = false): Line[] {
  const style = tone ? { tone } : {};
  const labelWidth = widthOf(label.text);
  if (labelWidth <= Math.min(16, Math.floor(width / 4))) {
    const first = continued ? [{ text: ' '.repeat(labelWidth) }] : [label];
    return paragraph(text, width, { first, ...style });
  }
  const under = paragraph(text, width, { first: [{ text: '  ' }], ...style });
  return continued ? under : [fitLine([label], width), ...under];
}

/** A paragraph whose last line ends with `suffix` (e.g. points), wrapped so that the suffix fits. */
export function paragraphWith(
  text: string,
  width: number,
  suffix: Line,
  options: { tone?: Tone; first?: Line; indent?: number } = {},
): Line[] {
  const sw = lineWidth(suffix) + 2;
  const lines = paragraph(text, width - sw, options);
  const last = lines.length - 1;
  return lines.map((l, i) => (i === last ? [...l, { text: '  ' }, ...suffix] : l));
}

/** Cut a line to `width` columns (used where wrapping would break alignment, e.g. list rows). */
export function fitLine(line: Line, width: number): Line {
  const out: Piece[] = [];
  let used = 0;
  for (const p of line) {
    const w = widthOf(p.text);
    if (used + w <= width) {
      out.push(p);
      used += w;
      continue;
    }
    const room = width - used;
    if (room > 0) out.push({ ...p, text: truncate(p.text, room) });
    break;
  }
  return out;
}

export function lineWidth(line: Line): number {
  return line.reduce((w, p) => w + widthOf(p.text), 0);
}

/**
 * A line of keys ("Enter 开始 · Tab 切换模式 · q 退出") that fits `width`: it breaks between
 * its `·`-separated items, never inside one, so a narrow terminal shows every key.
 */
export function keyLines(text: string, width: number, tone: Tone = 'muted'): Line[] {
  const items = text.split(' · ');
  const rows: string[] = [];
  let row = '';
  for (const item of items) {
    const next = row === '' ? item : `${row} · ${item}`;
    if (row !== '' && widthOf(next) > width) {
      rows.push(row);
      row = item;
    } else row = next;
  }
  rows.push(row);
  return rows.flatMap((r) => paragraph(r, width, { tone }));
}

/** A horizontal rule `width` columns wide. */
export function rule(width: number): Line {
  return plain('─'.repeat(Math.max(0, width)), 'muted');
}

/** The window of `lines` that fits `height` rows when scrolled by `offset` (clamped). */
export function windowOf(
  lines: readonly Line[],
  height: number,
  offset: number,
): { visible: readonly Line[]; offset: number; maxOffset: number } {
  const maxOffset = Math.max(0, lines.length - height);
  const o = Math.min(Math.max(0, offset), maxOffset);
  return { visible: lines.slice(o, o + height), offset: o, maxOffset };
}
