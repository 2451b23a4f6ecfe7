// The 100,000 sessions of the report benchmark (bench/report-pg.mjs): generated once from a
// seeded PRNG and loaded in bulk into both stores through their own schemas (dist/, so
// `npm run build` first), and the throw-away PostgreSQL server they go into.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { prng } from './generate.mjs';

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

/** Runs a server binary, as the `postgres` user when we are root (initdb refuses root). */
function serverCommand(dir) {
  const root = userInfo().uid === 0;
  if (root) {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  return (file, args) => {
    const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${file} failed: ${r.stderr}`);
  };
}

/** initdb + pg_ctl on a free loopback port; `{ skip }` when the server is not installed. */
export async function startPostgres() {
  const initdb = which('initdb');
  const pgCtl = which('pg_ctl');
  if (!initdb || !pgCtl)
    return { skip: 'initdb/pg_ctl not found (install the PostgreSQL server, or set ROLEPLAY_BENCH_PG)' };
  const dir = mkdtempSync(join(tmpdir(), 'roleplay-bench-pg-'));
  const run = serverCommand(dir);
  const port = await freePort();
  const data = join(dir, 'data');
  run(initdb, ['-D', data, '-U', 'bench', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  // Durability off for the bulk load only: it is the report, not the load, being measured.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run(pgCtl, ['start', '-w', '-D', data, '-l', join(dir, 'log'), '-o', options]);
  return {
    url: `postgres://bench@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run(pgCtl, ['stop', '-w', '-m', 'fast', '-D', data]);
      } catch {
        /* already down */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ───────────── the sessions ─────────────

export const SCENARIOS = Array.from({ length: 8 }, (_, i) => ({
  id: `case-${i + 1}`,
  hash: String(i + 1)
    .repeat(64)
    .slice(0, 64),
}));
const LESSONS = ['respect', 'introduce', 'listen-first', 'follow-up', 'honesty'];
export const hex = (n) => n.toString(16).padStart(64, '0');
const T0 = Date.UTC(2026, 0, 1);

/** How a step was taken: mostly choices, some typed answers, automatic branches and timeouts. */
function wayOf(rnd, int) {
  const r = rnd();
  if (r < 0.75) return ['choice', ['calm', 'explain', 'argue', 'promise'][int(0, 3)]];
  if (r < 0.87) return ['say', `rule ${int(1, 3)}`];
  if (r < 0.95) return ['auto', `when ${int(1, 2)}`];
  return ['timeout', 'timeout'];
}

function eventsOf(i, rnd, int, counter) {
  const events = [];
  const n = int(14, 26);
  for (let seq = 1; seq <= n; seq++) {
    const [kind, way] = wayOf(rnd, int);
    events.push({
      seq,
      at: new Date(T0 + i * 60_000 + seq * 7_000).toISOString(),
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
      prevHash: hex(counter.n),
      hash: hex(++counter.n),
    });
  }
  return events;
}

function resultOf(i, int) {
  const percent = int(20, 100);
  return {
    finishedAt: new Date(T0 + i * 60_000 + 300_000).toISOString(),
    outcome: percent >= 75 ? 'success' : percent >= 50 ? 'partial' : 'failure',
    ending: ['good-end', 'ok-end', 'bad-end'][int(0, 2)],
    total: percent,
    max: 100,
    percent,
    passed: percent >= 75,
    lessons: Object.fromEntries(LESSONS.map((l) => [l, { points: int(0, 4), max: 4 }])),
  };
}

/** Chunks of sessions with their events, lessons and results; about 20 events each. */
export function* chunks(sessions, size) {
  const rnd = prng(42);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const counter = { n: 0 };
  for (let start = 0; start < sessions; start += size) {
    const chunk = [];
    for (let i = start; i < Math.min(sessions, start + size); i++) {
      const finished = rnd() < 0.97;
      chunk.push({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        trainee: `trainee-${int(1, 500)}`,
        scenario: SCENARIOS[i % SCENARIOS.length],
        startedAt: new Date(T0 + i * 60_000).toISOString(),
        // mostly practice, some exams: the pass rates and the weekly trend count exams apart
        mode: i % 5 === 0 ? 'exam' : 'practice',
        events: eventsOf(i, rnd, int, counter),
        result: finished ? resultOf(i, int) : null,
      });
    }
    yield chunk;
  }
}
