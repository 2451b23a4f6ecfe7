/**
 * `roleplay lint` as a subprocess: every broken fixture gives exit 1 and one line per problem
 * at the exact position, valid files give exit 0 (warnings never change the exit status),
 * and hostile input (50 MB, alias bomb, binary, missing paths) is refused quickly, in
 * bounded memory, with no stack trace.
 */
import { mkdirSync, mkdtempSync, copyFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPath } from '../../src/cli/files.js';
import { BROKEN } from '../fixtures/broken-expect.js';
import { DIAGNOSTIC_LINE, FIXTURES, hasStackTrace, rp, rpAsync, rpMeasured, type Ran } from './helpers.js';

const broken = (f: string) => join(FIXTURES, 'broken', f);
const valid = (f: string) => join(FIXTURES, 'valid', f);

describe('lint on each broken fixture', () => {
  const results = new Map<string, Ran>();
  beforeAll(async () => {
    // all at once: the two cores share the ~30 process starts
    const files = Object.keys(BROKEN);
    const ran = await Promise.all(files.map((f) => rpAsync(['lint', '--lang', 'en', broken(f)])));
    files.forEach((f, i) => results.set(f, ran[i]!));
  }, 120_000);

  it.each(Object.entries(BROKEN))(
    '%s: exit 1, one line per problem, the error at its line:column, no stack trace',
    (file, want) => {
      const r = results.get(file)!;
      expect(r.status, r.stdout + r.stderr).toBe(1);
      const lines = r.stdout.trimEnd().split('\n');
      for (const line of lines) expect(line).toMatch(DIAGNOSTIC_LINE);
      const first = lines.map((l) => DIAGNOSTIC_LINE.exec(l)!).find((m) => m[4] === 'error')!;
      expect(first[1]).toBe(broken(file));
      expect(`${first[2]}:${first[3]}`).toBe(want.at);
      expect(first[5]).toMatch(want.says);
      // stderr holds only the one-line summary
      expect(r.stderr).toMatch(/^1 file checked: [1-9]\d* errors?, \d+ warnings?\n$/);
      expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
    },
  );
});

