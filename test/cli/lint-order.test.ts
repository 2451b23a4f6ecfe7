/**
 * Lint shows warnings beside errors (issue #19): a wrong name no longer hides the text
 * warnings, and the output lists every error first, then every warning, each with its
 * position. The exit status is unchanged: errors → 1; warnings alone → 0, or 1 with --strict.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/core/index.js';
import { DIAGNOSTIC_LINE, rp } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'roleplay-lint-order-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** A wrong goto (an error) after two things to warn about: an untranslated text and an unknown key. */
const BROKEN = `id: order-test
title: { zh: 测试, en: Test }
cast:
  a: { name: { zh: 甲, en: A } }
start: s
nodes:
  s:
    text: { zh: 你好 }
    colour: red
    choices:
      - id: x
        text: { zh: 好, en: OK }
        score: { calm: 1 }
        goto: nowhere
      - id: y
        text: { zh: 不好, en: Not OK }
        goto: e
  e:
    end: { outcome: success }
lessons:
  calm: { title: { zh: 冷静, en: Calm }, principle: { zh: 保持冷静, en: Stay calm } }
`;
const ONLY_WARNINGS = BROKEN.replace('goto: nowhere', 'goto: e');

const lines = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((l) => DIAGNOSTIC_LINE.exec(l)!);

describe('lint: errors first, then warnings', () => {
  it('a wrong name does not hide the text warnings; errors come first, each line with its position', () => {
    const broken = file('broken.yaml', BROKEN);
    const r = rp(['lint', '--lang', 'en', broken]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toBe(
      [
        `${broken}:14:15: error: goto names unknown node 'nowhere'`,
        `${broken}:8:11: warning: this text has zh but no en; add \`en:\` so the English UI does not fall back to another language`,
        `${broken}:9:5: warning: unknown key 'colour' in node 's' is ignored`,
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('1 file checked: 1 error, 2 warnings\n');
  });

  it('across files: every error of every file before any warning; --format json in the same order', () => {
    // a.yaml has only warnings and sorts first by name; its warnings still come after b.yaml's error
    const a = file('a.yaml', ONLY_WARNINGS.replace('order-test', 'order-a'));
    const b = file('b.yaml', BROKEN.replace('order-test', 'order-b'));
    const r = rp(['lint', '--lang', 'zh', a, b]);
    expect(r.status).toBe(1);
    const got = lines(r.stdout);
    expect(got.map((m) => `${m[1]} ${m[4]}`)).toEqual([
      `${b} error`,
      `${a} warning`,
      `${a} warning`,
      `${b} warning`,
      `${b} warning`,
    ]);
    const json = JSON.parse(rp(['lint', '--lang', 'zh', '--format', 'json', a, b]).stdout) as {
      diagnostics: { file: string; severity: string; line: number }[];
    };
    expect(json.diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity}`)).toEqual(
      got.map((m) => `${m[1]}:${m[2]}: ${m[4]}`),
    );
  });

  it('the exit status is unchanged: warnings alone 0, with --strict 1', () => {
    const warned = file('warned.yaml', ONLY_WARNINGS);
    expect(rp(['lint', '--lang', 'en', warned]).status).toBe(0);
    expect(rp(['lint', '--lang', 'en', '--strict', warned]).status).toBe(1);
  });
});

describe('the loader (core API)', () => {
  it('reports the text warnings of a case whose names are wrong', () => {
    const loaded = loadFile(BROKEN, 'x.yaml', undefined, { lang: 'en' });
    expect(loaded.kind === 'scenario' && loaded.scenario).toBeFalsy();
    expect(loaded.diagnostics.map((d) => `${d.severity} ${d.code}`).sort()).toEqual([
      'error unknown-node',
      'warning missing-translation',
      'warning unknown-key',
    ]);
  });
});
