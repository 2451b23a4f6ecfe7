/** Text bar charts and column alignment that count wide (CJK) characters as two columns. */
import stringWidth from 'string-width';

export function bar(value: number, max: number, width: number): string {
  if (!(max > 0) || !(value > 0)) return '░'.repeat(width);
  const eighths = Math.round(Math.min(1, value / max) * width * 8);
  const full = Math.floor(eighths / 8);
  const part = eighths % 8;
  const partial = part ? '▏▎▍▌▋▊▉'[part - 1]! : '';
  return ('█'.repeat(full) + partial).padEnd(width, '░').slice(0, width);
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** One character per value, 0..100. */
export function sparkline(values: readonly number[]): string {
  return values.map((v) => SPARKS[Math.min(7, Math.max(0, Math.floor((v / 100) * 8)))]).join('');
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stringWidth(text))) + text;
}

/** Cuts to `width` columns, marking the cut with an ellipsis. */
export function fit(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (stringWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

export function widthOf(text: string): number {
  return stringWidth(text);
}

/** Rows of cells aligned in columns; `right` lists the columns aligned to the right. */
export function table(rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string[] {
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, stringWidth(c));
    });
  return rows.map((r) =>
    r
      .map((c, i) =>
        i === r.length - 1 && !right.has(i) ? c : right.has(i) ? padStart(c, widths[i]!) : padEnd(c, widths[i]!),
      )
      .join('  ')
      .trimEnd(),
  );
}
