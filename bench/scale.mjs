#!/usr/bin/env node
// Issue 21's five figures (`npm run bench -- scale`), each against its peer measured in the
// same run, written to bench/results.md under "## Scale" with the machine:
//  1. `roleplay lint --no-cache` of the generated 1,000-node case against inkjs compiling the
//     same graph written in ink (bench/ink/translate.mjs), each a whole process of its own
//     (node start, module loading, the work). Goal: <= 0.5x cold; an unchanged file (lint's
//     cache) <= 0.1x.
//  2. `roleplay lint` of ring(200) (a 200-node ring with conditions): under 1 s, with an exact
//     answer or a precise error; the exits-only ring must give its exact max.
//  3. a loop whose replies earn points: lint must refuse it (loop-earns-points).
//  4. `roleplay report --json` over 100,000 sessions against its peer, plain hand-written SQL
//     computing the same aggregates the report shows (bench/lib/report-peers.mjs), on SQLite
//     and on PostgreSQL (bench/report-pg.mjs, run as a child): whole processes (start
//     included in both) and in one process (start excluded from both). Goal: <= 1.5x.
//  5. headless play (core Play) against the same case as a hand-written raw XState machine
//     (bench/lib/play-peers.mjs), steps per CPU second. Goal: >= 0.9x.
// The machine is shared: process figures are CPU time (user + system) where the goal is
// judged, wall time beside it. Options: --quick (smaller play and report runs), --no-write,
// --skip-report (a smoke run without figure 4).
// Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { loadFile } from '../dist/core/index.js';
import { toInk } from './ink/translate.mjs';
import { generateScenario, ring } from './lib/generate.mjs';
import { comparePlay } from './lib/play-peers.mjs';
import { updateResults } from './lib/results.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'roleplay.js');
const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write');
const RUNS = quick ? 3 : 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

const dir = mkdtempSync(join(tmpdir(), 'roleplay-scale-'));
// Every child reports its own CPU time when it exits (node has no rusage for a child).
const HOOK = join(dir, 'cpu-hook.mjs');
writeFileSync(
  HOOK,
  "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.cpuUsage(); try { writeFileSync(process.env.SCALE_CPU_FILE, String((u.user + u.system) / 1000)); } catch {} });\n",
);

/** A whole process: node [flags] args; its wall and CPU time in ms, exit status and output. */
function processRun(args, env = {}) {
  const cpuFile = join(dir, 'cpu');
  rmSync(cpuFile, { force: true });
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', HOOK, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', ROLEPLAY_LANG: 'en', SCALE_CPU_FILE: cpuFile, ...env },
    maxBuffer: 64 * 2 ** 20,
  });
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  let cpu = Number.NaN;
  try {
    cpu = Number(readFileSync(cpuFile, 'utf8'));
  } catch {}
  return { wall, cpu, status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Median wall and CPU over RUNS runs, alternating with the peer so load hits both alike. */
function alternate(ours, peer) {
  const a = [];
  const b = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(ours());
    b.push(peer());
  }
  const med = (xs) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)), last: xs.at(-1) });
  return [med(a), med(b)];
}

// ---------- 1. lint vs inkjs, cold and cached ----------

function lintFigures() {
  const text = generateScenario(1000);
  const file = join(dir, 'bench-1000.yaml');
  writeFileSync(file, text);
  const scenario = loadFile(text, file).scenario;
  if (!scenario) throw new Error('the generated 1,000-node case does not load');
  const ink = join(dir, 'bench-1000.ink');
  writeFileSync(ink, toInk(scenario));
  const inkScript = join(dir, 'ink-compile.mjs');
  writeFileSync(
    inkScript,
    `import { readFileSync } from 'node:fs';\nimport { Compiler } from ${JSON.stringify(join(ROOT, 'node_modules/inkjs/dist/ink-full.mjs'))};\nconst c = new Compiler(readFileSync(process.argv[2], 'utf8'));\nc.Compile();\nif (c.errors.length) { console.error(c.errors[0]); process.exit(1); }\n`,
  );
  const cache = join(dir, 'cache');
  const inkjs = () => processRun([inkScript, ink]);
  const cold = () => processRun([BIN, 'lint', '--no-cache', file]);
  const [roleplayCold, inkCold] = alternate(cold, inkjs);
  if (inkCold.last.status !== 0) throw new Error(`inkjs did not compile the story: ${inkCold.last.out}`);
  if (roleplayCold.last.status !== 0) throw new Error(`lint failed on the generated case: ${roleplayCold.last.out}`);
  processRun([BIN, 'lint', file], { ROLEPLAY_CACHE_DIR: cache }); // fills the cache
  const [roleplayCached, inkAgain] = alternate(
    () => processRun([BIN, 'lint', file], { ROLEPLAY_CACHE_DIR: cache }),
    inkjs,
  );
  return { roleplayCold, inkCold, roleplayCached, inkAgain, inkLines: toInk(scenario).split('\n').length };
}

