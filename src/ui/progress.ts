/**
 * The trainee's own progress on the menu: each case's mark (best exam score, passed or not),
 * the case recommended next with its reason, and the progress screen (`p`): lessons
 * mastered, still learning and weak across every case, and the cases with their best exams.
 */
// from the files themselves, not core/index: the menu's first frame must not load the engine
import {
  recommendationReason,
  shareOf,
  standingOf,
  type LessonProgress,
  type LessonStanding,
  type ProgressView,
} from '../core/records/progress.js';
import { safeLine } from '../core/sanitize.js';
import { localize, type Lang } from '../core/text.js';
import { padEnd, widthOf } from '../text/layout.js';
import type { MenuEntry } from './library.js';
import { bar } from './meters.js';
import { blank, fitLine, type Line, paragraph, plain, type Tone } from './lines.js';

interface ProgressStrings {
  readonly title: (trainee: string) => string;
  readonly standing: Readonly<Record<LessonStanding, string>>;
  readonly cases: string;
  readonly notPlayed: string;
  readonly practiceOnly: string;
  readonly exams: (n: number) => string;
  readonly next: (title: string, reason: string) => string;
  readonly noLessons: string;
  readonly keys: string;
  readonly offer: string;
}

const zh: ProgressStrings = {
  title: (t) => `我的进度 · ${t}`,
  standing: { mastered: '已掌握的要点', learning: '还在学的要点', weak: '薄弱的要点' },
  cases: '案例（考试最好成绩）',
  notPlayed: '没练过',
  practiceOnly: '只练习过，未考试',
  exams: (n) => `考试 ${n} 次`,
  next: (title, reason) => `▸ 推荐下一个：${title} — ${reason}`,
  noLessons: '还没有完成的练习：先做一个案例吧。',
  keys: '↑↓ 滚动 · Esc/p 返回案例列表 · l English',
  offer: 'p 我的进度',
};

const en: ProgressStrings = {
  title: (t) => `My progress · ${t}`,
  standing: { mastered: 'Lessons mastered', learning: 'Lessons still learning', weak: 'Weak lessons' },
  cases: 'Cases (best exam)',
  notPlayed: 'not played',
  practiceOnly: 'practised, no exam yet',
  exams: (n) => (n === 1 ? '1 exam' : `${n} exams`),
  next: (title, reason) => `▸ Next: ${title} — ${reason}`,
  noLessons: 'No finished session yet: play a case first.',
  keys: '↑↓ scroll · Esc/p back to the cases · l 中文',
  offer: 'p my progress',
};

export const progressStrings = (lang: Lang): ProgressStrings => (lang === 'en' ? en : zh);

/** A case's mark on the menu: ✓ and the best exam when one passed, ✗ when none did, · when only practised. */
export function caseMark(view: ProgressView | undefined, id: string): { text: string; tone: Tone } {
  const c = view?.progress.cases.find((p) => p.scenarioId === id);
  if (!c) return { text: '', tone: 'muted' };
  if (c.bestExamPercent === null) return { text: '·', tone: 'muted' };
  return c.passed
    ? { text: `✓ ${c.bestExamPercent}%`, tone: 'good' }
    : { text: `✗ ${c.bestExamPercent}%`, tone: 'bad' };
}

/** The recommendation in one line: the case's title and why, in the menu's language. */
export function nextLine(
  view: ProgressView | undefined,
  entries: readonly MenuEntry[],
  lang: Lang,
): string | undefined {
  const next = view?.next;
  if (!next) return undefined;
  const entry = entries.find((e) => e.id === next.scenarioId);
  const title = entry ? safeLine(localize(entry.title, lang)) : next.scenarioId;
  return progressStrings(lang).next(title, recommendationReason(view, next)[lang]);
}

function lessonLine(view: ProgressView, l: LessonProgress, lang: Lang, nameWidth: number): Line {
  const title = view.lessonTitles[l.lesson];
  const name = title === undefined ? l.lesson : safeLine(localize(title, lang)) || l.lesson;
  const share = shareOf(l);
  const tone: Tone = standingOf(l) === 'mastered' ? 'good' : standingOf(l) === 'weak' ? 'bad' : 'warn';
  return [
    { text: `  ${padEnd(name, nameWidth)} ` },
    { text: bar(Math.max(0, share), 0, 1, 10), tone },
    { text: ` ${Math.round(share * 100)}%`, tone },
  ];
}

/** The progress screen: lessons by standing (weakest first within each), the cases, the next one. */
export function progressLines(view: ProgressView, entries: readonly MenuEntry[], lang: Lang, width: number): Line[] {
  const t = progressStrings(lang);
  const out: Line[] = [plain(t.title(safeLine(view.progress.trainee)), 'title', true)];
  // the recommendation first: the rest may not fit the screen
  const next = nextLine(view, entries, lang);
  // wrapped, not cut: the reason is the point of it
  if (next) out.push(...paragraph(next, width, { tone: 'accent' }));
  const lessons = [...view.progress.lessons].sort((a, b) => shareOf(a) - shareOf(b));
  if (!lessons.length) out.push(plain(t.noLessons, 'muted'));
  const names = lessons.map((l) => safeLine(localize(view.lessonTitles[l.lesson] ?? l.lesson, lang)));
  const nameWidth = Math.min(34, Math.max(8, ...names.map(widthOf)));
  for (const standing of ['weak', 'learning', 'mastered'] as const) {
    const group = lessons.filter((l) => standingOf(l) === standing);
    if (!group.length) continue;
    out.push(blank, plain(t.standing[standing], 'accent', true));
    for (const l of group) out.push(fitLine(lessonLine(view, l, lang, nameWidth), width));
  }
  out.push(blank, plain(t.cases, 'accent', true));
  const played = (e: MenuEntry) => view.progress.cases.some((c) => c.scenarioId === e.id);
  // the notes in one column, as the lessons' bars are: titles padded to the widest (within reason)
  const titleWidth = Math.min(34, Math.max(8, ...entries.map((e) => widthOf(safeLine(localize(e.title, lang))))));
  for (const e of [...entries.filter(played), ...entries.filter((e) => !played(e))]) {
    const mark = caseMark(view, e.id);
    const c = view.progress.cases.find((p) => p.scenarioId === e.id);
    const note = !c ? t.notPlayed : c.exams === 0 ? t.practiceOnly : t.exams(c.exams);
    out.push(
      fitLine(
        [
          { text: `  ${padEnd(mark.text, 6)} `, tone: mark.tone },
          { text: `${padEnd(safeLine(localize(e.title, lang)), titleWidth)}  ` },
          { text: note, tone: 'muted' },
        ],
        width,
      ),
    );
  }
  return out;
}
