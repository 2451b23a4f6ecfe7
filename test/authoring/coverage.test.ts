import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, loadFile, runSteps, type StepRecord } from '../../src/core/index.js';
import { coverageOf, totalCoverage } from '../../src/core/analysis/coverage.js';
import { catalogFor } from '../../src/cli/files.js';
import { rp, fixture } from './helpers.js';

describe('coverage (core)', () => {
  it('counts nodes entered, choices taken and endings reached over all runs, complete or not', () => {
    const file = fixture('coverage/partly-tested.yaml');
    const loaded = loadFile(readFileSync(file, 'utf8'), file, catalogFor(file, 'en'));
    const scenario = loaded.kind === 'scenario' ? loaded.scenario! : undefined!;
    const compiled = compile(scenario);
    const runs: StepRecord[][] = [];
    for (const steps of [['explain', 'confirm'], ['explain']]) {
      const records: StepRecord[] = [];
      runSteps(compiled, steps, (r) => records.push(r));
      runs.push(records);
    }
    const c = coverageOf(scenario, runs);
    expect(c.nodes).toEqual({ covered: 3, total: 4 });
    expect(c.choices).toEqual({ covered: 2, total: 4 });
    expect(c.endings).toEqual({ covered: 1, total: 2 });
    expect([c.missedNodes, c.missedChoices, c.missedEndings]).toEqual([
      ['failed'],
      ['ask.rush', 'follow.skip'],
      ['failed'],
    ]);
    expect(coverageOf(scenario, []).nodes.covered).toBe(0);
    expect(totalCoverage([c, c]).choices).toEqual({ covered: 4, total: 8 });
  });
});

describe('roleplay test --coverage', () => {
  it('lists per scenario what no test visits, then a summary line, and keeps the N passed line last', () => {
    const r = rp([
      'test',
      '--lang',
      'en',
      '--coverage',
      fixture('coverage/partly-tested.yaml'),
      fixture('clean.yaml'),
      fixture('nobody-fails.yaml'),
    ]);
    expect(r.status).toBe(1); // "stops half-way" fails: the steps run out
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('2 passed, 1 failed');
    expect(r.stdout).toMatch(/^ {2}partly-tested +nodes 3\/4 {2}choices 2\/4 {2}endings 1\/2$/m);
    expect(r.stdout).toMatch(/^ {4}endings never reached: failed$/m);
    expect(r.stdout).toMatch(/^ {4}choices never taken: ask\.rush, follow\.skip$/m);
    expect(r.stdout).not.toMatch(/nodes never entered: failed/); // an ending is listed once, as an ending
    expect(r.stdout).toMatch(/^ {2}clean +nodes 2\/3 {2}choices 1\/2 {2}endings 1\/2$/m);
    expect(r.stdout).toMatch(/^ {2}nobody-fails +nodes 0\/3 {2}choices 0\/2 {2}endings 0\/2 {2}\(no tests\)$/m);
    expect(lines.at(-2)).toBe('coverage: nodes 5/10 (50%), choices 3/8 (37%), endings 2/6 (33%) in 3 scenarios');
  });

  it('without --coverage prints no coverage', () => {
    const r = rp(['test', '--lang', 'en', fixture('clean.yaml')]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/coverage/);
    expect(r.stdout.trim()).toBe('ok   clean › good\n1 passed, 0 failed');
  });
});
