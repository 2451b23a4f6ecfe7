/**
 * A trainee's standing across the cases, read from their recorded sessions: the best exam of
 * each case, the points of each lesson over everything they finished, and the case to play
 * next. The store computes the figures; the menu and `roleplay progress` show them.
 */
import { safeLine } from '../sanitize.js';
import { localize, said, type LocalizedText, type Said } from '../text.js';

/** One case as this trainee has played it (finished sessions only). */
export interface CaseProgress {
  readonly scenarioId: string;
  /** finished sessions, every mode */
  readonly attempts: number;
  readonly exams: number;
  /** null when no exam was finished */
  readonly bestExamPercent: number | null;
  /** some exam of this case passed */
  readonly passed: boolean;
  readonly bestPercent: number;
  /** when the last of them started (ISO 8601) */
  readonly lastAt: string;
}

/** One lesson's points summed over the trainee's finished sessions of every case. */
export interface LessonProgress {
  readonly lesson: string;
  readonly sessions: number;
  readonly points: number;
  readonly max: number;
}

export interface TraineeProgress {
  readonly trainee: string;
  /** played cases, by id */
  readonly cases: readonly CaseProgress[];
  readonly lessons: readonly LessonProgress[];
}

/** A case on offer and the lessons it can award points in. */
export interface CaseLessons {
  readonly id: string;
  readonly lessons: readonly string[];
}

/** The case to play next and why: it is unplayed or not passed, and it trains these weak lessons. */
export interface Recommendation {
  readonly scenarioId: string;
  readonly why: 'unplayed' | 'failed';
  /** the trainee's weak lessons this case trains, weakest first (may be empty) */
  readonly lessons: readonly string[];
}

/** What the menu's progress marks, progress screen and recommendation are drawn from. */
export interface ProgressView {
  readonly progress: TraineeProgress;
  /** the cases on offer, in the menu's order */
  readonly cases: readonly CaseLessons[];
  readonly lessonTitles: Readonly<Record<string, LocalizedText>>;
  readonly next?: Recommendation;
}

/** A lesson is mastered from this share of its points, weak below the other. */
export const MASTERED_SHARE = 0.8;
export const WEAK_SHARE = 0.5;

export type LessonStanding = 'mastered' | 'learning' | 'weak';

/**
 * The share of a lesson's points earned, 0..1 (negative when more was lost than earned); a
 * lesson that can only lose points (max 0) counts 1 while nothing was lost, 0 otherwise.
 */
export function shareOf(l: Pick<LessonProgress, 'points' | 'max'>): number {
  if (l.max > 0) return l.points / l.max;
  return l.points < 0 ? 0 : 1;
}

export function standingOf(l: Pick<LessonProgress, 'points' | 'max'>): LessonStanding {
  const share = shareOf(l);
  return share >= MASTERED_SHARE ? 'mastered' : share < WEAK_SHARE ? 'weak' : 'learning';
}

/** Lessons not yet mastered, weakest first (then by id). */
export function weakestFirst(lessons: readonly LessonProgress[]): LessonProgress[] {
  return lessons
    .filter((l) => standingOf(l) !== 'mastered')
    .sort((a, b) => shareOf(a) - shareOf(b) || (a.lesson < b.lesson ? -1 : a.lesson > b.lesson ? 1 : 0));
}

/** A lesson the trainee has never scored in weighs this much: worth learning, less than a known weakness. */
const UNTRIED_WEIGHT = 0.25;

/**
 * The next case: among those not passed yet (unplayed, or no exam passed), the one whose
 * lessons weigh most, each lesson by how far the trainee is from mastering it (1 − share);
 * ties go to a failed case before an unplayed one, then to the menu's order (easiest first).
 * A trainee with no finished session yet starts with the first case on offer.
 */
export function recommendNext(progress: TraineeProgress, cases: readonly CaseLessons[]): Recommendation | undefined {
  const played = new Map(progress.cases.map((c) => [c.scenarioId, c]));
  // Nothing known yet: start with the first case on offer (the menu lists the easiest first).
  if (progress.lessons.length === 0) {
    const first = cases.find((c) => !played.get(c.id)?.passed);
    return first ? { scenarioId: first.id, why: played.has(first.id) ? 'failed' : 'unplayed', lessons: [] } : undefined;
  }
  const known = new Map(progress.lessons.map((l) => [l.lesson, l]));
  const weight = (lesson: string) => {
    const l = known.get(lesson);
    if (!l) return UNTRIED_WEIGHT;
    return standingOf(l) === 'mastered' ? 0 : Math.min(1, 1 - Math.max(0, shareOf(l)));
  };
  let best: { rec: Recommendation; score: number; order: number } | undefined;
  cases.forEach((c, order) => {
    const p = played.get(c.id);
    if (p?.passed) return;
    const score = c.lessons.reduce((sum, l) => sum + weight(l), 0);
    const why = p ? 'failed' : 'unplayed';
    const failedFirst = (w: string) => (w === 'failed' ? 1 : 0);
    if (
      best === undefined ||
      score > best.score + 1e-9 ||
      (Math.abs(score - best.score) <= 1e-9 && failedFirst(why) > failedFirst(best.rec.why))
    ) {
      const weak = weakestFirst(progress.lessons)
        .filter((l) => c.lessons.includes(l.lesson))
        .map((l) => l.lesson);
      best = { rec: { scenarioId: c.id, why, lessons: weak }, score, order };
    }
  });
  return best?.rec;
}

/** A lesson's title in both languages (its id when the cases do not name it), made safe for one line. */
function lessonWords(view: Pick<ProgressView, 'lessonTitles'>, lesson: string): Said {
  const title = view.lessonTitles[lesson];
  const in_ = (lang: 'zh' | 'en') => (title === undefined ? lesson : safeLine(localize(title, lang)) || lesson);
  return said(in_('zh'), in_('en'));
}

/** Why this case is next, in one line: not passed or not played, and the weak lessons it trains. */
export function recommendationReason(view: Pick<ProgressView, 'lessonTitles'>, rec: Recommendation): Said {
  const names = rec.lessons.slice(0, 3).map((l) => lessonWords(view, l));
  const zhList = names.map((n) => n.zh).join('、');
  const enList = names.map((n) => n.en).join(', ');
  if (rec.why === 'failed')
    return names.length
      ? said(
          `考试还没通过；它练的正是你最弱的要点：${zhList}`,
          `exam not passed yet; it trains your weakest lessons: ${enList}`,
        )
      : said('考试还没通过', 'exam not passed yet');
  return names.length
    ? said(`还没练过；它练的正是你最弱的要点：${zhList}`, `not played yet; it trains your weakest lessons: ${enList}`)
    : said('还没练过，从这里开始', 'not played yet: start here');
}
