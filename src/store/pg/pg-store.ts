/**
 * The team store: a PostgreSQL database (node-postgres) that every trainee's laptop records
 * into and every team lead reports from. Same interface and same answers as the SQLite store.
 *
 * Concurrency: each write is one transaction that first takes its session's lock (an advisory
 * lock on the session id: lockSession), so many trainees recording at once only ever wait for
 * their own session, and two writers of one session are put in order and the second is refused
 * with the same message SQLite gives. Reports are aggregated by the server (report-sql.ts).
 *
 * A result is a row appended to `session_results` when the session finishes (migration 4), so
 * that row-level security can let a trainee append but never change it (security.ts).
 */
import pg from 'pg';
import { type Lang, type LessonCatalog, type TraineeProgress, withoutUrlPasswords } from '../../core/index.js';
import { eventHash, genesisHash, sealHash } from '../chain.js';
import type { LedgerEntry, OriginEntry } from '../ledger.js';
import { recordedContent, recordedResult } from '../numbers.js';
import {
  allEntries,
  appendEntry,
  entriesOf,
  hasResultEntry,
  lockLedger,
  originEntries,
  originEntry,
  putOriginEntry,
  storeIdOf,
} from './ledger-sql.js';
import { StoreError, storeProblems } from '../store.js';
import { eventOf, wayOf, type EventColumns } from '../event-columns.js';
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
import type { MergeOutcome, SessionBundle } from '../sync/bundle.js';
import { mergeInto, type MergeHead, type MergeOptions, type MergeTx } from '../sync/merge.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './migrations.js';
import { connectionConfig, type PasswordOptions } from './connection.js';
import { pgProgress } from './progress-sql.js';
import { MIGRATION_LOCK, SESSION_LOCK } from './locks.js';
import { pgReport } from './report-sql.js';
import { SESSIONS, UNFINISHED } from './sessions-sql.js';
import { pgWhereOf } from './where.js';
import { appendableRow, mergeHeadOf, sessionRowOf, type SessionColumns } from '../session-columns.js';

export type Queryable = Pick<pg.PoolClient, 'query'>;

type SessionDbRow = SessionColumns<string, boolean> & {
  lessons?: Record<string, { points: number; max: number }> | null;
};

type EventDbRow = EventColumns<string>;

/** Session columns plus the lessons of a finished session, in one row. */
const SESSION_COLUMNS = `s.*, (SELECT jsonb_object_agg(l.lesson, jsonb_build_object('points', l.points, 'max', l.max))
  FROM session_lessons l WHERE l.sid = s.sid) AS lessons`;

/**
 * Writers of one session wait for each other until the transaction ends. An advisory lock on
 * the session id rather than a row lock (SELECT … FOR UPDATE): a row lock needs the right to
 * update the row, which a trainee does not have on a finished session (and that session must
 * still be readable by an upload that repeats itself).
 */
async function lockSession(q: Queryable, id: string): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SESSION_LOCK, id]);
}

/** The session with its result, after taking its lock. */
async function lockedSession(q: Queryable, id: string): Promise<SessionDbRow | undefined> {
  await lockSession(q, id);
  const { rows } = await q.query<SessionDbRow>(`SELECT * FROM ${SESSIONS} s WHERE s.id = $1`, [id]);
  return rows[0];
}

export interface PgStoreOptions {
  /** how long to wait for the server to answer a connection (default 5 s) */
  readonly connectTimeoutMs?: number;
  /** connections kept open (default 4) */
  readonly poolSize?: number;
  /** how long one query may take before it counts as unreachable (default 60 s) */
  readonly queryTimeoutMs?: number;
  /** asked for the password when neither the URL, PGPASSWORD nor ~/.pgpass has it (connection.ts) */
  readonly askPassword?: PasswordOptions['ask'];
}

/** The URL as it may be shown: without the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'the PostgreSQL database';
  }
}

export function isPostgresUrl(value: string | undefined): value is string {
  return value !== undefined && /^postgres(ql)?:\/\//i.test(value);
}

/** A node-postgres failure as one line a trainer can act on. */
interface ServerProblems {
  refused(where: string): string;
  unknownHost(where: string): string;
  noAnswer(where: string, code?: string): string;
  badLogin(where: string): string;
  noDatabase(where: string): string;
  noRights(where: string): string;
  noPassword(where: string): string;
  notYours(where: string): string;
  readOnly(where: string): string;
  needsUpgrade(where: string, from: number, to: number): string;
  failed(where: string, message: string): string;
}

