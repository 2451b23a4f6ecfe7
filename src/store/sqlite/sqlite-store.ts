/**
 * The embedded store: one SQLite file (better-sqlite3) in WAL mode, so several terminals can
 * play into it at once while reports read it.
 *
 * Durability: `synchronous = FULL`. WAL with NORMAL survives a crashed process but can lose
 * the last commits on a power cut; FULL syncs the log on every commit. A step is taken every
 * few seconds, so the cost of one fsync per step is invisible, and the issue asks that
 * nothing answered is lost. Bulk imports (the benchmark) batch many rows per transaction.
 *
 * Concurrency: every write is one `BEGIN IMMEDIATE` transaction (the write lock is taken up
 * front, so two writers never deadlock upgrading a read lock) and `busy_timeout` makes a
 * writer wait for the lock instead of failing with "database is locked".
 */
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import type { LessonCatalog } from '../../core/index.js';
import { eventHash, genesisHash, sealHash } from '../chain.js';
import { StoreError, storeProblems } from '../store.js';
import type {
  EventContent,
  ReportData,
  SavedPlay,
  ScenarioSource,
  SessionFilter,
  SessionHeader,
  SessionId,
  SessionResult,
  SessionRow,
  SessionStore,
  StoredEvent,
} from '../store.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { reportFromSql } from './report-sql.js';
import { appendableRow, sessionRowOf, type SessionColumns } from '../session-columns.js';
import { eventOf, wayOf, type EventColumns } from '../event-columns.js';

/** How long a writer waits for another's transaction before giving up (ms). */
export const BUSY_TIMEOUT_MS = 15_000;

export type SessionDbRow = SessionColumns<number, number>;

type EventDbRow = EventColumns<number>;

/** Where sessions go unless --db or ROLEPLAY_DB says otherwise; its folder is made on first use. */
export const DEFAULT_DB_PATH = join(homedir(), '.roleplay', 'roleplay.db');

/** Opens (creating and migrating if needed) the database at `file`. */
export function openSqliteStore(file: string): SqliteStore {
  if (file !== ':memory:') {
    if (file === DEFAULT_DB_PATH) {
      try {
        // Only ~/.roleplay itself (HOME was checked to be a folder, store/open.ts): a recursive
        // mkdir never returns on some paths, e.g. under /proc.
        if (!existsSync(dirname(file))) mkdirSync(dirname(file), { mode: 0o700 });
      } catch (e) {
        const why = (e as NodeJS.ErrnoException).code ?? String(e);
        throw new StoreError({
          zh: `无法在 HOME 里为练习记录库 ${file} 创建文件夹（${why}）；请用 --db PATH 或 ROLEPLAY_DB 指定练习记录库文件，或把 HOME 设为可以写入的文件夹`,
          en: `cannot create the folder for the session database ${file} in HOME (${why}); name a database file with --db PATH or ROLEPLAY_DB, or set HOME to a folder you can write to`,
        });
      }
    } else if (!existsSync(dirname(file))) {
      // A path the user chose: make no folders for it (a typo would scatter databases, and
      // Node's recursive mkdir never returns on some paths, e.g. under /proc).
      throw new StoreError({
        zh: `文件夹 ${dirname(file)} 不存在；请先创建它，或用 --db 换一个文件`,
        en: `the folder ${dirname(file)} does not exist; create it first, or choose another file with --db`,
      });
    }
  }
  let db: Db;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    // Reports scan every event once: map the file and sort groups in memory.
    db.pragma(`mmap_size = ${256 * 1024 * 1024}`);
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
  } catch (e) {
    throw new StoreError({
      zh: `无法打开练习记录库 ${file}：${(e as Error).message}`,
      en: `cannot open the session database ${file}: ${(e as Error).message}`,
    });
  }
  try {
    migrate(db);
  } catch (e) {
    db.close();
    if (e instanceof StoreError) throw e;
    throw new StoreError({
      zh: `练习记录库 ${file} 无法使用：${(e as Error).message}`,
      en: `the session database ${file} cannot be used: ${(e as Error).message}`,
    });
  }
  return new SqliteStore(db, file);
}

