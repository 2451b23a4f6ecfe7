/**
 * The one interface every session store implements (SQLite now, PostgreSQL later), so that
 * recording, review, reports, export and verify never know which database they talk to.
 *
 * Every method returns a Promise. The SQLite store does its work synchronously inside the
 * call (the Promise is already settled when it returns), which is what makes a step durable
 * the moment it is taken; a network store may take longer, and callers that need ordering
 * chain on the Promise (see recorder.ts).
 */
import type { Lang, LessonCatalog, Outcome, StepAction } from '../core/index.js';

/**
 * A failure of the session database, in words for the person at the terminal, in both
 * languages: the store does not know who reads it; the command that prints it picks one.
 * `message` is the English text (logs, tests).
 */
export class StoreError extends Error {
  private readonly zh: string;
  constructor(en: string, zh?: string) {
    super(en);
    this.zh = zh ?? en;
  }
  in(lang: Lang): string {
    return lang === 'zh' ? this.zh : this.message;
  }
}

export type SessionId = string;
/** practice and exam are the play screen's modes; headless is `run --record` */
export type Mode = 'practice' | 'exam' | 'headless';

/** How a step was taken, stored as the machine recorded it. */
export type RecordedAction = StepAction;

/**
 * One step, exactly as it is hashed into the session's chain. Everything a reviewer needs is
 * here or in the stored scenario source; nothing here is derived from the current YAML.
 */
export interface EventContent {
  /** 1, 2, 3 … within the session: part of the hash, so reordering is detected */
  readonly seq: number;
  /** ISO 8601 UTC, when the step was taken */
  readonly at: string;
  readonly node: string;
  readonly action: RecordedAction;
  /** ids of the choices on screen when the step was taken (empty at input and automatic nodes) */
  readonly shown: readonly string[];
  /** milliseconds between the node appearing and the step */
  readonly decisionMs: number;
  /** points per lesson this step gave */
  readonly points: Readonly<Record<string, number>>;
  /** meter values after the step */
  readonly meters: Readonly<Record<string, number>>;
  /** the feedback text shown, in the session's language; null when there was none */
  readonly feedback: string | null;
  readonly goto: string;
}

export interface StoredEvent extends EventContent {
  readonly sessionId: SessionId;
  readonly prevHash: string;
  readonly hash: string;
}

/** What is known when a session starts; hashed as the start of its chain. */
export interface SessionHeader {
  readonly id: SessionId;
  readonly trainee: string;
  readonly scenarioId: string;
  /** content hash of the stored scenario source (see scenario-source.ts) */
  readonly scenarioHash: string;
  readonly lang: Lang;
  readonly mode: Mode;
  readonly startedAt: string;
  /**
   * The seed the play screen shuffled the replies with (core shuffle.ts); absent: file order
   * (--no-shuffle, headless runs, sessions recorded before shuffling). Part of the genesis hash.
   */
  readonly shuffleSeed?: number;
}

export interface LessonResult {
  readonly points: number;
  readonly max: number;
}

export interface SessionResult {
  readonly finishedAt: string;
  readonly outcome: Outcome;
  readonly ending: string;
  readonly total: number;
  readonly max: number;
  readonly percent: number;
  readonly passed: boolean;
  readonly lessons: Readonly<Record<string, LessonResult>>;
}

/** The persisted actor snapshot that lets `resume` continue a session where it stopped. */
export interface SavedPlay {
  /** core Play.persisted() */
  readonly snapshot: unknown;
  /** at a timed node: how long the trainee still had when it was saved */
  readonly remainingMs?: number;
}

export interface SessionRow extends SessionHeader {
  readonly eventCount: number;
  /** hash of the last event (the genesis hash when there is none yet) */
  readonly headHash: string;
  /** present once finished */
  readonly result?: SessionResult;
  /** hash over the head and the result, set when finished */
  readonly seal?: string;
}

export interface ScenarioSource {
  readonly hash: string;
  readonly scenarioId: string;
  /** file name the source was loaded from (for messages only) */
  readonly file: string;
  readonly source: string;
  /** the catalog lessons the scenario saw, so it loads the same after lessons.yaml changes */
  readonly catalog: LessonCatalog;
}

export interface SessionFilter {
  readonly trainee?: string;
  readonly scenario?: string;
  /** ISO timestamp: sessions started at or after it */
  readonly since?: string;
  /** only finished / only unfinished sessions */
  readonly finished?: boolean;
  readonly limit?: number;
}

/** The raw aggregates a report is built from; computed by the database, not in memory. */
export interface ReportData {
  readonly scenarios: readonly ScenarioAggregate[];
  readonly trainees: readonly TraineeAggregate[];
}

export interface ScenarioAggregate {
  readonly id: string;
  /** finished sessions */
  readonly attempts: number;
  readonly unfinished: number;
  readonly trainees: number;
  readonly passed: number;
  readonly passRate: number;
  readonly meanPercent: number;
  readonly medianPercent: number;
  /** over choices, typed answers and timeouts of played sessions (headless runs take no human time) */
  readonly meanDecisionMs: number | null;
  /** weakest first (lowest mean points / max) */
  readonly lessons: readonly { readonly id: string; readonly meanPoints: number; readonly max: number }[];
  /** node → way (choice id, `timeout`, `rule N`) → count; finished and unfinished sessions alike */
  readonly choices: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly endings: Readonly<Record<string, number>>;
}

export interface TraineeAggregate {
  readonly name: string;
  readonly attempts: number;
  readonly passed: number;
  readonly bestPercent: number;
  readonly lastPercent: number;
  /** percents of the last attempts (at most 10), oldest first */
  readonly recent: readonly number[];
}

export interface SessionStore {
  /** where the data lives, for messages */
  readonly location: string;

  /** Stores a scenario source once per content hash (a no-op when it is already there). */
  saveSource(source: ScenarioSource): Promise<void>;
  loadSource(hash: string): Promise<ScenarioSource | undefined>;

  /** Creates the session row; its chain starts from the hash of the header. */
  startSession(header: SessionHeader, play?: SavedPlay): Promise<SessionRow>;
  /**
   * Appends one step in its own transaction: checks seq follows the last one, chains the
   * hash, stores the snapshot taken after the step. Throws if the session is finished.
   */
  appendEvent(sessionId: SessionId, content: EventContent, play?: SavedPlay): Promise<StoredEvent>;
  /** Keeps the latest snapshot (e.g. the time left when the trainee paused). */
  savePlay(sessionId: SessionId, play: SavedPlay): Promise<void>;
  /** Records the result and seals the chain. */
  finishSession(sessionId: SessionId, result: SessionResult): Promise<SessionRow>;

  /** A session by full id or unique id prefix; 'ambiguous' when a prefix matches several. */
  findSession(idOrPrefix: string): Promise<SessionRow | undefined | 'ambiguous'>;
  listSessions(filter?: SessionFilter): Promise<SessionRow[]>;
  events(sessionId: SessionId): Promise<StoredEvent[]>;
  savedPlay(sessionId: SessionId): Promise<SavedPlay | undefined>;

  /** Sessions with their events, oldest first, a page at a time (for export and verify). */
  eachSession(
    filter: SessionFilter,
    fn: (session: SessionRow, events: readonly StoredEvent[]) => void | Promise<void>,
  ): Promise<void>;
  report(filter?: SessionFilter): Promise<ReportData>;

  close(): Promise<void>;
}
