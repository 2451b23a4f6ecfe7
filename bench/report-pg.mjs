#!/usr/bin/env node
// `npm run bench -- report-pg`: `roleplay report --json` over the same 100,000 sessions
// (about 2 million events) on PostgreSQL and on SQLite, side by side.
//
// The sessions are generated once (deterministic PRNG) and loaded into both stores in bulk,
// through the stores' own schemas (dist/, so `npm run build` first). PostgreSQL is a
// throw-away server started here (initdb + pg_ctl on a free loopback port, as the `postgres`
// user when run as root), or the one at ROLEPLAY_BENCH_PG (postgres://…, an empty database).
// Timings are the median of 3 runs of the real command, process start included; the two
// JSON outputs must be equal (apart from generatedAt), so both stores did the same work.
//
// ROLEPLAY_BENCH_SESSIONS=20000 runs a smaller version.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from './lib/generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'roleplay.js');
const SESSIONS = Number(process.env.ROLEPLAY_BENCH_SESSIONS ?? 100_000);
const RUNS = 3;

if (!existsSync(join(ROOT, 'dist', 'store', 'pg', 'pg-store.js'))) {
  console.log('report-pg: build first (npm run build)');
  process.exit(1);
}
const { openSqliteStore } = await import(join(ROOT, 'dist', 'store', 'sqlite', 'sqlite-store.js'));
const { openPgStore } = await import(join(ROOT, 'dist', 'store', 'pg', 'pg-store.js'));

// ───────────── a throw-away PostgreSQL server ─────────────

