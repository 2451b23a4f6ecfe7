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
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import type { LessonCatalog, TraineeProgress } from '../../core/index.js';
import { eventHash, genesisHash, sealHash } from '../chain.js';
import type { LedgerEntry, OriginEntry } from '../ledger.js';
import { recordedContent, recordedResult } from '../numbers.js';
import { allEntries, appendEntry, entriesOf, hasResultEntry, originEntries, storeIdOf } from './ledger-sql.js';
import { StoreError, storeProblems } from '../store.js';
import type {
  EventContent,
  ReportData,
  ReportOptions,
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
import { progressFromSql } from './progress-sql.js';
import { reportFromSql } from './report-sql.js';
import { insertSource, sourceStatements, type SourceStatements } from './sources-sql.js';
import { appendableRow, sessionRowOf, type SessionColumns } from '../session-columns.js';
import { eventOf, wayOf, type EventColumns } from '../event-columns.js';

/** How long a writer waits for another's transaction before giving up (ms). */
export const BUSY_TIMEOUT_MS = 15_000;

export type SessionDbRow = SessionColumns<number, number>;

type EventDbRow = EventColumns<number>;

/** Where sessions go unless --db or ROLEPLAY_DB says otherwise; its folder is made on first use. */
export const DEFAULT_DB_PATH = join(homedir(), '.roleplay', 'roleplay.db');

/**
 * Makes ~/.roleplay (owner-only) when it is not there yet, for every command, reading ones too;
 * a HOME it cannot be made in is one line that says what to do instead.
 */
export function defaultFolder(): void {
  const folder = dirname(DEFAULT_DB_PATH);
  try {
    ownerOnlyFolder(folder);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new StoreError({
      zh: `无法在 HOME 里为练习记录库 ${DEFAULT_DB_PATH} 创建文件夹（${why}）；请用 --db PATH 或 ROLEPLAY_DB 指定练习记录库文件，或把 HOME 设为可以写入的文件夹`,
      en: `cannot create the folder for the session database ${DEFAULT_DB_PATH} in HOME (${why}); name a database file with --db PATH or ROLEPLAY_DB, or set HOME to a folder you can write to`,
    });
  }
}

/** Opens (creating and migrating if needed) the database at `file`. */
export function openSqliteStore(file: string): SqliteStore {
  if (file !== ':memory:') {
    if (file === DEFAULT_DB_PATH) defaultFolder();
    else if (!existsSync(dirname(file))) {
      // A path the user chose: make no folders for it (a typo would scatter databases, and
      // Node's recursive mkdir never returns on some paths, e.g. under /proc).
      throw noFolder(file);
    }
  }
  let db: Db;
  try {
    if (file !== ':memory:') createOwnerOnly(file);
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Someone else's SQLite file is left exactly as it is (not even switched to WAL).
    if (db.pragma('user_version', { simple: true }) === 0 && foreignTables(db) > 0) {
      db.close();
      throw notRoleplays(file);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    // Reports scan every event once: map the file and sort groups in memory.
    db.pragma(`mmap_size = ${256 * 1024 * 1024}`);
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw new StoreError({
      zh: `无法打开练习记录库 ${file}：${(e as Error).message}`,
      en: `cannot open the session database ${file}: ${(e as Error).message}`,
    });
  }
  try {
    migrate(db, file);
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

/**
 * Records are personal: the default folder is the owner's alone (0700), also when an older
 * roleplay made it with the umask's mode (0755) — it is ours, and only roleplay's files are in it.
 */
function ownerOnlyFolder(dir: string): void {
  // Only ~/.roleplay itself (HOME was checked to be a folder, store/open.ts): a recursive
  // mkdir never returns on some paths, e.g. under /proc.
  if (!existsSync(dir)) mkdirSync(dir, { mode: 0o700 });
  const st = statSync(dir);
  if ((st.mode & 0o077) !== 0 && typeof process.getuid === 'function' && st.uid === process.getuid())
    chmodSync(dir, 0o700);
}

/**
 * A new database file is made 0600 before SQLite opens it; SQLite gives its -wal and -shm files
 * the database file's mode, so they are owner-only too. An existing file keeps its mode (a
 * team may share one on purpose).
 */
function createOwnerOnly(file: string): void {
  if (existsSync(file)) return;
  try {
    closeSync(openSync(file, 'a', 0o600));
  } catch {
    // SQLite's own open says what is wrong with the path, in the message below
  }
}

/** A --db whose folder does not exist (a typo, most likely). */
export function noFolder(file: string): StoreError {
  return new StoreError({
    zh: `文件夹 ${dirname(file)} 不存在；请先创建它，或用 --db 换一个文件`,
    en: `the folder ${dirname(file)} does not exist; create it first, or choose another file with --db`,
  });
}

/** A database from a newer roleplay: refused rather than misread. */
export function tooNew(version: number): StoreError {
  return new StoreError({
    zh: `练习记录库由更新版本的 roleplay 写入（结构版本 ${version}，本版本只认识到 ${SCHEMA_VERSION}）；请先升级 roleplay`,
    en: `the session database was written by a newer roleplay (schema ${version}; this one knows up to ${SCHEMA_VERSION}); update roleplay to read it`,
  });
}

/** A SQLite file that holds someone else's tables: roleplay adds none to it. */
export function notRoleplays(file: string): StoreError {
  return new StoreError({
    zh: `${file} 不是 roleplay 的练习记录库（里面是别的表）；请用 --db 指定练习记录库`,
    en: `${file} is not a roleplay session database (it holds other tables); name the session database with --db`,
  });
}

/** Tables in a database that has no roleplay schema yet (user_version 0). */
export function foreignTables(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number })
    .n;
}

export function migrate(db: Db, file = ':memory:'): void {
  const current = () => db.pragma('user_version', { simple: true }) as number;
  if (current() > SCHEMA_VERSION) throw tooNew(current());
  if (current() === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Checked again under the write lock: another process may have migrated meanwhile.
    const from = current();
    if (from === 0 && foreignTables(db) > 0) throw notRoleplays(file);
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      db.exec(m.sql);
      m.backfill?.(db);
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
    sources: SourceStatements;
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

  /** this store's id: where its ledger starts */
  private readonly id: string;

  constructor(
    readonly db: Db,
    readonly location: string,
  ) {
    this.id = storeIdOf(db);
    this.st = {
      sources: sourceStatements(db),
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
        'INSERT INTO session_lessons (sid, lesson, points, max, scenario_id, trainee) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      lessonsOf: db.prepare('SELECT lesson, points, max FROM session_lessons WHERE sid = ? ORDER BY lesson'),
      eventsOf: db.prepare('SELECT * FROM events WHERE sid = ? ORDER BY seq'),
    };
  }

  async saveSource(source: ScenarioSource): Promise<void> {
    insertSource(this.st.sources, source, new Date());
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
        appendEntry(this.db, this.id, 'session', header.id, headHash);
      })
      .immediate();
    return this.rowOf(this.st.sessionById.get(header.id)!);
  }

  async appendEvent(sessionId: SessionId, given: EventContent, play?: SavedPlay): Promise<StoredEvent> {
    // hashed exactly as stored, so the hash survives the round trip
    const content = recordedContent(given);
    return this.db
      .transaction(() => {
        const s = appendableRow(this.st.sessionById.get(sessionId), sessionId, content.seq);
        // finished once (the ledger says so), finished for good, whatever its row says now
        if (hasResultEntry(this.db, sessionId)) throw new StoreError(storeProblems.finished(sessionId));
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
          decisionMs: content.decisionMs,
          points: JSON.stringify(content.points),
          meters: JSON.stringify(content.meters),
          feedback: content.feedback,
          goto: content.goto,
          prevHash,
          hash,
          scenarioId: s.scenario_id,
        });
        this.st.advanceHead.run(content.seq, hash, play ? JSON.stringify(play) : null, s.sid);
        return { ...content, sessionId, prevHash, hash };
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

  async finishSession(sessionId: SessionId, given: SessionResult): Promise<SessionRow> {
    // sealed exactly as stored: finite numbers (see numbers.ts)
    const result = recordedResult(given);
    return this.db
      .transaction(() => {
        const s = this.st.sessionById.get(sessionId);
        if (!s) throw new StoreError(storeProblems.noSession(sessionId));
        if (s.finished_at !== null || hasResultEntry(this.db, sessionId))
          throw new StoreError(storeProblems.finished(sessionId));
        const seal = sealHash(s.head_hash, result);
        appendEntry(this.db, this.id, 'result', sessionId, seal);
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
          this.st.insertLesson.run(s.sid, lesson, l.points, l.max, s.scenario_id, s.trainee);
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

  async report(filter: SessionFilter = {}, options: ReportOptions = {}): Promise<ReportData> {
    const { where, params } = whereOf(filter);
    // Filters on sessions other than the scenario need the join; otherwise the events index alone answers.
    const bySessions =
      filter.trainee !== undefined ||
      filter.since !== undefined ||
      filter.finished !== undefined ||
      filter.withSteps === true;
    return reportFromSql(
      this.db,
      where,
      params,
      bySessions ? undefined : { scenario: filter.scenario },
      options.offsetMinutes ?? 0,
    );
  }

  async progress(trainee: string): Promise<TraineeProgress> {
    return progressFromSql(this.db, trainee);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async storeId(): Promise<string> {
    return this.id;
  }

  async ledger(): Promise<LedgerEntry[]> {
    return allEntries(this.db);
  }

  async ledgerOf(sessionId: SessionId): Promise<LedgerEntry[]> {
    return entriesOf(this.db, sessionId);
  }

  async originLedger(): Promise<OriginEntry[]> {
    return originEntries(this.db);
  }

  /**
   * SQLite's own check of every page, index and constraint (PRAGMA integrity_check): a damaged
   * page that no session query happens to read (an index, a free page) is found here.
   */
  async checkIntegrity(): Promise<void> {
    let first: string;
    try {
      const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
      first = rows[0]?.integrity_check ?? 'ok';
    } catch (e) {
      first = (e as Error).message;
    }
    if (first !== 'ok') throw damaged(this.location, first);
  }

  private rowOf(r: SessionDbRow): SessionRow {
    return sessionRowOf(r, () => {
      const lessons: Record<string, { points: number; max: number }> = {};
      for (const l of this.st.lessonsOf.all(r.sid)) lessons[l.lesson] = { points: l.points, max: l.max };
      return lessons;
    });
  }
}

/** The file is damaged: `why` is what SQLite found. */
export function damaged(file: string, why: string): StoreError {
  const what = why.replace(/\s+/g, ' ').slice(0, 200);
  return new StoreError({
    zh: `练习记录库 ${file} 已损坏（完整性检查：${what}）；请从备份恢复，或用 --db 换一个文件`,
    en: `the session database ${file} is damaged (integrity check: ${what}); restore it from a backup, or choose another file with --db`,
  });
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
