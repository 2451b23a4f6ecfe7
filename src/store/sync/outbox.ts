/**
 * Which sessions on this computer have changes the team server has not confirmed: one row
 * per (server, session). A row is added by every local write while a team server is
 * configured, and removed only once the server holds the session exactly as it is here; a
 * crash between the upload and the removal just means the next upload finds nothing new.
 *
 * The table lives in the local SQLite file next to the sessions but belongs to the sync
 * layer alone, so it is created here (its own version in `sync_meta`), not in the store's
 * migrations: a store used without a team server never needs it.
 */
import type { Database as Db } from 'better-sqlite3';

const OUTBOX_VERSION = 1;

export interface PendingSession {
  readonly sessionId: string;
  /** local event count when it was marked (to know whether it changed since) */
  readonly events: number;
  readonly finished: boolean;
}

export class Outbox {
  private constructor(
    private readonly db: Db,
    readonly server: string,
  ) {}

  static open(db: Db, server: string): Outbox {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_meta'").get();
    if (!exists) {
      db.transaction(() => {
        db.exec(`
          CREATE TABLE IF NOT EXISTS sync_meta (version INTEGER NOT NULL);
          CREATE TABLE IF NOT EXISTS sync_outbox (
            server     TEXT NOT NULL,
            session_id TEXT NOT NULL,
            marked_at  TEXT NOT NULL,
            PRIMARY KEY (server, session_id)
          ) WITHOUT ROWID;`);
        if (!db.prepare('SELECT 1 FROM sync_meta').get())
          db.prepare('INSERT INTO sync_meta (version) VALUES (?)').run(OUTBOX_VERSION);
      }).immediate();
    }
    return new Outbox(db, server);
  }

  mark(sessionId: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO sync_outbox (server, session_id, marked_at) VALUES (?, ?, ?)')
      .run(this.server, sessionId, new Date().toISOString());
  }

  /** Pending sessions, in the order this computer's ledger took them, with their current local state. */
  pending(limit?: number): PendingSession[] {
    const rows = this.db
      .prepare(`
      SELECT o.session_id AS sessionId, coalesce(s.event_count, 0) AS events, s.finished_at IS NOT NULL AS finished
        FROM sync_outbox o LEFT JOIN sessions s ON s.id = o.session_id
       WHERE o.server = ?
       -- in ledger order, so the server receives this computer's entries without gaps (ledger.ts)
       ORDER BY (SELECT min(l.n) FROM ledger l WHERE l.session_id = o.session_id), o.marked_at, o.session_id${limit !== undefined ? ` LIMIT ${Math.floor(limit)}` : ''}`)
      .all(this.server) as { sessionId: string; events: number; finished: number }[];
    return rows.map((r) => ({ sessionId: r.sessionId, events: r.events, finished: r.finished === 1 }));
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM sync_outbox WHERE server = ?').get(this.server) as { n: number })
      .n;
  }

  /** Clears the mark if the session has not changed locally since `seen` was read. */
  clear(seen: PendingSession): void {
    this.db
      .prepare(`
      DELETE FROM sync_outbox WHERE server = ? AND session_id = ?
         AND coalesce((SELECT event_count FROM sessions WHERE id = ?), 0) = ?
         AND coalesce((SELECT finished_at IS NOT NULL FROM sessions WHERE id = ?), 0) = ?`)
      .run(this.server, seen.sessionId, seen.sessionId, seen.events, seen.sessionId, seen.finished ? 1 : 0);
  }
}
