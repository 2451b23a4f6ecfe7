/**
 * core/sanitize: whatever text comes in, what goes out holds no control code, escape sequence,
 * bidi override or invisible character; printable text (Chinese, emoji, punctuation) passes
 * unchanged; and the work is linear, so a hostile 1 MB line cannot freeze the screen.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeLine, safeText, terminalSafeJson } from '../../src/core/index.js';
import { runs } from '../fuzz/bundled.js';
import { PAYLOADS, UNSAFE } from './fixture.js';

const ESC_PIECES = [
  '\u001b',
  '[',
  ']',
  'P',
  '_',
  '^',
  'X',
  '\\',
  '\u0007',
  '\u009b',
  '\u009c',
  '\u009d',
  '\u0090',
  ';',
  '0',
  '8',
  '52',
  'm',
  '?',
  '\u202e',
  '\u200b',
  '\n',
  '\r',
  '\t',
  'a',
  '你',
];
/** Strings built from the pieces escape sequences are made of: the parser's worst case. */
const escapeSoup = fc
  .array(fc.constantFrom(...ESC_PIECES, ...Object.values(PAYLOADS)), { maxLength: 60 })
  .map((xs) => xs.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  escapeSoup,
);

describe('safeText and safeLine', () => {
  it('never let an unsafe character through, and are idempotent', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const t = safeText(s);
        expect(t).not.toMatch(UNSAFE);
        expect(safeText(t)).toBe(t);
        const l = safeLine(s);
        expect(l).not.toMatch(UNSAFE);
        expect(l).not.toContain('\n');
      }),
      { numRuns: runs(1000) },
    );
  });

  it('leave printable text exactly as it is', () => {
    const printable = fc.string({
      unit: fc.oneof(
        fc.constantFrom(...'您好，我是华苏的张工。!?「」😀👍🏽é ABC xyz 123'.split('')),
        fc.constantFrom('\n'),
      ),
      maxLength: 80,
    });
    fc.assert(
      fc.property(printable, (s) => {
        expect(safeText(s)).toBe(s);
      }),
      { numRuns: runs(300) },
    );
    expect(safeText('👩‍👩‍👧')).toBe('👩\u200d👩\u200d👧'.replace(/\u200d/g, '')); // ZWJ is dropped: emoji fall apart, nothing hides
  });

  it('remove each kind of sequence whole, not just its ESC byte', () => {
    expect(safeText(`a${PAYLOADS.title}b`)).toBe('ab');
    expect(safeText(`a${PAYLOADS.clipboard}b`)).toBe('ab');
    expect(safeText(`a${PAYLOADS.hyperlink}b`)).toBe('aclickb');
    expect(safeText(`a${PAYLOADS.dcs}b`)).toBe('ab');
    expect(safeText('a\u001b[38;5;201mb\u001b[0m')).toBe('ab');
    expect(safeText('a\u001b[?1049hb')).toBe('ab');
    expect(safeText('a\u001b]0;unterminated title')).toBe('a'); // an OSC with no end swallows the rest, as a terminal would
  });

  it('take linear time on hostile megabyte lines', () => {
    for (const s of [
      '\u001b]'.repeat(500_000),
      '\u001b['.repeat(500_000),
      `\u001b[${'0;'.repeat(500_000)}`,
      '\u001bP'.repeat(500_000),
      '你'.repeat(1_000_000),
      '\u202e\u200b'.repeat(500_000),
    ]) {
      const t0 = performance.now();
      expect(safeText(s)).not.toMatch(UNSAFE);
      expect(performance.now() - t0, `${JSON.stringify(s.slice(0, 6))}…`).toBeLessThan(2000);
    }
  });
});

describe('terminalSafeJson', () => {
  it('keeps the data exactly and leaves nothing unsafe in the text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), anyText, (v, s) => {
        const json = terminalSafeJson(JSON.stringify({ v, s }));
        expect(json).not.toMatch(UNSAFE);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify({ v, s })));
      }),
      { numRuns: runs(500) },
    );
  });
});