const SERVER_PROBLEMS: Readonly<Record<Lang, ServerProblems>> = {
  zh: {
    refused: (w) => `连不上团队服务器 ${w}：那里没有服务在监听（connection refused）`,
    unknownHost: (w) => `连不上团队服务器 ${w}：找不到这个主机名（没有联网？）`,
    noAnswer: (w, code) => `连不上团队服务器 ${w}：${code ? `没有应答（${code}）` : '没有及时应答'}`,
    badLogin: (w) => `团队服务器 ${w} 拒绝了用户名或密码`,
    noDatabase: (w) => `${w} 中的数据库不存在；请先用 createdb 创建`,
    noRights: (w) => `${w} 中的用户无权创建或写入 roleplay 的表（请为该数据库申请 CREATE 权限）`,
    noPassword: (w) =>
      `团队服务器 ${w} 要求输入密码，但没有找到：请把它写进 ~/.pgpass（权限 0600），或设置 PGPASSWORD（参见 docs/team-server.md）`,
    notYours: (w) =>
      `团队服务器 ${w} 拒收：这个角色只能记录自己名下的练习，不能改动已完成的练习（参见 docs/team-server.md）`,
    readOnly: (w) => `${w} 中的角色在团队服务器上只能读取，不能写入（组长角色只读）`,
    needsUpgrade: (w, from, to) =>
      `团队数据库 ${w} 的结构版本是 ${from}，这个 roleplay 需要 ${to}：请管理员用新版本运行 \`roleplay team init\` 升级它`,
    failed: (w, m) => `团队服务器 ${w} 出错：${m}`,
  },
  en: {
    refused: (w) => `cannot reach the team server ${w}: nothing is listening there (connection refused)`,
    unknownHost: (w) => `cannot reach the team server ${w}: the host name is unknown (no network?)`,
    noAnswer: (w, code) => `cannot reach the team server ${w}: no answer ${code ? `(${code})` : 'in time'}`,
    badLogin: (w) => `the team server ${w} refused the user name or password`,
    noDatabase: (w) => `the database in ${w} does not exist; create it with createdb`,
    noRights: (w) =>
      `the user in ${w} may not create or write the roleplay tables (ask for CREATE rights on the database)`,
    noPassword: (w) =>
      `the team server ${w} asks for a password and none was found: put it in ~/.pgpass (mode 0600), or set PGPASSWORD (see docs/team-server.md)`,
    notYours: (w) =>
      `the team server ${w} refused: this role may record only sessions under its own name, and never change a finished one (see docs/team-server.md)`,
    readOnly: (w) => `the role in ${w} may read the team server but not write to it (a team lead's role only reads)`,
    needsUpgrade: (w, from, to) =>
      `the team database ${w} is at schema ${from} and this roleplay needs ${to}: ask the admin to upgrade it by running \`roleplay team init\` with this version`,
    failed: (w, m) => `the team server ${w} failed: ${m}`,
  },
};

export function pgErrorMessage(e: unknown, where: string, lang: Lang = 'en'): string {
  const err = e as { code?: string; message?: string; errors?: { code?: string }[] };
  const code = err.code ?? err.errors?.[0]?.code;
  const say = SERVER_PROBLEMS[lang];
  switch (code) {
    case 'ECONNREFUSED':
      return say.refused(where);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return say.unknownHost(where);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return say.noAnswer(where, code);
    case '28P01':
    case '28000':
      return say.badLogin(where);
    case '3D000':
      return say.noDatabase(where);
    case '42501': {
      const message = err.message ?? '';
      if (/row-level security/i.test(message)) return say.notYours(where);
      if (/permission denied for (table|sequence|relation)/i.test(message) && !/roleplay_migrations/.test(message))
        return say.readOnly(where);
      return say.noRights(where);
    }
    default: {
      const message = withoutUrlPasswords((err.message ?? String(e)).split('\n')[0] ?? '');
      if (/password must be a (non-empty )?string|no password (was )?supplied/i.test(message))
        return say.noPassword(where);
      return /timeout/i.test(message) ? say.noAnswer(where) : say.failed(where, message);
    }
  }
}

