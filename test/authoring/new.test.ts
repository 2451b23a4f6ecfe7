import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rp, tempDir } from './helpers.js';

describe('roleplay new', () => {
  it('writes a starter that passes lint --strict and its own tests as written', () => {
    const dir = tempDir();
    const made = rp(['new', 'late-delivery', '--dir', dir]);
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
  });

  it('has one node of each kind, three endings, a timeout, a condition, keyword rules with a fallback, in both languages', () => {
    const dir = tempDir();
    rp(['new', 'kinds', '--dir', dir]);
    const text = readFileSync(join(dir, 'kinds.yaml'), 'utf8');
    for (const key of ['choices:', 'input:', 'when:', 'timeout:', 'if: { trust:', 'any: [华苏, huasu]', 'tests:']) expect(text).toContain(key);
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
