/**
 * Measuring, wrapping and padding text in terminal columns, for the screens (src/ui), the
 * reports (src/report) and the command line's help. Chinese characters take two columns, so
 * `length` is the wrong measure everywhere text is lined up; all manual layout goes through
 * string-width here. We wrap ourselves (rather than letting Ink wrap) because the screens
 * need to know how many rows a text takes to fit in 80×24.
 */
import stringWidth from 'string-width';

// Made on first use: building a segmenter loads ICU's break rules (~12 ms), which every
// command importing this module would pay at startup, lint included, though most text never
// needs it (see segmentsOf).
let graphemes: Intl.Segmenter | undefined;

// Layout runs on every keypress, over every character on screen: string-width and the
// grapheme segmenter are exact but slow, so plain text takes a fast path and each distinct
// grapheme's width is measured once.
const widthCache = new Map<string, number>();
/** Characters that can join into a multi-code-point grapheme (marks, joiners, selectors, flags, skin tones, Indic scripts). */
const COMPLEX =
  /[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0dff\u0e31-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff\u200c\u200d\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}\u{e0100}-\u{e01ef}]/u;

function graphemeWidth(g: string): number {
  if (g.length === 1) {
    const c = g.charCodeAt(0);
    if (c >= 0x20 && c < 0x7f) return 1;
  }
  let w = widthCache.get(g);
  if (w === undefined) {
    w = stringWidth(g);
    if (widthCache.size < 20_000) widthCache.set(g, w);
  }
  return w;
}

/** The grapheme clusters of `text`: code points when nothing in it can combine, else Intl.Segmenter. */
function segmentsOf(text: string): Iterable<string> {
  if (!COMPLEX.test(text)) return text;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** The grapheme clusters of `text` as a list: what a text cursor moves over (emoji, Chinese, accents alike). */
export function graphemesOf(text: string): string[] {
  return Array.from(segmentsOf(text));
}

/** The width of one grapheme cluster in columns (0 for a lone combining mark). */
export function graphemeColumns(grapheme: string): number {
  return graphemeWidth(grapheme);
}

export function widthOf(text: string): number {
  let w = 0;
  for (const g of segmentsOf(text)) w += graphemeWidth(g);
  return w;
}

/** Closing punctuation a line should not start with (Chinese typesetting, kinsoku). */
const NO_LINE_START = new Set([...'，。、；：！？）》」』】〕〉”’,.;:!?)]}…']);

/** Opening punctuation a line should not end with: it goes to the next line with what it opens. */
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);

type Token = { readonly text: string; readonly width: number; readonly space: boolean };

/** Words for Latin text, single characters for wide text (which may break anywhere). */
function tokensOf(line: string): Token[] {
  const out: Token[] = [];
  let word = '';
  let wordWidth = 0;
  const flush = () => {
    if (word) out.push({ text: word, width: wordWidth, space: false });
    word = '';
    wordWidth = 0;
  };
  for (const segment of segmentsOf(line)) {
    const w = graphemeWidth(segment);
    if (segment === ' ') {
      flush();
      out.push({ text: ' ', width: 1, space: true });
    } else if (w >= 2) {
      flush();
      out.push({ text: segment, width: w, space: false });
    } else if (NO_LINE_START.has(segment) && word === '' && out.length > 0 && !out[out.length - 1]!.space) {
      // keep punctuation glued to what it follows, so it never starts a line alone
      const prev = out.pop()!;
      out.push({ text: prev.text + segment, width: prev.width + w, space: false });
    } else {
      word += segment;
      wordWidth += w;
    }
  }
  flush();
  // glue wide closing punctuation (，。) to the character before it, and an opening one (（“) to the one after
  const glued: Token[] = [];
  for (const t of out) {
    const prev = glued[glued.length - 1];
    // by its first and last characters: a token may already hold more punctuation (。” glued together)
    const joined = NO_LINE_START.has(t.text.charAt(0)) || NO_LINE_END.has(prev?.text.slice(-1) ?? '');
    if (prev && !prev.space && !t.space && joined) {
      glued[glued.length - 1] = { text: prev.text + t.text, width: prev.width + t.width, space: false };
    } else glued.push(t);
  }
  return glued;
}

/** Cut a token that is wider than a whole line into line-sized pieces. */
function hardBreak(text: string, width: number): string[] {
  const pieces: string[] = [];
  let cur = '';
  let curWidth = 0;
  for (const segment of segmentsOf(text)) {
    const w = graphemeWidth(segment);
    if (curWidth + w > width && cur) {
      pieces.push(cur);
      cur = '';
      curWidth = 0;
    }
    cur += segment;
    curWidth += w;
  }
  if (cur) pieces.push(cur);
  return pieces;
}

/** Wrap to `width` columns; newlines in the text start new lines; never returns an empty list. */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    const push = () => {
      lines.push(line.trimEnd());
      line = '';
      lineWidth = 0;
    };
    for (const token of tokensOf(paragraph)) {
      if (token.space && lineWidth === 0) continue;
      if (lineWidth + token.width <= w) {
        line += token.text;
        lineWidth += token.width;
        continue;
      }
      if (token.space) {
        push();
        continue;
      }
      if (lineWidth > 0) push();
      if (token.width <= w) {
        line = token.text;
        lineWidth = token.width;
      } else {
        const pieces = hardBreak(token.text, w);
        for (const p of pieces.slice(0, -1)) lines.push(p);
        line = pieces[pieces.length - 1] ?? '';
        lineWidth = widthOf(line);
      }
    }
    push();
  }
  return lines.length > 0 ? lines : [''];
}

/** Cut to at most `width` columns, ending in … when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (widthOf(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const segment of segmentsOf(text)) {
    const w = graphemeWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

/** Pad with spaces to exactly `width` columns (cutting first if it is too wide). */
export function padEnd(text: string, width: number): string {
  const t = truncate(text, width);
  return t + ' '.repeat(Math.max(0, width - widthOf(t)));
}

export function padStart(text: string, width: number): string {
  const t = truncate(text, width);
  return ' '.repeat(Math.max(0, width - widthOf(t))) + t;
}

/** Rows of cells aligned in columns; `right` lists the columns aligned to the right. */
export function table(rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string[] {
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, widthOf(c));
    });
  return rows.map((r) =>
    r
      .map((c, i) =>
        i === r.length - 1 && !right.has(i) ? c : right.has(i) ? padStart(c, widths[i]!) : padEnd(c, widths[i]!),
      )
      .join('  ')
      .trimEnd(),
  );
}
