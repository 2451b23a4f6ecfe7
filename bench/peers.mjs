#!/usr/bin/env node
// Benchmarks against the tools a trainer would otherwise use (`npm run bench -- peers`),
// every baseline measured in the same run, printed as a table of ratios and written to
// bench/results.md with the machine and date:
//  1. headless play: steps per second over 10,000 random playthroughs of a bundled case,
//     against inkjs playing the equivalent ink story (bench/ink/translate.mjs) compiled with
//     inkjs's own compiler. Goal: ratio >= 1.
//  2. lint of a generated 1,000-node case (loadFile: parse, schema, references, graph checks,
//     maxima) against inkjs's compiler on the same case written in ink. Goal: ratio >= 1.
//  3. cold start of `roleplay play <case>` to its first frame, against a minimal Ink app
//     (bench/ui-hello.mjs), both in a pseudo-terminal made by script(1). Goal: <= 1.3x.
//     roleplay is started as users start it (bin/roleplay.js: its shebang's node flag, the
//     esbuild bundle); since bundling is most of its lead, the same minimal app bundled the
//     same way is measured too, as a second, stricter baseline.
//  4. peak RSS of `roleplay play` during three full plays driven by keys. Goal: < 100 MB.
// Options: --quick (fewer playthroughs, for a smoke run), --no-write (do not touch results.md).
// Needs `npm run build` first.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Compiler, Story } from 'inkjs/full';
import { SimulatedClock } from 'xstate';
import { compile, loadCatalog, loadFile, Play } from '../dist/core/index.js';
import { toInk } from './ink/translate.mjs';
import { generateScenario, prng } from './lib/generate.mjs';
import { updateResults } from './lib/results.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write');
const PLAYTHROUGHS = quick ? 1_000 : 10_000;
const CASE = 'angry-customer';
const STEP_CAP = 500;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gc = () => globalThis.gc?.();
const fmt = (x, d = 1) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function loadBundled(name) {
  const catalog = loadCatalog(readFileSync(join(ROOT, 'scenarios/lessons.yaml'), 'utf8'), 'lessons.yaml').catalog;
  const file = join(ROOT, 'scenarios', `${name}.yaml`);
  const loaded = loadFile(readFileSync(file, 'utf8'), file, catalog);
  if (!loaded.scenario) throw new Error(`${file} does not load`);
  return loaded.scenario;
}

// ---------- 1. headless play throughput ----------

/** One typed answer per rule that a trainee could give to reach it (keywords of the rule). */
function answersOf(node) {
  return node.rules.map((r) => (r.match ? [...r.match.all, r.match.any[0] ?? ''].join(' ') || 'ok' : '嗯……我不太清楚'));
}

function roleplayPlays(compiled, n, seed) {
  const rnd = prng(seed);
  const answers = new Map(
    Object.values(compiled.scenario.nodes)
      .filter((x) => x.kind === 'input')
      .map((x) => [x.id, answersOf(x)]),
  );
  let steps = 0;
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const clock = new SimulatedClock();
    const play = new Play(compiled, { clock });
    for (let k = 0; k < STEP_CAP && !play.done; k++) {
      const turn = play.turn();
      const canWait = turn.deadline !== undefined;
      if (canWait && (rnd() < 0.1 || (turn.node.kind === 'choice' && turn.choices.length === 0))) {
        clock.increment(turn.deadline - clock.now());
      } else if (turn.node.kind === 'choice') {
        play.choose(turn.choices[Math.floor(rnd() * turn.choices.length)].id);
      } else {
        const a = answers.get(turn.node.id);
        play.say(a[Math.floor(rnd() * a.length)]);
      }
      steps++;
    }
    if (!play.done) throw new Error('roleplay playthrough did not end');
    play.stop();
  }
  return { steps, ms: performance.now() - started };
}

function inkPlays(json, n, seed) {
  const rnd = prng(seed);
  const story = new Story(json);
  let steps = 0;
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    story.ResetState();
    story.ContinueMaximally();
    for (let k = 0; k < STEP_CAP && story.currentChoices.length > 0; k++) {
      story.ChooseChoiceIndex(Math.floor(rnd() * story.currentChoices.length));
      story.ContinueMaximally();
      steps++;
    }
    if (story.currentChoices.length > 0) throw new Error('ink playthrough did not end');
  }
  return { steps, ms: performance.now() - started };
}

