/** Meters as text: labelled bars with values, visible changes, and a small chart over time. */
import type { Lang, Meter, StepRecord } from '../core/index.js';
import { safeLine } from '../core/sanitize.js';
import { localize } from '../core/text.js';
import { stringsFor } from './i18n.js';
import { paragraph, plain, type Line, type Piece } from './lines.js';
import { padEnd, widthOf } from '../text/layout.js';

export function meterLabel(meter: Meter, lang: Lang): string {
  return safeLine(localize(meter.label, lang)) || meter.id;
}

/** `width` cells, filled in proportion to where value sits in [min, max]. */
export function bar(value: number, min: number, max: number, width: number): string {
  const span = max - min;
  const filled = span <= 0 ? width : Math.round(((value - min) / span) * width);
  const f = Math.min(width, Math.max(0, filled));
  return '█'.repeat(f) + '░'.repeat(width - f);
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** `3/5` for a meter from 0; `-2 (-5~5)` when the range does not start at 0, where `/` would mislead. */
export function valueText(value: number, meter: Meter): string {
  return meter.min === 0 ? `${value}/${meter.max}` : `${value} (${meter.min}~${meter.max})`;
}

/**
 * One row per meter: label, bar, value/max and, when the last decision changed it, the
 * change (e.g. `情绪 ███░░ -2/5  -1`). Labels are padded to a common width in columns.
 */
export function meterRows(
  meters: readonly Meter[],
  values: Readonly<Record<string, number>>,
  deltas: Readonly<Record<string, number>>,
  lang: Lang,
  width: number,
): Line[] {
  if (meters.length === 0) return [];
  const labels = meters.map((m) => meterLabel(m, lang));
  const labelWidth = Math.min(Math.max(...labels.map(widthOf)), Math.max(4, Math.floor(width / 4)));
  const valueTexts = meters.map((m) => valueText(values[m.id] ?? m.initial, m));
  const valueWidth = Math.max(...valueTexts.map((t) => t.length));
  const barWidth = Math.max(5, Math.min(20, width - labelWidth - valueWidth - 10));
  return meters.map((m, i) => {
    const v = values[m.id] ?? m.initial;
    const d = deltas[m.id] ?? 0;
    const pieces: Piece[] = [
      { text: `${padEnd(labels[i]!, labelWidth)} ` },
      { text: bar(v, m.min, m.max, barWidth), tone: 'accent' },
      { text: ` ${padEnd(valueTexts[i]!, valueWidth)}` },
    ];
    if (d !== 0) pieces.push({ text: `  ${labels[i]} ${signed(d)}`, tone: d > 0 ? 'good' : 'bad', bold: true });
    return pieces;
  });
}

/**
 * Exam mode's view of the meters: no bars, values or amounts, only which way the last
 * decision moved each one, in words ("刘主任的情绪下降了 · 好感上升了"), as a trainee would read
 * the customer's face. Empty when nothing moved.
 */
export function moodLines(
  meters: readonly Meter[],
  deltas: Readonly<Record<string, number>>,
  lang: Lang,
  width: number,
): Line[] {
  const t = stringsFor(lang);
  const moved = meters.filter((m) => (deltas[m.id] ?? 0) !== 0);
  if (moved.length === 0) return [];
  const words = moved.map((m) => (deltas[m.id]! > 0 ? t.meterUp : t.meterDown)(meterLabel(m, lang)));
  return paragraph(words.join(lang === 'zh' ? '，' : ' · '), width, { tone: 'accent' });
}

/** Meter changes between two sets of values (what a decision did, after clamping). */
export function meterDeltas(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, v] of Object.entries(after)) {
    const d = v - (before[id] ?? v);
    if (d !== 0) out[id] = d;
  }
  return out;
}

const TICKS = '▁▂▃▄▅▆▇█';

/** A sparkline of `series` scaled to [min, max], at most `width` cells (the latest values win). */
export function sparkline(series: readonly number[], min: number, max: number, width: number): string {
  const shown = series.length > width ? sample(series, width) : series;
  const span = max - min;
  return shown
    .map((v) => {
      const i = span <= 0 ? TICKS.length - 1 : Math.round(((v - min) / span) * (TICKS.length - 1));
      return TICKS[Math.min(TICKS.length - 1, Math.max(0, i))];
    })
    .join('');
}

/** Evenly spaced samples that always keep the first and the last value. */
function sample(series: readonly number[], width: number): number[] {
  if (width <= 1) return [series[series.length - 1]!];
  const out: number[] = [];
  for (let i = 0; i < width; i++) out.push(series[Math.round((i * (series.length - 1)) / (width - 1))]!);
  return out;
}

/** Each meter's value at the start and after every step. */
export function meterSeries(
  meters: readonly Meter[],
  initial: Readonly<Record<string, number>>,
  steps: readonly StepRecord[],
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const m of meters) out[m.id] = [initial[m.id] ?? m.initial, ...steps.map((s) => s.meters[m.id] ?? m.initial)];
  return out;
}

/** The debrief's chart: one sparkline per meter with its range and where it started and ended. */
export function meterChart(
  meters: readonly Meter[],
  series: Readonly<Record<string, readonly number[]>>,
  lang: Lang,
  width: number,
): Line[] {
  if (meters.length === 0) return [];
  const labels = meters.map((m) => meterLabel(m, lang));
  const labelWidth = Math.min(Math.max(...labels.map(widthOf)), 12);
  return meters.map((m, i) => {
    const s = series[m.id] ?? [m.initial];
    const first = s[0]!;
    const last = s[s.length - 1]!;
    const tail = `  ${first}→${last}  (${m.min}~${m.max})`;
    const room = Math.max(4, width - labelWidth - 2 - tail.length);
    return [
      { text: `${padEnd(labels[i]!, labelWidth)}  ` },
      { text: sparkline(s, m.min, m.max, room), tone: 'accent' },
      ...plain(tail, last > first ? 'good' : last < first ? 'bad' : 'muted'),
    ];
  });
}
