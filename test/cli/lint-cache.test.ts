/**
 * lint's cache through the CLI. To tell an answer from the cache from a fresh lint, the test
 * changes the message kept in the cache: a run that prints the changed message was answered
 * from the cache. A changed file, catalog, language or program version is linted afresh;
 * --no-cache neither reads nor writes the cache.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'roleplay-lint-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SCENARIO = `id: cached
title: { zh: 缓存, en: Cached }
cast:
  kim: { name: { zh: 金师傅, en: Master Kim } }
lessons:
  calm: { title: { zh: 冷静, en: Calm }, principle: { zh: 冷静, en: Stay calm } }
meters:
  unused: { initial: 0, min: 0, max: 1 }
start: ask
nodes:
  ask:
    text: { zh: 你好, en: Hello }
    choices:
      - { id: ok, text: { zh: 好, en: OK }, score: { calm: 1 }, goto: done }
  done:
    end: { outcome: success }
`;

/** Runs `roleplay lint` of a given copy of the program (default: the one built here). */
function lintWith(bin: string, args: readonly string[], cache: string) {
  const r = spawnSync(process.execPath, [bin, 'lint', ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, CI: 'false', ROLEPLAY_LANG: '', LANG: 'C', LC_ALL: '', ROLEPLAY_CACHE_DIR: cache },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder with one case, and a cache folder of its own. */
function setUp(name: string) {
  const dir = join(tmp, name);
  const cache = join(tmp, `${name}-cache`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'cached.yaml');
  writeFileSync(file, SCENARIO);
  const lint = (args: string[] = [], bin = BIN) => lintWith(bin, ['--lang', 'en', ...args, file], cache);
  /** Marks every cached message, so an answer from the cache shows. */
  const mark = () => {
    for (const entry of readdirSync(cache)) {
      const path = join(cache, entry);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/"message":"/g, '"message":"FROM CACHE: '));
    }
  };
  return { dir, cache, file, lint, mark };
}

describe('lint --cache (on by default)', () => {
  it('answers an unchanged file from the cache, with the same report', () => {
    const { cache, lint, mark } = setUp('hit');
    const first = lint();
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/warning: meter 'unused' is never changed or tested/);
    expect(readdirSync(cache)).toHaveLength(1);
    expect(lint().stdout).toBe(first.stdout); // from the cache, unchanged
    mark();
    const again = lint();
    expect(again.stdout).toMatch(/warning: FROM CACHE: meter 'unused'/);
    expect(again.stderr).toBe(first.stderr);
    expect(again.status).toBe(0);
    // --format json and --strict work from the cache too
    expect(JSON.parse(lint(['--format', 'json']).stdout).diagnostics[0].message).toMatch(/^FROM CACHE/);
    expect(lint(['--strict']).status).toBe(1);
  });

  it('lints afresh when the file, its catalog or the language changes', () => {
    const { dir, file, lint, mark } = setUp('miss');
    lint();
    mark();
    writeFileSync(file, `${SCENARIO}# edited\n`);
    expect(lint().stdout).not.toMatch(/FROM CACHE/);
    mark();
    expect(lint().stdout).toMatch(/FROM CACHE/);
    // a lessons.yaml beside the case changes what it sees
    writeFileSync(join(dir, 'lessons.yaml'), 'lessons:\n  other: { title: Other, principle: Other }\n');
    expect(lint().stdout).not.toMatch(/FROM CACHE/);
    mark();
    expect(lint().stdout).toMatch(/FROM CACHE/);
    const zh = lintWith(BIN, ['--lang', 'zh', file], join(tmp, 'miss-cache'));
    expect(zh.stdout).toMatch(/指标「unused」/);
    expect(zh.stdout).not.toMatch(/FROM CACHE/);
  });

  it('lints afresh with another version of the program', () => {
    const { lint, mark } = setUp('version');
    lint();
    mark();
    expect(lint().stdout).toMatch(/FROM CACHE/);
    // the same program with another version number
    const copy = join(tmp, 'program');
    for (const part of ['bin', 'dist', 'scenarios', 'package.json'])
      cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    const pkg = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as { version: string };
    writeFileSync(join(copy, 'package.json'), JSON.stringify({ ...pkg, version: `${pkg.version}-next` }));
    const fresh = lint([], join(copy, 'bin', 'roleplay.js'));
    expect(fresh.status).toBe(0);
    expect(fresh.stdout).toMatch(/warning: meter 'unused'/);
    expect(fresh.stdout).not.toMatch(/FROM CACHE/);
  });
});

describe('lint --no-cache, and caches that cannot be trusted', () => {
  it('--no-cache neither reads nor writes the cache', () => {
    const { cache, lint, mark } = setUp('off');
    lint();
    mark();
    expect(lint(['--no-cache']).stdout).not.toMatch(/FROM CACHE/);
    expect(lint().stdout).toMatch(/FROM CACHE/); // the marked entry was left as it was
    const none = setUp('off-none');
    none.lint(['--no-cache']);
    expect(existsSync(none.cache)).toBe(false);
    expect(readdirSync(cache)).toHaveLength(1);
  });

  it('a cache entry is a file anyone could write: its text is made safe, a malformed one ignored', () => {
    const { cache, lint } = setUp('tampered');
    const first = lint();
    const [entry] = readdirSync(cache);
    const path = join(cache, entry!);
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(/"message":"/, '"message":"\\u001b]0;owned\\u0007\\u001b[31mRED '),
    );
    const shown = lint();
    expect(shown.stdout).toMatch(/warning: RED meter 'unused'/);
    expect(shown.stdout).not.toMatch(/\u001b/);
    writeFileSync(path, '{"diagnostics":[{"line":"x"}]}');
    expect(lint().stdout).toBe(first.stdout);
  });

  it('a cache folder that cannot be written: lint works as without it', () => {
    const blocked = join(tmp, 'blocked');
    writeFileSync(blocked, 'a file, not a folder');
    const { file } = setUp('blocked-case');
    const r = lintWith(BIN, ['--lang', 'en', file], join(blocked, 'cache'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/warning: meter 'unused'/);
    expect(r.stderr).toMatch(/^1 file checked: 0 errors, 1 warning\n$/);
  });
});
