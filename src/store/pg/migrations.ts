/**
 * The PostgreSQL schema as numbered migrations, the same tables as the SQLite store (see
 * ../sqlite/migrations.ts) in PostgreSQL's types. `roleplay_migrations` records what has been
 * applied; the first client to find work to do takes an advisory lock, so a team whose
 * laptops all start at nine o'clock migrates the server once. Never edit a migration that has
 * shipped: add the next one.
 *
 * Text columns that are sorted or grouped use the "C" collation, so the order is the same
 * byte order SQLite uses whatever locale the server was created with.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { genesisHash } from '../chain.js';
import { nextEntry, type LedgerEntry } from '../ledger.js';
import { headerOf, type SessionColumns } from '../session-columns.js';
import { SESSIONS } from './sessions-sql.js';

export interface PgMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** work SQL alone cannot do (hashing), run after `sql` in the same transaction */
  readonly backfill?: (q: Pick<pg.PoolClient, 'query'>) => Promise<void>;
}

/**
 * The ledger of a team database set up before there was one: a new store id, then every
 * session in the order it arrived (its row number), each followed by its result when it has one.
 */
async function backfillLedger(q: Pick<pg.PoolClient, 'query'>): Promise<void> {
  const storeId = randomUUID();
  await q.query("INSERT INTO store_meta (key, value) VALUES ('store_id', $1)", [storeId]);
  const { rows } = await q.query<SessionColumns<string, boolean>>(`SELECT * FROM ${SESSIONS} s ORDER BY sid`);
  const entries: LedgerEntry[] = [];
  let last: LedgerEntry | undefined;
  const append = (kind: LedgerEntry['kind'], id: string, body: string) => {
    last = nextEntry(storeId, last, kind, id, body);
    entries.push(last);
  };
  for (const row of rows) {
    append('session', row.id, genesisHash(headerOf(row)));
    if (row.finished_at !== null && row.seal !== null) append('result', row.id, row.seal);
  }
  for (let i = 0; i < entries.length; i += 1000) {
    const chunk = entries.slice(i, i + 1000);
    await q.query(
      `INSERT INTO ledger (n, kind, session_id, body, prev_hash, hash)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        chunk.map((e) => e.n),
        chunk.map((e) => e.kind),
        chunk.map((e) => e.sessionId),
        chunk.map((e) => e.body),
        chunk.map((e) => e.prevHash),
        chunk.map((e) => e.hash),
      ],
    );
  }
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'sessions, events, scenario sources',
    sql: `
      CREATE TABLE scenario_sources (
        hash        text PRIMARY KEY,
        scenario_id text NOT NULL,
        file        text NOT NULL,
        source      text NOT NULL,
        catalog     text NOT NULL,
        stored_at   timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE sessions (
        sid           bigserial PRIMARY KEY,
        id            text COLLATE "C" NOT NULL UNIQUE,
        trainee       text COLLATE "C" NOT NULL,
        scenario_id   text COLLATE "C" NOT NULL,
        scenario_hash text NOT NULL REFERENCES scenario_sources(hash),
        lang          text NOT NULL,
        mode          text NOT NULL,
        started_at    text COLLATE "C" NOT NULL,
        finished_at   text,
        outcome       text CHECK (outcome IN ('success', 'partial', 'failure')),
        ending        text COLLATE "C",
        total         integer,
        max           integer,
        percent       integer,
        passed        boolean,
        event_count   integer NOT NULL DEFAULT 0,
        head_hash     text NOT NULL,
        seal          text,
        play          text,
        received_at   timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sessions_by_start    ON sessions (started_at);
      CREATE INDEX sessions_by_scenario ON sessions (scenario_id, started_at);
      CREATE INDEX sessions_by_trainee  ON sessions (trainee, started_at);

      CREATE TABLE events (
        sid         bigint NOT NULL REFERENCES sessions(sid),
        seq         integer NOT NULL,
        at          text NOT NULL,
        node        text COLLATE "C" NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('choice', 'say', 'timeout', 'auto')),
        way         text COLLATE "C" NOT NULL,
        text        text,
        idx         integer,
        shown       jsonb NOT NULL,
        decision_ms integer NOT NULL,
        points      jsonb NOT NULL,
        meters      jsonb NOT NULL,
        feedback    text,
        goto        text NOT NULL,
        prev_hash   text NOT NULL,
        hash        text NOT NULL,
        PRIMARY KEY (sid, seq)
      );

      CREATE TABLE session_lessons (
        sid    bigint NOT NULL REFERENCES sessions(sid),
        lesson text COLLATE "C" NOT NULL,
        points integer NOT NULL,
        max    integer NOT NULL,
        PRIMARY KEY (sid, lesson)
      );
    `,
  },
  {
    version: 2,
    name: "scenario id on events, for the report's choice counts without a join",
    sql: `
      ALTER TABLE events ADD COLUMN scenario_id text COLLATE "C";
      UPDATE events e SET scenario_id = s.scenario_id FROM sessions s WHERE s.sid = e.sid;
      -- the choice distribution is an index-only scan in group order: no join, no sort
      CREATE INDEX events_by_way ON events (scenario_id, node, way, decision_ms) WHERE kind <> 'auto';
      CREATE INDEX sessions_headless ON sessions (scenario_id) WHERE mode = 'headless';
      -- whoever inserts an event without it (an older client, a bulk load), it is filled in
      CREATE FUNCTION roleplay_event_scenario() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.scenario_id IS NULL THEN
          NEW.scenario_id := (SELECT scenario_id FROM sessions WHERE sid = NEW.sid);
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER events_scenario_id BEFORE INSERT ON events
        FOR EACH ROW EXECUTE FUNCTION roleplay_event_scenario();
    `,
  },
  {
    version: 3,
    name: 'the seed the replies were shuffled with (null: file order)',
    sql: `
      ALTER TABLE sessions ADD COLUMN shuffle_seed integer;
    `,
  },
  {
    version: 4,
    name: 'results in a table of their own: finishing a session is an insert',
    // Row-level security (`roleplay team init`, security.ts) lets a trainee insert but never
    // update a finished session: the result is a row appended once (its primary key is the
    // session), not columns of the session row changed in place. The session row keeps only
    // what changes while it is played (its head, event count and snapshot).
    sql: `
      CREATE TABLE session_results (
        sid         bigint PRIMARY KEY REFERENCES sessions(sid),
        finished_at text NOT NULL,
        outcome     text CHECK (outcome IN ('success', 'partial', 'failure')),
        ending      text COLLATE "C",
        total       integer,
        max         integer,
        percent     integer,
        passed      boolean,
        seal        text,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO session_results (sid, finished_at, outcome, ending, total, max, percent, passed, seal)
        SELECT sid, finished_at, outcome, ending, total, max, percent, passed, seal
          FROM sessions WHERE finished_at IS NOT NULL;
      ALTER TABLE sessions DROP COLUMN finished_at, DROP COLUMN outcome, DROP COLUMN ending, DROP COLUMN total,
        DROP COLUMN max, DROP COLUMN percent, DROP COLUMN passed, DROP COLUMN seal;
    `,
  },
  {
    version: 5,
    name: 'the store-wide ledger: every session and every result, numbered and chained',
    sql: `
      CREATE TABLE store_meta (
        key   text PRIMARY KEY,
        value text NOT NULL
      );
      -- see src/store/ledger.ts: n runs 1, 2, 3 … without gaps; each entry hashes the one before
      CREATE TABLE ledger (
        n          integer PRIMARY KEY,
        kind       text NOT NULL CHECK (kind IN ('session', 'result')),
        session_id text COLLATE "C" NOT NULL,
        body       text NOT NULL,
        prev_hash  text NOT NULL,
        hash       text NOT NULL
      );
      CREATE INDEX ledger_by_session ON ledger (session_id, kind);
      CREATE FUNCTION roleplay_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the ledger is append-only';
      END $$;
      CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger
        FOR EACH ROW EXECUTE FUNCTION roleplay_ledger_append_only();
      -- other stores' entries, as they came with their sessions (sync, import)
      CREATE TABLE origin_ledger (
        origin     text COLLATE "C" NOT NULL,
        n          integer NOT NULL,
        kind       text NOT NULL CHECK (kind IN ('session', 'result')),
        session_id text COLLATE "C" NOT NULL,
        body       text NOT NULL,
        prev_hash  text NOT NULL,
        hash       text NOT NULL,
        via        text NOT NULL CHECK (via IN ('sync', 'import')),
        PRIMARY KEY (origin, n)
      );
    `,
    backfill: backfillLedger,
  },
  {
    version: 6,
    name: "partial indexes for the report's typed answers and automatic branches; modes per week",
    sql: `
      -- the answers typed most often per rule, and the automatic branches taken (the path
      -- view), without reading the other events (the text stays out of the index: a long
      -- answer would not fit in an index entry)
      CREATE INDEX events_said ON events (scenario_id, node, way) WHERE kind = 'say';
      CREATE INDEX events_auto ON events (scenario_id, node, way) WHERE kind = 'auto';
      -- exam, practice and headless apart, per week: per scenario and per trainee (results
      -- are rows of session_results since version 4, joined by sid)
      CREATE INDEX sessions_modes ON sessions (scenario_id, mode, started_at, sid);
      CREATE INDEX sessions_trainee_modes ON sessions (trainee, mode, started_at, scenario_id, sid);
    `,
  },
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;
