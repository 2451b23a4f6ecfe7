#!/usr/bin/env node
// `npm run bench -- report-pg`: `roleplay report` over the same 100,000 sessions (about 2
// million events) on SQLite and on PostgreSQL, each against its peer: plain hand-written SQL
// computing the same aggregates the report shows (bench/lib/report-peers.mjs), through the
// bare driver.
//
// Two comparisons, each fair on its own terms:
//  - in one process, process start excluded from both: store.report() and the peer's queries
//    on the same connection, alternating, after one warm-up run of each (the goal, ≤ 1.5×,
//    is judged here);
//  - whole processes, process start included in both: `roleplay report --json` (which also
//    loads the CLI and writes the JSON) against a bare node process running the peer.
// The sessions are generated once (deterministic PRNG) and loaded into both stores in bulk
// (bench/lib/report-load.mjs). PostgreSQL is a throw-away server started here, or the one at
// ROLEPLAY_BENCH_PG (postgres://…, an empty database). Both stores' JSON outputs must be
// equal (apart from generatedAt), so both did the same work.
//
// ROLEPLAY_BENCH_SESSIONS=20000 runs a smaller version; ROLEPLAY_BENCH_RESULT=FILE also
// writes the figures there (bench/scale.mjs reads them).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPg, loadSqlite } from './lib/report-load.mjs';
import { startPostgres } from './lib/report-data.mjs';
import { rawPg, rawSqlite } from './lib/report-peers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'roleplay.js');
const SESSIONS = Number(process.env.ROLEPLAY_BENCH_SESSIONS ?? 100_000);
const RUNS = 5;

if (!existsSync(join(ROOT, 'dist', 'store', 'pg', 'pg-store.js'))) {
  console.log('report-pg: build first (npm run build)');
  process.exit(1);
}
const { openSqliteStore } = await import(join(ROOT, 'dist', 'store', 'sqlite', 'sqlite-store.js'));
const { openPgStore } = await import(join(ROOT, 'dist', 'store', 'pg', 'pg-store.js'));

const medianOf = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const since = (t) => Number(process.hrtime.bigint() - t) / 1e6;

/** store.report() and the peer on the same connection, alternating, after a warm-up of each. */
async function timeInProcess(open, peer) {
  const store = await open();
  const report = [];
  const raw = [];
  try {
    await store.report(); // warm: statement cache, pages in memory
    await peer(store);
    for (let i = 0; i < RUNS; i++) {
      let t = process.hrtime.bigint();
      await store.report();
      report.push(since(t));
      t = process.hrtime.bigint();
      await peer(store);
      raw.push(since(t));
    }
  } finally {
    await store.close();
  }
  return { reportMs: medianOf(report), rawMs: medianOf(raw) };
}

/** The peer in a bare node process of its own: node, the driver, the queries. */
const PEER_SCRIPT = {
  sqlite: `const D=(await import('better-sqlite3')).default;const {rawSqlite}=await import(process.argv[2]);const d=new D(process.argv[1],{readonly:true});console.log(rawSqlite(d))`,
  pg: `const {default:pg}=await import('pg');const {rawPg}=await import(process.argv[2]);const p=new pg.Pool({connectionString:process.argv[1]});console.log(await rawPg(p));await p.end()`,
};

function run(args, env = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', ...env },
    maxBuffer: 256 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`${args.slice(0, 2).join(' ')} failed: ${r.stderr}`);
  return { ms: since(t), out: r.stdout };
}

/** `roleplay report --json` and the peer's process, alternating. */
function timeProcesses(kind, target, env) {
  const peer = ['--input-type=module', '-e', PEER_SCRIPT[kind], target, join(ROOT, 'bench/lib/report-peers.mjs')];
  const report = [];
  const raw = [];
  let out = '';
  for (let i = 0; i < RUNS; i++) {
    const r = run([BIN, 'report', '--json'], env);
    report.push(r.ms);
    out = r.out;
    raw.push(run(peer).ms);
  }
  const parsed = JSON.parse(out);
  delete parsed.generatedAt;
  return { ms: medianOf(report), rawMs: medianOf(raw), json: JSON.stringify(parsed) };
}

