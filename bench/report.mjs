// Benchmark for issue 6: generate 100,000 recorded sessions (about 2 million events) in a
// fresh SQLite store, then time `roleplay report --json` against one hand-written SQL
// aggregate over the same events, check that the report's numbers match it, and print the
// figures. Goal: the report in under 2 s.
//
//   node bench/report.mjs [--sessions 100000] [--db FILE] [--keep] [--reuse]
//
// --reuse with --db: time an existing benchmark database instead of generating one.
//
// Needs the build (`npm run build`). The data: 10 scenarios of one generated shape (a chain
// of 20 choice nodes, 4 choices each, 5 lessons, a meter that decides the ending), played
// by 500 trainees over a year. Paths are real runs of the compiled machine (core Play on a
// simulated clock), sampled; every event is hashed into its session's chain, and every
// session and result into the store's ledger, as the store does, so `roleplay verify` passes
// on the result.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SimulatedClock } from 'xstate';

const root = new URL('..', import.meta.url);
const dist = (p) => new URL(`dist/${p}`, root).href;
const { loadFile, compile, Play, reportOf } = await import(dist('core/index.js'));
const { openSqliteStore } = await import(dist('store/sqlite/sqlite-store.js'));
const { wayOf } = await import(dist('store/event-columns.js'));
const { eventHash, genesisHash, sealHash } = await import(dist('store/chain.js'));
const { sourceOf } = await import(dist('store/scenario-source.js'));
const { appendEntry } = await import(dist('store/sqlite/ledger-sql.js'));

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const SESSIONS = Number(opt('--sessions', '100000'));
const keep = args.includes('--keep');
const dir = mkdtempSync(join(tmpdir(), 'roleplay-bench-'));
const file = opt('--db', join(dir, 'bench.db'));
const BIN = new URL('bin/roleplay.js', root).pathname;

// ── the scenarios ──
const LESSONS = ['empathy', 'clarity', 'ownership', 'honesty', 'calm'];
const NODES = 20;
function scenarioYaml(id) {
  const lines = [
    `id: ${id}`,
    `title: { zh: 基准案例 ${id}, en: Benchmark case ${id} }`,
    'passScore: 70',
    'cast:',
    '  customer: { name: { zh: 客户, en: Customer } }',
    'meters:',
    '  mood: { initial: 5, min: 0, max: 10 }',
    'lessons:',
    ...LESSONS.map((l) => `  ${l}: { title: ${l}, principle: ${l} }`),
    'start: n1',
    'nodes:',
  ];
  for (let n = 1; n <= NODES; n++) {
    const next = n === NODES ? 'check' : `n${n + 1}`;
    lines.push(`  n${n}:`, `    text: { zh: 第 ${n} 句, en: Line ${n} }`, '    choices:');
    for (let c = 0; c < 4; c++) {
      const lesson = LESSONS[(n + c) % LESSONS.length];
      const pts = [2, 1, 0, -1][c];
      lines.push(
        `      - id: c${c + 1}`,
        `        text: option ${c + 1}`,
        `        score: { ${lesson}: ${pts} }`,
        `        effects: { mood: ${[1, 0, 0, -1][c]} }`,
        `        goto: ${next}`,
      );
    }
  }
  lines.push(
    '  check:',
    '    when:',
    '      - if: { mood: { gte: 8 } }',
    '        goto: good',
    '      - if: { mood: { gte: 3 } }',
    '        goto: fair',
    '      - goto: bad',
    '  good: { text: good, end: { outcome: success } }',
    '  fair: { text: fair, end: { outcome: partial } }',
    '  bad: { text: bad, end: { outcome: failure } }',
  );
  return `${lines.join('\n')}\n`;
}

// A deterministic random source, so two runs generate the same data.
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (n) => Math.floor(rand() * n);

/** 300 distinct playthroughs per scenario, each a real run of the actor, biased per "skill". */
function buildScenarios() {
  const scenarios = [];
  for (let s = 0; s < 10; s++) {
    const id = `bench-${s + 1}`;
    const text = scenarioYaml(id);
    const loaded = loadFile(text, `${id}.yaml`);
    if (!loaded.scenario) throw new Error(`${id}: ${JSON.stringify(loaded.diagnostics[0])}`);
    const compiled = compile(loaded.scenario);
    const paths = [];
    for (let p = 0; p < 300; p++) {
      const skill = p / 300;
      const play = new Play(compiled, { clock: new SimulatedClock() });
      while (!play.done) {
        const choices = play.turn().choices;
        play.choose(choices[rand() < skill ? 0 : pick(choices.length)].id);
      }
      paths.push({ steps: play.context.steps, report: reportOf(compiled, play.output) });
      play.stop();
    }
    scenarios.push({ id, source: sourceOf(loaded.scenario, text, `${id}.yaml`), paths });
  }
  return scenarios;
}