function which(name) {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/local/bin', '/usr/lib/postgresql/15/bin']) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startPostgres() {
  const initdb = which('initdb');
  const pgCtl = which('pg_ctl');
  if (!initdb || !pgCtl)
    return { skip: 'initdb/pg_ctl not found (install the PostgreSQL server, or set ROLEPLAY_BENCH_PG)' };
  const root = userInfo().uid === 0;
  const as = (file, args) => (root ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args]);
  const dir = mkdtempSync(join(tmpdir(), 'roleplay-bench-pg-'));
  if (root) {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const run = (file, args) => {
    const [cmd, argv] = as(file, args);
    const r = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${file} failed: ${r.stderr}`);
  };
  const port = await freePort();
  run(initdb, ['-D', join(dir, 'data'), '-U', 'bench', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  // Durability off for the bulk load only: it is the report, not the load, being measured.
  run(pgCtl, [
    'start',
    '-w',
    '-D',
    join(dir, 'data'),
    '-l',
    join(dir, 'log'),
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
  ]);
  return {
    url: `postgres://bench@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run(pgCtl, ['stop', '-w', '-m', 'fast', '-D', join(dir, 'data')]);
      } catch {
        /* already down */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ───────────── the sessions ─────────────

const SCENARIOS = Array.from({ length: 8 }, (_, i) => ({
  id: `case-${i + 1}`,
  hash: String(i + 1)
    .repeat(64)
    .slice(0, 64),
}));
const LESSONS = ['respect', 'introduce', 'listen-first', 'follow-up', 'honesty'];
const hex = (n) => n.toString(16).padStart(64, '0');

/** A chunk of sessions with their events, lessons and results; about 20 events each. */
function* chunks(size) {
  const rnd = prng(42);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const t0 = Date.UTC(2026, 0, 1);
  let eventNo = 0;
  for (let start = 0; start < SESSIONS; start += size) {
    const sessions = [];
    for (let i = start; i < Math.min(SESSIONS, start + size); i++) {
      const scenario = SCENARIOS[i % SCENARIOS.length];
      const startedAt = new Date(t0 + i * 60_000).toISOString();
      const finished = rnd() < 0.97;
      const n = int(14, 26);
      const events = [];
      for (let seq = 1; seq <= n; seq++) {
        const r = rnd();
        const kind = r < 0.75 ? 'choice' : r < 0.87 ? 'say' : r < 0.95 ? 'auto' : 'timeout';
        const way =
          kind === 'choice'
            ? ['calm', 'explain', 'argue', 'promise'][int(0, 3)]
            : kind === 'say'
              ? `rule ${int(1, 3)}`
              : kind === 'auto'
                ? `when ${int(1, 2)}`
                : 'timeout';
        events.push({
          seq,
          at: new Date(t0 + i * 60_000 + seq * 7_000).toISOString(),
          node: `n${seq}`,
          kind,
          way,
          text: kind === 'say' ? '您好，我是华苏的张工' : null,
          idx: kind === 'say' || kind === 'auto' ? int(0, 2) : null,
          shown: kind === 'choice' ? '["calm","explain","argue","promise"]' : '[]',
          decisionMs: kind === 'auto' ? 0 : int(800, 30_000),
          points: `{"${LESSONS[seq % 5]}":${int(-1, 2)}}`,
          meters: `{"patience":${int(0, 3)},"time":${int(0, 3)}}`,
          feedback: rnd() < 0.3 ? '先听客户说完。' : null,
          goto: `n${seq + 1}`,
          prevHash: hex(eventNo),
          hash: hex(++eventNo),
        });
      }
      const percent = int(20, 100);
      sessions.push({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        trainee: `trainee-${int(1, 500)}`,
        scenario,
        startedAt,
        events,
        result: finished
          ? {
              finishedAt: new Date(t0 + i * 60_000 + 300_000).toISOString(),
              outcome: percent >= 75 ? 'success' : percent >= 50 ? 'partial' : 'failure',
              ending: ['good-end', 'ok-end', 'bad-end'][int(0, 2)],
              total: percent,
              max: 100,
              percent,
              passed: percent >= 75,
              lessons: Object.fromEntries(LESSONS.map((l) => [l, { points: int(0, 4), max: 4 }])),
            }
          : null,
      });
    }
    yield sessions;
  }
}

// ───────────── loading ─────────────

function loadSqlite(file) {
  const store = openSqliteStore(file);
  const db = store.db;
  db.pragma('synchronous = OFF');
  const src = db.prepare(
    'INSERT OR IGNORE INTO scenario_sources (hash, scenario_id, file, source, catalog, stored_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const s of SCENARIOS)
    src.run(s.hash, s.id, `${s.id}.yaml`, `id: ${s.id}\n`, '{"lessons":{}}', new Date().toISOString());
  const ses =
    db.prepare(`INSERT INTO sessions (sid, id, trainee, scenario_id, scenario_hash, lang, mode, started_at, finished_at, outcome, ending, total, max, percent, passed, event_count, head_hash, seal)
    VALUES (?, ?, ?, ?, ?, 'zh', 'practice', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const ev =
    db.prepare(`INSERT INTO events (sid, seq, at, node, kind, way, text, idx, shown, decision_ms, points, meters, feedback, goto, prev_hash, hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const les = db.prepare('INSERT INTO session_lessons (sid, lesson, points, max) VALUES (?, ?, ?, ?)');
  let sid = 0;
  const insert = db.transaction((sessions) => {
    for (const s of sessions) {
      sid++;
      const r = s.result;
      ses.run(
        sid,
        s.id,
        s.trainee,
        s.scenario.id,
        s.scenario.hash,
        s.startedAt,
        r?.finishedAt ?? null,
        r?.outcome ?? null,
        r?.ending ?? null,
        r?.total ?? null,
        r?.max ?? null,
        r?.percent ?? null,
        r ? (r.passed ? 1 : 0) : null,
        s.events.length,
        s.events.at(-1).hash,
        r ? hex(sid) : null,
      );
      for (const e of s.events)
        ev.run(
          sid,
          e.seq,
          e.at,
          e.node,
          e.kind,
          e.way,
          e.text,
          e.idx,
          e.shown,
          e.decisionMs,
          e.points,
          e.meters,
          e.feedback,
          e.goto,
          e.prevHash,
          e.hash,
        );
      if (r) for (const [l, v] of Object.entries(r.lessons)) les.run(sid, l, v.points, v.max);
    }
  });
  for (const chunk of chunks(2_000)) insert(chunk);
  db.exec('ANALYZE');
  store.close();
}

async function loadPg(url) {
  const store = await openPgStore(url);
  const q = (sql, params) => store.pool.query(sql, params);
  for (const s of SCENARIOS)
    await q(
      'INSERT INTO scenario_sources (hash, scenario_id, file, source, catalog) VALUES ($1, $2, $3, $4, \'{"lessons":{}}\') ON CONFLICT DO NOTHING',
      [s.hash, s.id, `${s.id}.yaml`, `id: ${s.id}\n`],
    );
  let sid = 0;
  // Column arrays + unnest: one statement per table per chunk (no COPY client in the dependencies).
  for (const chunk of chunks(2_000)) {
    const S = {
      sid: [],
      id: [],
      trainee: [],
      scenario: [],
      hash: [],
      started: [],
      finished: [],
      outcome: [],
      ending: [],
      total: [],
      max: [],
      percent: [],
      passed: [],
      count: [],
      head: [],
      seal: [],
    };
    const E = {
      sid: [],
      seq: [],
      at: [],
      node: [],
      kind: [],
      way: [],
      text: [],
      idx: [],
      shown: [],
      ms: [],
      points: [],
      meters: [],
      feedback: [],
      goto: [],
      prev: [],
      hash: [],
      scenario: [],
    };
    const L = { sid: [], lesson: [], points: [], max: [] };
    for (const s of chunk) {
      sid++;
      const r = s.result;
      S.sid.push(sid);
      S.id.push(s.id);
      S.trainee.push(s.trainee);
      S.scenario.push(s.scenario.id);
      S.hash.push(s.scenario.hash);
      S.started.push(s.startedAt);
      S.finished.push(r?.finishedAt ?? null);
      S.outcome.push(r?.outcome ?? null);
      S.ending.push(r?.ending ?? null);
      S.total.push(r?.total ?? null);
      S.max.push(r?.max ?? null);
      S.percent.push(r?.percent ?? null);
      S.passed.push(r ? r.passed : null);
      S.count.push(s.events.length);
      S.head.push(s.events.at(-1).hash);
      S.seal.push(r ? hex(sid) : null);
      for (const e of s.events) {
        E.sid.push(sid);
        E.seq.push(e.seq);
        E.at.push(e.at);
        E.node.push(e.node);
        E.kind.push(e.kind);
        E.way.push(e.way);
        E.text.push(e.text);
        E.idx.push(e.idx);
        E.shown.push(e.shown);
        E.ms.push(e.decisionMs);
        E.points.push(e.points);
        E.meters.push(e.meters);
        E.feedback.push(e.feedback);
        E.goto.push(e.goto);
        E.prev.push(e.prevHash);
        E.hash.push(e.hash);
        E.scenario.push(s.scenario.id);
      }
      if (r)
        for (const [l, v] of Object.entries(r.lessons)) {
          L.sid.push(sid);
          L.lesson.push(l);
          L.points.push(v.points);
          L.max.push(v.max);
        }
    }
    await q(
      `INSERT INTO sessions (sid, id, trainee, scenario_id, scenario_hash, lang, mode, started_at, finished_at, outcome, ending, total, max, percent, passed, event_count, head_hash, seal)
      SELECT a, b, c, d, e, 'zh', 'practice', f, g, h, i, j, k, l, m, n, o, p FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
        $9::text[], $10::int[], $11::int[], $12::int[], $13::bool[], $14::int[], $15::text[], $16::text[]) AS t(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)`,
      Object.values(S),
    );
    await q(
      `INSERT INTO events (sid, seq, at, node, kind, way, text, idx, shown, decision_ms, points, meters, feedback, goto, prev_hash, hash, scenario_id)
      SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::jsonb[], $10::int[],
        $11::jsonb[], $12::jsonb[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[])`,
      Object.values(E),
    );
    await q(
      'INSERT INTO session_lessons (sid, lesson, points, max) SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::int[])',
      Object.values(L),
    );
  }
  await q("SELECT setval(pg_get_serial_sequence('sessions', 'sid'), (SELECT max(sid) FROM sessions))");
  // What autovacuum would have done on a server that has been running: statistics and the
  // visibility map (which index-only scans need).
  await q('VACUUM ANALYZE');
  await store.close();
}

// ───────────── measuring ─────────────

/**
 * The peer: the one hand-written aggregate someone who knows the schema would type into the
 * database's shell: the choice distribution, one pass over every event (as bench/report.mjs).
 */
const HAND = `SELECT scenario_id AS id, node, way, COUNT(*) AS n
  FROM events WHERE kind <> 'auto'
 GROUP BY scenario_id, node, way`;

const medianOf = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** store.report() in this process, and the hand-written aggregate through the same connection, alternating. */
async function timeInProcess(open, rawQuery) {
  const store = await open();
  const report = [];
  const raw = [];
  try {
    await store.report(); // warm: statement cache, pages in memory
    await rawQuery(store);
    for (let i = 0; i < RUNS; i++) {
      let t = process.hrtime.bigint();
      await store.report();
      report.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      await rawQuery(store);
      raw.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  } finally {
    await store.close();
  }
  return { reportMs: medianOf(report), rawMs: medianOf(raw) };
}

/** The hand-written aggregate in a process of its own (node, the driver, the query), like the CLI's figure. */
function timeRawProcess(kind, target) {
  const script =
    kind === 'sqlite'
      ? `const D=(await import('better-sqlite3')).default;const d=new D(process.argv[1],{readonly:true});console.log(d.prepare(process.argv[2]).all().length)`
      : `const {default:pg}=await import('pg');const c=new pg.Client({connectionString:process.argv[1]});await c.connect();console.log((await c.query(process.argv[2])).rows.length);await c.end()`;
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, target, HAND], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`raw SQL failed: ${r.stderr}`);
  }
  return medianOf(times);
}

function timeReport(env) {
  const times = [];
  let out = '';
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, 'report', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      maxBuffer: 256 * 1024 * 1024,
    });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`report failed: ${r.stderr}`);
    out = r.stdout;
  }
  times.sort((a, b) => a - b);
  const parsed = JSON.parse(out);
  delete parsed.generatedAt;
  return { ms: times[Math.floor(RUNS / 2)], json: JSON.stringify(parsed) };
}