/** Whether a failure means "the server is not there" (as opposed to a refusal or a bug). */
export function isUnreachable(e: unknown): boolean {
  const err = e as { code?: string; message?: string; errors?: { code?: string }[] };
  const code = err.code ?? err.errors?.[0]?.code;
  if (
    code &&
    [
      'ECONNREFUSED',
      'ENOTFOUND',
      'EAI_AGAIN',
      'ETIMEDOUT',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'ECONNRESET',
      'EPIPE',
      '57P01',
      '57P03',
    ].includes(code)
  )
    return true;
  // node-postgres's own words for a connection that is gone: cut while idle, or used after it was cut.
  return /timeout|Connection terminated|connection ended|server closed the connection|not queryable|Client was closed/i.test(
    err.message ?? '',
  );
}

/** The server could not be reached at all (as opposed to refusing us): worth retrying later. */
export class ServerUnreachable extends StoreError {}

/** A failure as the StoreError to throw: ServerUnreachable when the network is the problem. */
export function storeErrorOf(e: unknown, where: string): StoreError {
  if (e instanceof StoreError) return e;
  const text = { zh: pgErrorMessage(e, where, 'zh'), en: pgErrorMessage(e, where, 'en') };
  return isUnreachable(e) ? new ServerUnreachable(text) : new StoreError(text);
}

export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
  const location = describeUrl(url);
  const pool = new pg.Pool({
    ...connectionConfig(url, options.askPassword ? { ask: options.askPassword } : {}),
    max: options.poolSize ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 10_000,
    // A server that stops answering mid-query must not hang a trainee's session.
    query_timeout: options.queryTimeoutMs ?? 60_000,
    application_name: 'roleplay',
  });
  // An idle connection that the server drops must not crash the process.
  pool.on('error', () => {});
  let storeId: string;
  try {
    await migrate(pool, location);
    storeId = await storeIdOf(pool);
  } catch (e) {
    await pool.end().catch(() => {});
    throw storeErrorOf(e, location);
  }
  return new PgStore(pool, location, storeId);
}

