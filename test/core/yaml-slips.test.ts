/**
 * Typing slips the parser reports as something else: full-width punctuation from a Chinese
 * input method ('：', '，', '　') where YAML needs ':', ',' or a space, `key:value`, and text
 * after a closing quote. The trainer is told what to retype, at its line:column, in both
 * languages, whatever the parser itself complained about; Chinese punctuation inside text
 * stays text, and a slip-like line that is fine YAML is not blamed for a problem elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/core/index.js';
import type { Lang } from '../../src/core/text.js';

const CASE = (body: string) =>
  `id: x\ntitle: { zh: 标题, en: Title }\ncast:\n  wang: { name: Wang }\nstart: a\nnodes:\n  a:\n${body}    end: { outcome: success }\n`;

const problems = (text: string, lang: Lang) =>
  loadFile(text, 'x.yaml', undefined, { lang }).diagnostics.map((d) => ({ ...d, at: `${d.line}:${d.column}` }));

describe('a full-width slip where YAML needs its own punctuation', () => {
  it.each([
    ['a key with a full-width colon', CASE('    text：Hello\n'), '8:9', '：', /full-width colon/, /冒号/],
    ['a full-width colon with no space after it', 'id：x\ntitle: T\n', '1:3', '：', /full-width colon/, /冒号/],
    [
      'a full-width comma between the items of { }',
      CASE('    text: { zh: 你好， en: Hello }\n'),
      '8:19',
      '，',
      /full-width comma/,
      /逗号/,
    ],
    [
      'indentation with a full-width space',
      CASE('    text:\n      zh: 你好\n\u3000    en: Hello\n'),
      '10:1',
      '\u3000',
      /full-width space/,
      /空格/,
    ],
    [
      'a colon with no space after it',
      CASE('    text:Hello\n'),
      '8:9',
      ':',
      /the colon after 'text' needs a space/,
      /冒号后面少了一个空格/,
    ],
    ['text after a closing quote', CASE('    text: "好的"我马上到\n'), '8:11', '"', /opens with a quote/, /以引号/],
    [
      "a list item's first key without its dash",
      'id: x\nnodes:\n  a:\n    choices:\n      - id: one\n        goto: b\n      id: two\n        goto: b\n',
      '7:7',
      'i',
      /has no `- `: write `- id: …`/,
      /少了「- 」/,
    ],
    ['a dash among the keys of a map', 'id: x\ntitle: T\n- start: a\n', '3:1', '-', /take out the `- `/, /去掉「- 」/],
    ['text that starts with an alias mark', CASE('    text: *Note* listen first\n'), '8:11', '*', /an alias/, /别名/],
    [
      'text that starts with a bracket',
      CASE('    text: [Liu] so what now?\n'),
      '8:11',
      '[',
      /the start of a list/,
      /列表/,
    ],
    ['text that starts with a block mark', CASE('    text: > see below\n'), '8:11', '>', /block of text/, /文字块/],
  ])('%s is an error at that character', (_, text, at, mark, en, zh) => {
    for (const [lang, says] of [
      ['en', en],
      ['zh', zh],
    ] as const) {
      const [d] = problems(text, lang).filter((p) => p.severity === 'error');
      expect(d!.code).toMatch(
        /^yaml-(full-width|no-space-after-colon|text-after-quote|missing-dash|extra-dash|starts-with-indicator)$/,
      );
      expect(d!.at).toBe(at);
      expect(d!.message).toMatch(says);
      expect(d!.message).toContain(mark);
      expect(text.split('\n')[Number(at.split(':')[0]) - 1]![Number(at.split(':')[1]) - 1]).toBe(mark);
    }
  });

  it('a key that YAML reads with a full-width space in it is named as such, with the key it was meant to be', () => {
    const text = 'id: x\ntitle:\n  zh: 标题\n\u3000 en: Title\n';
    const d = problems(text, 'en').find((p) => p.code === 'unknown-key');
    expect(d?.message).toMatch(/full-width space or colon \(Chinese input\).*type it as 'en'/);
    expect(problems(text, 'zh').find((p) => p.code === 'unknown-key')?.message).toMatch(/全角.*「en」/);
  });

  it('a full-width colon inside { } makes the key, not a cut sentence, the problem', () => {
    const d = problems(CASE('    text: { zh：你好, en: Hello }\n'), 'en').filter((p) => p.severity === 'warning');
    expect(d.map((p) => p.code)).toContain('unknown-key');
    expect(d.map((p) => p.code)).not.toContain('text-cut-at-comma');
  });

  it('Chinese punctuation inside text is text', () => {
    for (const body of [
      '    text: { zh: 注意：先听他说完，再回答, en: "Note: listen first" }\n',
      '    text:\n      zh: 注意：先听，再说\n      en: Listen first\n',
    ])
      expect(problems(CASE(body), 'en').filter((p) => p.code.startsWith('yaml-') || p.code === 'unknown-key')).toEqual(
        [],
      );
  });

  it('a line that only looks like a slip, and is fine YAML, is not blamed for a problem below it', () => {
    // `- note:see` is the text 'note:see'; the problem is the key one space in, two lines on
    const text = 'id: x\ntags:\n  - note:see\n  - ok\n x: 1\n';
    const [d] = problems(text, 'en').filter((p) => p.severity === 'error');
    expect(d!.line).toBe(5);
    expect(d!.code).not.toMatch(/no-space-after-colon/);
  });

  it('a flow map or a block of text that is fine YAML is not taken for text that starts with a mark', () => {
    for (const text of ['id: x\nscore: { a: 1 }\n x: 1\n', 'id: x\nnote: >-\n  folded\n x: 1\n']) {
      const [d] = problems(text, 'en').filter((p) => p.severity === 'error');
      expect(d!.code, text).not.toBe('yaml-starts-with-indicator');
    }
  });
});