// ---------- 2 and 3. loops: ring(200), and a loop whose replies earn ----------

function lintOnce(name, text) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  const runs = Array.from({ length: 3 }, () => processRun([BIN, 'lint', '--no-cache', '--json', file]));
  const json = JSON.parse(runs.at(-1).out.slice(0, runs.at(-1).out.lastIndexOf('}') + 1));
  return { cpu: median(runs.map((r) => r.cpu)), wall: median(runs.map((r) => r.wall)), json };
}

function pathsMax(name) {
  const r = processRun([BIN, 'paths', '--json', join(dir, `${name}.yaml`)]);
  return r.status === 0 ? JSON.parse(r.out.slice(0, r.out.lastIndexOf('}') + 1)).max : undefined;
}

/** The issue's point farm: asking again earns a point each round; the way out scores the rest. */
function pointFarm() {
  return stringify({
    id: 'point-farm',
    title: { zh: '刷分', en: 'Point farm' },
    cast: { c: { name: { zh: '客户', en: 'Customer' } } },
    lessons: { listen: { title: { zh: '倾听', en: 'Listen' }, principle: { zh: '先听', en: 'Listen first' } } },
    start: 'ask',
    nodes: {
      ask: {
        text: { zh: '还有吗？', en: 'Anything else?' },
        choices: [
          { id: 'again', text: { zh: '再问一次', en: 'Ask again' }, score: { listen: 1 }, goto: 'ask' },
          { id: 'done', text: { zh: '总结', en: 'Sum up' }, score: { listen: 198 }, goto: 'end' },
        ],
      },
      end: { end: { outcome: 'success' } },
    },
  });
}

function loopFigures() {
  const ringRun = lintOnce('ring-200', ring(200));
  const exitsRun = lintOnce('ring-200-exits', ring(200, { exitsOnly: true }));
  const farm = lintOnce('point-farm', pointFarm());
  const codes = (r) => r.json.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
  return {
    ring: { ...ringRun, errors: codes(ringRun) },
    exits: { ...exitsRun, errors: codes(exitsRun), max: pathsMax('ring-200-exits') },
    farm: { ...farm, errors: codes(farm), message: farm.json.diagnostics.find((d) => d.code === 'loop-earns-points') },
  };
}

// ---------- 4. report against the raw SQL, on both stores ----------

function reportFigures() {
  const result = join(dir, 'report-pg.json');
  const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'report-pg.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      ROLEPLAY_BENCH_RESULT: result,
      ...(quick ? { ROLEPLAY_BENCH_SESSIONS: '20000' } : {}),
    },
  });
  try {
    return { ...JSON.parse(readFileSync(result, 'utf8')), status: r.status };
  } catch {
    return { status: r.status };
  }
}

// ---------- 5. headless play against raw XState ----------

function playFigures() {
  const scenario = loadFile(generateScenario(100), 'bench-100.yaml').scenario;
  return comparePlay(scenario, quick ? 2_000 : 10_000, quick ? 10 : 40);
}

// ---------- the table ----------

