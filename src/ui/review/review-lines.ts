/**
 * The review screen's content as pre-wrapped lines (see ../lines.ts), one step at a time:
 * the header (who, which case, result), the step (what was said, the choices on screen with
 * the one taken and the best one marked, how long it took, points, feedback, the better
 * option) and the keys. Pure, so it is tested without a terminal and also printed as plain
 * text when there is no terminal.
 */
import type { Lang } from '../../core/index.js';
import { blank, fitLine, paragraph, plain, rule, type Line } from '../lines.js';
import type { Timeline, TimelineStep } from './timeline.js';

interface ReviewStrings {
  readonly title: string;
  readonly step: (i: number, n: number) => string;
  readonly noSteps: string;
  readonly unfinished: string;
  readonly result: (percent: number, total: number, max: number, passed: boolean) => string;
  readonly outcomes: Readonly<Record<string, string>>;
  readonly shown: string;
  readonly did: string;
  readonly typed: string;
  readonly silence: string;
  readonly automatic: string;
  readonly took: (s: string) => string;
  readonly points: string;
  readonly noPoints: string;
  readonly feedback: string;
  readonly feedbackNotShown: string;
  readonly better: (text: string, missed: number) => string;
  readonly best: string;
  readonly model: string;
  readonly meters: string;
  readonly keys: string;
  readonly chosenMark: string;
  readonly bestMark: string;
}

const zh: ReviewStrings = {
  title: '练习回放',
  step: (i, n) => `第 ${i} / ${n} 步`,
  noSteps: '这次练习还没有任何步骤。',
  unfinished: '未完成',
  result: (p, t, m, ok) => `${p}%（${t}/${m} 分）${ok ? '通过' : '未通过'}`,
  outcomes: { success: '成功', partial: '部分成功', failure: '失败' },
  shown: '当时的选项',
  did: '学员的做法',
  typed: '输入',
  silence: '（没有回应，时间到）',
  automatic: '（自动分支）',
  took: (s) => `用时 ${s} 秒`,
  points: '得分',
  noPoints: '这一步没有得分',
  feedback: '反馈',
  feedbackNotShown: '反馈（练习时未显示）',
  better: (text, missed) => `更好的做法：${text}（到结局可多得 ${missed} 分）`,
  best: '这一步已是最佳做法。',
  model: '参考答案',
  meters: '状态',
  keys: '← → 上一步/下一步   Home/End 第一步/最后一步   ↑ ↓ 滚动   q 退出',
  chosenMark: '▶',
  bestMark: '★',
};

const en: ReviewStrings = {
  title: 'Session review',
  step: (i, n) => `Step ${i} of ${n}`,
  noSteps: 'This session has no steps yet.',
  unfinished: 'unfinished',
  result: (p, t, m, ok) => `${p}% (${t}/${m} points) ${ok ? 'passed' : 'not passed'}`,
  outcomes: { success: 'success', partial: 'partial', failure: 'failure' },
  shown: 'Choices on screen',
  did: 'What the trainee did',
  typed: 'typed',
  silence: '(no answer: time ran out)',
  automatic: '(automatic branch)',
  took: (s) => `took ${s} s`,
  points: 'Points',
  noPoints: 'no points at this step',
  feedback: 'Feedback',
  feedbackNotShown: 'Feedback (not shown during play)',
  better: (text, missed) => `Better: ${text} (${missed} more point${missed === 1 ? '' : 's'} by the end)`,
  best: 'This was the best option here.',
  model: 'A strong answer',
  meters: 'Meters',
  keys: '← → previous/next step   Home/End first/last   ↑ ↓ scroll   q quit',
  chosenMark: '▶',
  bestMark: '★',
};

export const reviewStrings = (lang: Lang): ReviewStrings => (lang === 'en' ? en : zh);

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

export function headerLines(timeline: Timeline, lang: Lang, width: number): Line[] {
  const t = reviewStrings(lang);
  const s = timeline.session;
  const result =
    s.percent !== null && s.total !== null && s.max !== null && s.passed !== null
      ? `${t.outcomes[s.outcome ?? ''] ?? s.outcome} · ${t.result(s.percent, s.total, s.max, s.passed)}`
      : t.unfinished;
  return [
    fitLine([{ text: `${t.title}  `, tone: 'title' }, { text: `${s.title} (${s.scenario})` }], width),
    fitLine(
      [
        {
          text: `${s.trainee} · ${s.startedAt.slice(0, 16).replace('T', ' ')} · ${s.id.slice(0, 8)} · `,
          tone: 'muted',
        },
        { text: result, tone: s.passed ? 'good' : s.passed === false ? 'bad' : 'warn' },
      ],
      width,
    ),
    rule(width),
  ];
}