function printTable(lite, pgr, liteIn, pgIn) {
  const r2 = (a, b) => `${(a / b).toFixed(2)}×`;
  const ms = (x) => `${x.toFixed(0)} ms`;
  const rows = [
    ['store', 'store.report()', 'peer SQL', 'ratio', 'report --json (process)', 'peer (process)', 'ratio'],
    ['SQLite', ms(liteIn.reportMs), ms(liteIn.rawMs), r2(liteIn.reportMs, liteIn.rawMs), ms(lite.ms), ms(lite.rawMs)],
    ['PostgreSQL', ms(pgIn.reportMs), ms(pgIn.rawMs), r2(pgIn.reportMs, pgIn.rawMs), ms(pgr.ms), ms(pgr.rawMs)],
  ];
  rows[1].push(r2(lite.ms, lite.rawMs));
  rows[2].push(r2(pgr.ms, pgr.rawMs));
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(12) : c.padStart(i === 4 ? 26 : 16))).join(''));
  console.log(
    `medians of ${RUNS}; in one process: the store's report() against the peer's twelve queries on the same connection; whole processes: bin/roleplay.js against node + the bare driver + the peer`,
  );
}

async function measure(sqliteFile, url, home) {
  const lite = timeProcesses('sqlite', sqliteFile, { ROLEPLAY_DB: sqliteFile, HOME: home });
  const pgr = timeProcesses('pg', url, { ROLEPLAY_DB: url, HOME: home });
  const liteIn = await timeInProcess(
    () => openSqliteStore(sqliteFile),
    async (s) => rawSqlite(s.db),
  );
  const pgIn = await timeInProcess(
    () => openPgStore(url),
    async (s) => rawPg(s.pool),
  );
  printTable(lite, pgr, liteIn, pgIn);
  const same = lite.json === pgr.json;
  console.log(same ? 'outputs: identical on both stores' : 'outputs: DIFFERENT between the stores');
  return {
    sessions: SESSIONS,
    sqliteMs: lite.ms,
    postgresMs: pgr.ms,
    sqliteRawProcessMs: lite.rawMs,
    postgresRawProcessMs: pgr.rawMs,
    sqliteInProcess: liteIn,
    postgresInProcess: pgIn,
    identical: same,
  };
}

async function load(sqliteFile, url) {
  console.log(
    `generating ${SESSIONS.toLocaleString('en')} sessions (about ${(SESSIONS * 20).toLocaleString('en')} events) into both stores …`,
  );
  let t = Date.now();
  loadSqlite(openSqliteStore, sqliteFile, SESSIONS);
  const sqliteLoad = Date.now() - t;
  t = Date.now();
  await loadPg(openPgStore, url, SESSIONS);
  console.log(
    `loaded: SQLite ${(sqliteLoad / 1000).toFixed(1)} s, PostgreSQL ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
}

async function main() {
  const work = join(ROOT, 'bench', '.tmp', 'report-pg');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const sqliteFile = join(work, 'sessions.db');
  const home = join(work, 'home'); // the team store's offline copy goes here, not in ~
  mkdirSync(home, { recursive: true });
  const server = process.env.ROLEPLAY_BENCH_PG ? undefined : await startPostgres();
  if (server?.skip) {
    console.log(`report-pg skipped: ${server.skip}`);
    return;
  }
  try {
    const url = process.env.ROLEPLAY_BENCH_PG ?? server.url;
    await load(sqliteFile, url);
    const result = await measure(sqliteFile, url, home);
    writeFileSync(join(work, 'result.json'), JSON.stringify(result, null, 2));
    if (process.env.ROLEPLAY_BENCH_RESULT)
      writeFileSync(process.env.ROLEPLAY_BENCH_RESULT, JSON.stringify(result, null, 2));
    if (!result.identical) process.exitCode = 1;
  } finally {
    server?.stop();
    if (!process.env.ROLEPLAY_BENCH_KEEP) rmSync(work, { recursive: true, force: true });
  }
}

await main();
