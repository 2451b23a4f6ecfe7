/**
 * Typing slips that the YAML parser reports as something else. A trainer writes
 * `text：Hello` (a Chinese input method's full-width colon), `goto:next` (no space after the
 * colon), `zh: "好的"我马上到` (text after a closing quote), or copies a choice without its
 * `- `; YAML reads none of these the way they were meant, and its complaint is about what
 * followed: a key over two lines, a key with no value, an unexpected scalar, keys out of
 * line, often on another line. This finds the slip on the complaint's line or the two before
 * it, so that the trainer is told what to retype and where. Pure: text in, slip out.
 */

export type FullWidthMark = '：' | '，' | '\u3000';

export type Slip =
  /** '：', '，' or '　' where YAML needs ':', ',' or a space */
  | { readonly kind: 'full-width'; readonly offset: number; readonly mark: FullWidthMark }
  /** `key:value` at the start of a line: the offset of the colon */
  | { readonly kind: 'no-space-after-colon'; readonly offset: number; readonly key: string }
  /** `"quoted" and more`: the offset of the opening quote */
  | { readonly kind: 'text-after-quote'; readonly offset: number; readonly quote: '"' | "'" }
  /** a list item's first key without its `- `, at the column of the items above: the offset of the key */
  | { readonly kind: 'missing-dash'; readonly offset: number; readonly key: string }
  /** `- key:` among the keys of a map, at their column: the offset of the dash */
  | { readonly kind: 'extra-dash'; readonly offset: number; readonly key: string }
  /** text that starts with a character YAML reads as syntax there (`*Note*`, `[Liu] …`): the offset of the text */
  | {
      readonly kind: 'starts-with-indicator';
      readonly offset: number;
      readonly mark: IndicatorMark;
      /** the rest of the line from the mark */
      readonly text: string;
    };

/** Characters that start something else than text at the start of a value. */
export type IndicatorMark = '*' | '&' | '[' | '{' | '>' | '|' | '@' | '`' | '%';

/** The keys of the format: ASCII names (ids, languages, fields). */
const KEY = String.raw`[A-Za-z_][\w-]*`;
/** A line that starts (after indentation with a full-width space in it) with a key. */
const INDENTED_KEY = new RegExp(String.raw`^ *\u3000[ \u3000]*(?:- +)?${KEY}[ \u3000]*[:：]`);
/** A key followed by a full-width colon, at the line's start, after `- `, or in { }. */
const KEY_COLON = new RegExp(String.raw`(?:^[ \u3000]*(?:- +)?|[{,][ \u3000]*)${KEY}[ \u3000]*：`);
/** In { } or [ ]: a full-width comma where the next item's key starts. */
const ITEM_COMMA = new RegExp(String.raw`[{[][^{}[\]]*?，[ \u3000]*${KEY}[ \u3000]*[:：]`);
/** A key at the line's start whose colon has no space after it (`goto:next`; not `url: http://…`). */
const COLON_NO_SPACE = new RegExp(String.raw`^ *(?:- +)?(${KEY}):(?=[^\s:/])`);
/**
 * A value (or list item) that starts with a YAML indicator and is text: `*Note* …`, `[Liu] …`
 * (a bracketed part with text after it), `@Liu`, `> see below`.
 */
const INDICATOR_START = new RegExp(
  String.raw`^( *(?:- +)?(?:${KEY}: +)?)(\[[^\]]*\] +\S.*|\{[^}]*\} +\S.*|[*&]\S+ +\S.*|[>|@%\x60].*\S)\s*$`,
);
/** A value that opens with a quote and goes on after the closing one. */
const AFTER_QUOTE = new RegExp(String.raw`^ *(?:- +)?(?:${KEY}: +)?(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*') *[^\s#,\]}:]`);

/**
 * The slip on the parser's line or on one of the two lines before it (nearest first), if
 * mending it answers the complaint: `answers` is given the text with the slip mended and says
 * whether the complaint is gone. (A slip-like line that is fine YAML, `- note:see below` in a
 * list of texts, is then not blamed for a problem elsewhere.)
 */
