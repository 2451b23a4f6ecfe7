#!/usr/bin/env node
// Authoring benchmark (`npm run bench -- authoring`): `roleplay paths` and deep lint on
// generated scenarios, using the built core (dist/).
//
//   dag-1000      the engine benchmark's 1,000-node DAG (3 meters, conditions, timeouts,
//                 typed answers, `when` branches). Goal: paths and lint each under 1 s.
//   chain-1000    1,000 nodes in one long line of decisions with 2 meters: the deepest
//                 simple paths (best-path rebuild, shortest-path search). Goal: under 1 s.
//   loops-200     200 nodes in 20 loops of 10 (every loop can be left, conditions on a meter;
//                 going back loses points, so the worst has no floor). Goal: under 1 s.
//   ring-200      200 nodes in one big cyclic component (each node can step on, skip, or go
//                 back), and stepping on earns: simple paths through it are exponential in
//                 number, and going round earns points each round. Goal: under 1 s, with a
//                 precise error (the loop and its points per round).
//   ring-200-exits the same ring, only its ways out score. Goal: under 1 s, with the exact max.
//
// lint   = loadFile(): parse, schema, references, model and every whole-graph check (maxima,
//          reachability, loop traps, never-shown choices, texts) — what `roleplay lint` does
// paths  = analysePaths() + bestPath(): what `roleplay paths` and `graph --best` compute
import { performance } from 'node:perf_hooks';
import { explore, loadFile } from '../dist/core/index.js';
import { bestPath } from '../dist/core/analysis/best-path.js';
import { analysePaths } from '../dist/core/analysis/paths.js';
import { chain, generateScenario, loops, ring } from './lib/generate.mjs';

const GOAL_MS = 1000;
/** what lint may say of a case it cannot score */
const EXPECTED_ERRORS = new Set(['loop-earns-points', 'revisit-beats-max', 'too-complex']);
const ROUNDS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall time and CPU time (user + system) of f, in ms: on a busy machine CPU time is the fairer measure. */
function timed(f) {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = f();
  const d = process.cpuUsage(c);
  return { value, wall: performance.now() - t, cpu: (d.user + d.system) / 1000 };
}

function measure(name, source, { goal, rounds = ROUNDS }) {
  const lintMs = [];
  const pathsMs = [];
  const bestMs = [];
  let loaded;
  let report;
  let best;
  let note = '';
  for (let r = 0; r < rounds; r++) {
    const lint = timed(() => loadFile(source, `${name}.yaml`));
    loaded = lint.value;
    lintMs.push(lint);
    if (!loaded.scenario) {
      const errs = loaded.diagnostics.filter((d) => d.severity === 'error');
      note = errs
        .map((d) => d.message)
        .join('; ')
        .slice(0, 200);
      // A case that cannot be scored must say why, precisely; anything else is a broken benchmark.
      if (!errs.every((d) => EXPECTED_ERRORS.has(d.code))) throw new Error(`${name} does not load: ${note}`);
      continue;
    }
    // Analyses cache per scenario object: a structured clone is a cold start.
    const copy = structuredClone(loaded.scenario);
    explore(copy); // already done by lint in real use; not part of what is measured below
    const p = timed(() => analysePaths(copy));
    report = p.value;
    pathsMs.push(p);
    const b = timed(() => bestPath(copy));
    best = b.value;
    bestMs.push(b);
  }
  const med = (xs, k) => (xs.length ? median(xs.map((x) => x[k])) : undefined);
  const nodes = (source.match(/^ {2}n\d+:$|^ {2}[a-z-]+:$/gm) ?? []).length;
  return {
    name,
    nodes,
    lint: med(lintMs, 'cpu'),
    lintWall: med(lintMs, 'wall'),
    paths: med(pathsMs, 'cpu'),
    pathsWall: med(pathsMs, 'wall'),
    best: med(bestMs, 'cpu'),
    warnings: loaded.diagnostics.filter((d) => d.severity === 'warning').length,
    endings: report ? `${report.endings.filter((e) => e.reachable).length}/${report.endings.length}` : '-',
    bestSteps: best ? best.steps.length : '-',
    situations: report?.situations ?? '-',
    max: report?.max ?? '-',
    goal,
    note,
  };
}