const colonOf = (lang: Lang) => (lang === 'zh' ? '：' : ': ');

/** The choices on screen (the one taken and the best marked), and what the trainee did, in how long. */
function decisionLines(step: TimelineStep, lang: Lang, width: number): Line[] {
  const t = reviewStrings(lang);
  const out: Line[] = [];
  if (step.shown.length) {
    out.push(blank, plain(t.shown, 'muted'));
    const chosen = step.action.kind === 'choice' ? step.action.choice : undefined;
    for (const c of step.shown) {
      const mark = c.id === chosen ? t.chosenMark : c.id === step.better?.way ? t.bestMark : ' ';
      const tone = c.id === chosen ? (step.better ? 'bad' : 'good') : c.id === step.better?.way ? 'good' : undefined;
      out.push(
        ...paragraph(c.text, width, {
          first: [{ text: ` ${mark} ` }, { text: `${c.id}: `, tone: 'muted' }],
          ...(tone ? { tone } : {}),
        }),
      );
    }
  }
  out.push(blank);
  const did =
    step.action.kind === 'timeout' ? t.silence : step.action.kind === 'say' ? `${t.typed}「${step.did}」` : step.did;
  out.push(
    ...paragraph(`${did}  (${t.took(seconds(step.decisionMs))})`, width, {
      first: [{ text: `${t.did}${colonOf(lang)}`, tone: 'you', bold: true }],
    }),
  );
  return out;
}

/** Whether the step was the best one there; if not, the better one and why; a typed node's model answer. */
function betterLines(step: TimelineStep, lang: Lang, width: number): Line[] {
  const t = reviewStrings(lang);
  const out = paragraph(
    step.better ? t.better(step.better.text || step.better.way, step.better.missed) : t.best,
    width,
    {
      tone: step.better ? 'warn' : 'good',
    },
  );
  if (step.better?.why)
    out.push(...paragraph(step.better.why, width, { tone: 'muted', indent: 2, first: [{ text: '  ' }] }));
  // a typed node's model answer, unless the "better" line already shows it
  if (step.model !== null && step.better?.text !== step.model)
    out.push(
      ...paragraph(step.model, width, { first: [{ text: `${t.model}${colonOf(lang)}`, tone: 'good', bold: true }] }),
    );
  return out;
}

export function stepLines(
  step: TimelineStep,
  index: number,
  count: number,
  lang: Lang,
  width: number,
  labels: Timeline['labels'] = { lessons: {}, meters: {} },
): Line[] {
  const t = reviewStrings(lang);
  const colon = colonOf(lang);
  const out: Line[] = [plain(`${t.step(index + 1, count)} · ${step.node}`, 'accent', true)];
  if (step.said)
    out.push(
      ...paragraph(step.said, width, {
        first: [{ text: `${step.speaker ?? ''}${colon}`, tone: 'speaker', bold: true }],
      }),
    );
  if (step.automatic) out.push(plain(t.automatic, 'muted'));
  else out.push(...decisionLines(step, lang, width));
  const pts = Object.entries(step.points);
  out.push(
    ...paragraph(
      pts.length ? pts.map(([l, p]) => `${labels.lessons[l] ?? l} ${signed(p)}`).join('  ') : t.noPoints,
      width,
      {
        first: [{ text: `${t.points}${colon}`, bold: true }],
        tone: step.earned > 0 ? 'good' : step.earned < 0 ? 'bad' : 'muted',
      },
    ),
  );
  if (step.feedback) {
    out.push(
      ...paragraph(step.feedback, width, {
        first: [{ text: `${step.feedbackShown ? t.feedback : t.feedbackNotShown}${colon}`, bold: true }],
      }),
    );
  }
  if (!step.automatic) out.push(...betterLines(step, lang, width));
  const meters = Object.entries(step.meters);
  if (meters.length)
    out.push(
      fitLine(
        [
          { text: `${t.meters}${colon}`, tone: 'muted' },
          { text: meters.map(([m, v]) => `${labels.meters[m] ?? m} ${v}`).join('  ') },
        ],
        width,
      ),
    );
  return out;
}

/** Every step one after another: the review without a terminal. */
export function plainReview(timeline: Timeline, lang: Lang, width = 80): string {
  const lines: Line[] = [...headerLines(timeline, lang, width)];
  if (timeline.steps.length === 0) lines.push(plain(reviewStrings(lang).noSteps));
  timeline.steps.forEach((s, i) => {
    lines.push(...stepLines(s, i, timeline.steps.length, lang, width, timeline.labels), blank);
  });
  return `${lines
    .map((l) =>
      l
        .map((p) => p.text)
        .join('')
        .trimEnd(),
    )
    .join('\n')}\n`;
}
