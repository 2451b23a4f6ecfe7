/**
 * The one interface every session store implements (SQLite now, PostgreSQL later), so that
 * recording, review, reports, export and verify never know which database they talk to.
 *
 * Every method returns a Promise. The SQLite store does its work synchronously inside the
 * call (the Promise is already settled when it returns), which is what makes a step durable
 * the moment it is taken; a network store may take longer, and callers that need ordering
 * chain on the Promise (see recorder.ts).
 */
import { said, type Lang, type Said } from '../core/index.js';
import type {
  EventContent,
  SavedPlay,
  ScenarioSource,
  SessionHeader,
  SessionId,
  SessionResult,
  SessionRow,
  StoredEvent,
} from '../core/records.js';

/**
 * A failure of the session database, in words for the person at the terminal, in both
 * languages: the store does not know who reads it; the command that prints it picks one.
 * `message` is the English text (logs, tests).
 */
export class StoreError extends Error {
  constructor(readonly text: Said) {
    super(text.en);
  }
  in(lang: Lang): string {
    return this.text[lang];
  }
}

/** The failures every store words the same way. */
export const storeProblems = {
  noSession: (id: string) => said(`没有练习 ${id}`, `no session ${id}`),
  finished: (id: string) => said(`练习 ${id} 已经结束`, `session ${id} is already finished`),
  outOfStep: (id: string, expected: number, seq: number) =>
    said(
      `练习 ${id} 下一步应是第 ${expected} 步，而不是第 ${seq} 步（是不是在两个地方同时练习？）`,
      `session ${id} expects step ${expected} next, not ${seq} (is it being played in two places?)`,
    ),
};

// The record shapes are core types (core/records.ts), shared with review and reports.
export type {
  EventContent,
  LessonResult,
  RecordedAction,
  SavedPlay,
  ScenarioSource,
  SessionHeader,
  SessionId,
  SessionMode,
  SessionResult,
  SessionRow,
  StoredEvent,
} from '../core/records.js';

export interface SessionFilter {
  readonly trainee?: string;
  readonly scenario?: string;
  /** ISO timestamp: sessions started at or after it */
  readonly since?: string;
  /** only finished / only unfinished sessions */
  readonly finished?: boolean;
  /** leave out unfinished sessions in which no step was taken (nothing there to continue) */
  readonly withSteps?: boolean;
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
