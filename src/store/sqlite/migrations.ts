/**
 * The SQLite schema as numbered migrations. `PRAGMA user_version` holds the number applied;
 * opening a database applies the missing ones in order, inside one IMMEDIATE transaction so
 * that two processes opening a new database at once do not both migrate it. Never edit a
 * migration that has shipped: add the next one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sessions, events, scenario sources',
    sql: `
      CREATE TABLE scenario_sources (
        hash        TEXT PRIMARY KEY,
        scenario_id TEXT NOT NULL,
        file        TEXT NOT NULL,
        source      TEXT NOT NULL,
        catalog     TEXT NOT NULL,
        stored_at   TEXT NOT NULL
      );

      CREATE TABLE sessions (
        sid           INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        trainee       TEXT NOT NULL,
        scenario_id   TEXT NOT NULL,
        scenario_hash TEXT NOT NULL REFERENCES scenario_sources(hash),
        lang          TEXT NOT NULL,
        mode          TEXT NOT NULL CHECK (mode IN ('practice', 'exam', 'headless')),
        started_at    TEXT NOT NULL,
        finished_at   TEXT,
        outcome       TEXT CHECK (outcome IN ('success', 'partial', 'failure')),
        ending        TEXT,
        total         INTEGER,
        max           INTEGER,
        percent       INTEGER,
        passed        INTEGER CHECK (passed IN (0, 1)),
        event_count   INTEGER NOT NULL DEFAULT 0,
        head_hash     TEXT NOT NULL,
        seal          TEXT,
        play          TEXT
      );
      CREATE INDEX sessions_by_start    ON sessions (started_at);
      CREATE INDEX sessions_by_scenario ON sessions (scenario_id, started_at);
      CREATE INDEX sessions_by_trainee  ON sessions (trainee, started_at);

      CREATE TABLE events (
        sid         INTEGER NOT NULL REFERENCES sessions(sid),
        seq         INTEGER NOT NULL,
        at          TEXT NOT NULL,
        node        TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('choice', 'say', 'timeout', 'auto')),
        way         TEXT NOT NULL,
        text        TEXT,
        idx         INTEGER,
        shown       TEXT NOT NULL,
        decision_ms INTEGER NOT NULL,
        points      TEXT NOT NULL,
        meters      TEXT NOT NULL,
        feedback    TEXT,
        goto        TEXT NOT NULL,
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL,
        PRIMARY KEY (sid, seq)
      ) WITHOUT ROWID;
      -- covering index for the report's choice distribution and decision times
      CREATE INDEX events_ways ON events (sid, kind, node, way, decision_ms);

      -- per finished session and lesson, so lesson means need no JSON over every event
      CREATE TABLE session_lessons (
        sid    INTEGER NOT NULL REFERENCES sessions(sid),
        lesson TEXT NOT NULL,
        points INTEGER NOT NULL,
        max    INTEGER NOT NULL,
        PRIMARY KEY (sid, lesson)
      ) WITHOUT ROWID;

      CREATE TABLE migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: "scenario id on events, for the report's choice counts without a join",
    sql: `
      ALTER TABLE events ADD COLUMN scenario_id TEXT;
      UPDATE events SET scenario_id = (SELECT s.scenario_id FROM sessions s WHERE s.sid = events.sid);
      -- the choice distribution streams this index in group order: no join, no sort
      CREATE INDEX events_by_way ON events (scenario_id, node, way, kind, decision_ms) WHERE kind <> 'auto';
      CREATE INDEX sessions_headless ON sessions (scenario_id) WHERE mode = 'headless';
      -- whoever inserts an event without it (an import, an older writer), it is filled in
      CREATE TRIGGER events_scenario_id AFTER INSERT ON events WHEN NEW.scenario_id IS NULL
      BEGIN
        UPDATE events SET scenario_id = (SELECT s.scenario_id FROM sessions s WHERE s.sid = NEW.sid)
         WHERE sid = NEW.sid AND seq = NEW.seq;
      END;
    `,
  },
  {
    version: 3,
    name: "narrow indexes that answer the report's per-session and per-lesson aggregates",
    sql: `
      ALTER TABLE session_lessons ADD COLUMN scenario_id TEXT;
      UPDATE session_lessons SET scenario_id = (SELECT s.scenario_id FROM sessions s WHERE s.sid = session_lessons.sid);
      CREATE INDEX session_lessons_by_scenario ON session_lessons (scenario_id, lesson, points, max);
      CREATE TRIGGER session_lessons_scenario_id AFTER INSERT ON session_lessons WHEN NEW.scenario_id IS NULL
      BEGIN
        UPDATE session_lessons SET scenario_id = (SELECT s.scenario_id FROM sessions s WHERE s.sid = NEW.sid)
         WHERE sid = NEW.sid AND lesson = NEW.lesson;
      END;
      -- per scenario (attempts, pass rate, mean, median in percent order, endings) and per
      -- trainee (in start order) without reading the wide session rows
      CREATE INDEX sessions_report ON sessions (scenario_id, percent, passed, finished_at, trainee, ending, started_at);
      CREATE INDEX sessions_trainee_report ON sessions (trainee, started_at, percent, passed, finished_at);
    `,
  },
  {
    version: 4,
    name: 'the seed the replies were shuffled with (null: file order)',
    sql: `
      ALTER TABLE sessions ADD COLUMN shuffle_seed INTEGER;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