export function migrate(db: Db): void {
  const current = () => db.pragma('user_version', { simple: true }) as number;
  if (current() > SCHEMA_VERSION) {
    throw new StoreError({
      zh: `练习记录库由更新版本的 roleplay 写入（结构版本 ${current()}，本版本只认识到 ${SCHEMA_VERSION}）；请先升级 roleplay`,
      en: `the session database was written by a newer roleplay (schema ${current()}; this one knows up to ${SCHEMA_VERSION}); update roleplay to read it`,
    });
  }
  if (current() === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Checked again under the write lock: another process may have migrated meanwhile.
    const from = current();
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}

export class SqliteStore implements SessionStore {
  private readonly st: {
    sourceExists: Statement<[string], { one: number }>;
    insertSource: Statement;
    getSource: Statement<
      [string],
      { hash: string; scenario_id: string; file: string; source: string; catalog: string }
    >;
    insertSession: Statement;
    sessionById: Statement<[string], SessionDbRow>;
    sessionsByPrefix: Statement<[string], SessionDbRow>;
    insertEvent: Statement;
    advanceHead: Statement;
    setPlay: Statement;
    getPlay: Statement<[string], { play: string | null }>;
    finish: Statement;
    insertLesson: Statement;
    lessonsOf: Statement<[number], { lesson: string; points: number; max: number }>;
    eventsOf: Statement<[number], EventDbRow>;
  };

  constructor(
    readonly db: Db,
    readonly location: string,
  ) {
    this.st = {
      sourceExists: db.prepare('SELECT 1 AS one FROM scenario_sources WHERE hash = ?'),
      insertSource: db.prepare(
        'INSERT OR IGNORE INTO scenario_sources (hash, scenario_id, file, source, catalog, stored_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getSource: db.prepare('SELECT hash, scenario_id, file, source, catalog FROM scenario_sources WHERE hash = ?'),
      insertSession:
        db.prepare(`INSERT INTO sessions (id, trainee, scenario_id, scenario_hash, lang, mode, started_at, head_hash, play, shuffle_seed)
        VALUES (@id, @trainee, @scenarioId, @scenarioHash, @lang, @mode, @startedAt, @headHash, @play, @shuffleSeed)`),
      sessionById: db.prepare('SELECT * FROM sessions WHERE id = ?'),
      sessionsByPrefix: db.prepare('SELECT * FROM sessions WHERE id >= ? ORDER BY id LIMIT 2'),
      insertEvent:
        db.prepare(`INSERT INTO events (sid, seq, at, node, kind, way, text, idx, shown, decision_ms, points, meters, feedback, goto, prev_hash, hash, scenario_id)
        VALUES (@sid, @seq, @at, @node, @kind, @way, @text, @idx, @shown, @decisionMs, @points, @meters, @feedback, @goto, @prevHash, @hash, @scenarioId)`),
      advanceHead: db.prepare(
        'UPDATE sessions SET event_count = ?, head_hash = ?, play = coalesce(?, play) WHERE sid = ?',
      ),
      setPlay: db.prepare('UPDATE sessions SET play = ? WHERE id = ? AND finished_at IS NULL'),
      getPlay: db.prepare('SELECT play FROM sessions WHERE id = ?'),
      finish:
        db.prepare(`UPDATE sessions SET finished_at = @finishedAt, outcome = @outcome, ending = @ending, total = @total, max = @max,
        percent = @percent, passed = @passed, seal = @seal, play = NULL WHERE sid = @sid`),
      insertLesson: db.prepare(
        'INSERT INTO session_lessons (sid, lesson, points, max, scenario_id) VALUES (?, ?, ?, ?, ?)',
      ),
      lessonsOf: db.prepare('SELECT lesson, points, max FROM session_lessons WHERE sid = ? ORDER BY lesson'),
      eventsOf: db.prepare('SELECT * FROM events WHERE sid = ? ORDER BY seq'),
    };
  }

  async saveSource(source: ScenarioSource): Promise<void> {
    if (this.st.sourceExists.get(source.hash)) return;
    this.st.insertSource.run(
      source.hash,
      source.scenarioId,
      source.file,
      source.source,
      JSON.stringify(source.catalog),
      new Date().toISOString(),
    );
  }

  async loadSource(hash: string): Promise<ScenarioSource | undefined> {
    const row = this.st.getSource.get(hash);
    if (!row) return undefined;
    return {
      hash: row.hash,
      scenarioId: row.scenario_id,
      file: row.file,
      source: row.source,
      catalog: JSON.parse(row.catalog) as LessonCatalog,
    };
  }

  async startSession(header: SessionHeader, play?: SavedPlay): Promise<SessionRow> {
    const headHash = genesisHash(header);
    this.db
      .transaction(() => {
        this.st.insertSession.run({
          ...header,
          shuffleSeed: header.shuffleSeed ?? null,
          headHash,
          play: play ? JSON.stringify(play) : null,
        });
      })
      .immediate();
    return this.rowOf(this.st.sessionById.get(header.id)!);
  }

  async appendEvent(sessionId: SessionId, content: EventContent, play?: SavedPlay): Promise<StoredEvent> {
    return this.db
      .transaction(() => {
        const s = appendableRow(this.st.sessionById.get(sessionId), sessionId, content.seq);
        const prevHash = s.head_hash;
        const hash = eventHash(prevHash, content);
        const { way, text, idx } = wayOf(content.action);
        this.st.insertEvent.run({
          sid: s.sid,
          seq: content.seq,
          at: content.at,
          node: content.node,
          kind: content.action.kind,
          way,
          text,
          idx,
          shown: JSON.stringify(content.shown),
          decisionMs: Math.round(content.decisionMs),
          points: JSON.stringify(content.points),
          meters: JSON.stringify(content.meters),
          feedback: content.feedback,
          goto: content.goto,
          prevHash,
          hash,
          scenarioId: s.scenario_id,
        });
        this.st.advanceHead.run(content.seq, hash, play ? JSON.stringify(play) : null, s.sid);
        return { ...content, decisionMs: Math.round(content.decisionMs), sessionId, prevHash, hash };
      })
      .immediate();
  }

  async savePlay(sessionId: SessionId, play: SavedPlay): Promise<void> {
    this.db
      .transaction(() => {
        this.st.setPlay.run(JSON.stringify(play), sessionId);
      })
      .immediate();
  }

  async finishSession(sessionId: SessionId, result: SessionResult): Promise<SessionRow> {
    return this.db
      .transaction(() => {
        const s = this.st.sessionById.get(sessionId);
        if (!s) throw new StoreError(storeProblems.noSession(sessionId));
        if (s.finished_at !== null) throw new StoreError(storeProblems.finished(sessionId));
        const seal = sealHash(s.head_hash, result);
        this.st.finish.run({
          sid: s.sid,
          finishedAt: result.finishedAt,
          outcome: result.outcome,
          ending: result.ending,
          total: result.total,
          max: result.max,
          percent: result.percent,
          passed: result.passed ? 1 : 0,
          seal,
        });
        for (const [lesson, l] of Object.entries(result.lessons))
          this.st.insertLesson.run(s.sid, lesson, l.points, l.max, s.scenario_id);
        return this.rowOf(this.st.sessionById.get(sessionId)!);
      })
      .immediate();
  }

  async findSession(idOrPrefix: string): Promise<SessionRow | undefined | 'ambiguous'> {
    const exact = this.st.sessionById.get(idOrPrefix);
    if (exact) return this.rowOf(exact);
    const prefix = idOrPrefix.toLowerCase();
    if (prefix.length < 4) return undefined;
    const rows = this.st.sessionsByPrefix.all(prefix).filter((r) => r.id.startsWith(prefix));
    if (rows.length > 1) return 'ambiguous';
    return rows[0] ? this.rowOf(rows[0]) : undefined;
  }

  async listSessions(filter: SessionFilter = {}): Promise<SessionRow[]> {
    const { where, params } = whereOf(filter);
    const limit = filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : '';
    const rows = this.db
      .prepare(`SELECT * FROM sessions s ${where} ORDER BY started_at DESC, sid DESC${limit}`)
      .all(params) as SessionDbRow[];
    return rows.map((r) => this.rowOf(r));
  }

  async events(sessionId: SessionId): Promise<StoredEvent[]> {
    const s = this.st.sessionById.get(sessionId);
    if (!s) return [];
    return this.st.eventsOf.all(s.sid).map((e) => eventOf(e, sessionId));
  }

  async savedPlay(sessionId: SessionId): Promise<SavedPlay | undefined> {
    const row = this.st.getPlay.get(sessionId);
    return row?.play ? (JSON.parse(row.play) as SavedPlay) : undefined;
  }

  async eachSession(
    filter: SessionFilter,
    fn: (session: SessionRow, events: readonly StoredEvent[]) => void | Promise<void>,
  ): Promise<void> {
    const { where, params } = whereOf(filter, 'sid > @after');
    const page = this.db.prepare(`SELECT * FROM sessions s ${where} ORDER BY sid LIMIT 500`);
    let after = 0;
    for (;;) {
      const rows = page.all({ ...params, after }) as SessionDbRow[];
      if (rows.length === 0) return;
      for (const r of rows) {
        const events = this.st.eventsOf.all(r.sid).map((e) => eventOf(e, r.id));
        await fn(this.rowOf(r), events);
      }
      after = rows[rows.length - 1]!.sid;
    }
  }

  async report(filter: SessionFilter = {}): Promise<ReportData> {
    const { where, params } = whereOf(filter);
    // Filters on sessions other than the scenario need the join; otherwise the events index alone answers.
    const bySessions =
      filter.trainee !== undefined ||
      filter.since !== undefined ||
      filter.finished !== undefined ||
      filter.withSteps === true;
    return reportFromSql(this.db, where, params, bySessions ? undefined : { scenario: filter.scenario });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private rowOf(r: SessionDbRow): SessionRow {
    return sessionRowOf(r, () => {
      const lessons: Record<string, { points: number; max: number }> = {};
      for (const l of this.st.lessonsOf.all(r.sid)) lessons[l.lesson] = { points: l.points, max: l.max };
      return lessons;
    });
  }
}

/** WHERE over the sessions table (aliased `s`), with named parameters. */
export function whereOf(filter: SessionFilter, ...extra: string[]): { where: string; params: Record<string, string> } {
  const parts = [...extra];
  const params: Record<string, string> = {};
  if (filter.trainee !== undefined) {
    parts.push('s.trainee = @trainee');
    params.trainee = filter.trainee;
  }
  if (filter.scenario !== undefined) {
    parts.push('s.scenario_id = @scenario');
    params.scenario = filter.scenario;
  }
  if (filter.since !== undefined) {
    parts.push('s.started_at >= @since');
    params.since = filter.since;
  }
  if (filter.finished === true) parts.push('s.finished_at IS NOT NULL');
  if (filter.finished === false) parts.push('s.finished_at IS NULL');
  if (filter.withSteps) parts.push('(s.event_count > 0 OR s.finished_at IS NOT NULL)');
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}
