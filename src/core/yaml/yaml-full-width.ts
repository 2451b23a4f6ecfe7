/**
 * Full-width punctuation from a Chinese input method where YAML needs its own: '：' for ':',
 * '，' for ',' between the items of { } or [ ], '　' (U+3000) for a space of indentation. YAML
 * reads none of them as syntax, so the parser complains about something else (a key with no
 * colon, a key over two lines, a block inside a flow map); this finds the slip near where it
 * complained, so that the trainer is told what to retype. Pure: text in, offset out.
 */

export type FullWidthMark = '：' | '，' | '\u3000';

/** The keys of the format: ASCII names (ids, languages, fields). */
const KEY = String.raw`[A-Za-z_][\w-]*`;
/** A line that starts (after indentation with a full-width space in it) with a key. */
const INDENTED_KEY = new RegExp(String.raw`^ *\u3000[ \u3000]*(?:- +)?${KEY}[ \u3000]*[:：]`);
/** A key followed by a full-width colon, at the line's start, after `- `, or in { }. */
const KEY_COLON = new RegExp(String.raw`(?:^[ \u3000]*(?:- +)?|[{,][ \u3000]*)${KEY}[ \u3000]*：`);
/** In { } or [ ]: a full-width comma where the next item's key starts. */
const ITEM_COMMA = new RegExp(String.raw`[{[][^{}[\]]*?，[ \u3000]*${KEY}[ \u3000]*[:：]`);

/** The slip on the parser's line or on one of the two lines before it (nearest first), as an offset into text. */
export function fullWidthSlip(text: string, offset: number): { offset: number; mark: FullWidthMark } | undefined {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  for (let lines = 0; lines < 3; lines++) {
    const end = text.indexOf('\n', start);
    const at = slipIn(text.slice(start, end < 0 ? text.length : end));
    if (at !== undefined) return { offset: start + at, mark: text[start + at] as FullWidthMark };
    if (start === 0) return undefined;
    start = text.lastIndexOf('\n', start - 2) + 1;
  }
  return undefined;
}

function slipIn(line: string): number | undefined {
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
