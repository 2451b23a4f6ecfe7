/**
 * The seam between the play screen and session recording, so recording can be plugged in
 * without touching the screens: the screen (src/ui) calls a Recorder, the store (src/store)
 * implements one, and neither imports the other. The play screen calls these in this order:
 *
 *   onStart               once, before the first step, when a run begins (again on retry:
 *                         a retry is a new run)
 *   onStep                for every step the machine records, in order, including automatic
 *                         `when` steps and timeouts, as soon as it happens
 *   onSnapshot            after each trainee decision (and the automatic steps it caused),
 *                         with the actor's persisted snapshot: enough to resume there
 *   onFinish              once, when the run reaches an ending, with the contract's report
 *   onLeave               when the trainee leaves a running case (it can be resumed later)
 *
 * Callbacks must not throw and should be quick (they run between keypress and frame); a
 * recorder that does I/O should queue it. To resume, pass `resume` to the play screen: the
 * persisted snapshot and, for a timed node, how many milliseconds the trainee still had.
 */
import type { RunOutput, StepRecord } from '../play/machine.js';
import type { Scenario } from '../format/model.js';
import type { Mode, SavedPlay } from './records.js';
import type { RunReport } from '../play/session.js';
import type { Lang } from '../text.js';

export interface RunStart {
  readonly scenario: Scenario;
  /** the scenario file's text as it was loaded, so a record can be replayed exactly */
  readonly source: string;
  readonly file?: string;
  readonly mode: Mode;
  readonly lang: Lang;
  /** true when this run continues a persisted snapshot */
  readonly resumed: boolean;
  /** the seed the replies are shuffled with (shuffle.ts); absent: file order */
  readonly shuffleSeed?: number;
}

export interface StepInfo {
  /** ids of the choices visible when the trainee decided ([] for input, automatic steps) */
  readonly shownChoices: readonly string[];
  /** milliseconds from entering the node to the decision (paused time excluded) */
  readonly decisionMs: number;
  /** whether the step's feedback was shown right after it (practice mode) */
  readonly feedbackShown: boolean;
}

export interface SnapshotInfo {
  /** the node the trainee is at now */
  readonly node: string;
  /** for a timed node: milliseconds left to answer */
  readonly remainingMs?: number;
}

export interface Recorder {
  onStart?(start: RunStart): void;
  onStep?(record: StepRecord, info: StepInfo): void;
  onSnapshot?(persisted: unknown, info: SnapshotInfo): void;
  onFinish?(report: RunReport, output: RunOutput): void;
  onLeave?(): void;
}

/** Where a resumed run continues from (see Play in session.ts): the stored snapshot and time left. */
export interface ResumePoint extends SavedPlay {
  /** the session's shuffle seed, so the replies come back in the order it showed them */
  readonly shuffleSeed?: number;
}