function statementsOf(db) {
  return {
    session:
      db.prepare(`INSERT INTO sessions (id, trainee, scenario_id, scenario_hash, lang, mode, started_at, finished_at,
    outcome, ending, total, max, percent, passed, event_count, head_hash, seal)
    VALUES (@id, @trainee, @scenarioId, @scenarioHash, @lang, @mode, @startedAt, @finishedAt, @outcome, @ending, @total, @max, @percent, @passed, @eventCount, @headHash, @seal)`),
    event:
      db.prepare(`INSERT INTO events (sid, seq, at, node, kind, way, text, idx, shown, decision_ms, points, meters, feedback, goto, prev_hash, hash, scenario_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    lesson: db.prepare('INSERT INTO session_lessons (sid, lesson, points, max) VALUES (?, ?, ?, ?)'),
  };
}

const YEAR = Date.parse('2026-01-01T00:00:00Z');
const hex = (n) => n.toString(16).padStart(8, '0');

/** One step as an event row, chained to the previous hash. */
function eventRow(st, k, t, prev, scenarioId, decisionMs) {
  const content = {
    seq: k + 1,
    at: new Date(t).toISOString(),
    node: st.node,
    action: st.action,
    shown: st.action.kind === 'choice' ? ['c1', 'c2', 'c3', 'c4'] : [],
    decisionMs,
    points: { ...st.score },
    meters: { ...st.meters },
    feedback: null,
    goto: st.goto,
  };
  const hash = eventHash(prev, content);
  const { way, text, idx } = wayOf(content.action);
  const row = [k + 1, content.at, content.node, content.action.kind, way, text, idx, JSON.stringify(content.shown)];
  row.push(decisionMs, JSON.stringify(content.points), JSON.stringify(content.meters), null, content.goto);
  row.push(prev, hash, scenarioId);
  return { row, hash };
}

/** Session i: a trainee plays one of the scenario's paths (better trainees the better ones), maybe not to the end. */
function sessionOf(scenarios, i) {
  const sc = scenarios[pick(scenarios.length)];
  const trainee = `trainee-${String(pick(500)).padStart(3, '0')}`;
  const skill = Number(trainee.slice(8)) / 500;
  const path = sc.paths[Math.max(0, Math.min(299, Math.floor(skill * 300) + pick(60) - 30))];
  let t = YEAR + Math.floor(rand() * 365 * 86400_000);
  const header = {
    id: `${hex(i)}-0000-4000-8000-${hex(pick(2 ** 31))}0000`,
    trainee,
    scenarioId: sc.id,
    scenarioHash: sc.source.hash,
    lang: rand() < 0.8 ? 'zh' : 'en',
    mode: rand() < 0.9 ? 'practice' : 'exam',
    startedAt: new Date(t).toISOString(),
  };
  let prev = genesisHash(header);
  const unfinished = rand() < 0.03;
  const steps = unfinished ? path.steps.slice(0, 1 + pick(path.steps.length - 1)) : path.steps;
  const rows = steps.map((st, k) => {
    const decisionMs = st.action.kind === 'auto' ? 0 : 1500 + pick(20000);
    t += decisionMs + 500;
    const e = eventRow(st, k, t, prev, sc.id, decisionMs);
    prev = e.hash;
    return e.row;
  });
  const r = path.report;
  const result = unfinished
    ? undefined
    : {
        finishedAt: new Date(t).toISOString(),
        outcome: r.outcome,
        ending: r.ending,
        total: r.score.total,
        max: r.score.max,
        percent: r.score.percent,
        passed: r.score.passed,
        lessons: r.score.lessons,
      };
  return { header, rows, result, head: prev };
}

function insertSession(db, ins, storeId, { header, rows, result, head }) {
  const info = ins.session.run({
    ...header,
    finishedAt: result?.finishedAt ?? null,
    outcome: result?.outcome ?? null,
    ending: result?.ending ?? null,
    total: result?.total ?? null,
    max: result?.max ?? null,
    percent: result?.percent ?? null,
    passed: result ? (result.passed ? 1 : 0) : null,
    eventCount: rows.length,
    headHash: head,
    seal: result ? sealHash(head, result) : null,
  });
  const sid = info.lastInsertRowid;
  appendEntry(db, storeId, 'session', header.id, genesisHash(header));
  if (result) appendEntry(db, storeId, 'result', header.id, sealHash(head, result));
  for (const row of rows) ins.event.run(sid, ...row);
  if (result) for (const [l, v] of Object.entries(result.lessons)) ins.lesson.run(sid, l, v.points, v.max);
  return rows.length;
}

async function generate() {
  console.log(`roleplay report benchmark: ${SESSIONS.toLocaleString('en')} sessions into ${file}`);
  const t0 = performance.now();
  const scenarios = buildScenarios();
  // straight into the store's tables, many rows per transaction
  const store = openSqliteStore(file);
  const db = store.db;
  db.pragma('synchronous = OFF'); // bulk load only; the product uses FULL
  for (const s of scenarios) await store.saveSource(s.source);
  const storeId = await store.storeId();
  const ins = statementsOf(db);
  let events = 0;
  const BATCH = 2000;
  for (let start = 0; start < SESSIONS; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(SESSIONS, start + BATCH); i++)
        events += insertSession(db, ins, storeId, sessionOf(scenarios, i));
    })();
  }
  db.pragma('synchronous = FULL');
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  await store.close();
  const genS = (performance.now() - t0) / 1000;
  console.log(
    `generated ${SESSIONS.toLocaleString('en')} sessions, ${events.toLocaleString('en')} events in ${genS.toFixed(1)} s; database ${(statSync(file).size / 2 ** 20).toFixed(0)} MB`,
  );
}

const reuse = args.includes('--reuse') && args.includes('--db');
if (!reuse) await generate();
else console.log(`roleplay report benchmark: timing the existing ${file}`);

// ── timing ──
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const RUNS = 3;

const cli = [];
let reportJson;
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'report', '--json', '--db', file], {
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
    env: { ...process.env, CI: 'true' },
  });
  cli.push(performance.now() - t);
  if (r.status !== 0) throw new Error(`report failed: ${r.stderr}`);
  reportJson = JSON.parse(r.stdout);
}

const inproc = [];
{
  const s = openSqliteStore(file);
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await s.report();
    inproc.push(performance.now() - t);
  }
  await s.close();
}

// The single hand-written aggregate: the choice distribution, the one pass over every event
// (what someone who knows the schema would type into a SQLite shell).
const HAND = `SELECT scenario_id AS id, node, way, COUNT(*) AS n
  FROM events WHERE kind <> 'auto'
 GROUP BY scenario_id, node, way`;
const { default: Database } = await import('better-sqlite3');
const raw = new Database(file, { readonly: true });
const hand = [];
let handRows;
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  handRows = raw.prepare(HAND).all();
  hand.push(performance.now() - t);
}
const attemptsSql = raw
  .prepare(`SELECT scenario_id AS id, COUNT(*) AS attempts, AVG(CASE WHEN mode = 'exam' THEN passed END) AS passRate,
         AVG(percent) AS meanPercent
  FROM sessions WHERE finished_at IS NOT NULL GROUP BY scenario_id`)
  .all();
raw.close();

// ── the report must match the hand-written numbers ──
let mismatches = 0;
for (const row of handRows) {
  const got = reportJson.scenarios.find((s) => s.id === row.id)?.choices?.[row.node]?.[row.way];
  if (got !== row.n) {
    mismatches++;
    if (mismatches < 5) console.error(`mismatch ${row.id} ${row.node} ${row.way}: report ${got}, SQL ${row.n}`);
  }
}
const reportCells = reportJson.scenarios.reduce(
  (a, s) => a + Object.values(s.choices).reduce((b, w) => b + Object.keys(w).length, 0),
  0,
);
if (reportCells !== handRows.length) {
  mismatches++;
  console.error(`report has ${reportCells} choice cells, SQL ${handRows.length}`);
}
for (const a of attemptsSql) {
  const s = reportJson.scenarios.find((x) => x.id === a.id);
  if (
    !s ||
    s.attempts !== a.attempts ||
    // the pass rate counts exams only (null with none)
    Math.abs((s.passRate ?? 0) - (a.passRate ?? 0)) > 1e-4 ||
    Math.abs(s.meanPercent - a.meanPercent) > 0.01
  ) {
    mismatches++;
    console.error(
      `mismatch in ${a.id}: report ${JSON.stringify(s && { attempts: s.attempts, passRate: s.passRate, meanPercent: s.meanPercent })}, SQL ${JSON.stringify(a)}`,
    );
  }
}

const fmt = (ms) => `${ms.toFixed(0)} ms`;
console.log(
  `report --json (CLI, whole process, median of ${RUNS}): ${fmt(median(cli))}   [${cli.map(fmt).join(', ')}]`,
);
console.log(`report in-process (store.report, median of ${RUNS}):    ${fmt(median(inproc))}`);
console.log(`hand-written SQL aggregate (median of ${RUNS}):         ${fmt(median(hand))}`);
console.log(
  `ratio report --json / hand-written SQL: ${(median(cli) / median(hand)).toFixed(2)}   (in-process: ${(median(inproc) / median(hand)).toFixed(2)})`,
);
console.log(`numbers match the hand-written SQL: ${mismatches === 0 ? 'yes' : `NO (${mismatches} differences)`}`);
console.log(`goal under 2 s: ${median(cli) < 2000 ? 'met' : 'NOT met'}`);
if (!keep && !args.includes('--db')) rmSync(dir, { recursive: true, force: true });
else console.log(`database kept: ${file}`);
process.exitCode = mismatches === 0 ? 0 : 1;
