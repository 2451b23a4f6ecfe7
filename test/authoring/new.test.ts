import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CST, Lexer, parse } from 'yaml';
import { rp, tempDir } from './helpers.js';

/** The starter `new` writes in `lang` (undefined: no --lang, as a trainer usually runs it). */
function starter(lang: 'zh' | 'en' | undefined, id = 'late-delivery'): string {
  const dir = tempDir();
  const r = rp(['new', id, '--dir', dir, ...(lang ? ['--lang', lang] : [])]);
  expect(r.status).toBe(0);
  return readFileSync(join(dir, `${id}.yaml`), 'utf8');
}

/** Every comment token, as YAML itself sees them (a `#` inside a quoted text is not one). */
const commentsOf = (text: string) => [...new Lexer().lex(text)].filter((t) => CST.tokenType(t) === 'comment');
/** The text with its comments gone, trailing blanks trimmed and blank lines dropped. */
const withoutComments = (text: string) =>
  [...new Lexer().lex(text)]
    .filter((t) => CST.tokenType(t) !== 'comment')
    .join('')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n+/g, '\n');
/** Comments that are YAML rather than prose: the schema line and the commented-out lesson. */
const isYamlComment = (c: string) =>
  /^# (yaml-language-server: |lessons:$| {2}check-the-logs:$| {4}(title|principle): )/.test(c);
const HAN = /\p{Script=Han}/u;
const FULL_WIDTH_PUNCTUATION = /[\u3000-\u303f\uff00-\uffef]/;

describe('roleplay new', () => {
  it.each(['zh', 'en'] as const)(
    'writes a starter that passes lint --strict, its own tests and the audit, with no warning (--lang %s)',
    (lang) => {
      const dir = tempDir();
      const made = rp(['new', 'late-delivery', '--dir', dir, '--lang', lang]);
      expect(made.status).toBe(0);
      const file = join(dir, 'late-delivery.yaml');
      expect(made.stdout).toContain(file);
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/^id: late-delivery\b/m);

      const lint = rp(['lint', '--lang', 'en', '--strict', file]);
      expect(lint.stdout).toBe('');
      expect(lint.stderr).toContain('0 errors, 0 warnings');
      expect(lint.status).toBe(0);

      const test = rp(['test', '--lang', 'en', file]);
      expect(test.status).toBe(0);
      expect(test.stdout.trim().split('\n').at(-1)).toBe('4 passed, 0 failed');

      // the starter is the model trainers copy: its best reply is not the longest or the politest
      const audit = rp(['audit', '--lang', 'en', file]);
      expect(audit.status).toBe(0);
      expect(audit.stderr.trim().split('\n').at(-1)).toBe(
        '1 case audited: 0 passed by a naive strategy, 0 errors, 0 warnings',
      );
    },
  );

  it('writes its comments in the language asked for (Chinese by default) and nothing else differs', () => {
    const zh = starter('zh');
    const en = starter('en');
    expect(starter(undefined)).toBe(zh);
    // Same case, same tests: only the comments change with the language.
    expect(parse(zh)).toEqual(parse(en));
    expect(withoutComments(zh)).toBe(withoutComments(en));

    const zhComments = commentsOf(zh);
    const enComments = commentsOf(en);
    expect(zhComments.filter(isYamlComment)).toEqual(enComments.filter(isYamlComment));
    expect(zhComments.filter(isYamlComment)).toHaveLength(5);
    const zhProse = zhComments.filter((c) => !isYamlComment(c));
    const enProse = enComments.filter((c) => !isYamlComment(c));
    expect(zhProse.length).toBeGreaterThan(20);
    expect(zhProse.filter((c) => !HAN.test(c))).toEqual([]);
    expect(enProse.filter((c) => HAN.test(c) || FULL_WIDTH_PUNCTUATION.test(c))).toEqual([]);
    // Commands and field names stay as the trainer types them.
    for (const verbatim of [
      'roleplay lint --strict',
      'roleplay play --watch',
      '`tests:`',
      'min..max',
      '`match`',
      '`if`',
      'visited:',
      'success',
    ]) {
      expect(zhProse.join('\n')).toContain(verbatim);
    }
  });

  it('has one node of each kind, three endings, a timeout, a condition, keyword rules with a fallback, in both languages', () => {
    const dir = tempDir();
    rp(['new', 'kinds', '--dir', dir]);
    const text = readFileSync(join(dir, 'kinds.yaml'), 'utf8');
    for (const key of ['choices:', 'input:', 'when:', 'timeout:', 'if: { trust:', 'any: [华苏, huasu]', 'tests:'])
      expect(text).toContain(key);
    for (const outcome of ['success', 'partial', 'failure']) expect(text).toContain(`end: { outcome: ${outcome} }`);
    // Every `zh:` has an `en:` (lint --strict above checks the same through missing-translation).
    expect((text.match(/\bzh:/g) ?? []).length).toBe((text.match(/\ben:/g) ?? []).length);
    // Comments explain the format where it is used.
    expect((text.match(/^\s*#/gm) ?? []).length).toBeGreaterThan(10);
  });

  it('points the editor at the JSON Schema, by a path that exists from the new file', () => {
    const dir = tempDir();
    rp(['new', 'schema-ref', '--dir', dir]);
    const first = readFileSync(join(dir, 'schema-ref.yaml'), 'utf8').split('\n')[0]!;
    const m = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
    expect(m).not.toBeNull();
    expect(existsSync(resolve(dir, m![1]!))).toBe(true);
    expect(m![1]).toMatch(/docs\/scenario\.schema\.json$/);
  });

  it('refuses to overwrite an existing file: exit 1, one line, file untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'taken.yaml');
    writeFileSync(file, 'my own work\n');
    const r = rp(['new', 'taken', '--dir', dir, '--lang', 'en']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/already exists/);
    expect(readFileSync(file, 'utf8')).toBe('my own work\n');
  });

  it('writes into ./scenarios when the current folder has one, and creates --dir when missing', () => {
    const project = tempDir();
    mkdirSync(join(project, 'scenarios'));
    expect(rp(['new', 'here'], project).status).toBe(0);
    expect(existsSync(join(project, 'scenarios', 'here.yaml'))).toBe(true);

    const nested = join(tempDir(), 'a', 'b');
    expect(rp(['new', 'deep', '--dir', nested]).status).toBe(0);
    expect(existsSync(join(nested, 'deep.yaml'))).toBe(true);
    expect(dirname(join(nested, 'deep.yaml'))).toBe(nested);
  });

  it('rejects an id the loader would reject, with a usage exit status', () => {
    const dir = tempDir();
    const r = rp(['new', 'Bad Id', '--dir', dir, '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/lower-case letters, digits and hyphens/);
    expect(existsSync(join(dir, 'Bad Id.yaml'))).toBe(false);
  });
});
