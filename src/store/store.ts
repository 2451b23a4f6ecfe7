/**
 * The one interface every session store implements (SQLite, PostgreSQL, the team store over
 * both), so that
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
} from '../core/records/records.js';
import type { LedgerEntry, OriginEntry } from './ledger.js';
import type { TraineeProgress } from '../core/records/progress.js';

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

// The record shapes are core types (core/records/records.ts), shared with review and reports.
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
} from '../core/records/records.js';

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
  /** finished sessions per week (in the report's time zone), per scenario and per trainee */
  readonly trend: {
    readonly scenarios: readonly PeriodFigures[];
    readonly trainees: readonly PeriodFigures[];
  };
  /** per trainee and lesson over every case they finished: the trainee × lesson matrix */
  readonly matrix: readonly LessonCell[];
}

/** How the report groups sessions in time: weeks in the reader's time zone. */
export interface ReportOptions {
  /** minutes east of UTC of the reader's zone (480 for Beijing); weeks start on its Monday */
  readonly offsetMinutes?: number;
}

/** Finished sessions of one mode: exam is what counts for pass rates. */
export interface ModeFigures {
  readonly attempts: number;
  readonly passed: number;
  readonly passRate: number;
  readonly meanPercent: number;
  readonly bestPercent: number;
}

export type ModeBreakdown = Readonly<Partial<Record<SessionModeName, ModeFigures>>>;
type SessionModeName = 'exam' | 'practice' | 'headless';

export interface ScenarioAggregate {
  readonly id: string;
  /** finished sessions, every mode */
  readonly attempts: number;
  readonly unfinished: number;
  readonly trainees: number;
  /** exam sessions passed */
  readonly passed: number;
  /** of the finished exam sessions; null when there were none (practice does not count) */
  readonly passRate: number | null;
  /** over every finished session, every mode */
  readonly meanPercent: number;
  readonly medianPercent: number;
  /** exam, practice and headless apart */
  readonly modes: ModeBreakdown;
  /** over choices, typed answers and timeouts of played sessions (headless runs take no human time) */
  readonly meanDecisionMs: number | null;
  /** node → decisions of played sessions and their mean time there */
  readonly decisions: Readonly<Record<string, { readonly n: number; readonly meanMs: number }>>;
  /** weakest first (lowest mean points / max) */
  readonly lessons: readonly { readonly id: string; readonly meanPoints: number; readonly max: number }[];
  /** node → way (choice id, `timeout`, `rule N`) → count; finished and unfinished sessions alike */
  readonly choices: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** node → `rule N` → the answers typed most often there (at most three, most first) */
  readonly answers: Readonly<Record<string, Readonly<Record<string, readonly TypedAnswer[]>>>>;
  /** node → `when N` → how often each automatic branch was taken */
  readonly branches: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly endings: Readonly<Record<string, number>>;
}

export interface TypedAnswer {
  /** as typed (not yet made safe for a terminal: the report does that) */
  readonly text: string;
  readonly n: number;
}

export interface TraineeAggregate {
  readonly name: string;
  /** finished sessions, every mode */
  readonly attempts: number;
  /** finished exams, and how many passed */
  readonly exams: number;
  readonly passed: number;
  /** passed / exams; null without an exam */
  readonly passRate: number | null;
  readonly bestPercent: number;
  readonly bestExamPercent: number | null;
  readonly lastPercent: number;
  /** percents of the last attempts (at most 10), oldest first */
  readonly recent: readonly number[];
}

/** One week of one scenario's (or trainee's) finished sessions of one mode. */
export interface PeriodFigures {
  /** the scenario id or the trainee */
  readonly key: string;
  /** the Monday the week starts on, YYYY-MM-DD */
  readonly period: string;
  readonly mode: string;
  readonly attempts: number;
  readonly passed: number;
  readonly meanPercent: number;
  readonly bestPercent: number;
}

/** A trainee's points in one lesson, summed over their finished sessions of every case. */
export interface LessonCell {
  readonly trainee: string;
  readonly lesson: string;
  readonly sessions: number;
  readonly points: number;
  readonly max: number;
}

export interface SessionStore {
  /** where the data lives, for messages */
  readonly location: string;
  /**
   * The only trainee name this store records under, when it decides (a team server: the
   * database role the laptop logs in as); undefined when any name may be recorded.
   */
  readonly recordsAs?: string;

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
  report(filter?: SessionFilter, options?: ReportOptions): Promise<ReportData>;
  /** One trainee's standing: best exam per case, points per lesson (the menu and `roleplay progress`). */
  progress(trainee: string): Promise<TraineeProgress>;

  /** This store's id: its ledger starts from it, and sessions it sends elsewhere carry it (ledger.ts). */
  storeId(): Promise<string>;
  /** This store's ledger, in order. */
  ledger(): Promise<LedgerEntry[]>;
  /** One session's entries in this store's ledger: its start, and its result once finished. */
  ledgerOf(sessionId: SessionId): Promise<LedgerEntry[]>;
  /** Other stores' ledger entries, as they came with their sessions (origins.ts). */
  originLedger(): Promise<OriginEntry[]>;

  /**
   * Checks the database itself (SQLite: PRAGMA integrity_check); throws a StoreError naming the
   * damage. Stores with nothing of the kind to check leave it out.
   */
  checkIntegrity?(): Promise<void>;
  /**
   * The store whose records `verify` checks. A team store answers with its server, and throws
   * when the server cannot be reached: the copy on this computer is not the team's record.
   */
  verifiable?(): Promise<SessionStore>;

  close(): Promise<void>;
}
