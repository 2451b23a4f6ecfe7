/**
 * The store a trainee's laptop uses when the team has a server (`--db postgres://…`):
 * offline first. Every write goes to the local SQLite store before anything else, so a step
 * is durable on the laptop the moment it is taken, whatever the network does; the session is
 * marked in the outbox and uploaded to the server in the background. When the server cannot
 * be reached, play goes on: one line says so, the marks stay, and `roleplay sync` (or the
 * next start, once the server is back) uploads what is waiting. Uploads merge by session id
 * and sequence number (merge.ts), so an upload repeated after a timeout or a crash adds
 * nothing twice, and the server recomputes every hash on the way in.
 *
 * Reads (sessions, review, report, verify, export) come from the server, the team's view;
 * while it is unreachable they come from this computer, and the notice says so.
 */
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
import { StoreError } from '../store.js';
import { openSqliteStore, type SqliteStore } from '../sqlite/sqlite-store.js';
import { describeUrl, openPgStore, type PgStore, type PgStoreOptions, ServerUnreachable } from '../pg/pg-store.js';
import type { MergeOutcome, SessionBundle } from './bundle.js';
import { loginRoleOf } from '../pg/login.js';
import { Outbox, type PendingSession } from './outbox.js';
import { mergeIntoSqlite } from './sqlite-merge.js';
import type { MergeOptions } from './merge.js';
import { originOf } from './origin.js';
import { SYNC_NOTICES, type SyncNotices } from './notices.js';
import type { Lang, Said, TraineeProgress } from '../../core/index.js';

export interface TeamStoreOptions {
  /** the SQLite file that holds this computer's copy (and the outbox) */
  readonly localPath: string;
  /** says one line to the person at the terminal (the command decides where it goes) */
  readonly notice: (line: string) => void;
  /**
   * say again, when the store closes, that sessions wait on this computer: a full-screen
   * screen drew over the notice given while it was open (true on a terminal)
   */
  readonly repeatAtClose?: boolean;
  /** the language of those lines (default English) */
  readonly lang?: Lang;
  /** how long to wait for the server before working offline (default 4 s) */
  readonly connectTimeoutMs?: number;
  /** sessions per upload transaction (default 50) */
  readonly batchSize?: number;
  /** whether opening uploads what is waiting (default true) */
  readonly uploadOnOpen?: boolean;
  /** after going offline, how long before trying the server again (default 30 s) */
  readonly retryAfterMs?: number;
  /** asked for the server's password when nothing else has it (see pg/connection.ts) */
  readonly askPassword?: PgStoreOptions['askPassword'];
}

export interface SyncProgress {
  readonly sessions: number;
  readonly events: number;
  readonly remaining: number;
}

export type SyncResult =
  | { readonly ok: true; readonly sessions: number; readonly events: number }
  | {
      readonly ok: false;
      readonly sessions: number;
      readonly events: number;
      readonly remaining: number;
      readonly problem: string;
      /** sessions the server would not take, and why (in the store's language); they stay waiting */
      readonly refused: readonly { readonly sessionId: string; readonly reason: string }[];
    };

export class TeamStore implements SessionStore {
  readonly location: string;
  /** the database role this laptop logs in as: every session it records is under that name */
  readonly recordsAs: string;
  private remote: PgStore | undefined;
  private offlineAt: number | undefined;
  /** why the server could not be reached, the last time it could not */
  private unreachable: string | undefined;
  private unreachableText: Said | undefined;
  private noticed = new Set<string>();
  /** events the server is known to hold per session (so an upload sends only what is new) */
  private readonly serverCounts = new Map<string, number>();
  private readonly sourcesSent = new Set<string>();
  private readonly dirty = new Set<string>();
  private uploads: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly says: SyncNotices;

  private constructor(
    private readonly url: string,
    readonly local: SqliteStore,
    readonly outbox: Outbox,
    private readonly options: TeamStoreOptions,
  ) {
    this.location = describeUrl(url);
    this.recordsAs = loginRoleOf(url);
    this.says = SYNC_NOTICES[options.lang ?? 'en'];
  }

  static async open(url: string, options: TeamStoreOptions): Promise<TeamStore> {
    const local = openSqliteStore(options.localPath);
    const store = new TeamStore(url, local, Outbox.open(local.db, describeUrl(url)), options);
    try {
      if (await store.connect()) {
        if (options.uploadOnOpen !== false && store.outbox.count() > 0) {
          const result = await store.sync();
          if (!result.ok) store.notice(store.says.stillWaiting(result.remaining, result.problem));
        }
      }
    } catch (e) {
      await store.closeAll();
      throw e;
    }
    return store;
  }

