/**
 * Tampering with a session database the way someone with a SQLite shell and this project's
 * source would: edit rows, then recompute every hash that covers them (events, head, seal), so
 * that only what verify derives from the events and the stored scenario can tell.
 */
import Database from 'better-sqlite3';
import { eventHash, genesisHash, sealHash } from '../../src/store/chain.js';
import type { EventContent, SessionHeader, SessionResult } from '../../src/store/store.js';

interface SessionRowDb {
  sid: number;
  id: string;
  trainee: string;
  scenario_id: string;
  scenario_hash: string;
  lang: 'zh' | 'en';
  mode: SessionHeader['mode'];
  started_at: string;
  shuffle_seed?: number | null;
  finished_at: string | null;
  outcome: SessionResult['outcome'] | null;
  ending: string | null;
  total: number | null;
  max: number | null;
  percent: number | null;
  passed: number | null;
}

interface EventRowDb {
  seq: number;
  at: string;
  node: string;
  kind: 'choice' | 'say' | 'timeout' | 'auto';
  way: string;
  text: string | null;
  idx: number | null;
  shown: string;
  decision_ms: number;
  points: string;
  meters: string;
  feedback: string | null;
  goto: string;
}

function headerOf(s: SessionRowDb): SessionHeader {
  return {
    id: s.id,
    trainee: s.trainee,
    scenarioId: s.scenario_id,
    scenarioHash: s.scenario_hash,
    lang: s.lang,
    mode: s.mode,
    startedAt: s.started_at,
    ...(s.shuffle_seed !== null && s.shuffle_seed !== undefined ? { shuffleSeed: s.shuffle_seed } : {}),
  };
}

function contentOf(e: EventRowDb): EventContent {
  const action =
    e.kind === 'choice'
      ? { kind: 'choice' as const, choice: e.way }
      : e.kind === 'say'
        ? { kind: 'say' as const, text: e.text ?? '', rule: e.idx ?? 0 }
        : e.kind === 'timeout'
          ? { kind: 'timeout' as const }
          : { kind: 'auto' as const, branch: e.idx ?? 0 };
  return {
    seq: e.seq,
    at: e.at,
    node: e.node,
    action,
    shown: JSON.parse(e.shown),
    decisionMs: e.decision_ms,
    points: JSON.parse(e.points),
    meters: JSON.parse(e.meters),
    feedback: e.feedback,
    goto: e.goto,
  };
}

/**
 * Runs `edit` on the open database, then recomputes the chain, head and seal of session `id`
 * from whatever its rows now hold, as a forger would.
 */
export function forge(file: string, id: string, edit: (db: Database.Database, sid: number) => void): void {
  const db = new Database(file);
  try {
    db.transaction(() => {
      const sid = (db.prepare('SELECT sid FROM sessions WHERE id = ?').get(id) as { sid: number }).sid;
      edit(db, sid);
      reseal(db, id);
    })();
  } finally {
    db.close();
  }
}

/** Recomputes session `id`'s hashes from its rows. */
export function reseal(db: Database.Database, id: string): void {
  const s = db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRowDb;
  let prev = genesisHash(headerOf(s));
  const events = db.prepare('SELECT * FROM events WHERE sid = ? ORDER BY seq').all(s.sid) as EventRowDb[];
  const put = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE sid = ? AND seq = ?');
  for (const e of events) {
    const hash = eventHash(prev, contentOf(e));
    put.run(prev, hash, s.sid, e.seq);
    prev = hash;
  }
  let seal: string | null = null;
  if (s.finished_at !== null) {
    const lessons: Record<string, { points: number; max: number }> = {};
    for (const l of db
      .prepare('SELECT lesson, points, max FROM session_lessons WHERE sid = ? ORDER BY lesson')
      .all(s.sid) as { lesson: string; points: number; max: number }[])
      lessons[l.lesson] = { points: l.points, max: l.max };
    const result: SessionResult = {
      finishedAt: s.finished_at,
      outcome: s.outcome!,
      ending: s.ending ?? '',
      total: s.total ?? 0,
      max: s.max ?? 0,
      percent: s.percent ?? 0,
      passed: s.passed === 1,
      lessons,
    };
    seal = sealHash(prev, result);
  }
  db.prepare('UPDATE sessions SET head_hash = ?, event_count = ?, seal = ? WHERE sid = ?').run(
    prev,
    events.length,
    seal,
    s.sid,
  );
}

/** Runs SQL on the file directly, as someone with a SQLite shell would. */
export function tamper(file: string, sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}
