/**
 * Merging into the SQLite store (import, and pulling a session from the team server): the
 * rules of merge.ts in one IMMEDIATE transaction. better-sqlite3 runs every statement
 * synchronously, so the transaction is opened and closed around the (only nominally async)
 * merge by hand. Its awaits only wait for these statements (each settles at once), so the
 * transaction holds no real pause; callers must not write through the same connection while
 * a merge is running (import and sync never do).
 */
import type { Database as Db } from 'better-sqlite3';
import { StoreError, storeProblems } from '../store.js';
import { wayOf } from '../event-columns.js';
import type { SavedPlay, ScenarioSource, SessionHeader, SessionResult, StoredEvent } from '../store.js';
import { mergeHeadOf } from '../session-columns.js';
import type { MergeOutcome, SessionBundle } from './bundle.js';
import { mergeInto, type MergeHead, type MergeOptions, type MergeTx } from './merge.js';
import type { OriginEntry } from '../ledger.js';
import { appendEntry, hasResultEntry, originEntry, putOriginEntry, storeIdOf } from '../sqlite/ledger-sql.js';
import type { SessionDbRow } from '../sqlite/sqlite-store.js';
import { insertSource, sourceStatements } from '../sqlite/sources-sql.js';

/** The statements merging runs, prepared once per merge. */
function statementsOf(db: Db) {
  return {
    sources: sourceStatements(db),
    session: db.prepare<[string], SessionDbRow>('SELECT * FROM sessions WHERE id = ?'),
    hashAt: db.prepare<[string, number], { hash: string }>(
      'SELECT e.hash FROM events e JOIN sessions s ON s.sid = e.sid WHERE s.id = ? AND e.seq = ?',
    ),
    insertSession:
      db.prepare(`INSERT OR IGNORE INTO sessions (id, trainee, scenario_id, scenario_hash, lang, mode, started_at, head_hash, shuffle_seed)
      VALUES (@id, @trainee, @scenarioId, @scenarioHash, @lang, @mode, @startedAt, @headHash, @shuffleSeed)`),
    insertEvent:
      db.prepare(`INSERT INTO events (sid, seq, at, node, kind, way, text, idx, shown, decision_ms, points, meters, feedback, goto, prev_hash, hash)
      VALUES (@sid, @seq, @at, @node, @kind, @way, @text, @idx, @shown, @decisionMs, @points, @meters, @feedback, @goto, @prevHash, @hash)`),
    advance: db.prepare('UPDATE sessions SET event_count = ?, head_hash = ? WHERE id = ?'),
    setPlay: db.prepare('UPDATE sessions SET play = ? WHERE id = ? AND finished_at IS NULL'),
    finish:
      db.prepare(`UPDATE sessions SET finished_at = @finishedAt, outcome = @outcome, ending = @ending, total = @total, max = @max,
      percent = @percent, passed = @passed, seal = @seal, play = NULL WHERE id = @id`),
    insertLesson: db.prepare(
      'INSERT INTO session_lessons (sid, lesson, points, max) SELECT sid, ?, ?, ? FROM sessions WHERE id = ?',
    ),
  };
}

/** Merging's writes on the SQLite connection, inside the transaction mergeIntoSqlite opens. */
class SqliteMergeTx implements MergeTx {
  private readonly st: ReturnType<typeof statementsOf>;
  private readonly storeId: string;

  constructor(private readonly db: Db) {
    this.st = statementsOf(db);
    this.storeId = storeIdOf(db);
  }

  private sidOf(id: string): number {
    const row = this.st.session.get(id);
    if (!row) throw new StoreError(storeProblems.noSession(id));
    return row.sid;
  }

  async hasSource(hash: string): Promise<boolean> {
    return this.st.sources.exists.get(hash) !== undefined;
  }

  async insertSource(s: ScenarioSource): Promise<void> {
    insertSource(this.st.sources, s, new Date());
  }

  async session(id: string): Promise<MergeHead | undefined> {
    const s = this.st.session.get(id);
    if (!s) return undefined;
    return { ...mergeHeadOf(s), sealed: hasResultEntry(this.db, id) };
  }

  async eventHashAt(id: string, seq: number): Promise<string | undefined> {
    return this.st.hashAt.get(id, seq)?.hash;
  }

  async insertSession(h: SessionHeader, headHash: string): Promise<boolean> {
    if (this.st.insertSession.run({ ...h, shuffleSeed: h.shuffleSeed ?? null, headHash }).changes !== 1) return false;
    appendEntry(this.db, this.storeId, 'session', h.id, headHash);
    return true;
  }

  async appendEvents(id: string, events: readonly StoredEvent[]): Promise<void> {
    const sid = this.sidOf(id);
    for (const e of events) {
      const { way, text, idx } = wayOf(e.action);
      this.st.insertEvent.run({
        sid,
        seq: e.seq,
        at: e.at,
        node: e.node,
        kind: e.action.kind,
        way,
        text,
        idx,
        shown: JSON.stringify(e.shown),
        decisionMs: Math.round(e.decisionMs),
        points: JSON.stringify(e.points),
        meters: JSON.stringify(e.meters),
        feedback: e.feedback,
        goto: e.goto,
        prevHash: e.prevHash,
        hash: e.hash,
      });
    }
    const last = events[events.length - 1]!;
    this.st.advance.run(last.seq, last.hash, id);
  }

  async setPlay(id: string, play: SavedPlay): Promise<void> {
    this.st.setPlay.run(JSON.stringify(play), id);
  }

  async finish(id: string, r: SessionResult, seal: string): Promise<void> {
    appendEntry(this.db, this.storeId, 'result', id, seal);
    this.st.finish.run({
      id,
      finishedAt: r.finishedAt,
      outcome: r.outcome,
      ending: r.ending,
      total: r.total,
      max: r.max,
      percent: r.percent,
      passed: r.passed ? 1 : 0,
      seal,
    });
    for (const [lesson, l] of Object.entries(r.lessons)) this.st.insertLesson.run(lesson, l.points, l.max, id);
  }

  async originEntry(origin: string, n: number) {
    return originEntry(this.db, origin, n);
  }

  async putOriginEntry(e: OriginEntry): Promise<void> {
    putOriginEntry(this.db, e);
  }
}

export async function mergeIntoSqlite(
  db: Db,
  bundles: readonly SessionBundle[],
  options: MergeOptions = {},
): Promise<MergeOutcome[]> {
  const tx = new SqliteMergeTx(db);

  db.exec('BEGIN IMMEDIATE');
  try {
    const outcomes = await mergeInto(tx, bundles, options);
    db.exec('COMMIT');
    return outcomes;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}