  /** Whether the server answered (this time or before). */
  get online(): boolean {
    return this.remote !== undefined;
  }

  /** Sessions on this computer not yet confirmed by the server. */
  get waiting(): number {
    return this.outbox.count();
  }

  /** A failure's reason in the notices' language. */
  private why(e: unknown): string {
    return e instanceof StoreError ? e.in(this.options.lang ?? 'en') : e instanceof Error ? e.message : String(e);
  }

  private notice(line: string) {
    if (this.noticed.has(line)) return;
    this.noticed.add(line);
    this.options.notice(line);
  }

  /**
   * Connects if not connected; false (and a notice) when the server cannot be reached. A
   * refusal (wrong password, no such database) is not "offline": it is thrown.
   */
  private async connect(): Promise<boolean> {
    if (this.remote) return true;
    try {
      // A server that answers but then hangs must not hold the end of a session for long.
      this.remote = await openPgStore(this.url, {
        connectTimeoutMs: this.options.connectTimeoutMs ?? 4_000,
        queryTimeoutMs: 20_000,
        ...(this.options.askPassword ? { askPassword: this.options.askPassword } : {}),
      });
      this.offlineAt = undefined;
      return true;
    } catch (e) {
      if (!(e instanceof ServerUnreachable)) throw e;
      this.goOffline(e);
      return false;
    }
  }

  private goOffline(e: ServerUnreachable) {
    this.offlineAt = Date.now();
    this.unreachable = this.why(e);
    this.unreachableText = e.text;
    const remote = this.remote;
    this.remote = undefined;
    void remote?.close().catch(() => {});
    this.notice(this.says.offline(this.why(e), this.local.location));
  }

  /** While offline, try the server again only now and then, so each step does not wait for it. */
  private async reachable(): Promise<boolean> {
    if (this.remote) return true;
    if (this.offlineAt !== undefined && Date.now() - this.offlineAt < (this.options.retryAfterMs ?? 30_000))
      return false;
    try {
      return await this.connect();
    } catch {
      return false;
    }
  }

  /** Reads go to the server; while it is unreachable, to this computer. */
  private async reader(): Promise<SessionStore> {
    // Read your own writes: what this process recorded reaches the server before it is asked.
    await this.uploads;
    if (await this.reachable()) return this.remote!;
    // The offline notice has already said that this computer's sessions are all there is.
    return this.local;
  }

  private async read<T>(fn: (store: SessionStore) => Promise<T>): Promise<T> {
    const store = await this.reader();
    try {
      return await fn(store);
    } catch (e) {
      if (!(e instanceof ServerUnreachable) || store === this.local) throw e;
      this.goOffline(e);
      return fn(this.local);
    }
  }

  // ───────────── writes: this computer first, then the server ─────────────

  /** A session recorded elsewhere (resumed here) is copied to this computer before it is written. */
  private async ensureLocal(id: SessionId): Promise<void> {
    if (await this.local.findSession(id)) return;
    if (!(await this.reachable())) return; // the local write then says "no session"
    const bundle = await this.bundleFrom(this.remote!, id, 0, true);
    if (bundle) await mergeIntoSqlite(this.local.db, [bundle]);
  }

  private changed(id: SessionId) {
    this.outbox.mark(id);
    this.dirty.add(id);
    this.uploads = this.uploads.then(() => this.uploadDirty());
  }

  async saveSource(source: ScenarioSource): Promise<void> {
    await this.local.saveSource(source);
  }

  async startSession(header: SessionHeader, play?: SavedPlay): Promise<SessionRow> {
    const row = await this.local.startSession(header, play);
    this.changed(header.id);
    return row;
  }

  async appendEvent(sessionId: SessionId, content: EventContent, play?: SavedPlay): Promise<StoredEvent> {
    await this.ensureLocal(sessionId);
    const event = await this.local.appendEvent(sessionId, content, play);
    this.changed(sessionId);
    return event;
  }

  async savePlay(sessionId: SessionId, play: SavedPlay): Promise<void> {
    await this.ensureLocal(sessionId);
    await this.local.savePlay(sessionId, play);
    this.changed(sessionId);
  }

  async finishSession(sessionId: SessionId, result: SessionResult): Promise<SessionRow> {
    await this.ensureLocal(sessionId);
    const row = await this.local.finishSession(sessionId, result);
    this.changed(sessionId);
    return row;
  }

