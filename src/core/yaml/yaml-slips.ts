/**
 * Typing slips that the YAML parser reports as something else. A trainer writes
 * `text：Hello` (a Chinese input method's full-width colon), `goto:next` (no space after the
 * colon) or `zh: "好的"我马上到` (text after a closing quote); YAML reads none of these the way
 * they were meant, and its complaint is about what followed: a key over two lines, a key with
 * no value, an unexpected scalar, often on another line. This finds the slip on the
 * complaint's line or the two before it, so that the trainer is told what to retype and
 * where. Pure: text in, slip out.
 */

export type FullWidthMark = '：' | '，' | '\u3000';

export type Slip =
  /** '：', '，' or '　' where YAML needs ':', ',' or a space */
  | { readonly kind: 'full-width'; readonly offset: number; readonly mark: FullWidthMark }
  /** `key:value` at the start of a line: the offset of the colon */
  | { readonly kind: 'no-space-after-colon'; readonly offset: number; readonly key: string }
  /** `"quoted" and more`: the offset of the opening quote */
  | { readonly kind: 'text-after-quote'; readonly offset: number; readonly quote: '"' | "'" };

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
/** A value that opens with a quote and goes on after the closing one. */
const AFTER_QUOTE = new RegExp(String.raw`^ *(?:- +)?(?:${KEY}: +)?(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*') *[^\s#,\]}:]`);

/**
 * The slip on the parser's line or on one of the two lines before it (nearest first), if
 * mending it answers the complaint: `answers` is given the text with the slip's character
 * replaced and how far that moved what follows it, and says whether the complaint is gone.
 * (A slip-like line that is fine YAML, `- note:see below` in a list of texts, is then not
 * blamed for a problem elsewhere.)
 */
export function slipNear(
  text: string,
  offset: number,
  answers: (mendedText: string, shift: number) => boolean,
): Slip | undefined {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  for (let lines = 0; lines < 3; lines++) {
    const end = text.indexOf('\n', start);
    const slip = slipIn(text.slice(start, end < 0 ? text.length : end), start);
    const mended = (at: number, m: string) => text.slice(0, at) + m + text.slice(at + 1);
    if (slip && mends(slip).some((m) => answers(mended(slip.offset, m), m.length - 1))) return slip;
    if (start === 0) return undefined;
    start = text.lastIndexOf('\n', start - 2) + 1;
  }
  return undefined;
}

/** What the slip's character could be replaced with (a full-width space is as wide as two). */
function mends(slip: Slip): readonly string[] {
  if (slip.kind === 'full-width') return slip.mark === '：' ? [': '] : slip.mark === '，' ? [','] : ['  ', ' '];
  // the quote made plain text: 「 is no quote to YAML
  return slip.kind === 'no-space-after-colon' ? [': '] : ['「'];
}

function slipIn(line: string, start: number): Slip | undefined {
  const fullWidth = fullWidthIn(line);
  if (fullWidth !== undefined)
    return { kind: 'full-width', offset: start + fullWidth, mark: line[fullWidth] as FullWidthMark };
  const colon = COLON_NO_SPACE.exec(line);
  if (colon) return { kind: 'no-space-after-colon', offset: start + colon[0].length - 1, key: colon[1]! };
  if (AFTER_QUOTE.test(line)) {
    const at = line.search(/["']/);
    return { kind: 'text-after-quote', offset: start + at, quote: line[at] as '"' | "'" };
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
