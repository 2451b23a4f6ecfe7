#!/usr/bin/env node
// Load benchmark (`npm run bench -- load`): N concurrent processes (default 8) each record M
// sessions (default 500) of a bundled case into ONE SQLite database, through the same
// Recording the `run --record` command and the play screen use (WAL, synchronous=FULL,
// busy_timeout). Every session is a different seeded random playthrough. Afterwards:
//  - no process reported an error;
//  - every session is finished and holds exactly the events its process produced (no event
//    lost or duplicated), and `verify` finds every hash chain intact;
//  - the time per recorded step (wall time of the busiest process ÷ its steps), and the
//    throughput of the whole database (all steps ÷ wall time).
// Options: --processes N, --sessions M, --json (one JSON object), --no-write (leave
// bench/results.md alone). A smaller run is in the test suite (test/faults/load.test.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { updateResults } from './lib/results.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const CASE = 'angry-customer';

async function loadCase() {
  const { compile, loadCatalog, loadFile } = await import('../dist/core/index.js');
  const catalog = loadCatalog(readFileSync(join(ROOT, 'scenarios/lessons.yaml'), 'utf8'), 'lessons.yaml').catalog;
  const file = join(ROOT, 'scenarios', `${CASE}.yaml`);
  const source = readFileSync(file, 'utf8');
  const loaded = loadFile(source, file, catalog);
  if (!loaded.scenario) throw new Error(`${file} does not load`);
  return { scenario: loaded.scenario, compiled: compile(loaded.scenario), source, file };
}

// ---------- one recording process ----------

async function worker(db, index, sessions) {
  const { SimulatedClock } = await import('xstate');
  const { Play, reportOf } = await import('../dist/core/index.js');
  const { openSqliteStore } = await import('../dist/store/sqlite/sqlite-store.js');
  const { Recording } = await import('../dist/store/recording.js');
  const { prng } = await import('./lib/generate.mjs');
  const { scenario, compiled, source, file } = await loadCase();
  const rnd = prng(1000 + index);
  const store = openSqliteStore(db);
  const produced = {}; // session id -> events produced
  let steps = 0,
    errors = 0;
  const started = performance.now();
  for (let s = 0; s < sessions; s++) {
    const recording = await Recording.start(store, {
      scenario,
      source,
      file,
      trainee: `load-${index}`,
      lang: 'zh',
      mode: 'headless',
    });
    const clock = new SimulatedClock();
    const play = new Play(compiled, { clock });
    let seen = 0;
    const record = () => {
      const all = play.context.steps;
      for (; seen < all.length; seen++)
        void recording.step(all[seen], { decisionMs: 1000, feedbackShown: false }, { snapshot: play.persisted() });
    };
    while (!play.done) {
      const turn = play.turn();
      if (turn.deadline !== undefined && (rnd() < 0.1 || (turn.node.kind === 'choice' && turn.choices.length === 0)))
        clock.increment(turn.deadline - clock.now());
      else if (turn.node.kind === 'choice') play.choose(turn.choices[Math.floor(rnd() * turn.choices.length)].id);
      else play.say(rnd() < 0.5 ? '您好，我是华苏的张工，马上处理，三点前给您回电话' : '不知道');
      record();
    }
    void recording.finish(reportOf(compiled, play.output));
    try {
      await recording.flush();
    } catch (e) {
      errors++;
      process.stderr.write(`worker ${index}: ${e.message}\n`);
    }
    produced[recording.id] = seen;
    steps += seen;
    play.stop();
  }
  const ms = performance.now() - started;
  await store.close();
  process.stdout.write(`${JSON.stringify({ index, sessions, steps, ms, errors, produced })}\n`);
}

// ---------- the coordinator ----------

