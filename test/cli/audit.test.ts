/** `roleplay audit` as a trainer runs it: findings like lint, a table per case, --json, zh/en, exit codes. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, rp } from './helpers.js';

const HONEST = join(FIXTURES, 'audit', 'honest.yaml');
const DISHONEST = join(FIXTURES, 'audit', 'longest-wins.yaml');

describe('roleplay audit', { timeout: 60_000 }, () => {
  it('an honest case: exit 0, its table, and the summary (en)', () => {
    const r = rp(['audit', '--lang', 'en', HONEST]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toBe(
      [
        '',
        'honest  pass mark 80%',
        '  strategy     Chinese               English',
        '  longest      0% fails              0% fails',
        '  shortest     20% fails             20% fails',
        '  courteous    0% fails              0% fails',
        '  first        0% fails              0% fails',
        '  last         0% fails              0% fails',
        '  random ×200  0/200 pass, mean 10%  0/200 pass, mean 10%',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('1 case audited: 0 passed by a naive strategy, 0 errors, 0 warnings\n');
  });

  it('a case the longest reply passes: file:line:column findings, the table, exit 1', () => {
    const r = rp(['audit', '--lang', 'en', DISHONEST]);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain(
      `${DISHONEST}:7:1: error: always the longest reply (Chinese and English) passes this case with 100% (pass mark 70%): a trainee can pass without the lessons`,
    );
    expect(lines).toContain(
      `${DISHONEST}:70:5: error: failure ending 'gave-up' can score 83%, at or above the pass mark of 70%: a failure must never carry a passing score`,
    );
    expect(lines.some((l) => l.startsWith(`${DISHONEST}:34:15: warning: in node 'one' the best reply 'long'`))).toBe(
      true,
    );
    expect(r.stdout).toMatch(/^ {2}longest +100% passes +100% passes$/m);
    expect(r.stdout).toMatch(/^ {2}random ×200 {2}\d+\/200 pass, mean \d+% {2}passes/m);
    expect(r.stderr).toBe('1 case audited: 1 passed by a naive strategy, 5 errors, 7 warnings\n');
  });

  it('in Chinese: messages, table and summary; ids, positions and error/warning unchanged', () => {
    const r = rp(['audit', '--lang', 'zh', DISHONEST, HONEST]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      `${DISHONEST}:7:1: error: 总选最长的回复（中文和英文）就能通过这个案例，得 100%（及格线 70%）：学员不用懂要点也能过`,
    );
    expect(r.stdout).toMatch(/^longest-wins {2}及格线 70%$/m);
    expect(r.stdout).toMatch(/^ {2}策略 {9}中文 {20}英文$/m);
    expect(r.stdout).toMatch(/^ {2}longest {6}100% 通过/m);
    expect(r.stderr).toBe('审查了 2 个案例：1 个能被简单策略通过，5 个错误，7 个警告\n');
  });

  it('--json: per case the strategies and the findings with positions; --runs and --seed', () => {
    const r = rp(['audit', '--json', '--lang', 'en', '--runs', '20', '--seed', '3', DISHONEST]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ cases: 1, passedByNaive: 1, warnings: 7, notLoaded: [] });
    const [c] = out.results;
    expect(c).toMatchObject({ file: DISHONEST, scenario: 'longest-wins', passScore: 70 });
    expect(c.passedBy).toEqual(expect.arrayContaining(['longest', 'courteous', 'last']));
    expect(c.strategies.find((s: { strategy: string }) => s.strategy === 'random').runs).toBe(20);
    expect(c.diagnostics[0]).toEqual({
      file: DISHONEST,
      line: 7,
      column: 1,
      severity: 'error',
      code: 'naive-strategy-passes',
      message:
        'always the longest reply (Chinese and English) passes this case with 100% (pass mark 70%): a trainee can pass without the lessons',
    });
    const again = JSON.parse(rp(['audit', '--json', '--lang', 'en', '--runs', '20', '--seed', '3', DISHONEST]).stdout);
    expect(again).toEqual(out);
  });

  it('a file that does not load: its error, exit 1, no stack trace; a bad --runs: one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roleplay-audit-'));
    try {
      writeFileSync(
        join(dir, 'broken.yaml'),
        'id: broken\ntitle: x\ncast: { a: { name: A } }\nstart: nowhere\nnodes:\n  a: { end: { outcome: success } }\n',
      );
      const r = rp(['audit', '--lang', 'en', dir]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/broken\.yaml:4:8: error: start names unknown node 'nowhere'/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const bad = rp(['audit', '--runs', 'many', HONEST]);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
