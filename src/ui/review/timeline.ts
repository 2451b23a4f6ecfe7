/**
 * A recorded session as a step-by-step timeline for `roleplay review`: at every step, what
 * the customer said, the choices on screen, what the trainee did and how long it took, the
 * points and feedback, and the best alternative there. Built from the stored events and the
 * scenario loaded from the session's stored source (never the current YAML), so an old
 * session reads as it was played. Pure: the screen and `--json` both print this.
 */
import {
  localize,
  safeLine,
  safeText,
  type Lang,
  type NodeId,
  type RunOutput,
  type Scenario,
  type StepRecord,
} from '../../core/index.js';
import { type RecordedAction, type SessionRow, type StoredEvent, wayKey } from '../../core/records/records.js';
import { actionText, lessonTitle, modelAnswer, speakerName, wayText, whyBetter } from '../describe.js';
import { meterLabel } from '../meters.js';
import { reviewPath, type TurnReview } from '../../core/analysis/best-path.js';

export interface TimelineChoice {
  readonly id: string;
  readonly text: string;
}

export interface TimelineStep {
  readonly seq: number;
  readonly at: string;
  readonly node: NodeId;
  readonly automatic: boolean;
  /** who spoke at this node, and what they said (empty when the node has no text) */
  readonly speaker: string | null;
  readonly said: string;
  readonly shown: readonly TimelineChoice[];
  readonly action: RecordedAction;
  /** what the trainee did, in words */
  readonly did: string;
  readonly decisionMs: number;
  readonly points: Readonly<Record<string, number>>;
  readonly earned: number;
  readonly meters: Readonly<Record<string, number>>;
  /** the feedback for this step, in the reader's language; feedbackShown: the trainee saw it during play */
  readonly feedback: string | null;
  readonly feedbackShown: boolean;
  /** at a typed node: its model answer, quoted (null elsewhere, or when the node has none) */
  readonly model: string | null;
  /** the option that would have led to the most points from here, when it was not taken */
  /** `why`: the better way's own feedback, else the principles of the lessons it scores */
  readonly better: {
    readonly way: string;
    readonly text: string;
    readonly earned: number;
    readonly missed: number;
    readonly why: string | null;
  } | null;
}

export interface Timeline {
  readonly session: {
    readonly id: string;
    readonly trainee: string;
    readonly scenario: string;
    readonly title: string;
    readonly mode: string;
    readonly lang: string;
    readonly startedAt: string;
    readonly finishedAt: string | null;
    readonly outcome: string | null;
    readonly ending: string | null;
    readonly total: number | null;
    readonly max: number | null;
    readonly percent: number | null;
    readonly passed: boolean | null;
  };
  readonly steps: readonly TimelineStep[];
  /** display names of the lessons and meters the steps mention by id */
  readonly labels: {
    readonly lessons: Readonly<Record<string, string>>;
    readonly meters: Readonly<Record<string, string>>;
  };
}

const sum = (score: Readonly<Record<string, number>>) => Object.values(score).reduce((a, b) => a + b, 0);

function recordOf(e: StoredEvent): StepRecord {
  return { node: e.node, action: e.action, score: e.points, effects: {}, goto: e.goto, meters: e.meters };
}

/** The run the events make, as the core's RunOutput (for reviewPath). */
function outputOf(scenario: Scenario, session: SessionRow, events: readonly StoredEvent[]): RunOutput {
  const path = [scenario.start, ...events.map((e) => e.goto)];
  return {
    meters: events[events.length - 1]?.meters ?? {},
    points: {},
    path,
    steps: events.map(recordOf),
    ending: path[path.length - 1]!,
    outcome: session.result?.outcome ?? 'failure',
  };
}

/** The better option at a decision, when one would have led to more points. */
function betterOf(scenario: Scenario, node: NodeId, t: TurnReview | undefined, lang: Lang): TimelineStep['better'] {
  if (!t?.better || t.missed <= 0) return null;
  return {
    way: wayKey(t.better),
    text: wayText(scenario, t.better, lang, node),
    earned: t.betterEarned ?? 0,
    missed: t.missed,
    why: whyBetter(scenario, t.better, lang) ?? null,
  };
}