const cases = [
  ['dag-1000', () => generateScenario(1000), { goal: GOAL_MS }],
  ['chain-1000', () => chain(1000), { goal: GOAL_MS }],
  ['loops-200', () => loops(20, 10), { goal: GOAL_MS }],
  ['ring-200', () => ring(200), { goal: GOAL_MS, child: true }],
  ['ring-200-exits', () => ring(200, { exitsOnly: true }), { goal: GOAL_MS, child: true }],
];

const pad = (s, n) => String(s).padStart(n);
const ms = (x) => (x === undefined ? '-' : x.toFixed(0));
const row = (r) => {
  const ok =
    r.goal === undefined
      ? `finished in ${((r.lintWall + (r.pathsWall ?? 0)) / 1000).toFixed(1)} s wall`
      : r.lint < r.goal && (r.paths ?? 0) < r.goal
        ? `< ${r.goal} ms: met`
        : `< ${r.goal} ms: MISSED`;
  return {
    ok,
    line: `${r.name.padEnd(15)}${pad(`${ms(r.lint)} (${ms(r.lintWall)})`, 13)}${pad(`${ms(r.paths)} (${ms(r.pathsWall)})`, 16)}${pad(ms(r.best), 8)}${pad(r.endings, 9)}${pad(r.situations, 12)}${pad(r.max, 6)}${pad(r.warnings, 10)}  ${ok}`,
  };
};

// The densely cyclic case runs in a child process with a time limit and more memory, so a
// blow-up there is reported as such instead of taking the whole benchmark down.
const CHILD_LIMIT_MS = 180_000;
if (process.argv[2] === '--child') {
  const [name, make, opts] = cases.find(([n]) => n === process.argv[3]);
  process.stdout.write(JSON.stringify(measure(name, make(), opts)));
  process.exit(0);
}

console.log(
  `node ${process.version}, ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg()[0].toFixed(1)}; median of ${ROUNDS} rounds (the rings each in a process of their own, limit ${CHILD_LIMIT_MS / 1000} s)`,
);
console.log('');
console.log(
  `${'case'.padEnd(15)}${pad('lint ms', 13)}${pad('paths ms', 16)}${pad('best ms', 8)}${pad('endings', 9)}${pad('situations', 12)}${pad('max', 6)}${pad('warnings', 10)}  goal (on CPU time)`,
);
let missed = 0;
const only = process.argv.slice(2);
for (const [name, make, opts] of cases.filter(([n]) => only.length === 0 || only.includes(n))) {
  if (opts.child) {
    const { spawnSync } = await import('node:child_process');
    const started = performance.now();
    const r = spawnSync(
      process.execPath,
      ['--max-old-space-size=4096', new URL(import.meta.url).pathname, '--child', name],
      { encoding: 'utf8', timeout: CHILD_LIMIT_MS },
    );
    if (r.status === 0 && r.stdout) {
      const result = JSON.parse(r.stdout);
      console.log(row(result).line);
      if (result.note) console.log(`${''.padEnd(15)}lint says: ${result.note}`);
    } else {
      const why =
        r.error?.code === 'ETIMEDOUT'
          ? `did not finish within ${CHILD_LIMIT_MS / 1000} s`
          : `failed (${r.signal ?? `exit ${r.status}`}): ${(r.stderr || '').split('\n').filter((l) => /error/i.test(l))[0] ?? ''}`;
      console.log(`${name.padEnd(12)}  ${why} (after ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
    continue;
  }
  const r = measure(name, make(), opts);
  const { ok, line } = row(r);
  if (ok.endsWith('MISSED')) missed++;
  console.log(line);
  if (r.note) console.log(`${''.padEnd(15)}lint says: ${r.note}`);
}
console.log('');
console.log(
  'ms = CPU time (wall time in brackets); lint = loadFile (everything `roleplay lint` checks); paths = analysePaths (`roleplay paths`);',
);
console.log(
  'best = bestPath (`graph --best`); endings = reachable/all; situations = (node, tested meters, visited nodes named in conditions) play can be in; max = the best score.',
);
process.exit(missed ? 1 : 0);