function runWorker(db, index, sessions) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [fileURLToPath(import.meta.url), '--worker', String(index), '--db', db, '--sessions', String(sessions)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '',
      err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('exit', (code) => {
      if (code !== 0)
        return reject(new Error(`worker ${index} exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
      resolve({ ...JSON.parse(out), stderr: err });
    });
  });
}

/** What is in the database against what the processes produced: the problems found, and the session count. */
async function audit(db, results, expected) {
  const Database = (await import('better-sqlite3')).default;
  const conn = new Database(db, { readonly: true });
  const rows = conn
    .prepare('SELECT s.id, s.finished_at, (SELECT count(*) FROM events e WHERE e.sid = s.sid) AS n FROM sessions s')
    .all();
  conn.close();
  const inDb = new Map(rows.map((r) => [r.id, r]));
  const produced = Object.assign({}, ...results.map((r) => r.produced));
  const problems = [];
  const errors = results.reduce((a, r) => a + r.errors, 0) + results.filter((r) => r.stderr.trim()).length;
  if (errors) {
    const said = results.map((r) => r.stderr.trim()).filter(Boolean);
    problems.push(`${errors} recording errors: ${said.join(' | ').slice(0, 300)}`);
  }
  if (rows.length !== expected) problems.push(`${rows.length} sessions in the database, expected ${expected}`);
  let lost = 0;
  let unfinished = 0;
  for (const [id, n] of Object.entries(produced)) {
    const r = inDb.get(id);
    if (!r) {
      lost += n;
      continue;
    }
    if (r.n !== n) lost += Math.abs(n - r.n);
    if (r.finished_at === null) unfinished++;
  }
  if (lost) problems.push(`${lost} events lost or duplicated`);
  if (unfinished) problems.push(`${unfinished} sessions left unfinished`);
  return { problems, sessions: rows.length };
}

/** `roleplay verify` on the database: every hash chain intact. */
async function verify(db, problems) {
  const { spawnSync } = await import('node:child_process');
  const v = spawnSync(process.execPath, [join(ROOT, 'bin/roleplay.js'), 'verify', '--db', db, '--lang', 'en'], {
    encoding: 'utf8',
  });
  if (v.status !== 0) problems.push(`verify failed: ${(v.stdout + v.stderr).trim().slice(0, 300)}`);
  return v.status === 0;
}

function printResult(r) {
  console.log(
    `${r.processes} processes × ${r.sessionsPerProcess} sessions of ${CASE} into one SQLite database: ${r.sessions} sessions, ${r.events.toLocaleString('en-US')} events in ${(r.wallMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `time per recorded step (slowest process): ${r.msPerStep.toFixed(2)} ms; whole database: ${Math.round(r.stepsPerSecond).toLocaleString('en-US')} steps/s`,
  );
  console.log(
    r.problems.length ? `PROBLEMS: ${r.problems.join('; ')}` : 'no errors, no lost events, verify: every chain intact',
  );
}

async function main() {
  const processes = arg('--processes', 8);
  const sessions = arg('--sessions', 500);
  const dir = mkdtempSync(join(tmpdir(), 'roleplay-load-'));
  const db = join(dir, 'load.db');
  try {
    // create the database (schema) once, so the workers race on recording, not on migrations
    const { openSqliteStore } = await import('../dist/store/sqlite/sqlite-store.js');
    await openSqliteStore(db).close();
    const loadAtStart = loadavg()[0];
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: processes }, (_, i) => runWorker(db, i, sessions)));
    const wall = performance.now() - started;
    const { problems, sessions: stored } = await audit(db, results, processes * sessions);
    const verified = await verify(db, problems);
    const steps = results.reduce((a, r) => a + r.steps, 0);
    const slowest = results.reduce((a, r) => (r.ms / r.steps > a.ms / a.steps ? r : a));
    const result = {
      processes,
      sessionsPerProcess: sessions,
      sessions: stored,
      events: steps,
      wallMs: wall,
      msPerStep: slowest.ms / slowest.steps,
      stepsPerSecond: steps / (wall / 1000),
      verify: verified,
      problems,
      loadAtStart,
    };
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
    else printResult(result);
    if (!process.argv.includes('--no-write')) writeResults(result);
    process.exitCode = problems.length ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeResults(r) {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const section = [
    '## Load (`npm run bench -- load`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${r.loadAtStart.toFixed(1)} at the start.`,
    '',
    '| processes | sessions each | sessions | events | wall time | time per recorded step (slowest process) | database throughput | errors / lost events | verify |',
    '|---|---|---|---|---|---|---|---|---|',
    `| ${r.processes} | ${r.sessionsPerProcess} | ${r.sessions.toLocaleString('en-US')} | ${r.events.toLocaleString('en-US')} | ${(r.wallMs / 1000).toFixed(1)} s | ${r.msPerStep.toFixed(2)} ms | ${Math.round(r.stepsPerSecond).toLocaleString('en-US')} steps/s | ${r.problems.length ? r.problems.join('; ') : 'none'} | ${r.verify ? 'intact' : '**failed**'} |`,
    '',
    'Each process records through `Recording` (as `run --record` and the play screen do): WAL, synchronous=FULL (an fsync per committed step), busy_timeout for the other writers. A step includes its persisted snapshot for resume.',
    '',
  ].join('\n');
  updateResults('## Load', section);
}

if (process.argv.includes('--worker'))
  await worker(process.argv[process.argv.indexOf('--db') + 1], arg('--worker', 0), arg('--sessions', 500));
else await main();
