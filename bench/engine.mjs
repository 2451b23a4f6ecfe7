#!/usr/bin/env node
// Engine benchmark (`npm run bench -- engine`): lint + maxima of generated DAG scenarios with
// 100, 1,000 and 5,000 nodes (3 meters, conditions, timeouts, typed answers, `when` branches),
// using the built core (dist/). Goal: the 1,000-node case under 1 s on a 2-core machine, and
// time growing about linearly with the number of nodes.
//
// For each size it reports
//   lint     loadFile(): parse with positions, zod schema, references, model, whole-graph
//            checks — which include the maxima (explore) — i.e. what `roleplay lint` does per file
//   maxima   explore() + scoreOf() alone on a fresh copy of the validated scenario (no cache)
//   states   distinct situations (node, meters, visited nodes that matter) the search memoized
// and, against the previous size, the growth ratio: time ratio ÷ node ratio (1.0 = linear).
import { performance } from 'node:perf_hooks';
import { explore, loadFile, scoreOf } from '../dist/core/index.js';
import { generateScenario } from './lib/generate.mjs';

const SIZES = [100, 1_000, 5_000];
const ROUNDS = { 100: 9, 1000: 5, 5000: 3 };
const GOAL_MS = 1000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gc = () => globalThis.gc?.();
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Wall and CPU time of fn, in ms. CPU time is the steadier figure when other work shares the cores. */
function timed(fn) {
  const c = cpuNow();
  const t = performance.now();
  const value = fn();
  return { value, wall: performance.now() - t, cpu: cpuNow() - c };
}

function measure(size) {
  const text = generateScenario(size);
  // warm-up (JIT), and a check that the generated case is valid
  const first = loadFile(text, `bench-${size}.yaml`);
  if (!first.scenario) {
    console.error(
      first.diagnostics
        .filter((d) => d.severity === 'error')
        .slice(0, 5)
        .map((d) => `${d.line}:${d.column} ${d.message}`)
        .join('\n'),
    );
    throw new Error(`generated ${size}-node scenario does not load`);
  }
  const lint = [];
  const maxima = [];
  let heapMB = 0;
  let states = 0;
  let max = 0;
  for (let r = 0; r < ROUNDS[size]; r++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const loaded = timed(() => loadFile(text, `bench-${size}.yaml`));
    lint.push(loaded);
    heapMB = Math.max(heapMB, (process.memoryUsage().heapUsed - before) / 1048576);
    // explore() caches per scenario object: a structured clone is a cold start
    const copy = structuredClone(loaded.value.scenario);
    const run = timed(() => {
      const e = explore(copy);
      scoreOf(copy, {}, 'success');
      return e;
    });
    maxima.push(run);
    states = run.value.states;
    max = run.value.maxima.total;
  }
  return {
    size,
    bytes: text.length,
    states,
    max,
    heapMB,
    lintBest: Math.min(...lint.map((x) => x.wall)),
    lintWall: median(lint.map((x) => x.wall)),
    lintCpu: median(lint.map((x) => x.cpu)),
    maximaCpu: median(maxima.map((x) => x.cpu)),
  };
}

const os = await import('node:os');
const loadBefore = os.loadavg()[0];
const rows = SIZES.map(measure);
const loadAfter = os.loadavg()[0];
const pad = (s, n) => String(s).padStart(n);
console.log(
  `node ${process.version}, ${os.cpus().length} cores, load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}; rounds ${SIZES.map((s) => ROUNDS[s]).join('/')}`,
);
console.log('');
console.log(
  `${pad('nodes', 6)} ${pad('YAML KB', 8)} ${pad('states', 8)} ${pad('lint best', 10)} ${pad('lint med', 9)} ${pad('lint cpu', 9)} ${pad('maxima cpu', 11)} ${pad('heap MB', 8)} ${pad('µs/node', 8)} ${pad('growth', 7)}`,
);
rows.forEach((r, i) => {
  const prev = rows[i - 1];
  const growth = prev ? r.lintCpu / prev.lintCpu / (r.size / prev.size) : undefined;
  console.log(
    `${pad(r.size.toLocaleString('en'), 6)} ${pad((r.bytes / 1024).toFixed(0), 8)} ${pad(r.states.toLocaleString('en'), 8)} ` +
      `${pad(r.lintBest.toFixed(0), 10)} ${pad(r.lintWall.toFixed(0), 9)} ${pad(r.lintCpu.toFixed(0), 9)} ${pad(r.maximaCpu.toFixed(0), 11)} ` +
      `${pad(r.heapMB.toFixed(0), 8)} ${pad(((r.lintCpu * 1000) / r.size).toFixed(0), 8)} ${pad(growth ? growth.toFixed(2) : '—', 7)}`,
  );
});
console.log('');
console.log('times in ms: lint = loadFile() (parse, schema, references, checks incl. maxima), best and median wall');
console.log('time and median CPU time; maxima = explore() + scoreOf() alone on a cold copy.');
console.log('growth = (lint CPU time ratio) ÷ (node ratio) against the row above; 1.00 is linear.');
const k = rows.find((r) => r.size === 1000);
const met = k.lintBest < GOAL_MS;
console.log(
  `goal: 1,000 nodes under ${GOAL_MS} ms — ${met ? 'met' : 'MISSED'} (best ${k.lintBest.toFixed(0)} ms wall, ${k.lintCpu.toFixed(0)} ms CPU, of which ${k.maximaCpu.toFixed(0)} ms maxima)`,
);
if (!met)
  console.log(`  on CPU time, the figure a busy machine distorts least: ${k.lintCpu < GOAL_MS ? 'met' : 'missed'}`);
