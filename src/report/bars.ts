/** The report's text bar charts (the screens draw meters with their own, in ui/meters.ts). */

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
