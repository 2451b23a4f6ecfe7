/**
 * Diagnostics in the trainer's language: `--lang zh` prints Chinese messages and `--lang en`
 * English ones, at the same file:line:column with the same code; the words error/warning,
 * paths and positions never change. Without --lang the language comes from ROLEPLAY_LANG or
 * the locale, else Chinese.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reloadOf } from '../../src/cli/commands/watch-support.js';
import type { Diagnostic } from '../../src/core/index.js';
import { BROKEN } from '../fixtures/broken-expect.js';
import { DIAGNOSTIC_LINE, FIXTURES, rp, rpAsync, type Ran } from './helpers.js';

const broken = (f: string) => join(FIXTURES, 'broken', f);
const CJK = /[\u4e00-\u9fff]/;

interface LintJson {
  files: number;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
}

describe('lint --format json in both languages', () => {
  const runs = new Map<string, { zh: Ran; en: Ran }>();
  beforeAll(async () => {
    const files = Object.keys(BROKEN);
    const ran = await Promise.all(
      files.flatMap((f) =>
        (['zh', 'en'] as const).map((lang) => rpAsync(['lint', '--format', 'json', '--lang', lang, broken(f)])),
      ),
    );
    files.forEach((f, i) => runs.set(f, { zh: ran[2 * i]!, en: ran[2 * i + 1]! }));
  }, 120_000);

  it.each(Object.entries(BROKEN))(
    '%s: the same codes and positions, the message in the language asked for',
    (file, want) => {
      const { zh, en } = runs.get(file)!;
      expect(zh.status).toBe(1);
      expect(en.status).toBe(1);
      const z = JSON.parse(zh.stdout) as LintJson;
      const e = JSON.parse(en.stdout) as LintJson;
      const shape = (d: Diagnostic) => ({
        file: d.file,
        line: d.line,
        column: d.column,
        severity: d.severity,
        code: d.code,
      });
      expect(z.diagnostics.map(shape)).toEqual(e.diagnostics.map(shape));
      expect({ ...z, diagnostics: [] }).toEqual({ ...e, diagnostics: [] });
      const first = z.diagnostics.findIndex((d) => d.severity === 'error');
      expect(z.diagnostics[first]!.code).toBe(want.code);
      expect(`${z.diagnostics[first]!.line}:${z.diagnostics[first]!.column}`).toBe(want.at);
      for (const [i, d] of z.diagnostics.entries()) {
        const english = e.diagnostics[i]!.message;
        expect(d.message).toMatch(CJK);
        expect(d.message).not.toBe(english);
        // names quoted from the file stay verbatim in Chinese, so a trainer can search for them
        for (const [, name] of english.matchAll(/'([^']+)'/g)) expect(d.message, english).toContain(name!);
      }
    },
  );
});

describe('lint text output', () => {
  const file = broken('unknown-goto.yaml');

  it('--lang zh: a Chinese message at file:line:column, error untranslated, Chinese summary', () => {
    const r = rp(['lint', '--lang', 'zh', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`${file}:14:15: error: goto 指向的节点「estimat」不存在；是不是「estimate」？\n`);
    expect(r.stdout.trimEnd()).toMatch(DIAGNOSTIC_LINE);
    expect(r.stderr).toBe('检查了 1 个文件：1 个错误，0 个警告\n');
  });

  it('--lang en: the English one', () => {
    const r = rp(['lint', '--lang', 'en', file]);
    expect(r.stdout).toBe(`${file}:14:15: error: goto names unknown node 'estimat'; did you mean 'estimate'?\n`);
    expect(r.stderr).toBe('1 file checked: 1 error, 0 warnings\n');
  });

  it('warnings keep the word warning in Chinese too', () => {
    const r = rp(['lint', '--lang', 'zh', join(FIXTURES, 'valid', 'warnings.yaml')]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^.+:\d+:\d+: warning: .*[\u4e00-\u9fff]/);
  });

  it('without --lang: ROLEPLAY_LANG, then the locale, else Chinese', () => {
    expect(rp(['lint', file]).stdout).toMatch(/error: goto 指向的节点「estimat」不存在/); // LANG=C
    expect(rp(['lint', file], { env: { ROLEPLAY_LANG: 'en' } }).stdout).toMatch(
      /error: goto names unknown node 'estimat'/,
    );
    expect(rp(['lint', file], { env: { LANG: 'en_US.UTF-8' } }).stdout).toMatch(
      /error: goto names unknown node 'estimat'/,
    );
    expect(rp(['lint', file], { env: { LANG: 'en_US.UTF-8', ROLEPLAY_LANG: 'zh' } }).stdout).toMatch(/不存在/);
  });
});

describe('the other commands that show a broken file', () => {
  const file = broken('unknown-goto.yaml');
  const zhLine = `${file}:14:15: error: goto 指向的节点「estimat」不存在；是不是「estimate」？`;

  it('test: the file fails to load, in Chinese', () => {
    const r = rp(['test', '--lang', 'zh', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`FAIL ${file}: 无法载入\n     ${zhLine}\n`);
  });

  it('test: what a failing test expected, in Chinese', () => {
    const r = rp(['test', '--lang', 'zh', join(FIXTURES, 'cli', 'failing')]);
    expect(r.stdout.split('\n')).toContain(
      'FAIL failing-tests › wrong expectation: outcome 是 success，应为 failure；percent 是 0，应为 100',
    );
  });

  it('run, paths and graph: the error on standard error, in Chinese or English', () => {
    for (const args of [
      ['run', file, '--choices', 'a'],
      ['paths', file],
      ['graph', file],
    ]) {
      const zh = rp([...args, '--lang', 'zh']);
      expect(zh.status, args[0]).toBe(1);
      expect(zh.stderr, args[0]).toBe(`${zhLine}\n`);
      expect(rp([...args, '--lang', 'en']).stderr, args[0]).toMatch(/error: goto names unknown node 'estimat'/);
    }
  });

  it('run: an unknown scenario id is explained in the language asked for', () => {
    expect(rp(['run', 'no-such-case', '--choices', 'a', '--lang', 'zh']).stderr).toMatch(
      /^roleplay: 没有案例「no-such-case」：它既不是一个文件/,
    );
    expect(rp(['run', 'no-such-case', '--choices', 'a', '--lang', 'en']).stderr).toMatch(
      /^roleplay: no scenario 'no-such-case'/,
    );
  });

  it('play --watch: the problems of a saved file that does not load, in the language asked for', () => {
    const zh = reloadOf(file, 'zh');
    const en = reloadOf(file, 'en');
    expect(zh).toEqual({ ok: false, problems: [zhLine] });
    expect(en.ok ? [] : en.problems).toEqual([
      `${file}:14:15: error: goto names unknown node 'estimat'; did you mean 'estimate'?`,
    ]);
  });
});
