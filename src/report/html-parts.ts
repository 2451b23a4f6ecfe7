/** Small pieces every part of the HTML report uses: escaping, bars, tables, colours. */
import { safeLine } from '../core/index.js';

export const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One labelled bar: `value` of `max`, with its figure; `cls` colours it (weak, wrong); `tip` a tooltip. */
export function hbar(label: string, value: number, max: number, text: string, cls = '', tip?: string): string {
  const width = max > 0 ? Math.max(0, Math.min(100, (100 * value) / max)).toFixed(1) : 0;
  const title = tip !== undefined ? ` title="${esc(tip)}"` : '';
  return `<div class="row"><span class="label"${title}>${esc(label)}</span><span class="track"><span class="fill ${cls}" style="width:${width}%"></span></span><span class="value">${esc(text)}</span></div>`;
}

/** A table from plain cells (escaped here) or `{ html }` cells (already safe). */
export type HtmlCell = string | number | null | { readonly html: string; readonly attrs?: string };

export function htmlTable(
  id: string,
  head: readonly string[],
  rows: readonly (readonly HtmlCell[])[],
  cls = '',
): string {
  const cell = (c: HtmlCell, tag: 'td' | 'th') => {
    if (c !== null && typeof c === 'object') return `<${tag}${c.attrs ? ` ${c.attrs}` : ''}>${c.html}</${tag}>`;
    const num = typeof c === 'number';
    return `<${tag}${num ? ' class="num"' : ''}>${c === null ? '' : esc(safeLine(String(c)))}</${tag}>`;
  };
  const body = rows.map((r) => `<tr>${r.map((c) => cell(c, 'td')).join('')}</tr>`).join('');
  return `<table id="${esc(id)}"${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => cell(h, 'th')).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Red (0 %) through amber to green (100 %), pale enough for dark text. */
export function heatColour(percent: number): string {
  const p = Math.max(0, Math.min(100, percent));
  return `hsl(${Math.round(p * 1.2)}, 70%, ${Math.round(88 - p * 0.08)}%)`;
}

/** A percent line chart of `points` (0..100, null for none that week), with a tooltip per point. */
export function lineChart(
  points: readonly { readonly value: number | null; readonly tip: string }[],
  w = 160,
  h = 36,
): string {
  const xs = (i: number) => (points.length === 1 ? w / 2 : 4 + (i / (points.length - 1)) * (w - 8));
  const ys = (v: number) => h - 3 - (v / 100) * (h - 6);
  const shown = points.map((p, i) => ({ ...p, i })).filter((p) => p.value !== null);
  const line = shown.map((p) => `${xs(p.i).toFixed(1)},${ys(p.value!).toFixed(1)}`).join(' ');
  const dots = shown
    .map(
      (p) =>
        `<circle cx="${xs(p.i).toFixed(1)}" cy="${ys(p.value!).toFixed(1)}" r="2.5"><title>${esc(p.tip)}</title></circle>`,
    )
    .join('');
  return `<svg class="trend" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img"><line x1="0" x2="${w}" y1="${ys(50)}" y2="${ys(50)}" class="mid"/><polyline points="${line}"/>${dots}</svg>`;
}
