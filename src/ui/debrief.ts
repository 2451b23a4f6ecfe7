/** The debrief's content as lines: outcome, score, lessons, path against the best path, chart. */
import type { CompiledScenario, Lang, RunOutput, StepRecord } from '../core/index.js';
import { initialMeters } from '../core/play/conditions.js';
import { consequenceOf } from '../core/format/model.js';
import { safeLine, safeText } from '../core/sanitize.js';
import { reportOf } from '../core/play/session.js';
import { sourceTitle } from '../core/format/source-titles.js';
import { localize } from '../core/text.js';
import { lessonTitle, speakerName, actionText, modelAnswer, wayText, whyBetter } from './describe.js';
import { stringsFor } from './i18n.js';
import type { Mode } from '../core/records/records.js';
import { blank, fitLine, paragraph, paragraphWith, plain, type Line } from './lines.js';
import { meterChart, meterSeries } from './meters.js';
import { reviewPath, type PathReview, type TurnReview } from '../core/analysis/best-path.js';

const prepared = new WeakMap<RunOutput, Map<string, Line[]>>();

/**
 * debriefLines, kept per run: the play screen prepares them while the trainee reads the last
 * feedback, so the key that opens the debrief only draws it (the best-path search and the
 * chart are the slowest part of that frame, especially the first time in a process).
 */
export function preparedDebriefLines(
  compiled: CompiledScenario,
  output: RunOutput,
  mode: Mode,
  lang: Lang,
  width: number,
): Line[] {
  let byView = prepared.get(output);
  if (!byView) {
    byView = new Map();
    prepared.set(output, byView);
  }
  const key = `${mode} ${lang} ${width}`;
  let lines = byView.get(key);
  if (!lines) {
    lines = debriefLines(compiled, output, mode, lang, width);
    byView.set(key, lines);
  }
  return lines;
}

/** What every part of the debrief is drawn for. */
interface View {
  readonly compiled: CompiledScenario;
  readonly output: RunOutput;
  readonly mode: Mode;
  readonly lang: Lang;
  readonly width: number;
}

const heading = (text: string): Line[] => [blank, plain(text, 'accent', true)];
const pointsTone = (n: number) => (n > 0 ? 'good' : n < 0 ? 'bad' : 'muted');
/** Indented text under a line (feedback, principle, why better). */
const under = (text: string, width: number, indent: number): Line[] =>
  paragraph(text, width, { tone: 'muted', indent, first: [{ text: ' '.repeat(indent) }] });

/** The outcome, the ending's text, and the score against the pass mark. */
function outcomeLines({ compiled, output, lang, width }: View): Line[] {
  const scenario = compiled.scenario;
  const t = stringsFor(lang);
  const score = reportOf(compiled, output).score;
  const ending = scenario.nodes[output.ending]!;
  const outcomeTone = output.outcome === 'success' ? 'good' : output.outcome === 'partial' ? 'warn' : 'bad';
  const lines: Line[] = [fitLine([{ text: t.outcomes[output.outcome], tone: outcomeTone, bold: true }], width)];
  if (ending.text !== undefined)
    lines.push(...paragraph(safeText(localize(ending.text, lang)), width, { tone: 'muted' }));
  lines.push(
    blank,
    fitLine(
      [
        { text: `${t.score} ` },
        { text: `${score.percent}%`, tone: score.passed ? 'good' : 'bad', bold: true },
        { text: `  (${score.total}/${score.max})  ·  ${t.passMark} ${scenario.passScore}%  ·  ` },
        {
          text: score.passed ? t.passed : score.percent >= scenario.passScore ? t.failedByOutcome : t.failed,
          tone: score.passed ? 'good' : 'bad',
          bold: true,
        },
      ],
      width,
    ),
  );
  // What "max" is: the best one way through the case, which is less than the lessons' maxima added up.
  const lessonsMax = Object.values(score.lessons).reduce((sum, l) => sum + l.max, 0);
  lines.push(...paragraph(t.maxExplained(score.max, lessonsMax), width, { tone: 'muted' }));
  return lines;
}

/** Points against the maximum per lesson, with its principle and source. */
function lessonLines({ compiled, output, lang, width }: View): Line[] {
  const scenario = compiled.scenario;
  const t = stringsFor(lang);
  const score = reportOf(compiled, output).score;
  const lines = heading(t.lessonsHeading);
  for (const id of scenario.scoredLessons) {
    const l = score.lessons[id]!;
    const lesson = scenario.lessons[id];
    const tone = l.points >= l.max ? 'good' : l.points < 0 ? 'bad' : 'warn';
    lines.push(
      ...paragraph(lessonTitle(scenario, id, lang), width, {
        first: [{ text: `  ${String(l.points).padStart(3)}/${String(l.max).padEnd(3)} `, tone, bold: true }],
      }),
    );
    if (!lesson) continue;
    lines.push(...under(safeText(localize(lesson.principle, lang)), width, 11));
    if (lesson.source)
      lines.push(...under(`${t.source}${t.colon}${safeLine(sourceTitle(lesson.source)[lang])}`, width, 11));
  }
  return lines;
}

