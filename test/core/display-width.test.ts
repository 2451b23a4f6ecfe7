/**
 * Lint measures the width of a case's texts itself when they hold only characters whose width
 * is plain (ASCII, Chinese, full-width punctuation, curly quotes, dashes, the ellipsis), so
 * that string-width (whose first call compiles an emoji pattern) is not called for them. The
 * count must be string-width's, character for character.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { displayWidth } from '../../src/core/format/checks.js';

// string-width as lint calls it, watched; the real one to compare with
const watched = vi.hoisted(() => ({ calls: 0 }));
vi.mock('string-width', async (importOriginal) => {
  const real = (await importOriginal<typeof import('string-width')>()).default;
  return {
    default: (text: string, options?: object) => {
      watched.calls++;
      return real(text, options);
    },
  };
});
const { default: stringWidth } = await vi.importActual<typeof import('string-width')>('string-width');

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

  it('counts plain text, curly quotes, dashes and the ellipsis included, without string-width', () => {
    watched.calls = 0;
    expect(displayWidth('“你好，”他说——‘OK’…')).toBe(19);
    for (let c = 0x2010; c <= 0x2027; c++) expect(displayWidth(String.fromCharCode(c)), c.toString(16)).toBe(1);
    expect(watched.calls).toBe(0);
    displayWidth('😀');
    expect(watched.calls).toBe(1);
  });
});
