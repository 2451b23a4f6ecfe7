import { describe, expect, it } from 'vitest';
import { rp, fixture } from './helpers.js';

interface Diag {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

function lintJson(file: string): { errors: number; warnings: number; diagnostics: Diag[] } {
  const r = rp(['lint', '--lang', 'en', '--format', 'json', fixture(file)]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

const codesOf = (file: string) =>
  lintJson(file).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`);

describe('deeper lint, one fixture per check', () => {
  it('a loop the trainee can enter but never leave, because its way out never opens there', () => {
    const { diagnostics } = lintJson('loop-no-way-out.yaml');
    const trap = diagnostics.find((d) => d.code === 'loop-no-way-out')!;
    expect(`${trap.line}:${trap.column}`).toBe('21:3');
    expect(trap.message).toBe(
      "once the trainee reaches node 'round' with patience = 0, no ending can be reached any more: every way from there stays in the loop round → round-two → round and no way out of it ever opens; give the loop an exit whose condition can hold there",
    );
  });

  it('a loop with no way out at all: each node of it, named as a loop', () => {
    expect(codesOf('dead-loop.yaml')).toEqual(['18:3 warning dead-end', '22:3 warning dead-end']);
    expect(lintJson('dead-loop.yaml').diagnostics[0]!.message).toMatch(
      /it is in a loop with no way out \(ping → pong → ping\)/,
    );
  });

  it('a choice never shown, and a `when` entry that never fires, because of meter bounds', () => {
    const { diagnostics } = lintJson('never-shown.yaml');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '19:9 choice-never-shown',
      '25:9 branch-never-taken',
      '28:3 unreachable-node',
    ]);
    expect(diagnostics[0]!.message).toMatch(/meter 'trust' is kept between 0 and 3, so 'trust ≥ 5' can never hold/);
    expect(diagnostics[1]!.message).toMatch(
      /entry 1 of node 'check' can never fire: meter 'trust' is kept between 0 and 3, so 'trust < 0' can never hold/,
    );
  });

  it('a part of the case that play reaches only by revisiting a node is named as such, not as unreachable', () => {
    expect(codesOf('revisit-only.yaml')).toEqual([
      '24:9 warning choice-shown-only-on-revisit',
      '37:3 warning reached-only-by-revisit',
    ]);
    expect(lintJson('revisit-only.yaml').diagnostics[1]!.message).toMatch(
      /node 'settled' is reached only by going through some node a second time/,
    );
  });

  it('a lesson that can only lose points, and a meter nothing uses', () => {
    const { diagnostics } = lintJson('lesson-loses.yaml');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '7:3 unused-meter',
      '19:18 lesson-only-loses',
    ]);
    expect(diagnostics[1]!.message).toMatch(/lesson 'concrete-times' can only lose points/);
  });

  it('missing translations either way, and text too long for an 80-column screen', () => {
    const { diagnostics } = lintJson('translations.yaml');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '5:16 missing-translation',
      '10:7 text-too-long',
      '20:15 missing-translation',
    ]);
    expect(diagnostics[0]!.message).toMatch(/has zh but no en/);
    expect(diagnostics[2]!.message).toMatch(/has en but no zh/);
    expect(diagnostics[1]!.message).toMatch(/513 columns wide; that is more than 6 lines on an 80-column screen/);
  });

  it('a clean case has nothing to say', () => {
    expect(lintJson('clean.yaml')).toMatchObject({ errors: 0, warnings: 0, diagnostics: [] });
  });
});

describe('lint --strict and --format json', () => {
  it('warnings alone exit 0, and 1 with --strict', () => {
    const files = [
      'loop-no-way-out.yaml',
      'dead-loop.yaml',
      'never-shown.yaml',
      'lesson-loses.yaml',
      'translations.yaml',
    ];
    const plain = rp(['lint', '--lang', 'en', ...files.map(fixture)]);
    expect(plain.status).toBe(0);
    for (const f of files) expect(plain.stdout, f).toMatch(new RegExp(`${f.replace('.', '\\.')}:\\d+:\\d+: warning: `));
    for (const f of files) expect(rp(['lint', '--lang', 'en', '--strict', fixture(f)]).status, f).toBe(1);
    expect(rp(['lint', '--lang', 'en', '--strict', fixture('clean.yaml')]).status).toBe(0);
  }, 60_000);

  it('json: one document with counts and every diagnostic with file, line, column, severity, code and message', () => {
    const r = rp([
      'lint',
      '--lang',
      'en',
      '--format',
      'json',
      '--strict',
      fixture('lesson-loses.yaml'),
      fixture('clean.yaml'),
    ]);
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ files: 2, errors: 0, warnings: 2 });
    expect(Object.keys(json.diagnostics[0]).sort()).toEqual(['code', 'column', 'file', 'line', 'message', 'severity']);
    expect(json.diagnostics[0].file).toMatch(/lesson-loses\.yaml$/);
  });
});
