/** `--since`: a date (2026-11-01), a date and time (ISO 8601), or a span back from now (7d, 12h, 2w). */
export function parseSince(text: string, now: Date = new Date()): string | undefined {
  const t = text.trim();
  const span = /^(\d+)\s*([hdwm])$/i.exec(t);
  if (span) {
    const n = Number(span[1]);
    const unit = span[2]!.toLowerCase();
    const ms = unit === 'h' ? 3_600_000 : unit === 'd' ? 86_400_000 : unit === 'w' ? 7 * 86_400_000 : 30 * 86_400_000;
    return new Date(now.getTime() - n * ms).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) return undefined;
  // A bare date means midnight UTC, as Date parses it.
  const d = new Date(t.includes(' ') ? t.replace(' ', 'T') : t);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
