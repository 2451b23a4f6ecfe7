import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, explore, loadFile, runSteps, type Scenario } from '../../src/core/index.js';
import { bestPath } from '../../src/core/analysis/best-path.js';
import { analysePaths } from '../../src/core/analysis/paths.js';
import { answerFor, regexSamples } from '../../src/core/analysis/answers.js';
import { catalogFor } from '../../src/cli/files.js';
import { ROOT, rp, fixture, tempDir, BASEMENT_ALARM } from './helpers.js';

function load(file: string): Scenario {
  const loaded = loadFile(readFileSync(file, 'utf8'), file, catalogFor(file, 'en'));
  if (loaded.kind !== 'scenario' || !loaded.scenario) throw new Error(`${file} does not load`);
  return loaded.scenario;
}

const scenarioFiles = [
  ...readdirSync(join(ROOT, 'scenarios'))
    .filter((f) => f.endsWith('.yaml') && f !== 'lessons.yaml')
    .map((f) => join(ROOT, 'scenarios', f)),
  BASEMENT_ALARM,
  fixture('answers.yaml'),
  fixture('loop-no-way-out.yaml'),
  fixture('revisit-only.yaml'),
];

/** Each ending's [worst, best] score in basement-alarm, worked out by hand from the case. */
const BASEMENT_RANGES = { repaired: [-2, 7], 'repaired-late': [-1, 3], postponed: [-4, 0], 'turned-away': [-7, 2] };

describe('paths (core)', () => {
  it('every shortest path it reports replays, with the real machine, to its ending', () => {
    for (const file of scenarioFiles) {
      const scenario = load(file);
      const compiled = compile(scenario);
      const report = analysePaths(scenario);
      for (const e of report.endings) {
        if (!e.shortest?.complete) continue;
        const run = runSteps(compiled, e.shortest.steps);
        expect(run.ok, `${scenario.id} → ${e.id}: ${run.ok ? '' : run.error}`).toBe(true);
        if (run.ok) {
          expect(run.report.ending, `${scenario.id} → ${e.id}`).toBe(e.id);
          expect(run.report.path).toEqual(e.shortest.nodes);
          expect(run.report.score.total).toBe(e.shortest.total);
        }
      }
    }
  });

  it('the best path scores exactly the contract max (100%), consistent with explore', () => {
    for (const file of scenarioFiles) {
      const scenario = load(file);
      const best = bestPath(scenario)!;
      expect(best.total, scenario.id).toBe(explore(scenario).maxima.total);
      if (!best.complete) continue;
      const run = runSteps(compile(scenario), best.steps);
      expect(run.ok && run.report.score.percent, scenario.id).toBe(100);
    }
  });

  it('best and worst per ending are explore’s, and the shortest path has the fewest trainee steps', () => {
    const scenario = load(BASEMENT_ALARM);
    const report = analysePaths(scenario);
    const { endings } = explore(scenario).maxima;
    for (const e of report.endings) {
      expect(e.reachable).toBe(true);
      expect({ best: e.best, worst: e.worst }).toEqual(endings[e.id]);
    }
    // turned-away: one hurried answer empties goodwill, and the `when` node sends the trainee away at once.
    expect(report.endings.find((e) => e.id === 'turned-away')!.shortest!.steps).toEqual([{ say: '赶紧' }]);
    expect(Object.fromEntries(report.endings.map((e) => [e.id, [e.worst, e.best]]))).toEqual(BASEMENT_RANGES);
  });

  it('writes answers that the intended rule takes (and no earlier one); says so when it cannot', () => {
    const scenario = load(fixture('answers.yaml'));
    const gate = scenario.nodes.gate!;
    if (gate.kind !== 'input') throw new Error('gate is an input node');
    expect(answerFor(gate.rules, 0)).toBe('我是 华苏');
    expect(answerFor(gate.rules, 1)).toBe('割接11点');
    expect(answerFor(gate.rules, 2)).toBeUndefined(); // a lookahead: not attempted
    expect(answerFor(gate.rules, 3)).toBe('嗯');
    expect(regexSamples('^(华苏|huasu)[a-c]+\\d{3}$')).toContain('华苏a111');
    const weird = analysePaths(scenario).endings.find((e) => e.id === 'weird')!;
    expect(weird.reachable).toBe(true);
    expect(weird.shortest!.complete).toBe(false);
    expect(weird.shortest!.ways[0]!.noAnswer).toBe(true);
  });

  it('an ending reached only by coming back to a node: reachable, with steps, and the scores play gives there', () => {
    const scenario = load(fixture('revisit-only.yaml'));
    const settled = analysePaths(scenario).endings.find((e) => e.id === 'settled')!;
    expect([settled.reachable, settled.best, settled.worst]).toEqual([true, 1, 1]);
    expect(settled.shortest!.steps).toEqual(['wait', 'back', 'wait', 'back', 'settle']);
    const run = runSteps(compile(scenario), settled.shortest!.steps);
    expect(run.ok && run.report.ending).toBe('settled');
  });

  it('flags a case nobody can pass, one nobody can fail, and endings nobody can reach', () => {
    const passes = analysePaths(load(fixture('nobody-passes.yaml')));
    expect([passes.nobodyCanPass, passes.nobodyCanFail]).toEqual([true, false]);
    const fails = analysePaths(load(fixture('nobody-fails.yaml')));
    expect([fails.nobodyCanPass, fails.nobodyCanFail]).toEqual([false, true]);
    const unreachable = analysePaths(load(fixture('never-shown.yaml')));
    expect(unreachable.unreachableEndings).toEqual(['lost']);
    const basement = analysePaths(load(BASEMENT_ALARM));
    expect([basement.nobodyCanPass, basement.nobodyCanFail, basement.unreachableEndings]).toEqual([false, false, []]);
  });
});