const loadAtStart = loadavg()[0];
try {
  const lint = lintFigures();
  const loops = loopFigures();
  const play = playFigures();
  const report = process.argv.includes('--skip-report') ? {} : reportFigures();

  const ratio = (a, b) => a / b;
  const rows = [];
  const missed = [];
  const row = (what, ours, peer, r, goal, met) => {
    if (met === '**no**') missed.push(`${what} (${r === undefined ? '' : `${fmt(r, 2)}× against `}${goal})`);
    rows.push(`| ${what} | ${ours} | ${peer} | ${r === undefined ? '' : `${fmt(r, 2)}×`} | ${goal} | ${met} |`);
  };
  const yes = (ok) => (ok ? 'yes' : '**no**');
  const ms = (x) => `${fmt(x.cpu)} ms CPU (${fmt(x.wall)} ms wall)`;
  const coldR = ratio(lint.roleplayCold.cpu, lint.inkCold.cpu);
  const cachedR = ratio(lint.roleplayCached.cpu, lint.inkAgain.cpu);
  row(
    'lint, 1,000-node case, cold (`--no-cache`), whole process',
    ms(lint.roleplayCold),
    `inkjs compiling the same graph (${fmt(lint.inkLines)} lines of ink): ${ms(lint.inkCold)}`,
    coldR,
    '≤ 0.5×',
    yes(coldR <= 0.5),
  );
  row(
    'lint, the same file unchanged (cache hit)',
    ms(lint.roleplayCached),
    `inkjs again: ${ms(lint.inkAgain)}`,
    cachedR,
    '≤ 0.1×',
    yes(cachedR <= 0.1),
  );
  const ringOk = loops.ring.cpu < 1000 && loops.ring.errors.includes('loop-earns-points');
  row(
    'lint ring(200), 200-node ring with conditions',
    `${ms(loops.ring)}; ${loops.ring.errors.join(', ') || 'no error'}`,
    'before: 15–19 s, 585 MB, "too complex"',
    undefined,
    '< 1 s, exact or a precise error',
    yes(ringOk),
  );
  const exitsOk = loops.exits.cpu < 1000 && loops.exits.errors.length === 0 && loops.exits.max !== undefined;
  row(
    'lint ring(200), only its ways out score',
    `${ms(loops.exits)}; max ${loops.exits.max ?? '—'}`,
    '—',
    undefined,
    '< 1 s, the exact max',
    yes(exitsOk),
  );
  const farmOk = loops.farm.errors.includes('loop-earns-points');
  row(
    'a loop whose replies earn points (max 199)',
    farmOk ? `refused: ${loops.farm.message?.message ?? 'loop-earns-points'}` : 'accepted',
    'before: 209 points of a stated 199',
    undefined,
    'impossible, or flagged by lint',
    yes(farmOk),
  );
  for (const [name, cliMs, rawCliMs, inProcess] of [
    ['SQLite', report.sqliteMs, report.sqliteRawProcessMs, report.sqliteInProcess],
    ['PostgreSQL', report.postgresMs, report.postgresRawProcessMs, report.postgresInProcess],
  ]) {
    if (cliMs === undefined || rawCliMs === undefined) {
      row(`report, ${name}`, 'not measured (see the report-pg output above)', '', undefined, '≤ 1.5×', '**no**');
      continue;
    }
    const rCli = ratio(cliMs, rawCliMs);
    const rIn = ratio(inProcess.reportMs, inProcess.rawMs);
    row(
      `report --json, ${fmt(report.sessions)} sessions, ${name}, whole process`,
      `${fmt(cliMs)} ms wall`,
      `the same aggregates in plain SQL, node + the bare driver: ${fmt(rawCliMs)} ms wall`,
      rCli,
      '≤ 1.5×',
      yes(rCli <= 1.5),
    );
    row(
      `the same in one process (store.report() vs the plain SQL, same connection)`,
      `${fmt(inProcess.reportMs)} ms`,
      `${fmt(inProcess.rawMs)} ms`,
      rIn,
      '≤ 1.5×',
      yes(rIn <= 1.5),
    );
  }
  const playR = ratio(play.roleplay, play.raw);
  row(
    `headless play, steps per CPU second (${fmt(play.playthroughs)} seeded playthroughs of the generated 100-node case)`,
    fmt(play.roleplay),
    `raw XState on the same graph: ${fmt(play.raw)}`,
    playR,
    '≥ 0.9×',
    yes(playR >= 0.9),
  );

  const table = ['| figure | roleplay | peer (same run) | ratio | goal | met |', '|---|---|---|---|---|---|', ...rows];
  console.log(table.join('\n'));
  if (write) {
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`;
    updateResults(
      '## Scale (',
      [
        '## Scale (`npm run bench -- scale`): issue 21, each figure against its peer in the same run',
        '',
        `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}${quick ? ' (--quick)' : ''}.`,
        '',
        ...table,
        '',
        missed.length
          ? `**Not met in this run:** ${missed.join('; ')}. The machine is shared (load average above); the figures move by about ±10% between runs.`
          : 'Every goal met in this run.',
        '',
        `Process figures: median of ${RUNS} runs, roleplay and its peer alternating; the goal is judged on CPU time (user + system of the whole process), which the other work on a shared machine distorts least. Lint's peer is inkjs 2 compiling the same graph written in ink (bench/ink/translate.mjs); roleplay runs as \`node bin/roleplay.js\`, without the flags an installed \`roleplay\` gets from its launcher's first line (\`--max-semi-space-size=1 --v8-pool-size=1\`, which use fewer helper threads). The report's peer is plain hand-written SQL computing the same aggregates the report shows (bench/lib/report-peers.mjs: twelve queries, summaries, medians, lessons, choices and decision times, endings, trainees and their last ten, weeks per mode per case and per trainee, the trainee × lesson matrix, typed answers, branches), run through the bare driver; the report's figures are wall time (PostgreSQL works in its own server process), medians of 5 alternating runs; before this peer the table compared the whole report with one GROUP BY (the choice counts alone), which is not the same work. Play: both players take the same seeded choices and must play the very same games; raw XState keeps meters, points and visited nodes, roleplay also every step for the debrief. The machine is shared with other work: figures move by ±10% between runs.`,
        '',
      ].join('\n'),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