function throughput() {
  const scenario = loadBundled(CASE);
  const compiled = compile(scenario);
  const inkSource = toInk(scenario);
  writeFileSync(join(ROOT, 'bench/ink', `${CASE}.ink`), inkSource); // the story as benchmarked, for reading
  const compiler = new Compiler(inkSource);
  const json = compiler.Compile().ToJson();
  if (compiler.errors.length) throw new Error(`ink story does not compile: ${compiler.errors[0]}`);
  // warm up both (JIT), then alternate rounds so background load hits both alike
  roleplayPlays(compiled, 200, 1);
  inkPlays(json, 200, 1);
  const rounds = 3,
    per = Math.ceil(PLAYTHROUGHS / rounds);
  const rp = { steps: 0, ms: 0 },
    ink = { steps: 0, ms: 0 };
  for (let r = 0; r < rounds; r++) {
    gc();
    const a = roleplayPlays(compiled, per, 100 + r);
    rp.steps += a.steps;
    rp.ms += a.ms;
    gc();
    const b = inkPlays(json, per, 100 + r);
    ink.steps += b.steps;
    ink.ms += b.ms;
  }
  return {
    playthroughs: per * rounds,
    roleplay: { steps: rp.steps, perSec: rp.steps / (rp.ms / 1000) },
    inkjs: { steps: ink.steps, perSec: ink.steps / (ink.ms / 1000) },
  };
}

// ---------- 2. lint of a 1,000-node case ----------

function lint() {
  const text = generateScenario(1000);
  const first = loadFile(text, 'bench-1000.yaml');
  if (!first.scenario) throw new Error('generated 1,000-node scenario does not load');
  const inkSource = toInk(first.scenario);
  const check = new Compiler(inkSource);
  check.Compile();
  if (check.errors.length) throw new Error(`generated ink story does not compile: ${check.errors[0]}`);
  const rp = [],
    ink = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    gc();
    let t = performance.now();
    loadFile(text, 'bench-1000.yaml');
    rp.push(performance.now() - t);
    gc();
    t = performance.now();
    new Compiler(inkSource).Compile();
    ink.push(performance.now() - t);
  }
  return { nodes: 1000, inkLines: inkSource.split('\n').length, roleplayMs: median(rp), inkjsMs: median(ink) };
}

// ---------- 3 and 4: startup and memory in a pseudo-terminal ----------

function inPty(command, env) {
  return spawn('script', ['-qfec', `stty cols 100 rows 30 2>/dev/null; exec ${command}`, '/dev/null'], {
    cwd: ROOT,
    env: { ...process.env, CI: 'false', LANG: 'C.UTF-8', ROLEPLAY_LANG: 'en', ...env },
    stdio: ['pipe', 'pipe', 'ignore'],
    detached: true,
  });
}
const killGroup = (child) => {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
};

function timeToFrame(command, marker, env) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = inPty(command, env);
    let out = '';
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`no "${marker}" within 20 s: ${out.slice(-300)}`));
    }, 20_000);
    child.stdout.on('data', (d) => {
      out += d.toString('utf8');
      if (out.includes(marker)) {
        const t = performance.now() - start;
        clearTimeout(timer);
        killGroup(child);
        resolve(t);
      }
    });
    child.on('error', reject);
  });
}

const FIXTURE = 'test/fixtures/ui/basement-alarm.yaml';