/** One decision: who said what, what the trainee did for how many points, and the better option if there was one. */
function turnLines(v: View, step: StepRecord, turnNo: number, turn: TurnReview | undefined): Line[] {
  const { compiled, mode, lang, width } = v;
  const scenario = compiled.scenario;
  const t = stringsFor(lang);
  const node = scenario.nodes[step.node]!;
  const said = node.text !== undefined ? safeLine(localize(node.text, lang)) : '';
  const earned = Object.values(step.score).reduce((a, b) => a + b, 0);
  const mark = turn && turn.missed === 0 ? ` ${t.onBestPath}` : '';
  const lines: Line[] = [
    fitLine(
      [
        { text: `${String(turnNo).padStart(2)}. `, tone: 'accent' },
        { text: speakerName(scenario, node.speaker, lang) + t.colon, tone: 'speaker' },
        { text: said, tone: 'muted' },
      ],
      width,
    ),
    ...paragraphWith(
      actionText(scenario, step, lang) ?? '',
      width,
      [
        { text: t.points(earned), tone: pointsTone(earned) },
        { text: mark, tone: 'good' },
      ],
      { first: [{ text: '    ' }, { text: t.you + t.colon, tone: 'you', bold: true }] },
    ),
  ];
  // In exam mode the debrief is the first time the trainee sees each step's feedback.
  if (mode === 'exam' && step.feedback !== undefined)
    lines.push(...under(safeText(localize(step.feedback, lang)), width, 6));
  const better = turn?.better ? wayText(scenario, turn.better, lang, step.node) : undefined;
  lines.push(...modelLines(scenario, step, better, lang, width));
  if (turn?.better) {
    lines.push(
      ...paragraph(`${better}  ${t.points(turn.betterEarned ?? 0)} (${t.lost(turn.missed)})`, width, {
        first: [{ text: '    ' }, { text: t.betterWas + t.colon, tone: 'good', bold: true }],
      }),
    );
    const why = whyBetter(scenario, turn.better, lang);
    if (why) lines.push(...under(why, width, 6));
  }
  return lines;
}

/** The trainee's path, decision by decision, against the best option at each. */
function pathLines(v: View, review: PathReview | undefined): Line[] {
  const lines = heading(stringsFor(v.lang).pathHeading);
  let turnNo = 0;
  for (const step of v.output.steps) {
    if (step.action.kind === 'auto') continue;
    turnNo++;
    lines.push(
      ...turnLines(
        v,
        step,
        turnNo,
        review?.turns.find((r) => r.step === step),
      ),
    );
  }
  return lines;
}

/** The best path through the case, way by way (automatic branches left out). */
function bestPathLines({ compiled, output, lang, width }: View, review: PathReview | undefined): Line[] {
  const scenario = compiled.scenario;
  const t = stringsFor(lang);
  const lines = heading(t.bestPathHeading);
  if (!review) return [...lines, plain(t.bestPathUnknown, 'muted')];
  let n = 0;
  for (const { node, way } of review.bestPath) {
    if (way.kind === 'branch') continue;
    n++;
    const pts = Object.values(consequenceOf(way).score).reduce((a, b) => a + b, 0);
    // For a typed answer, the trainee's own words when they hit the same rule say it best.
    const own =
      way.kind === 'rule'
        ? output.steps.find((st) => st.node === node && st.action.kind === 'say' && st.action.rule === way.index)
        : undefined;
    const text = own?.action.kind === 'say' ? `“${safeLine(own.action.text)}”` : wayText(scenario, way, lang, node);
    lines.push(
      ...paragraphWith(text, width, [{ text: t.points(pts), tone: pointsTone(pts) }], {
        first: [{ text: `${String(n).padStart(2)}. `, tone: 'accent' }],
      }),
    );
    if (way.kind === 'rule' && !own && way.rule.feedback !== undefined)
      lines.push(...under(safeText(localize(way.rule.feedback, lang)), width, 6));
  }
  return lines;
}

function chartLines({ compiled, output, lang, width }: View): Line[] {
  const meters = compiled.scenario.meters;
  if (meters.length === 0) return [];
  return [
    ...heading(stringsFor(lang).chartHeading),
    ...meterChart(meters, meterSeries(meters, initialMeters(meters), output.steps), lang, width),
  ];
}

export function debriefLines(
  compiled: CompiledScenario,
  output: RunOutput,
  mode: Mode,
  lang: Lang,
  width: number,
): Line[] {
  const v: View = { compiled, output, mode, lang, width };
  const review = reviewPath(compiled.scenario, output);
  return [
    ...outcomeLines(v),
    ...lessonLines(v),
    ...pathLines(v, review),
    ...bestPathLines(v, review),
    ...chartLines(v),
  ];
}

/**
 * After a typed answer that did not score what the model answer scores: the model answer, so
 * the trainee sees a sentence to learn from (unless the "better" line already shows it).
 */
function modelLines(
  scenario: CompiledScenario['scenario'],
  step: RunOutput['steps'][number],
  better: string | undefined,
  lang: Lang,
  width: number,
): Line[] {
  if (step.action.kind !== 'say' && step.action.kind !== 'timeout') return [];
  const model = modelAnswer(scenario, step.node, lang);
  const node = scenario.nodes[step.node];
  if (model === undefined || better === model || node?.kind !== 'input') return [];
  const earned = Object.values(step.score).reduce((a, b) => a + b, 0);
  const best = Math.max(...node.rules.map((r) => Object.values(r.score).reduce((a, b) => a + b, 0)));
  if (earned >= best) return [];
  const t = stringsFor(lang);
  return paragraph(model, width, {
    first: [{ text: '    ' }, { text: t.modelAnswer + t.colon, tone: 'good', bold: true }],
  });
}