  /** Import: onto the server when it answers, else onto this computer, marked for upload. */
  async merge(bundles: readonly SessionBundle[], options: MergeOptions = {}): Promise<MergeOutcome[]> {
    if (await this.reachable()) {
      try {
        return await this.remote!.merge(bundles, options);
      } catch (e) {
        if (!(e instanceof ServerUnreachable)) throw e;
        this.goOffline(e);
      }
    }
    const outcomes = await mergeIntoSqlite(this.local.db, bundles, options);
    for (const b of bundles) this.outbox.mark(b.header.id);
    return outcomes;
  }

  // ───────────── reads ─────────────

  loadSource(hash: string) {
    return this.read((s) => s.loadSource(hash));
  }
  findSession(idOrPrefix: string) {
    return this.read((s) => s.findSession(idOrPrefix));
  }
  listSessions(filter?: SessionFilter) {
    return this.read((s) => s.listSessions(filter));
  }
  events(sessionId: SessionId) {
    return this.read((s) => s.events(sessionId));
  }
  savedPlay(sessionId: SessionId) {
    return this.read((s) => s.savedPlay(sessionId));
  }
  report(filter?: SessionFilter, options?: ReportOptions): Promise<ReportData> {
    return this.read((s) => s.report(filter, options));
  }
  progress(trainee: string): Promise<TraineeProgress> {
    return this.read((s) => s.progress(trainee));
  }
  storeId() {
    return this.read((s) => s.storeId());
  }
  ledger() {
    return this.read((s) => s.ledger());
  }
  ledgerOf(sessionId: SessionId) {
    return this.read((s) => s.ledgerOf(sessionId));
  }
  originLedger() {
    return this.read((s) => s.originLedger());
  }

  /** verify checks the server's records; this computer's copy is not the team's record. */
  async verifiable(): Promise<SessionStore> {
    await this.uploads;
    if (await this.reachable()) return this.remote!;
    const why = this.unreachableText ?? {
      zh: this.says.unreachable(this.location),
      en: this.says.unreachable(this.location),
    };
    throw new StoreError({
      zh: `${why.zh}；verify 检查的是服务器上的团队记录，而不是本机的副本`,
      en: `${why.en}; verify checks the team's records on the server, not the copy on this computer`,
    });
  }

  async eachSession(
    filter: SessionFilter,
    fn: (session: SessionRow, events: readonly StoredEvent[]) => void | Promise<void>,
  ): Promise<void> {
    // Not retried on this computer half-way: the caller has already seen part of the server's sessions.
    const store = await this.reader();
    await store.eachSession(filter, fn);
  }

  // ───────────── uploading ─────────────

  /**
   * A session of `store` as a bundle: its events after `after`, its source when asked for, and,
   * when it goes up from this computer, this computer's ledger entries for it (ledger.ts).
   */
  private async bundleFrom(
    store: SessionStore,
    id: SessionId,
    after: number,
    withSource: boolean,
  ): Promise<SessionBundle | undefined> {
    const row = await store.findSession(id);
    if (!row || row === 'ambiguous' || row.id !== id) return undefined;
    const events = (await store.events(id)).filter((e) => e.seq > after);
    const source = withSource ? await store.loadSource(row.scenarioHash) : undefined;
    const play = row.result ? undefined : await store.savedPlay(id);
    const origin = store === this.local ? await originOf(store, id) : undefined;
    const { eventCount: _c, headHash: _h, result, seal, ...header } = row;
    return {
      header,
      ...(source ? { source } : {}),
      events,
      ...(result ? { result, seal: seal! } : {}),
      ...(play ? { play } : {}),
      ...(origin ? { origin } : {}),
    };
  }

  private async uploadDirty(): Promise<void> {
    if (this.dirty.size === 0 || this.closed) return;
    const ids = new Set(this.dirty);
    this.dirty.clear();
    if (!(await this.reachable())) return; // marked in the outbox; sync uploads them
    const pending = this.outbox.pending().filter((p) => ids.has(p.sessionId));
    await this.upload(pending).catch((e: unknown) => {
      if (e instanceof ServerUnreachable) this.goOffline(e);
      else this.notice(this.says.stepNotTaken(this.why(e)));
    });
  }

