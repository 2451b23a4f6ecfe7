/**
 * The encounter as lines: a header (title, mode, countdown, meters), the transcript so far
 * (as much as fits, newest last), the current speaker's line, and the numbered choices or the
 * input prompt; and the text field of an input node.
 */
import type { CompiledScenario, Lang, Play, Turn } from '../../core/index.js';
import type { Mode } from '../../core/records/records.js';
import { safeLine, safeText } from '../../core/sanitize.js';
import { localize } from '../../core/text.js';
import { padEnd, widthOf } from '../../text/layout.js';
import { speakerName, type TranscriptEntry, transcriptOf } from '../describe.js';
import { stringsFor } from '../i18n.js';
import { blank, fitLine, labelled, paragraph, rule, type Line } from '../lines.js';
import type { LineEditor } from '../line-editor.js';
import { meterRows, moodLines } from '../meters.js';
import { TextField } from './text-field.js';

export interface EncounterView {
  readonly compiled: CompiledScenario;
  readonly play: Play;
  readonly turn: Turn;
  readonly mode: Mode;
  readonly lang: Lang;
  readonly width: number;
  /** seconds left on a timed node */
  readonly remaining: number | undefined;
  readonly deltas: Readonly<Record<string, number>>;
  readonly selected: number;
}

/** Title and mode on the left, the countdown on the right; the meters (in exam mode, the mood); a rule. */
export function encounterHeader(v: EncounterView): Line[] {
  const { compiled, mode, lang, width, remaining } = v;
  const t = stringsFor(lang);
  const scenario = compiled.scenario;
  const title = safeLine(localize(scenario.title, lang));
  const right = remaining !== undefined ? `⏱ ${remaining > 0 ? t.secondsLeft(remaining) : t.timeUp}` : '';
  const left = `${title} · ${t.modeNames[mode]}`;
  const gap = Math.max(1, width - widthOf(left) - widthOf(right));
  return [
    fitLine(
      [
        { text: title, tone: 'title' },
        { text: ` · ${t.modeNames[mode]}`, tone: 'muted' },
        { text: ' '.repeat(gap) },
        { text: right, tone: remaining !== undefined && remaining <= 5 ? 'bad' : 'warn', bold: true },
      ],
      width,
    ),
    // Exam mode says nothing about how a step scored: no bars, values or amounts, only the mood.
    ...(mode === 'exam'
      ? moodLines(scenario.meters, v.deltas, lang, width)
      : meterRows(scenario.meters, v.play.context.meters, v.deltas, lang, width)),
    rule(width),
  ];
}

/** What the current speaker says; `continued`: their turn goes on from the line above, named there. */
export function currentLines(v: EncounterView, continued = false): Line[] {
  const node = v.turn.node;
  if (node.text === undefined) return [];
  return labelled(
    {
      text: speakerName(v.compiled.scenario, node.speaker, v.lang) + stringsFor(v.lang).colon,
      tone: 'speaker',
      bold: true,
    },
    safeText(localize(node.text, v.lang)),
    v.width,
    undefined,
    continued,
  );
}

/** The numbered choices (the selected one marked), or the prompt above the answer field. */
export function actionLines(v: EncounterView): Line[] {
  const { turn, lang, width } = v;
  const node = turn.node;
  if (node.kind === 'input')
    return node.prompt !== undefined ? paragraph(safeText(localize(node.prompt, lang)), width, { tone: 'accent' }) : [];
  if (node.kind !== 'choice') return [];
  const numWidth = String(turn.choices.length).length;
  return turn.choices.flatMap((c, i) => {
    const on = i === Math.min(v.selected, turn.choices.length - 1);
    return paragraph(safeLine(localize(c.text, lang)), width, {
      first: [{ text: `${on ? '›' : ' '} ${padEnd(String(i + 1), numWidth)}. `, tone: on ? 'selected' : 'accent' }],
      ...(on ? { tone: 'selected' as const } : {}),
    });
  });
}

/** Whether `next` goes on with the turn of `prev`: the same speaker again, nobody in between. */
const sameTurn = (prev: TranscriptEntry | undefined, next: { who: string; name: string }) =>
  prev !== undefined && prev.who === 'speaker' && next.who === 'speaker' && prev.name === next.name;

/** The transcript, the speaker named once per turn (not again on a line that goes on with it). */
export function transcriptLines(entries: readonly TranscriptEntry[], width: number, lang: Lang): Line[] {
  const out: Line[] = [];
  entries.forEach((e, i) => {
    out.push(
      ...labelled(
        { text: e.name + stringsFor(lang).colon, tone: e.who === 'you' ? 'you' : 'speaker' },
        e.text,
        width,
        'muted',
        sameTurn(entries[i - 1], e),
      ),
    );
  });
  return out;
}

/**
 * The lines between header and footer: the transcript gets whatever rows are left, newest
 * last; in a very small terminal the bottom (the choices) stays and the top of the line goes.
 */
export function encounterBody(v: EncounterView, height: number, reserved: number, inputRows: number): Line[] {
  const entries = transcriptOf(v.compiled.scenario, v.play.context, v.lang);
  const named = currentLines(v);
  const action = actionLines(v);
  const fixed = reserved + named.length + 1 + action.length + inputRows;
  const room = Math.max(0, height - fixed - 1);
  const history = transcriptLines(entries, v.width, v.lang);
  const past = room > 0 ? history.slice(Math.max(0, history.length - room)) : [];
  // The speaker's turn goes on from the last line above (shown whole): not named again, no rule between.
  const node = v.turn.node;
  const continued =
    node.text !== undefined &&
    past.length === history.length &&
    sameTurn(entries[entries.length - 1], {
      who: 'speaker',
      name: speakerName(v.compiled.scenario, node.speaker, v.lang),
    });
  const full: Line[] = [
    ...past,
    ...(past.length > 0 && !continued ? [rule(Math.min(v.width, 20))] : []),
    ...(continued ? currentLines(v, true) : named),
    blank,
    ...action,
  ];
  return full.slice(Math.max(0, full.length - Math.max(1, height - reserved - inputRows)));
}

/**
 * The text field of an input node. Its text is the session's LineEditor (the encounter's key
 * handler edits it), so a keystroke redraws the field and not the whole encounter; the screen
 * only hears how many rows the field wraps onto.
 */
export function AnswerField(props: {
  readonly editor: LineEditor;
  readonly focus: boolean;
  readonly placeholder: string;
  readonly width: number;
  readonly maxRows: number;
  readonly onRows: (rows: number) => void;
}) {
  return (
    <TextField
      editor={props.editor}
      prefix={[{ text: '› ', tone: 'you' }]}
      placeholder={props.placeholder}
      focus={props.focus}
      width={props.width}
      maxRows={props.maxRows}
      onRows={props.onRows}
    />
  );
}