async function migrate(pool: pg.Pool, where: string): Promise<void> {
  const applied = async (q: Queryable): Promise<number> => {
    const r = await q
      .query<{ v: number | null }>(`SELECT max(version)::int AS v FROM roleplay_migrations`)
      .catch((e: { code?: string }) => {
        if (e.code === '42P01') return { rows: [{ v: 0 }] }; // undefined_table: a new database
        throw e;
      });
    return r.rows[0]?.v ?? 0;
  };
  const tooNew = (v: number) =>
    new StoreError({
      zh: `团队数据库由更新版本的 roleplay 建立（结构版本 ${v}，本版本只认识到 ${PG_SCHEMA_VERSION}）；请先升级 roleplay`,
      en: `the team database was set up by a newer roleplay (schema ${v}; this one knows up to ${PG_SCHEMA_VERSION}); update roleplay to use it`,
    });
  const current = await applied(pool);
  const needsUpgrade = (from: number) =>
    new StoreError({
      zh: SERVER_PROBLEMS.zh.needsUpgrade(where, from, PG_SCHEMA_VERSION),
      en: SERVER_PROBLEMS.en.needsUpgrade(where, from, PG_SCHEMA_VERSION),
    });
  if (current > PG_SCHEMA_VERSION) throw tooNew(current);
  if (current === PG_SCHEMA_VERSION) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS roleplay_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    // Checked again under the lock: another client may have migrated meanwhile.
    const from = await applied(client);
    if (from > PG_SCHEMA_VERSION) throw tooNew(from);
    for (const m of PG_MIGRATIONS) {
      if (m.version <= from) continue;
      await client.query(m.sql);
      await m.backfill?.(client);
      await client.query('INSERT INTO roleplay_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    // A trainee's or a lead's role cannot migrate a team server that is already set up.
    if (current > 0 && (e as { code?: string }).code === '42501') throw needsUpgrade(current);
    throw e;
  } finally {
    client.release();
  }
}

function rowOf(r: SessionDbRow): SessionRow {
  return sessionRowOf(r, () => {
    const lessons: Record<string, { points: number; max: number }> = {};
    for (const k of Object.keys(r.lessons ?? {}).sort()) lessons[k] = r.lessons![k]!;
    return lessons;
  });
}

const EVENT_INSERT_COLUMNS =
  'sid, seq, at, node, kind, way, text, idx, shown, decision_ms, points, meters, feedback, goto, prev_hash, hash';

function eventValues(sid: string, e: EventContent & { prevHash: string; hash: string }): unknown[] {
  const { way, text, idx } = wayOf(e.action);
  return [
    sid,
    e.seq,
    e.at,
    e.node,
    e.action.kind,
    way,
    text,
    idx,
    JSON.stringify(e.shown),
    Math.round(e.decisionMs),
    JSON.stringify(e.points),
    JSON.stringify(e.meters),
    e.feedback,
    e.goto,
    e.prevHash,
    e.hash,
  ];
}

export class PgStore implements SessionStore {
  constructor(
    readonly pool: pg.Pool,
    readonly location: string,
    /** this store's id: where its ledger starts */
    private readonly id: string,
  ) {}

  /** Runs `fn` in one transaction on one connection; rolls back on any failure. */
  async transaction<T>(fn: (q: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      broken = isUnreachable(e);
      if (!broken) await client.query('ROLLBACK').catch(() => {});
      throw this.failure(e);
    } finally {
      // A connection that failed mid-transaction is thrown away, not reused.
      client.release(broken);
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (e) {
      throw storeErrorOf(e, this.location);
    }
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (e) {
      throw this.failure(e);
    }
  }

  /**
   * What to throw for a failure: the server's refusals (a row-level security policy, a missing
   * right, …) and an unreachable server as a StoreError in words; anything else (a bug) as it is.
   */
  private failure(e: unknown): unknown {
    if (e instanceof StoreError) return e;
    if (isUnreachable(e) || e instanceof pg.DatabaseError) return storeErrorOf(e, this.location);
    return e;
  }

  async saveSource(source: ScenarioSource): Promise<void> {
    await this.query(
      'INSERT INTO scenario_sources (hash, scenario_id, file, source, catalog) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hash) DO NOTHING',
      [source.hash, source.scenarioId, source.file, source.source, JSON.stringify(source.catalog)],
    );
  }

  async loadSource(hash: string): Promise<ScenarioSource | undefined> {
    const [row] = await this.query<{
      hash: string;
      scenario_id: string;
      file: string;
      source: string;
      catalog: string;
    }>('SELECT hash, scenario_id, file, source, catalog FROM scenario_sources WHERE hash = $1', [hash]);
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
    const genesis = genesisHash(header);
    await this.transaction(async (q) => {
      await lockLedger(q);
      await q.query(
        `INSERT INTO sessions (id, trainee, scenario_id, scenario_hash, lang, mode, started_at, head_hash, play, shuffle_seed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          header.id,
          header.trainee,
          header.scenarioId,
          header.scenarioHash,
          header.lang,
          header.mode,
          header.startedAt,
          genesis,
          play ? JSON.stringify(play) : null,
          header.shuffleSeed ?? null,
        ],
      );
      await appendEntry(q, this.id, 'session', header.id, genesis);
    });
    return (await this.sessionById(header.id))!;
  }

  async appendEvent(sessionId: SessionId, given: EventContent, play?: SavedPlay): Promise<StoredEvent> {
    // hashed exactly as stored, so the hash survives the round trip
    const content = recordedContent(given);
    return this.transaction(async (q) => {
      const s = appendableRow(await lockedSession(q, sessionId), sessionId, content.seq);
      // finished once (the ledger says so), finished for good, whatever its row says now
      if (await hasResultEntry(q, sessionId)) throw new StoreError(storeProblems.finished(sessionId));
      const prevHash = s.head_hash;
      const hash = eventHash(prevHash, content);
      await q.query(
        `INSERT INTO events (${EVENT_INSERT_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
        eventValues(s.sid, { ...content, prevHash, hash }),
      );
      await q.query('UPDATE sessions SET event_count = $1, head_hash = $2, play = coalesce($3, play) WHERE sid = $4', [
        content.seq,
        hash,
        play ? JSON.stringify(play) : null,
        s.sid,
      ]);
      return { ...content, sessionId, prevHash, hash };
    });
  }

  async savePlay(sessionId: SessionId, play: SavedPlay): Promise<void> {
    await this.query(`UPDATE sessions SET play = $1 WHERE id = $2 AND ${UNFINISHED}`, [
      JSON.stringify(play),
      sessionId,
    ]);
  }

  async finishSession(sessionId: SessionId, given: SessionResult): Promise<SessionRow> {
    // sealed exactly as stored: finite numbers (see numbers.ts)
    const result = recordedResult(given);
    await this.transaction(async (q) => {
      await lockLedger(q);
      const s = await lockedSession(q, sessionId);
      if (!s) throw new StoreError(storeProblems.noSession(sessionId));
      if (s.finished_at !== null || (await hasResultEntry(q, sessionId)))
        throw new StoreError(storeProblems.finished(sessionId));
      const seal = sealHash(s.head_hash, result);
      await appendEntry(q, this.id, 'result', sessionId, seal);
      await finishRow(q, s.sid, result, seal);
    });
    return (await this.sessionById(sessionId))!;
  }

  private async sessionById(id: string): Promise<SessionRow | undefined> {
    const [row] = await this.query<SessionDbRow>(`SELECT ${SESSION_COLUMNS} FROM ${SESSIONS} s WHERE s.id = $1`, [id]);
    return row ? rowOf(row) : undefined;
  }

  async findSession(idOrPrefix: string): Promise<SessionRow | undefined | 'ambiguous'> {
    const exact = await this.sessionById(idOrPrefix);
    if (exact) return exact;
    const prefix = idOrPrefix.toLowerCase();
    if (prefix.length < 4) return undefined;
    // id is COLLATE "C", so this range is an index scan.
    const rows = await this.query<SessionDbRow>(
      `SELECT ${SESSION_COLUMNS} FROM ${SESSIONS} s WHERE s.id >= $1 ORDER BY s.id LIMIT 2`,
      [prefix],
    );
    const matching = rows.filter((r) => r.id.startsWith(prefix));
    if (matching.length > 1) return 'ambiguous';
    return matching[0] ? rowOf(matching[0]) : undefined;
  }

  async listSessions(filter: SessionFilter = {}): Promise<SessionRow[]> {
    const { where, params } = pgWhereOf(filter);
    const limit = filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : '';
    const rows = await this.query<SessionDbRow>(
      `SELECT ${SESSION_COLUMNS} FROM ${SESSIONS} s ${where} ORDER BY s.started_at DESC, s.sid DESC${limit}`,
      params,
    );
    return rows.map(rowOf);
  }

  async events(sessionId: SessionId): Promise<StoredEvent[]> {
    const rows = await this.query<EventDbRow>(
      'SELECT e.* FROM events e JOIN sessions s ON s.sid = e.sid WHERE s.id = $1 ORDER BY e.seq',
      [sessionId],
    );
    return rows.map((e) => eventOf(e, sessionId));
  }

  async savedPlay(sessionId: SessionId): Promise<SavedPlay | undefined> {
    const [row] = await this.query<{ play: string | null }>('SELECT play FROM sessions WHERE id = $1', [sessionId]);
    return row?.play ? (JSON.parse(row.play) as SavedPlay) : undefined;
  }

  async eachSession(
    filter: SessionFilter,
    fn: (session: SessionRow, events: readonly StoredEvent[]) => void | Promise<void>,
  ): Promise<void> {
    const { where, params } = pgWhereOf(filter, 2, 's.sid > $1');
    let after = '0';
    for (;;) {
      const rows = await this.query<SessionDbRow>(
        `SELECT ${SESSION_COLUMNS} FROM ${SESSIONS} s ${where} ORDER BY s.sid LIMIT 500`,
        [after, ...params],
      );
      if (rows.length === 0) return;
      const events = await this.query<EventDbRow>(
        'SELECT * FROM events WHERE sid = ANY($1::bigint[]) ORDER BY sid, seq',
        [rows.map((r) => r.sid)],
      );
      const bySid = new Map<string, EventDbRow[]>();
      for (const e of events) {
        let list = bySid.get(e.sid);
        if (!list) bySid.set(e.sid, (list = []));
        list.push(e);
      }
      for (const r of rows)
        await fn(
          rowOf(r),
          (bySid.get(r.sid) ?? []).map((e) => eventOf(e, r.id)),
        );
      after = rows[rows.length - 1]!.sid;
    }
  }

  async storeId(): Promise<string> {
    return this.id;
  }

  /**
   * The whole ledger, for verify and export. A trainee's login sees only their own sessions
   * (row-level security), so every other entry would read as a deleted session: refused with
   * the reason instead of a false alarm.
   */
  async ledger(): Promise<LedgerEntry[]> {
    return this.reading(async (q) => {
      if (await isTraineeLogin(q)) throw new StoreError(SERVER_PROBLEMS_LEDGER);
      return allEntries(q);
    });
  }

  async ledgerOf(sessionId: SessionId): Promise<LedgerEntry[]> {
    return this.reading((q) => entriesOf(q, sessionId));
  }

  async originLedger(): Promise<OriginEntry[]> {
    return this.reading((q) => originEntries(q));
  }

  /** A read on the pool; an unreachable server becomes the store's one-line error. */
  private async reading<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    try {
      return await fn(this.pool);
    } catch (e) {
      if (isUnreachable(e)) throw storeErrorOf(e, this.location);
      throw e;
    }
  }

  async report(filter: SessionFilter = {}, options: ReportOptions = {}): Promise<ReportData> {
    try {
      return await pgReport(this.pool, filter, options.offsetMinutes ?? 0);
    } catch (e) {
      if (isUnreachable(e)) throw storeErrorOf(e, this.location);
      throw e;
    }
  }

  async progress(trainee: string): Promise<TraineeProgress> {
    try {
      return await pgProgress(this.pool, trainee);
    } catch (e) {
      throw this.failure(e);
    }
  }

  /** Adds sessions recorded elsewhere: all of them in one transaction, or none. See ../sync/merge.ts. */
  async merge(bundles: readonly SessionBundle[], options: MergeOptions = {}): Promise<MergeOutcome[]> {
    return this.transaction(async (q) => {
      // before any session row is locked: ledger writers queue in one order (ledger-sql.ts)
      await lockLedger(q);
      return mergeInto(pgMergeTx(q, this.id), bundles, options);
    });
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

/**
 * Finishing appends: the snapshot is dropped while the session is still open, the lesson
 * points go in, and the result row goes in last, after which nothing of the session may change
 * (row-level security refuses a trainee any write to a session that has a result).
 */
async function finishRow(q: Queryable, sid: string, result: SessionResult, seal: string): Promise<void> {
  await q.query('UPDATE sessions SET play = NULL WHERE sid = $1', [sid]);
  const lessons = Object.entries(result.lessons);
  if (lessons.length > 0) {
    await q.query(
      `INSERT INTO session_lessons (sid, lesson, points, max)
       SELECT $1, l, p, m FROM unnest($2::text[], $3::int[], $4::int[]) AS t(l, p, m)`,
      [sid, lessons.map(([l]) => l), lessons.map(([, v]) => v.points), lessons.map(([, v]) => v.max)],
    );
  }
  await q.query(
    `INSERT INTO session_results (sid, finished_at, outcome, ending, total, max, percent, passed, seal)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      sid,
      result.finishedAt,
      result.outcome,
      result.ending,
      result.total,
      result.max,
      result.percent,
      result.passed,
      seal,
    ],
  );
}

/** Merging's writes on one PostgreSQL transaction (see sync/merge.ts). */
class PgMergeTx implements MergeTx {
  /** internal row ids of the sessions met so far */
  private readonly sids = new Map<string, string>();

  constructor(
    private readonly q: Queryable,
    private readonly storeId: string,
  ) {}

  private async sidOf(id: string): Promise<string> {
    const known = this.sids.get(id);
    if (known) return known;
    const {
      rows: [r],
    } = await this.q.query<{ sid: string }>('SELECT sid FROM sessions WHERE id = $1', [id]);
    if (!r) throw new StoreError(storeProblems.noSession(id));
    this.sids.set(id, r.sid);
    return r.sid;
  }

  async hasSource(hash: string): Promise<boolean> {
    return (await this.q.query('SELECT 1 FROM scenario_sources WHERE hash = $1', [hash])).rows.length > 0;
  }

  async insertSource(s: ScenarioSource): Promise<void> {
    await this.q.query(
      'INSERT INTO scenario_sources (hash, scenario_id, file, source, catalog) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hash) DO NOTHING',
      [s.hash, s.scenarioId, s.file, s.source, JSON.stringify(s.catalog)],
    );
  }

  async session(id: string): Promise<MergeHead | undefined> {
    const s = await lockedSession(this.q, id);
    if (!s) return undefined;
    this.sids.set(id, s.sid);
    return { ...mergeHeadOf(s), sealed: await hasResultEntry(this.q, id) };
  }

  async eventHashAt(id: string, seq: number): Promise<string | undefined> {
    const {
      rows: [r],
    } = await this.q.query<{ hash: string }>('SELECT hash FROM events WHERE sid = $1 AND seq = $2', [
      await this.sidOf(id),
      seq,
    ]);
    return r?.hash;
  }

  async insertSession(h: SessionHeader, headHash: string): Promise<boolean> {
    // Two uploads of one new session may race: the loser's insert waits for the winner's
    // commit and then does nothing, and merging goes on against the winner's row.
    const {
      rows: [r],
    } = await this.q.query<{ sid: string }>(
      `INSERT INTO sessions (id, trainee, scenario_id, scenario_hash, lang, mode, started_at, head_hash, shuffle_seed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING sid`,
      [h.id, h.trainee, h.scenarioId, h.scenarioHash, h.lang, h.mode, h.startedAt, headHash, h.shuffleSeed ?? null],
    );
    if (!r) return false;
    this.sids.set(h.id, r.sid);
    await appendEntry(this.q, this.storeId, 'session', h.id, headHash);
    return true;
  }

  async appendEvents(id: string, events: readonly StoredEvent[]): Promise<void> {
    const sid = await this.sidOf(id);
    // One multi-row INSERT per 500 events keeps the round trips few.
    for (let i = 0; i < events.length; i += 500) {
      const chunk = events.slice(i, i + 500);
      const values: unknown[] = [];
      const rows = chunk.map((e) => {
        const v = eventValues(sid, e);
        const base = values.length;
        values.push(...v);
        return `(${v.map((_, j) => `$${base + j + 1}`).join(',')})`;
      });
      await this.q.query(`INSERT INTO events (${EVENT_INSERT_COLUMNS}) VALUES ${rows.join(',')}`, values);
    }
    const last = events[events.length - 1]!;
    await this.q.query('UPDATE sessions SET event_count = $1, head_hash = $2 WHERE sid = $3', [
      last.seq,
      last.hash,
      sid,
    ]);
  }

  async setPlay(id: string, play: SavedPlay): Promise<void> {
    await this.q.query(`UPDATE sessions SET play = $1 WHERE id = $2 AND ${UNFINISHED}`, [JSON.stringify(play), id]);
  }

  async finish(id: string, result: SessionResult, seal: string): Promise<void> {
    await appendEntry(this.q, this.storeId, 'result', id, seal);
    await finishRow(this.q, await this.sidOf(id), result, seal);
  }

  originEntry(origin: string, n: number) {
    return originEntry(this.q, origin, n);
  }

  putOriginEntry(e: OriginEntry): Promise<void> {
    return putOriginEntry(this.q, e);
  }
}

function pgMergeTx(q: Queryable, storeId: string): MergeTx {
  return new PgMergeTx(q, storeId);
}

/** Whether the login is one of the team's trainees (security.ts), who see only their own sessions. */
async function isTraineeLogin(q: Queryable): Promise<boolean> {
  const { rows } = await q.query<{ trainee: boolean }>(
    // direct membership, as security.ts grants it (pg_has_role is true of every group for a superuser)
    `SELECT EXISTS (SELECT 1 FROM pg_auth_members m
                      JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
                     WHERE g.rolname = 'roleplay_trainee' AND r.rolname = session_user
                       AND NOT r.rolsuper AND NOT r.rolbypassrls) AS trainee`,
  );
  return rows[0]?.trainee === true;
}

const SERVER_PROBLEMS_LEDGER = {
  zh: '学员的登录只能看到自己的练习，无法核对整个团队服务器；请用组长或所有者的登录运行（见 docs/team-server.md）',
  en: "a trainee's login sees only their own sessions, so it cannot check the whole team server; run this with a lead's or the owner's login (see docs/team-server.md)",
} as const;
