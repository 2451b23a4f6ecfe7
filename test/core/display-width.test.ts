/**
 * Lint measures the width of a case's texts itself when they hold only characters whose width
 * is plain (ASCII, Chinese, full-width punctuation, curly quotes, dashes, the ellipsis), so
 * that string-width (whose first call compiles an emoji pattern) is not loaded for them. The
 * count must be string-width's, character for character.
 */
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/core/format/checks.js';

const PLAIN = [
  ' ',
  'a',
  'Z',
  '~',
  '你',
  '龥',
  '、',
  '。',
  '《',
  '】',
  '，',
  '：',
  '！',
  '～',
  '‐',
  '—',
  '‘',
  '’',
  '“',
  '”',
  '•',
  '…',
  '‧',
];
const OTHER = ['😀', 'é', '\u0301', '\u200b', 'ｶ', '\u3000', '①', '🇨🇳', '\t'];

describe('display width of a text', () => {
  it("is string-width's for text of plain characters and for text with others in it", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PLAIN, ...OTHER), { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 500 },
    );
  });

  it('counts every character from U+2010 to U+2027 as one column, as string-width does', () => {
    for (let c = 0x2010; c <= 0x2027; c++) expect(displayWidth(String.fromCharCode(c)), c.toString(16)).toBe(1);
  });
});
