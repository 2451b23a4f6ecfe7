/**
 * Random play of every bundled scenario: whatever a trainee does — any visible choice, any
 * typed text, letting the clock run out, pausing — the run reaches an ending with a percent
 * in 0..100, and replaying the same steps headless (runSteps, and the `run` command for a
 * sample) gives exactly the same result.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { reportOf, runSteps } from '../../src/core/index.js';
import { bundledScenarios, ROOT, runs } from './bundled.js';
import { randomPlay, type Decisions } from './random-play.js';

const scenarios = bundledScenarios();

const HOSTILE_ANSWERS = [
  '',
  ' ',
  '\n\n',
  '您好，我是华苏的张工',
  'HELLO!!!',
  '\u001b[2J\u001b[31m您好\u001b[0m',
  '\u202e工张的苏华是我\u202c',
  'a\u200bb\u200dc',
  'x'.repeat(20_000),
  '华'.repeat(10_000),
  '\ud83d\ude00\ud83d\udc4d',
  '\ud800',
  '(((((((((((a*)*)*)*)*)*)*)*)*)*)*',
];
const answer = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(...HOSTILE_ANSWERS),
);

function decisionsOf(g: fc.GeneratorValue): Decisions {
  return { pick: (n) => (n <= 1 ? 0 : g(fc.nat, { max: n - 1 })), text: () => g(() => answer) };
}

describe('random play of the bundled scenarios', () => {
  it('finds at least one bundled scenario that loads', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  for (const { file, compiled } of scenarios) {
    const name = compiled.scenario.id;
    it(`${name}: always reaches an ending, scored 0..100, identical to runSteps`, () => {
      fc.assert(
        fc.property(fc.gen(), (g) => {
          const run = randomPlay(compiled, decisionsOf(g));
          if (!run.output)
            throw new Error(`${file}: no ending after ${run.steps.length} steps (stopped at '${run.stoppedAt}')`);
          const played = reportOf(compiled, run.output);
          expect(played.score.percent).toBeGreaterThanOrEqual(0);
          expect(played.score.percent).toBeLessThanOrEqual(100);
          expect(Number.isInteger(played.score.percent)).toBe(true);
          expect(compiled.scenario.nodes[played.ending]?.kind).toBe('end');
          const replay = runSteps(compiled, run.steps);
          if (!replay.ok) throw new Error(`runSteps refused the steps it should accept: ${replay.error}`);
          expect(replay.report).toEqual(played);
        }),
        { numRuns: runs(30) },
      );
    });
  }
});

describe('random play against the `run` command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'roleplay-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same JSON as the headless command for a sample of playthroughs', () => {
    expect(scenarios.length).toBeGreaterThan(0);
    let sample = 0;
    fc.assert(
      fc.property(fc.gen(), fc.nat({ max: scenarios.length - 1 }), (g, which) => {
        const { file, compiled } = scenarios[which]!;
        const run = randomPlay(compiled, decisionsOf(g));
        if (!run.output) throw new Error(`${file}: no ending (stopped at '${run.stoppedAt}')`);
        const stepsFile = join(dir, `steps-${sample++}.json`);
        writeFileSync(stepsFile, JSON.stringify(run.steps));
        const cli = spawnSync(process.execPath, [join(ROOT, 'bin/roleplay.js'), 'run', file, '--steps', stepsFile], {
          encoding: 'utf8',
          env: { ...process.env, CI: 'false' },
        });
        expect(cli.stderr).toBe('');
        expect(cli.status).toBe(0);
        expect(JSON.parse(cli.stdout)).toEqual({
          version: 1,
          ...JSON.parse(JSON.stringify(reportOf(compiled, run.output))),
        });
      }),
      { numRuns: Math.max(3, Math.min(Math.round(runs(3) / 10), 40)) },
    );
  }, 120_000);
});