const work = join(ROOT, 'bench', '.tmp', 'report-pg');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const sqliteFile = join(work, 'sessions.db');
const home = join(work, 'home'); // the team store's offline copy goes here, not in ~
mkdirSync(home, { recursive: true });

let server;
let url = process.env.ROLEPLAY_BENCH_PG;
if (!url) {
  server = await startPostgres();
  if (server.skip) {
    console.log(`report-pg skipped: ${server.skip}`);
    process.exit(0);
  }
  url = server.url;
}
try {
  console.log(
    `generating ${SESSIONS.toLocaleString('en')} sessions (about ${(SESSIONS * 20).toLocaleString('en')} events) into both stores …`,
  );
  let t = Date.now();
  loadSqlite(sqliteFile);
  const sqliteLoad = Date.now() - t;
  t = Date.now();
  await loadPg(url);
  const pgLoad = Date.now() - t;
  console.log(`loaded: SQLite ${(sqliteLoad / 1000).toFixed(1)} s, PostgreSQL ${(pgLoad / 1000).toFixed(1)} s`);

  const lite = timeReport({ ROLEPLAY_DB: sqliteFile, HOME: home });
  const pgr = timeReport({ ROLEPLAY_DB: url, HOME: home });
  const same = lite.json === pgr.json;
  const liteRawCli = timeRawProcess('sqlite', sqliteFile);
  const pgRawCli = timeRawProcess('pg', url);
  const liteIn = await timeInProcess(
    () => openSqliteStore(sqliteFile),
    async (s) => s.db.prepare(HAND).all(),
  );
  const pgIn = await timeInProcess(
    () => openPgStore(url),
    async (s) => (await s.pool.query(HAND)).rows,
  );
  const r2 = (a, b) => `${(a / b).toFixed(2)}×`;
  const rows = [
    ['store', 'report --json (process)', 'raw SQL (process)', 'ratio', 'store.report()', 'raw SQL', 'ratio'],
    [
      'SQLite',
      `${lite.ms.toFixed(0)} ms`,
      `${liteRawCli.toFixed(0)} ms`,
      r2(lite.ms, liteRawCli),
      `${liteIn.reportMs.toFixed(0)} ms`,
      `${liteIn.rawMs.toFixed(0)} ms`,
      r2(liteIn.reportMs, liteIn.rawMs),
    ],
    [
      'PostgreSQL',
      `${pgr.ms.toFixed(0)} ms`,
      `${pgRawCli.toFixed(0)} ms`,
      r2(pgr.ms, pgRawCli),
      `${pgIn.reportMs.toFixed(0)} ms`,
      `${pgIn.rawMs.toFixed(0)} ms`,
      r2(pgIn.reportMs, pgIn.rawMs),
    ],
  ];
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(12) : c.padStart(i === 1 ? 24 : 18))).join(''));
  console.log(
    `medians of ${RUNS}; "process": a whole process (node start included), the report through bin/roleplay.js, the raw SQL through the bare driver; in-process: the store's report() against the same query on the same connection`,
  );
  console.log(same ? 'outputs: identical on both stores' : 'outputs: DIFFERENT between the stores');
  writeFileSync(
    join(work, 'result.json'),
    JSON.stringify(
      {
        sessions: SESSIONS,
        sqliteMs: lite.ms,
        postgresMs: pgr.ms,
        sqliteRawProcessMs: liteRawCli,
        postgresRawProcessMs: pgRawCli,
        sqliteInProcess: liteIn,
        postgresInProcess: pgIn,
        identical: same,
      },
      null,
      2,
    ),
  );
  if (process.env.ROLEPLAY_BENCH_RESULT)
    writeFileSync(process.env.ROLEPLAY_BENCH_RESULT, readFileSync(join(work, 'result.json')));
  if (!same) process.exitCode = 1;
} finally {
  server?.stop();
  if (!process.env.ROLEPLAY_BENCH_KEEP) rmSync(work, { recursive: true, force: true });
}
