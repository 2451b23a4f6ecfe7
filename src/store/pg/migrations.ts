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
export interface PgMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
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
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;
