/**
 * What the UI needs from the edge that reads files: the cases on offer (cheap to list, so
 * the menu appears at once) and a way to open one fully (validated, compiled by the UI).
 */
import type { CustomerType, Lang, LocalizedText, Mode, ProgressView, Scenario } from '../core/index.js';
import type { ResumePoint } from '../core/records/recorder.js';

export interface MenuEntry {
  readonly id: string;
  readonly file: string;
  readonly title: LocalizedText;
  readonly summary?: LocalizedText;
  readonly difficulty?: number;
  readonly tags: readonly string[];
  readonly customerType?: CustomerType;
}

export interface OpenedScenario {
  readonly scenario: Scenario;
  /** the file's text, for recording */
  readonly source: string;
  readonly file?: string;
}

export type OpenResult =
  | { readonly ok: true; readonly opened: OpenedScenario }
  | { readonly ok: false; readonly message: string };

/** A session the trainee left before its ending, offered on the menu to continue. */
export interface UnfinishedSession {
  readonly id: string;
  readonly scenarioId: string;
  /** the case's title when the case is known, else the id is shown */
  readonly title?: LocalizedText;
  /** ISO time the session started */
  readonly startedAt: string;
  /** decisions and automatic steps taken so far */
  readonly steps: number;
  readonly mode: Mode;
}

export type ResumeResult =
  | {
      readonly ok: true;
      readonly opened: OpenedScenario;
      readonly resume: ResumePoint;
      readonly mode: Mode;
      /** the language to go on in (the one the session was played in); absent: keep the menu's */
      readonly lang?: Lang;
    }
  | { readonly ok: false; readonly message: string };

export interface Library {
  entries(): readonly MenuEntry[];
  /** may load the validator first, so it may answer later; `lang`: of the problems, should the case not open */
  open(entry: MenuEntry, lang: Lang): OpenResult | Promise<OpenResult>;
  /**
   * The current trainee's unfinished sessions, newest first. Asked after the menu's first
   * frame (it reads the session database), and again each time the menu comes back.
   */
  unfinished?(): Promise<readonly UnfinishedSession[]>;
  /** reopens an unfinished session at its saved snapshot; later steps record into the same session */
  resume?(session: UnfinishedSession): Promise<ResumeResult>;
  /**
   * The current trainee's standing: best exam per case, lessons mastered and weak, the case
   * to play next. Asked after the menu's first frame, and again each time the menu comes back.
   */
  progress?(): Promise<ProgressView>;
}
