/** The debrief's content as lines: outcome, score, lessons, path against the best path, chart. */
import type { CompiledScenario, Lang, RunOutput } from '../core/index.js';
import { initialMeters } from '../core/conditions.js';
import { consequenceOf } from '../core/model.js';
import { safeLine, safeText } from '../core/sanitize.js';
import { reportOf } from '../core/session.js';
import { localize } from '../core/text.js';
import { lessonTitle, speakerName, actionText, wayText, whyBetter } from './describe.js';
import { stringsFor } from './i18n.js';
import type { Mode } from '../core/records.js';
import { blank, fitLine, paragraph, paragraphWith, plain, type Line } from './lines.js';
import { meterChart, meterSeries } from './meters.js';
import { reviewPath } from '../core/best-path.js';

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

export function debriefLines(
  compiled: CompiledScenario,
  output: RunOutput,
  mode: Mode,
  lang: Lang,
  width: number,
): Line[] {
  const scenario = compiled.scenario;
  const t = stringsFor(lang);
  const report = reportOf(compiled, output);
  const score = report.score;
  const lines: Line[] = [];
  const heading = (text: string) => {
    lines.push(blank, plain(text, 'accent', true));
  };

  const ending = scenario.nodes[output.ending]!;
  const outcomeTone = output.outcome === 'success' ? 'good' : output.outcome === 'partial' ? 'warn' : 'bad';
  lines.push(fitLine([{ text: t.outcomes[output.outcome], tone: outcomeTone, bold: true }], width));
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

  heading(t.lessonsHeading);
  for (const id of scenario.scoredLessons) {
    const l = score.lessons[id]!;
    const lesson = scenario.lessons[id];
    const tone = l.points >= l.max ? 'good' : l.points < 0 ? 'bad' : 'warn';
    lines.push(
      ...paragraph(lessonTitle(scenario, id, lang), width, {
        first: [{ text: `  ${String(l.points).padStart(3)}/${String(l.max).padEnd(3)} `, tone, bold: true }],
      }),
    );
    if (lesson) {
      lines.push(
        ...paragraph(safeText(localize(lesson.principle, lang)), width, {
          tone: 'muted',
          indent: 11,
          first: [{ text: ' '.repeat(11) }],
        }),
      );
      if (lesson.source) {
        const src =
          safeLine(lesson.source.file) + (lesson.source.section ? ` · ${safeLine(lesson.source.section)}` : '');
        lines.push(
          ...paragraph(`${t.source}${t.colon}${src}`, width, {
            tone: 'muted',
            indent: 11,
            first: [{ text: ' '.repeat(11) }],
          }),
        );
      }
    }
  }

  const review = reviewPath(scenario, output);
  heading(t.pathHeading);
  let turnNo = 0;
  for (const step of output.steps) {
    if (step.action.kind === 'auto') continue;
    turnNo++;
    const node = scenario.nodes[step.node]!;
    const said = node.text !== undefined ? safeLine(localize(node.text, lang)) : '';
    const num = `${String(turnNo).padStart(2)}. `;
    lines.push(
      fitLine(
        [
          { text: num, tone: 'accent' },
          { text: speakerName(scenario, node.speaker, lang) + t.colon, tone: 'speaker' },
          { text: said, tone: 'muted' },
        ],
        width,
      ),
    );
    const turn = review?.turns.find((r) => r.step === step);
    const earned = Object.values(step.score).reduce((a, b) => a + b, 0);
    const mark = turn && turn.missed === 0 ? ` ${t.onBestPath}` : '';
    lines.push(
      ...paragraphWith(
        actionText(scenario, step, lang) ?? '',
        width,
        [
          { text: t.points(earned), tone: earned > 0 ? 'good' : earned < 0 ? 'bad' : 'muted' },
          { text: mark, tone: 'good' },
        ],
        { first: [{ text: '    ' }, { text: t.you + t.colon, tone: 'you', bold: true }] },
      ),
    );
    // In exam mode the debrief is the first time the trainee sees each step's feedback.
    if (mode === 'exam' && step.feedback !== undefined) {
      lines.push(
        ...paragraph(safeText(localize(step.feedback, lang)), width, {
          tone: 'muted',
          indent: 6,
          first: [{ text: '      ' }],
        }),
      );
    }
    if (turn?.better) {
      lines.push(
        ...paragraph(
          `${wayText(scenario, turn.better, lang)}  ${t.points(turn.betterEarned ?? 0)} (${t.lost(turn.missed)})`,
          width,
          {
            first: [{ text: '    ' }, { text: t.betterWas + t.colon, tone: 'good', bold: true }],
          },
        ),
      );
      const why = whyBetter(scenario, turn.better, lang);
      if (why) lines.push(...paragraph(why, width, { tone: 'muted', indent: 6, first: [{ text: '      ' }] }));
    }
  }

  heading(t.bestPathHeading);
  if (!review) lines.push(plain(t.bestPathUnknown, 'muted'));
  else {
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
      const text = own?.action.kind === 'say' ? `“${safeLine(own.action.text)}”` : wayText(scenario, way, lang);
      lines.push(
        ...paragraphWith(text, width, [{ text: t.points(pts), tone: pts > 0 ? 'good' : pts < 0 ? 'bad' : 'muted' }], {
          first: [{ text: `${String(n).padStart(2)}. `, tone: 'accent' }],
        }),
      );
      if (way.kind === 'rule' && !own && way.rule.feedback !== undefined) {
        lines.push(
          ...paragraph(safeText(localize(way.rule.feedback, lang)), width, {
            tone: 'muted',
            indent: 6,
            first: [{ text: '      ' }],
          }),
        );
      }
    }
  }

  if (scenario.meters.length > 0) {
    heading(t.chartHeading);
    lines.push(
      ...meterChart(
        scenario.meters,
        meterSeries(scenario.meters, initialMeters(scenario.meters), output.steps),
        lang,
        width,
      ),
    );
  }
  return lines;
}
