/**
 * What a recorded session is made of: its header, its hash-chained steps, its result and the
 * scenario source it was played from. The store writes and reads these; review, reports and
 * the menu read them; they live here so those layers share them without importing the store.
 */
import type { LessonCatalog } from '../format/load.js';
import type { Outcome, Way } from '../format/model.js';
import type { StepAction } from '../play/machine.js';
import type { Lang } from '../text.js';

/** The play screen's two modes: practice shows feedback after each step, exam only at the end. */
export type Mode = 'practice' | 'exam';

export type SessionId = string;
/** How a session was played: a play-screen mode (practice, exam), or headless (`run --record`). */
export type SessionMode = Mode | 'headless';

/** How a step was taken, stored as the machine recorded it. */
export type RecordedAction = StepAction;

/** How the records name a way: a choice id, `rule N`, `timeout`, `when N` (store/event-columns.ts writes them). */
export function wayKey(way: Way): string {
  switch (way.kind) {
    case 'choice':
      return way.choice.id;
    case 'timeout':
      return 'timeout';
    case 'rule':
      return `rule ${way.index + 1}`;
    case 'branch':
      return `when ${way.index + 1}`;
  }
}

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
  readonly mode: SessionMode;
  readonly startedAt: string;
  /**
   * The seed the play screen shuffled the replies with (shuffle.ts); absent: file order
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