describe('roleplay paths (command)', () => {
  it('prints every ending with reachability, scores and shortest steps', () => {
    const r = rp(['paths', BASEMENT_ALARM, '--lang', 'en']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^basement-alarm: best possible score 7 points; pass mark 65%/);
    expect(r.stdout).toMatch(
      /^turned-away \(failure\) +reachable; score -7 to 2 points \(0% to 29%\)\n {2}shortest, 1 step: \[\{ say: "赶紧" \}\]$/m,
    );
    expect(r.stdout).not.toMatch(/^! /m);
  });

  it('flags what nobody can do, in words', () => {
    expect(rp(['paths', fixture('nobody-passes.yaml'), '--lang', 'en']).stdout).toMatch(
      /^! nobody can pass this case/m,
    );
    expect(rp(['paths', fixture('nobody-fails.yaml'), '--lang', 'en']).stdout).toMatch(/^! nobody can fail this case/m);
    const never = rp(['paths', fixture('never-shown.yaml'), '--lang', 'en']).stdout;
    expect(never).toMatch(/^lost \(failure\) +NEVER REACHED$/m);
    expect(never).toMatch(/^! ending 'lost' can never be reached$/m);
    const answers = rp(['paths', fixture('answers.yaml'), '--lang', 'en']).stdout;
    expect(answers).toMatch(
      /shortest, 1 step: \[\{ say: \?\?\? \}\]\n {2}\?\?\? no answer could be written for rule 3 of node 'gate'/,
    );
  });

  it('--json gives the same facts for tools', () => {
    const r = rp(['paths', fixture('never-shown.yaml'), '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.flags).toEqual({ nobodyCanPass: false, nobodyCanFail: true, unreachableEndings: ['lost'] }); // only 'done' can be reached, always at 100%
    const done = json.endings.find((e: { id: string }) => e.id === 'done');
    expect(done).toMatchObject({ outcome: 'success', reachable: true, best: 2, worst: 2, bestPercent: 100 });
    expect(done.shortest.steps).toEqual(['explain']);
    expect(json.endings.find((e: { id: string }) => e.id === 'lost')).toMatchObject({
      reachable: false,
      shortest: null,
    });
  });

  it('--ending prints steps that `run --steps` accepts and that reach that ending', () => {
    const dir = tempDir();
    for (const ending of ['repaired-late', 'turned-away']) {
      const r = rp(['paths', BASEMENT_ALARM, '--ending', ending]);
      expect(r.status, r.stderr).toBe(0);
      const steps = join(dir, `${ending}.yaml`);
      writeFileSync(steps, r.stdout);
      const run = rp(['run', BASEMENT_ALARM, '--steps', steps]);
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).ending).toBe(ending);
    }
    const bad = rp(['paths', BASEMENT_ALARM, '--ending', 'nowhere', '--lang', 'en']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/'nowhere' is not an ending of basement-alarm; endings: repaired, /);
    expect(rp(['paths', fixture('answers.yaml'), '--ending', 'weird', '--lang', 'en']).stderr).toMatch(
      /no matching answer could be written/,
    );
  });

  it('an unknown scenario: one line, exit 1', () => {
    const r = rp(['paths', 'no-such-case']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