  /** Uploads these sessions in one transaction and clears their marks. */
  private async upload(pending: readonly PendingSession[]): Promise<{ sessions: number; events: number }> {
    const bundles: SessionBundle[] = [];
    for (const p of pending) {
      const known = this.serverCounts.get(p.sessionId) ?? 0;
      const localRow = await this.local.findSession(p.sessionId);
      const hash = localRow && localRow !== 'ambiguous' ? localRow.scenarioHash : '';
      const bundle = await this.bundleFrom(this.local, p.sessionId, known, !this.sourcesSent.has(hash));
      if (bundle) bundles.push(bundle);
    }
    if (bundles.length === 0) {
      for (const p of pending) this.outbox.clear(p);
      return { sessions: 0, events: 0 };
    }
    let outcomes: MergeOutcome[];
    try {
      outcomes = await this.remote!.merge(bundles, { via: 'sync' });
    } catch (e) {
      // What we believed the server held may be stale (another upload, a restore): send it all.
      const partial = pending.some((p) => (this.serverCounts.get(p.sessionId) ?? 0) > 0);
      if (e instanceof ServerUnreachable || !partial) throw e;
      for (const b of bundles) this.serverCounts.delete(b.header.id);
      return this.upload(pending);
    }
    for (const b of bundles) this.sourcesSent.add(b.header.scenarioHash);
    for (const o of outcomes) this.serverCounts.set(o.sessionId, o.eventCount);
    for (const p of pending) this.outbox.clear(p);
    return { sessions: bundles.length, events: outcomes.reduce((n, o) => n + o.added, 0) };
  }

  /**
   * `roleplay sync`: uploads everything waiting, a batch of sessions per transaction, so an
   * interrupted sync keeps what it finished and the next one carries on.
   */
  async sync(options: { all?: boolean; onProgress?: (p: SyncProgress) => void } = {}): Promise<SyncResult> {
    await this.uploads;
    if (options.all) this.markAll();
    let sessions = 0;
    let events = 0;
    if (!(await this.reachable())) {
      return {
        ok: false,
        sessions,
        events,
        remaining: this.outbox.count(),
        problem: this.unreachable ?? this.says.unreachable(this.location),
        refused: [],
      };
    }
    const batch = Math.max(1, this.options.batchSize ?? 50);
    const failed = new Set<string>();
    const refused: { sessionId: string; reason: string }[] = [];
    const refuse = (sessionId: string, e: unknown) => {
      failed.add(sessionId);
      refused.push({ sessionId, reason: this.why(e) });
      this.notice(this.says.notUploaded(sessionId, this.why(e)));
    };
    for (;;) {
      const pending = this.outbox
        .pending(batch + failed.size)
        .filter((p) => !failed.has(p.sessionId))
        .slice(0, batch);
      if (pending.length === 0) break;
      try {
        const done = await this.upload(pending);
        sessions += done.sessions;
        events += done.events;
      } catch (e) {
        if (e instanceof ServerUnreachable) {
          this.goOffline(e);
          return { ok: false, sessions, events, remaining: this.outbox.count(), problem: this.why(e), refused };
        }
        // One session the server will not take must not hold back the others: try them one by one.
        if (pending.length > 1) {
          for (const p of pending) {
            try {
              const done = await this.upload([p]);
              sessions += done.sessions;
              events += done.events;
            } catch (single) {
              if (single instanceof ServerUnreachable) {
                this.goOffline(single);
                return {
                  ok: false,
                  sessions,
                  events,
                  remaining: this.outbox.count(),
                  problem: this.why(single),
                  refused,
                };
              }
              refuse(p.sessionId, single);
            }
          }
        } else {
          refuse(pending[0]!.sessionId, e);
        }
      }
      options.onProgress?.({ sessions, events, remaining: this.outbox.count() });
    }
    const remaining = this.outbox.count();
    return remaining === 0
      ? { ok: true, sessions, events }
      : { ok: false, sessions, events, remaining, problem: this.says.refused(failed.size), refused };
  }

  /** Marks every session on this computer for upload (for sessions recorded before the team had a server). */
  private markAll() {
    this.local.db
      .prepare(`INSERT OR IGNORE INTO sync_outbox (server, session_id, marked_at)
      SELECT ?, id, ? FROM sessions`)
      .run(this.outbox.server, new Date().toISOString());
  }

  async close(): Promise<void> {
    // The last steps' uploads finish (or fail into the outbox) before the process exits.
    await this.uploads;
    this.closed = true;
    // On a terminal the play screen redraws over a notice given while it was open: say it
    // again once the screen has closed, so the trainee knows the session waits here.
    if (this.offlineAt !== undefined && this.options.repeatAtClose) {
      const waiting = this.outbox.count();
      if (waiting > 0) this.options.notice(this.says.waitingAtExit(waiting));
    }
    await this.closeAll();
  }

  private async closeAll() {
    await this.remote?.close().catch(() => {});
    await this.local.close();
  }
}