const first = rows[0];
const last = rows.at(-1);
console.log(
  `${first.size} → ${last.size.toLocaleString('en')} nodes: CPU time ×${(last.lintCpu / first.lintCpu).toFixed(1)} for nodes ×${last.size / first.size} (growth ${(last.lintCpu / first.lintCpu / (last.size / first.size)).toFixed(2)})`,
);
if (loadBefore > os.cpus().length || loadAfter > os.cpus().length)
  console.log(
    'note: the machine was busy (load average above the core count); wall times are inflated, CPU times less so',
  );

// Hostile files through the real command: time and peak memory of `roleplay lint`.
const { spawnSync } = await import('node:child_process');
const { mkdtempSync, openSync, writeSync, closeSync, rmSync } = await import('node:fs');
const { join } = await import('node:path');
const { fileURLToPath } = await import('node:url');
const bin = fileURLToPath(new URL('../bin/roleplay.js', import.meta.url));
const tmp = mkdtempSync(join(os.tmpdir(), 'bench-engine-'));
const huge = join(tmp, 'huge.yaml');
const fd = openSync(huge, 'w');
const block = Buffer.from(
  '  node: { text: "the quick brown fox jumps over the lazy dog", end: { outcome: success } }\n'.repeat(11_000),
);
writeSync(fd, 'id: huge\nnodes:\n');
for (let written = 0; written < 50 * 1024 * 1024; written += block.length) writeSync(fd, block);
closeSync(fd);
const probe = (file) => {
  // peak RSS from /proc (VmHWM): getrusage's maxRSS survives exec, so it would report ours
  const code = `import { readFileSync } from 'node:fs';
    process.on('exit', () => { const u = process.resourceUsage(); let rss = u.maxRSS; try { rss = Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]); } catch {}
      process.stderr.write('@@' + JSON.stringify({ rss, cpu: (u.userCPUTime + u.systemCPUTime) / 1000 })); });
    process.argv.splice(1, 0, ${JSON.stringify(bin)}); import(${JSON.stringify(`file://${bin}`)});`;
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code, '--', 'lint', file], { encoding: 'utf8' });
  const wall = performance.now() - t;
  const m = JSON.parse(/@@(\{.*\})$/.exec(r.stderr)[1]);
  return { wall, cpu: m.cpu, rssMB: m.rss / 1024, status: r.status, line: r.stdout.trim().split('\n')[0].slice(0, 90) };
};
const baseline = probe(fileURLToPath(new URL('../test/fixtures/valid/plain.yaml', import.meta.url)));
console.log('');
console.log('`roleplay lint` on hostile files (whole process: start-up, lint, exit):');
for (const [name, file] of [
  ['a small valid file (baseline)', null],
  ['alias bomb (9 levels of 9)', fileURLToPath(new URL('../test/fixtures/broken/alias-bomb.yaml', import.meta.url))],
  ['50 MB file', huge],
]) {
  const r = file ? probe(file) : baseline;
  console.log(
    `  ${name.padEnd(30)} exit ${r.status}  wall ${r.wall.toFixed(0).padStart(4)} ms  CPU ${r.cpu.toFixed(0).padStart(4)} ms  peak RSS ${r.rssMB.toFixed(0).padStart(3)} MB` +
      (file ? `  (${(r.cpu / baseline.cpu).toFixed(2)}× baseline CPU)` : ''),
  );
}
rmSync(tmp, { recursive: true, force: true });
if (!met) process.exitCode = 1;
