/**
 * Typed answers and the menu filter with several keys in one chunk, as a real terminal sends
 * them: a held Backspace, text and Enter together, an input method's phrase, a bracketed
 * paste, cursor keys between characters. Each write below reaches Ink as one read.
 */
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { StepRecord } from '../../src/core/index.js';
import { KeyReader, NO_KEY } from '../../src/ui/key-presses.js';
import { EMPTY, edit, type EditState } from '../../src/ui/line-editor.js';
import { fieldLines } from '../../src/ui/components/text-field.js';
import { KEY, libraryOf, openFixture, renderApp, tick } from './helpers.js';

afterEach(() => cleanup());

const basement = () => openFixture('basement-alarm.yaml');
const BS = '\u007f';
const PASTE = (text: string) => `\u001b[200~${text}\u001b[201~`;

/** The encounter at its first (typed) node, in exam mode, with the answers it records. */
async function atAnswer(lang: 'zh' | 'en' = 'zh', columns = 100) {
  const said: string[] = [];
  const h = await renderApp({
    start: { kind: 'play', opened: basement() },
    mode: 'exam',
    lang,
    columns,
    recorder: {
      onStep: (r: StepRecord) => {
        if (r.action.kind === 'say') said.push(r.action.text);
      },
    },
  });
  await h.waitFor((f) => f.includes('站住！'));
  return { h, said };
}

/** Writes one chunk and waits until Ink has handled it. */
async function write(h: Awaited<ReturnType<typeof atAnswer>>['h'], chunk: string) {
  h.stdin.write(chunk);
  await tick(40);
}

describe('the answer field with several keys in one chunk', () => {
  it('applies four Backspaces written at once, then sends what is left', async () => {
    const { h, said } = await atAnswer();
    await write(h, 'hello there');
    await h.waitFor((f) => f.includes('› hello there'));
    await write(h, BS.repeat(4));
    await h.waitFor((f) => f.includes('› hello t') && !f.includes('hello there'), 'four characters gone');
    await write(h, KEY.enter);
    await h.waitFor(() => said.length === 1);
    expect(said).toEqual(['hello t']);
  });

  it('adds the dot and sends when "." and Enter come together', async () => {
    const { h, said } = await atAnswer();
    await write(h, '您好，我是讯达的张工，来处理电源告警');
    await write(h, `。${KEY.enter}`);
    await h.waitFor(() => said.length === 1, 'the answer sent');
    expect(said).toEqual(['您好，我是讯达的张工，来处理电源告警。']);
  });

  it('takes a whole Chinese phrase and Enter in one write', async () => {
    const { h, said } = await atAnswer();
    await write(h, `您好，我是讯达的张工，来处理电源告警${KEY.enter}`);
    await h.waitFor(() => said.length === 1);
    expect(said).toEqual(['您好，我是讯达的张工，来处理电源告警']);
    await h.waitFor((f) => f.includes('施工单和出入证呢？'), 'the next node');
  });

  it('keeps a bracketed paste whole: its newline is a space, not Enter', async () => {
    const { h, said } = await atAnswer();
    await write(h, PASTE('您好，我是讯达的张工\n来处理电源告警'));
    await h.waitFor((f) => f.includes('› 您好，我是讯达的张工 来处理电源告警'), 'the pasted text in the field');
    expect(said).toEqual([]);
    await write(h, KEY.enter);
    await h.waitFor(() => said.length === 1);
    expect(said).toEqual(['您好，我是讯达的张工 来处理电源告警']);
  });

  it('a paste of digits and "?" is text, not keys', async () => {
    const { h, said } = await atAnswer();
    await write(h, PASTE('?12'));
    await h.waitFor((f) => f.includes('› ?12'));
    expect(h.frame()).not.toContain('按键帮助');
    await write(h, KEY.enter);
    await h.waitFor(() => said.length === 1);
    expect(said).toEqual(['?12']);
  });
});

