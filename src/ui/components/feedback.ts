/** Practice feedback after a decision: what you did, the feedback, the points per lesson, the meter changes. */
import type { CompiledScenario, Lang, StepRecord } from '../../core/index.js';
import { safeLine, safeText } from '../../core/sanitize.js';
import { localize } from '../../core/text.js';
import { padEnd, widthOf } from '../../text/layout.js';
import { actionText, lessonTitle } from '../describe.js';
import type { Decision } from '../hooks/use-play-session.js';
import { stringsFor } from '../i18n.js';
import { blank, fitLine, keyLines, paragraph, plain, rule, type Line, type Piece } from '../lines.js';
import { meterLabel, signed } from '../meters.js';

const sumScores = (steps: readonly StepRecord[]) => {
  const out: Record<string, number> = {};
  for (const s of steps) for (const [l, p] of Object.entries(s.score)) out[l] = (out[l] ?? 0) + p;
  return out;
};

/** The case's title and "feedback", over a short rule. */
export function feedbackHeader(compiled: CompiledScenario, lang: Lang, width: number): Line[] {
  return [
    fitLine(
      [
        { text: safeLine(localize(compiled.scenario.title, lang)), tone: 'title' },
        { text: ` · ${stringsFor(lang).feedbackTitle}`, tone: 'accent' },
      ],
      width,
    ),
    rule(Math.min(width, 60)),
  ];
}

/** "y leave · n stay", asked in the footer when the trainee presses q or Esc (on two rows when narrow). */
export function quitLines(lang: Lang, width: number): Line[] {
  const t = stringsFor(lang);
  const ask: Piece = { text: `${t.quitAsk} `, tone: 'warn', bold: true };
  if (widthOf(ask.text) + widthOf(t.quitKeys) <= width) return [[ask, { text: t.quitKeys, tone: 'muted' }]];
  return [...paragraph(t.quitAsk, width, { tone: 'warn', bold: true }), ...keyLines(t.quitKeys, width)];
}

function pointLines(decision: Decision, compiled: CompiledScenario, lang: Lang, width: number): Line[] {
  const t = stringsFor(lang);
  const lines: Line[] = [];
  const scores = Object.entries(sumScores(decision.steps)).filter(([, p]) => p !== 0);
  if (scores.length === 0) lines.push(plain(t.feedbackNoPoints, 'muted'));
  const pointsWidth = Math.max(0, ...scores.map(([, p]) => widthOf(t.points(p))));
  for (const [lesson, p] of scores) {
    lines.push(
      ...paragraph(lessonTitle(compiled.scenario, lesson, lang), width, {
        first: [{ text: `  ${padEnd(t.points(p), pointsWidth)}  `, tone: p > 0 ? 'good' : 'bad', bold: true }],
      }),
    );
  }
  return lines;
}

function meterChangeLines(decision: Decision, compiled: CompiledScenario, lang: Lang, width: number): Line[] {
  const meters = compiled.scenario.meters.filter((m) => (decision.deltas[m.id] ?? 0) !== 0);
  if (meters.length === 0) return [];
  const pieces: Piece[] = [];
  for (const m of meters) {
    const d = decision.deltas[m.id]!;
    pieces.push({ text: `  ${meterLabel(m, lang)} ${signed(d)}`, tone: d > 0 ? 'good' : 'bad', bold: true });
  }
  return [blank, fitLine(pieces, width)];
}

/** Practice feedback: what you did, the feedback, the points per lesson, the meter changes. */
export function feedbackLines(decision: Decision, compiled: CompiledScenario, lang: Lang, width: number): Line[] {
  const scenario = compiled.scenario;
  const t = stringsFor(lang);
  const lines: Line[] = [];
  for (const s of decision.steps) {
    const said = actionText(scenario, s, lang);
    if (said !== undefined)
      lines.push(...paragraph(said, width, { first: [{ text: t.you + t.colon, tone: 'you', bold: true }] }));
  }
  for (const s of decision.steps) {
    if (s.feedback !== undefined)
      lines.push(
        blank,
        ...paragraph(safeText(localize(s.feedback, lang)), width, { first: [{ text: '» ', tone: 'accent' }] }),
      );
  }
  lines.push(blank);
  lines.push(...pointLines(decision, compiled, lang, width));
  lines.push(...meterChangeLines(decision, compiled, lang, width));
  return lines;
}