// The minimal Ink app bundled exactly as esbuild.config.mjs bundles roleplay.
async function bundledHello(dir) {
  const outdir = join(dir, 'hello-bundled');
  await build({
    entryPoints: [join(ROOT, 'bench/ui-hello.mjs')],
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['react-devtools-core'],
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  return join(outdir, 'ui-hello.js');
}

async function startup(dir) {
  const app = [],
    hello = [],
    helloBundled = [];
  const runs = quick ? 3 : 7;
  const db = join(dir, 'startup.db');
  const roleplay = `bin/roleplay.js play ${FIXTURE} --db ${db}`;
  const bundled = `node ${await bundledHello(dir)}`;
  await timeToFrame(roleplay, 'Enter start'); // warm the file cache
  for (let i = 0; i < runs; i++) {
    app.push(await timeToFrame(roleplay, 'Enter start'));
    hello.push(await timeToFrame('node bench/ui-hello.mjs', 'hello, press q'));
    helloBundled.push(await timeToFrame(bundled, 'hello, press q'));
  }
  return { runs, roleplayMs: median(app), helloMs: median(hello), helloBundledMs: median(helloBundled) };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function peakRss(dir) {
  const file = join(dir, 'rss.txt');
  // Preloaded with --import: writes the peak resident set size (KiB) every 20 ms and at
  // exit, so the figure survives the kill at the end.
  const hook = join(dir, 'peak-rss.mjs');
  writeFileSync(
    hook,
    `import { writeFileSync } from 'node:fs';
const save = () => { try { writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS)); } catch {} };
setInterval(save, 20).unref(); process.on('exit', save);
`,
  );
  const measure = async (command, keys) => {
    writeFileSync(file, '0');
    // NODE_OPTIONS rather than a node argument, so that bin/roleplay.js starts through its shebang.
    const child = inPty(command, { PEAK_RSS_FILE: file, NODE_OPTIONS: `--import=${hook}` });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d.toString('utf8');
    });
    for (let t = 0; t < 200 && !/Enter start|hello, press q/.test(out); t++) await sleep(50);
    for (const k of keys) {
      child.stdin.write(k);
      await sleep(120);
    }
    await sleep(300);
    killGroup(child);
    await sleep(100);
    return Number(readFileSync(file, 'utf8')) / 1024;
  };
  // Three full plays of the case in practice mode: answer, feedback, choices, debrief, retry.
  const play = ['您好，我是讯达的张工，来处理电源告警', '\r', '\r', '2', ' ', '1', '\r', 'r'];
  const keys = ['\r', ...play, ...play, ...play];
  const roleplay = await measure(`bin/roleplay.js play ${FIXTURE} --db ${join(dir, 'rss.db')}`, keys);
  const hello = await measure('node bench/ui-hello.mjs', ['x']);
  return { roleplayMb: roleplay, helloMb: hello, keys: keys.length };
}

// ---------- report ----------

const dir = mkdtempSync(join(tmpdir(), 'roleplay-peers-'));
const loadAtStart = loadavg()[0]; // other work on the machine skews every figure; say how much there was
const hasScript = spawnSync('script', ['--version']).status === 0;
try {
  const t = throughput();
  const l = lint();
  const s = hasScript ? await startup(dir) : undefined;
  const m = hasScript ? await peakRss(dir) : undefined;

  const rows = [
    [
      'headless play, steps/s',
      `${t.playthroughs.toLocaleString('en-US')} random playthroughs of ${CASE}`,
      fmt(t.roleplay.perSec, 0),
      `inkjs ${fmt(t.inkjs.perSec, 0)}`,
      t.roleplay.perSec / t.inkjs.perSec,
      '≥ 1.0×',
      t.roleplay.perSec >= t.inkjs.perSec,
    ],
    [
      'lint 1,000 nodes, ms',
      `loadFile vs inkjs Compiler (${l.inkLines.toLocaleString('en-US')} lines of ink)`,
      fmt(l.roleplayMs),
      `inkjs ${fmt(l.inkjsMs)}`,
      l.inkjsMs / l.roleplayMs,
      '≥ 1.0×',
      l.roleplayMs <= l.inkjsMs,
    ],
  ];
  if (s) {
    rows.push([
      'cold start to first frame, ms',
      `roleplay play (median of ${s.runs})`,
      fmt(s.roleplayMs),
      `minimal Ink app ${fmt(s.helloMs)}`,
      s.roleplayMs / s.helloMs,
      '≤ 1.3×',
      s.roleplayMs / s.helloMs <= 1.3,
    ]);
    rows.push([
      'cold start, both bundled, ms',
      'the same, against the minimal app bundled by esbuild',
      fmt(s.roleplayMs),
      `bundled minimal Ink app ${fmt(s.helloBundledMs)}`,
      s.roleplayMs / s.helloBundledMs,
      '(for comparison)',
      undefined,
    ]);
  }
  if (m)
    rows.push([
      'peak RSS, MB',
      `three full plays in the terminal UI (${m.keys} keys)`,
      fmt(m.roleplayMb),
      `minimal Ink app ${fmt(m.helloMb)}`,
      m.roleplayMb / m.helloMb,
      '< 100 MB',
      m.roleplayMb < 100,
    ]);

  const header = ['measure', 'how', 'roleplay', 'baseline', 'ratio', 'goal', 'met'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map(
      ([what, how, ours, base, ratio, goal, met]) =>
        `| ${what} | ${how} | ${ours} | ${base} | ${fmt(ratio, 2)}× | ${goal} | ${met === undefined ? '' : met ? 'yes' : '**no**'} |`,
    ),
  ];
  const ratioNote =
    'ratio: roleplay ÷ baseline for startup and memory (lower is better); baseline ÷ roleplay time, i.e. how many times faster roleplay is, for play and lint (higher is better).';
  console.log(lines.join('\n'));
  console.log(ratioNote);
  if (!hasScript) console.log('startup and memory skipped: script(1) is not available to make a pseudo-terminal');

  if (write) {
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const machine = `${cpus().length} × ${cpu.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}, load average ${loadAtStart.toFixed(1)} at the start`;
    const section = [
      '## Against peers (`npm run bench -- peers`)',
      '',
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}${quick ? ' (--quick)' : ''}.`,
      '',
      ...lines,
      '',
      ratioNote,
      '',
      `The ink story is \`bench/ink/${CASE}.ink\`, written from the scenario by \`bench/ink/translate.mjs\`; typed answers become one ink choice per rule (ink has no free-text input).`,
      'Both engines pick choices with the same seeded random sequence; a roleplay step includes letting a timeout fire (10% of timed turns). inkjs reuses one Story with ResetState(); roleplay starts a new actor per playthrough, as the UI does.',
      '',
    ].join('\n');
    updateResults('## Against peers', section);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
