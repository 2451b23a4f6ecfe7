// Loading the report benchmark's sessions (report-data.mjs) in bulk into a fresh SQLite store
// and a fresh PostgreSQL store, straight into their tables (the stores' own schemas, opened
// through dist/, so `npm run build` first). Both get the very same rows.
import { chunks, hex, SCENARIOS } from './report-data.mjs';

const CHUNK = 2_000;

/** The session's row, in the order of SESSION_COLUMNS (results apart: PostgreSQL keeps them in their own table). */
const sessionRow = (sid, s) => [
  sid,
  s.id,
  s.trainee,
  s.scenario.id,
  s.scenario.hash,
  s.mode,
  s.startedAt,
  s.events.length,
  s.events.at(-1).hash,
];
const SESSION_COLUMNS = 'sid, id, trainee, scenario_id, scenario_hash, mode, started_at, event_count, head_hash';
const resultRow = (sid, r) => [r.finishedAt, r.outcome, r.ending, r.total, r.max, r.percent, r.passed, hex(sid)];
const eventRow = (sid, e) => [
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
];
const EVENT_COLUMNS =
  'sid, seq, at, node, kind, way, text, idx, shown, decision_ms, points, meters, feedback, goto, prev_hash, hash';

// ───────────── SQLite ─────────────

function sqliteStatements(db) {
  return {
    source: db.prepare(
      'INSERT OR IGNORE INTO scenario_sources (hash, scenario_id, file, source, catalog, stored_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    session:
      db.prepare(`INSERT INTO sessions (${SESSION_COLUMNS}, lang, finished_at, outcome, ending, total, max, percent, passed, seal)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'zh', ?, ?, ?, ?, ?, ?, ?, ?)`),
    event: db.prepare(`INSERT INTO events (${EVENT_COLUMNS}) VALUES (${Array(16).fill('?').join(', ')})`),
    lesson: db.prepare('INSERT INTO session_lessons (sid, lesson, points, max) VALUES (?, ?, ?, ?)'),
  };
}

export function loadSqlite(openSqliteStore, file, sessions) {
  const store = openSqliteStore(file);
  const db = store.db;
  db.pragma('synchronous = OFF'); // bulk load only; the product uses FULL
  const ins = sqliteStatements(db);
  for (const s of SCENARIOS)
    ins.source.run(s.hash, s.id, `${s.id}.yaml`, `id: ${s.id}\n`, '{"lessons":{}}', new Date().toISOString());
  let sid = 0;
  const insert = db.transaction((chunk) => {
    for (const s of chunk) {
      sid++;
      const r = s.result;
      const result = r ? resultRow(sid, r) : Array(8).fill(null);
      if (r) result[6] = r.passed ? 1 : 0;
      ins.session.run(...sessionRow(sid, s), ...result);
      for (const e of s.events) ins.event.run(...eventRow(sid, e));
      if (r) for (const [l, v] of Object.entries(r.lessons)) ins.lesson.run(sid, l, v.points, v.max);
    }
  });
  for (const chunk of chunks(sessions, CHUNK)) insert(chunk);
  db.exec('ANALYZE');
  store.close();
}

// ───────────── PostgreSQL ─────────────

/** Column arrays (one per column) of a chunk's rows, for `unnest`: one statement per table per chunk. */
function columnsOf(rows, width) {
  const columns = Array.from({ length: width }, () => []);
  for (const row of rows) for (let i = 0; i < width; i++) columns[i].push(row[i]);
  return columns;
}

function pgRows(chunk, firstSid) {
  const sessions = [];
  const results = [];
  const events = [];
  const lessons = [];
  chunk.forEach((s, k) => {
    const sid = firstSid + k;
    sessions.push(sessionRow(sid, s));
    for (const e of s.events) events.push([...eventRow(sid, e), s.scenario.id]);
    if (!s.result) return;
    results.push([sid, ...resultRow(sid, s.result)]);
    for (const [l, v] of Object.entries(s.result.lessons)) lessons.push([sid, l, v.points, v.max]);
  });
  return {
    sessions: columnsOf(sessions, 9),
    results: columnsOf(results, 9),
    events: columnsOf(events, 17),
    lessons: columnsOf(lessons, 4),
  };
}

async function insertPgChunk(q, c) {
  await q(
    `INSERT INTO sessions (${SESSION_COLUMNS}, lang)
      SELECT *, 'zh' FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[])`,
    c.sessions,
  );
  await q(
    `INSERT INTO session_results (sid, finished_at, outcome, ending, total, max, percent, passed, seal)
      SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::bool[], $9::text[])`,
    c.results,
  );
  await q(
    `INSERT INTO events (${EVENT_COLUMNS}, scenario_id)
      SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::jsonb[], $10::int[],
        $11::jsonb[], $12::jsonb[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[])`,
    c.events,
  );
  await q(
    'INSERT INTO session_lessons (sid, lesson, points, max) SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::int[])',
    c.lessons,
  );
}

export async function loadPg(openPgStore, url, sessions) {
  const store = await openPgStore(url);
  const q = (sql, params) => store.pool.query(sql, params);
  for (const s of SCENARIOS)
    await q(
      'INSERT INTO scenario_sources (hash, scenario_id, file, source, catalog) VALUES ($1, $2, $3, $4, \'{"lessons":{}}\') ON CONFLICT DO NOTHING',
      [s.hash, s.id, `${s.id}.yaml`, `id: ${s.id}\n`],
    );
  let sid = 1;
  for (const chunk of chunks(sessions, CHUNK)) {
    await insertPgChunk(q, pgRows(chunk, sid));
    sid += chunk.length;
  }
  await q("SELECT setval(pg_get_serial_sequence('sessions', 'sid'), (SELECT max(sid) FROM sessions))");
  // What autovacuum would have done on a server that has been running: statistics and the
  // visibility map (which index-only scans need).
  await q('VACUUM ANALYZE');
  await store.close();
}