export function slipNear(text: string, offset: number, answers: (mendedText: string) => boolean): Slip | undefined {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  for (let lines = 0; lines < 3; lines++) {
    const end = text.indexOf('\n', start);
    const slip = slipIn(text, start, end < 0 ? text.length : end);
    const mended = (at: number, [remove, insert]: Mend) => text.slice(0, at) + insert + text.slice(at + remove);
    if (slip && mends(slip).some((m) => answers(mended(slip.offset, m)))) return slip;
    if (start === 0) return undefined;
    start = text.lastIndexOf('\n', start - 2) + 1;
  }
  return undefined;
}

/** How many characters at the slip's offset to take out, and what to put in. */
type Mend = readonly [number, string];

/** The ways to mend a slip (a full-width space is as wide as two spaces, or meant as one). */
function mends(slip: Slip): readonly Mend[] {
  switch (slip.kind) {
    case 'full-width':
      return slip.mark === '：'
        ? [[1, ': ']]
        : slip.mark === '，'
          ? [[1, ',']]
          : [
              [1, '  '],
              [1, ' '],
            ];
    case 'no-space-after-colon':
      return [[1, ': ']];
    case 'text-after-quote':
      return [[1, '「']]; // the quote made plain text: 「 is no quote to YAML
    case 'missing-dash':
      return [[0, '- ']];
    case 'extra-dash':
      return [[2, '']];
    case 'starts-with-indicator':
      return [[slip.text.length, `'${slip.text.replace(/'/g, "''")}'`]];
  }
}

/** The slip on the line text[start, end), if any. */
function slipIn(text: string, start: number, end: number): Slip | undefined {
  const line = text.slice(start, end);
  const fullWidth = fullWidthIn(line);
  if (fullWidth !== undefined)
    return { kind: 'full-width', offset: start + fullWidth, mark: line[fullWidth] as FullWidthMark };
  const colon = COLON_NO_SPACE.exec(line);
  if (colon) return { kind: 'no-space-after-colon', offset: start + colon[0].length - 1, key: colon[1]! };
  if (AFTER_QUOTE.test(line)) {
    const at = line.search(/["']/);
    return { kind: 'text-after-quote', offset: start + at, quote: line[at] as '"' | "'" };
  }
  const marked = INDICATOR_START.exec(line);
  if (marked) {
    const text = marked[2]!.trimEnd();
    return { kind: 'starts-with-indicator', offset: start + marked[1]!.length, mark: text[0] as IndicatorMark, text };
  }
  const key = LINE_KEY.exec(line);
  if (!key) return undefined;
  const indent = key[1]!.length;
  const above = lineAbove(text, start, indent);
  if (key[2] === undefined && above === 'item') return { kind: 'missing-dash', offset: start + indent, key: key[3]! };
  if (key[2] !== undefined && above === 'key') return { kind: 'extra-dash', offset: start + indent, key: key[3]! };
  return undefined;
}

/** A line that is a key and its colon (after a `- ` or not), with its indentation. */
const LINE_KEY = new RegExp(String.raw`^( *)(- +)?(${KEY}):(?:\s|$)`);

/**
 * What the nearest line above at this indentation or less is (blank and comment lines
 * aside): a `- ` item or a key at this very indentation, or something else.
 */
function lineAbove(text: string, start: number, indent: number): 'item' | 'key' | undefined {
  for (let end = start - 1; end > 0; ) {
    const from = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(from, end);
    end = from - 1;
    const at = line.search(/\S/);
    if (at < 0 || line[at] === '#' || at > indent) continue;
    if (at < indent) return undefined;
    return line.startsWith('- ', at) ? 'item' : LINE_KEY.test(line) ? 'key' : undefined;
  }
  return undefined;
}

/** Where a full-width mark stands in for YAML's own on this line. */
function fullWidthIn(line: string): number | undefined {
  if (INDENTED_KEY.test(line)) return line.indexOf('\u3000');
  const colon = KEY_COLON.exec(line);
  if (colon) return colon.index + colon[0].length - 1;
  const comma = ITEM_COMMA.exec(line);
  if (comma) return comma.index + comma[0].lastIndexOf('，');
  return undefined;
}

/** A key as the trainer meant it: full-width spaces and a full-width colon (and what follows it) taken out. */
export function halfWidthKey(key: string): string | undefined {
  if (!/[\u3000：]/.test(key)) return undefined;
  return key.split('：')[0]!.replace(/[ \u3000]/g, '');
}