function stepOf(scenario: Scenario, e: StoredEvent, t: TurnReview | undefined, lang: Lang): TimelineStep {
  const node = scenario.nodes[e.node];
  const shown = e.shown.map((id) => {
    const c = node?.kind === 'choice' ? node.choices.find((x) => x.id === id) : undefined;
    return { id: safeLine(id), text: safeLine(c ? localize(c.text, lang) : id) };
  });
  return {
    seq: e.seq,
    at: safeLine(e.at),
    node: safeLine(e.node),
    automatic: e.action.kind === 'auto',
    speaker: node && node.text !== undefined ? speakerName(scenario, node.speaker, lang) : null,
    said: node?.text !== undefined ? safeText(localize(node.text, lang)) : '',
    shown,
    action: e.action,
    did: actionText(scenario, recordOf(e), lang) ?? '',
    decisionMs: e.decisionMs,
    points: e.points,
    earned: sum(e.points),
    meters: e.meters,
    // in the reader's language: the stored scenario is the one played, so its feedback is the
    // text the trainee saw, perhaps in the other language (a lead reviewing in English a
    // session played in Chinese); as recorded when that scenario has none for the step
    feedback: feedbackOf(scenario, e, lang) ?? (e.feedback !== null ? safeText(e.feedback) : null),
    feedbackShown: e.feedback !== null,
    model:
      e.action.kind === 'say' || e.action.kind === 'timeout' ? (modelAnswer(scenario, e.node, lang) ?? null) : null,
    better: betterOf(scenario, e.node, t, lang),
  };
}

function sessionOf(scenario: Scenario, session: SessionRow, lang: Lang): Timeline['session'] {
  const r = session.result;
  // What the database holds is shown as it is, once made safe: any of it may have been edited.
  const line = (text: string | null | undefined) => (text === null || text === undefined ? null : safeLine(text));
  return {
    id: safeLine(session.id),
    trainee: safeLine(session.trainee),
    scenario: safeLine(session.scenarioId),
    title: safeLine(localize(scenario.title, lang)),
    mode: session.mode,
    lang: session.lang,
    startedAt: safeLine(session.startedAt),
    finishedAt: line(r?.finishedAt),
    outcome: r?.outcome ?? null,
    ending: line(r?.ending),
    total: r?.total ?? null,
    max: r?.max ?? null,
    percent: r?.percent ?? null,
    passed: r?.passed ?? null,
  };
}

export function timelineOf(
  scenario: Scenario,
  session: SessionRow,
  events: readonly StoredEvent[],
  lang: Lang,
): Timeline {
  // reviewPath compares each decision (not automatic steps) with the best option there.
  const turns = reviewPath(scenario, outputOf(scenario, session, events))?.turns ?? [];
  let turn = 0;
  const steps = events.map((e) => stepOf(scenario, e, e.action.kind === 'auto' ? undefined : turns[turn++], lang));
  return {
    session: sessionOf(scenario, session, lang),
    steps,
    labels: {
      lessons: Object.fromEntries(scenario.scoredLessons.map((l) => [l, lessonTitle(scenario, l, lang)])),
      meters: Object.fromEntries(scenario.meters.map((m) => [m.id, meterLabel(m, lang)])),
    },
  };
}

/** The feedback the stored scenario gives for the way this step took. */
function feedbackOf(scenario: Scenario, e: StoredEvent, lang: Lang): string | null {
  const node = scenario.nodes[e.node];
  if (!node) return null;
  let text;
  const a = e.action;
  if (a.kind === 'choice' && node.kind === 'choice') text = node.choices.find((c) => c.id === a.choice)?.feedback;
  else if (a.kind === 'say' && node.kind === 'input') text = node.rules[a.rule]?.feedback;
  else if (a.kind === 'timeout' && (node.kind === 'choice' || node.kind === 'input')) text = node.timeout?.feedback;
  else if (a.kind === 'auto' && node.kind === 'branch') text = node.when[a.branch]?.feedback;
  return text === undefined ? null : safeText(localize(text, lang));
}