describe('cursor and editing keys in one chunk', () => {
  it('moves the cursor left and inserts there, all in one write', async () => {
    const { h, said } = await atAnswer('en');
    await write(h, `wrld${KEY.left}${KEY.left}${KEY.left}o${KEY.enter}`);
    await h.waitFor(() => said.length === 1);
    expect(said).toEqual(['world']);
  });

  it('steps over a Chinese character or an emoji as one, with ← and Backspace', async () => {
    const { h, said } = await atAnswer();
    await write(h, `好👍🏽的${KEY.left}${BS}棒${KEY.enter}`);
    await h.waitFor(() => said.length === 1);
    expect(said).toEqual(['好棒的']);
  });

  it('Home, Ctrl+U and Ctrl+W edit as in a shell', async () => {
    const { h, said } = await atAnswer('en');
    await write(h, `one two three\u0017\u0017four${KEY.enter}`);
    await h.waitFor(() => said.length === 1);
    expect(said).toEqual(['one four']);
  });

  it('keys after Enter in the same chunk do not skip the feedback or answer the next node', async () => {
    const h = await renderApp({ start: { kind: 'play', opened: basement() }, mode: 'practice' });
    await h.waitFor((f) => f.includes('站住！'));
    h.stdin.write(`您好，我是讯达的张工，来处理电源告警${KEY.enter}${KEY.enter}2`);
    await h.waitFor((f) => f.includes('这一步的反馈'));
    await tick(100);
    expect(h.frame()).toContain('这一步的反馈');
    h.stdin.write(`${KEY.enter}2`);
    const f = await h.waitFor((x) => x.includes('施工单和出入证呢？'));
    expect(f).toContain('› 1. 递上出发前办好的施工单和出入证。'); // nothing picked there yet
  });

  it('shows a long answer on several rows and sends it whole', async () => {
    const { h, said } = await atAnswer('zh', 40);
    const long = '您好，我是讯达的张工，来处理电源告警，这是我的工牌和施工单，请您看一下';
    await write(h, long);
    const f = await h.waitFor((x) => x.includes('请您看一下'));
    expect(f.split('\n').every((l) => l.length <= 40)).toBe(true);
    await write(h, KEY.enter);
    await h.waitFor(() => said.length === 1);
    expect(said).toEqual([long]);
  });
});

describe('the menu filter with several keys in one chunk', () => {
  it('applies Backspaces and text written together', async () => {
    const h = await renderApp({
      start: { kind: 'menu' },
      library: libraryOf(basement(), openFixture('hostile-text.yaml')),
    });
    await h.waitFor((x) => x.includes('选择一个案例'));
    await write(h, `/机房X${BS}`);
    let f = await h.waitFor((x) => x.includes('筛选：机房') && !x.includes('机房X'));
    expect(f).toContain('商场机房告警');
    expect(f).not.toContain('Hostile');
    await write(h, `${BS}${BS}host${KEY.enter}`);
    f = await h.waitFor((x) => x.includes('筛选：host') && !x.includes('商场机房告警'));
    expect(f).toContain('Hostile');
  });
});

describe('key presses from Ink events', () => {
  const presses = (r: KeyReader, input: string) => r.presses(input, NO_KEY);

  it('splits a run of plain input into keys, Enter and Backspace included', () => {
    const r = new KeyReader();
    const p = presses(r, 'a\u007f\u007f.\r');
    expect(p.map((x) => x.input)).toEqual(['a', '', '', '.', '\r']);
    expect(p.map((x) => x.key.delete)).toEqual([false, true, true, false, false]);
    expect(p[4]!.key.return).toBe(true);
  });

  it('keeps a grapheme cluster together', () => {
    expect(presses(new KeyReader(), '👨‍👩‍👧好').map((x) => x.input)).toEqual(['👨‍👩‍👧', '好']);
  });

  it('marks text between the paste markers as pasted, newlines kept for the field to fold', () => {
    const r = new KeyReader();
    expect(presses(r, '[200~')).toEqual([]);
    expect(presses(r, 'a\rb')).toEqual([{ input: 'a\rb', key: NO_KEY, paste: true }]);
    expect(presses(r, '[201~')).toEqual([]);
    expect(presses(r, 'x').map((p) => p.paste)).toEqual([undefined]);
  });
});

describe('editing a line', () => {
  const type = (s: EditState, text: string) => edit(s, text, NO_KEY);

  it('counts the cursor in graphemes', () => {
    let s = type(EMPTY, '好👍🏽');
    expect(s).toEqual({ text: '好👍🏽', cursor: 2 });
    s = edit(s, '', { ...NO_KEY, leftArrow: true });
    s = edit(s, '', { ...NO_KEY, delete: true });
    expect(s).toEqual({ text: '👍🏽', cursor: 0 });
  });

  it('folds line breaks and tabs in inserted text into spaces and drops escape sequences', () => {
    expect(type(EMPTY, 'a\r\nb\tc\u001b[31md').text).toBe('a b cd');
  });

  it('stops at the maximum length', () => {
    expect(edit(EMPTY, 'abcdef', NO_KEY, 4).text).toBe('abcd');
  });

  it('draws the cursor cell and breaks rows at the width, in columns', () => {
    const { lines, cursorRow } = fieldLines(
      { text: '一二三四五六', cursor: 6 },
      { prefix: [{ text: '› ' }], focus: true, width: 8 },
    );
    expect(lines.map((l) => l.map((p) => p.text).join(''))).toEqual(['› 一二三', '  四五六', '   ']);
    expect(cursorRow).toBe(2);
  });
});