describe('lint on valid files', () => {
  it('plain, BOM and CRLF files: exit 0 and no output but the summary', () => {
    const r = rp(['lint', '--lang', 'en', valid('plain.yaml'), valid('bom.yaml'), valid('crlf.yaml')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('3 files checked: 0 errors, 0 warnings\n');
  });

  it('warnings are printed with their position but keep exit 0; --strict makes them fail', () => {
    const r = rp(['lint', '--lang', 'en', valid('warnings.yaml')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    for (const l of lines) expect(l).toMatch(/^.+warnings\.yaml:\d+:\d+: warning: /);
    expect(r.stdout).toContain(`${valid('warnings.yaml')}:13:32: warning: 'how are you' was read as a separate key`);
    expect(r.stdout).toContain(
      `${valid('warnings.yaml')}:14:5: warning: unknown key 'choises' in node 'opening' is ignored; did you mean 'choices'?`,
    );
    expect(rp(['lint', '--lang', 'en', '--strict', valid('warnings.yaml')]).status).toBe(1);
    expect(rp(['lint', '--lang', 'en', '--strict', valid('plain.yaml')]).status).toBe(0);
  });

  it('--format json: files, errors, warnings and every diagnostic with its position', () => {
    const r = rp(['lint', '--lang', 'en', '--format', 'json', valid('warnings.yaml'), broken('unknown-goto.yaml')]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    const out = JSON.parse(r.stdout) as {
      files: number;
      errors: number;
      warnings: number;
      diagnostics: Record<string, unknown>[];
    };
    expect(Object.keys(out)).toEqual(['version', 'files', 'errors', 'warnings', 'diagnostics']);
    expect(out).toMatchObject({ files: 2, errors: 1, warnings: 7 });
    expect(out.diagnostics).toContainEqual({
      file: broken('unknown-goto.yaml'),
      line: 14,
      column: 15,
      severity: 'error',
      code: 'unknown-node',
      message: "goto names unknown node 'estimat'; did you mean 'estimate'?",
    });
    for (const d of out.diagnostics)
      expect(Object.keys(d).sort()).toEqual(['code', 'column', 'file', 'line', 'message', 'severity']);
    expect(rp(['lint', '--lang', 'en', '--format', 'json', valid('plain.yaml')]).status).toBe(0);
  });

  it('the all-features test case lints clean of errors; it warns of the lesson it can only take points from and of its plain Chinese texts', () => {
    const r = rp(['lint', '--lang', 'en', join(FIXTURES, 'ui', 'basement-alarm.yaml')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => / warning: lesson 'composure' can only lose points/.test(l))).toHaveLength(1);
    // the case mixes plain-string and localized text on purpose: each plain Chinese one is named
    expect(lines.filter((l) => / warning: this text is in Chinese only/.test(l))).toHaveLength(11);
    expect(r.stderr).toContain('1 file checked: 0 errors, 12 warnings');
  });
});

describe('lint on hostile input', () => {
  let dir: string;
  /** peak memory of `lint` on a small valid file: the start-up cost every run pays */
  let baselineMB = 0;
  beforeAll(() => {
    baselineMB = rpMeasured(['lint', '--lang', 'en', valid('plain.yaml')]).maxRssMB;
    dir = mkdtempSync(join(tmpdir(), 'roleplay-lint-'));
    // 50 MB of plausible YAML, written in 1 MB blocks
    const fd = openSync(join(dir, 'huge.yaml'), 'w');
    const block = Buffer.from(
      '  node: { text: "the quick brown fox jumps over the lazy dog", end: { outcome: success } }\n'.repeat(11_000),
    );
    writeSync(fd, 'id: huge\nnodes:\n');
    for (let written = 0; written < 50 * 1024 * 1024; written += block.length) writeSync(fd, block);
    closeSync(fd);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a 50 MB file: one line, exit 1, well within a second, without reading it into memory', () => {
    const r = rpMeasured(['lint', '--lang', 'en', join(dir, 'huge.yaml')]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(
      /^.+huge\.yaml:1:1: error: the file is 5\d\.\d MB; a scenario file may be at most 2 MB — is this the right file\?\n$/,
    );
    expect(r.cpuMs).toBeLessThan(1000);
    expect(r.ownMs).toBeLessThan(5000);
    // reading 50 MB (and decoding it) would add at least 50 MB to the peak
    expect(r.maxRssMB - baselineMB).toBeLessThan(25);
    // and the check itself, in-process (CPU time: wall time on a loaded machine says nothing)
    const started = process.cpuUsage();
    expect(loadPath(join(dir, 'huge.yaml'), 'en').diagnostics.map((d) => d.code)).toEqual(['file-too-large']);
    expect(cpuMsSince(started)).toBeLessThan(100);
  });

  it('a file just over 2 MB is refused the same way; one just under is read', () => {
    writeFileSync(join(dir, 'over.yaml'), `a: 1\n${'#'.repeat(2 * 1024 * 1024)}`);
    writeFileSync(join(dir, 'under.yaml'), `a: 1\n${'#'.repeat(2 * 1024 * 1024 - 10)}`);
    const r = rp(['lint', '--lang', 'en', join(dir, 'over.yaml'), join(dir, 'under.yaml')]);
    expect(r.stdout).toMatch(/over\.yaml:1:1: error: the file is 2\.0 MB/);
    expect(r.stdout).toMatch(/under\.yaml:1:1: error: missing required field/);
  });

  it('the alias bomb: one line at the first alias, exit 1, within a second, bounded memory', () => {
    const r = rpMeasured(['lint', '--lang', 'en', broken('alias-bomb.yaml')]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain('alias-bomb.yaml:2:8: error: too many alias references');
    expect(r.cpuMs).toBeLessThan(1000);
    expect(r.ownMs).toBeLessThan(5000);
    // 9^9 expanded strings would need gigabytes
    expect(r.maxRssMB - baselineMB).toBeLessThan(25);
    const started = process.cpuUsage();
    expect(loadPath(broken('alias-bomb.yaml'), 'en').diagnostics.map((d) => d.code)).toEqual(['yaml-alias-count']);
    expect(cpuMsSince(started)).toBeLessThan(500);
  });

  it('a path that does not exist: one line, exit 1', () => {
    const r = rp(['lint', '--lang', 'en', join(dir, 'nope.yaml')]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toBe(`${join(dir, 'nope.yaml')}:1:1: error: no such file or folder\n`);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('a folder of mixed valid and broken files: each file checked, valid ones too, exit 1', () => {
    const mixed = join(dir, 'mixed');
    mkdirSync(join(mixed, 'sub'), { recursive: true });
    copyFileSync(valid('warnings.yaml'), join(mixed, 'a-warnings.yaml'));
    copyFileSync(broken('tab-indent.yaml'), join(mixed, 'b-tab.yaml'));
    copyFileSync(valid('plain.yaml'), join(mixed, 'sub', 'c-plain.yml'));
    copyFileSync(broken('unknown-goto.yaml'), join(mixed, 'sub', 'd-goto.yaml'));
    copyFileSync(broken('binary.yaml'), join(mixed, 'e-binary.yaml'));
    writeFileSync(join(mixed, 'notes.txt'), 'not a scenario');
    const r = rp(['lint', '--lang', 'en', mixed, join(dir, 'missing')]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(DIAGNOSTIC_LINE);
    const files = new Set(lines.map((l) => DIAGNOSTIC_LINE.exec(l)![1]));
    expect([...files].sort()).toEqual(
      [
        join(mixed, 'a-warnings.yaml'),
        join(mixed, 'b-tab.yaml'),
        join(mixed, 'e-binary.yaml'),
        join(mixed, 'sub', 'd-goto.yaml'),
        join(dir, 'missing'),
      ].sort(),
    );
    // the valid file's warnings are still reported
    expect(lines.filter((l) => l.includes('a-warnings.yaml'))).toHaveLength(7);
    expect(r.stderr).toBe('6 files checked: 4 errors, 7 warnings\n');
  });

  it('two files with the same scenario id: the second is an error', () => {
    const twins = join(dir, 'twins');
    mkdirSync(twins);
    copyFileSync(valid('plain.yaml'), join(twins, 'one.yaml'));
    copyFileSync(valid('plain.yaml'), join(twins, 'two.yaml'));
    const r = rp(['lint', '--lang', 'en', twins]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toBe(
      `${join(twins, 'two.yaml')}:1:5: error: scenario id 'plain' is already used by ${join(twins, 'one.yaml')}; every scenario needs its own id\n`,
    );
  });
});

describe('lint with no paths', () => {
  it('checks ./scenarios', () => {
    const r = rp(['lint', '--lang', 'en'], { cwd: join(FIXTURES, 'cli') });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    // helpdesk's model answer is Chinese only (its rules take Chinese answers)
    expect(r.stdout).toMatch(/^scenarios\/helpdesk\.yaml:35:14: warning: this text is in Chinese only/);
    expect(r.stderr).toBe('1 file checked: 0 errors, 1 warning\n');
  });
});

/** CPU milliseconds this process spent since `start` (process.cpuUsage): unlike wall time, not stretched by load. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
