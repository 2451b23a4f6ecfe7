/** Times as the reader reads them: local date and time with the zone's offset, e.g. `2026-01-06 16:00 GMT+08:00`. */

/** `iso` in `timeZone` (an IANA name; the system's when undefined), minutes precision, with the offset. */
export function localTime(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    ...(timeZone !== undefined ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(d);
  const p = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '';
  // "GMT" alone is UTC itself
  const zone = p('timeZoneName') === 'GMT' ? 'GMT+00:00' : p('timeZoneName');
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')} ${zone}`;
}

/** Minutes east of UTC in `timeZone` at `iso` (480 for Asia/Shanghai). */
export function offsetMinutesAt(iso: string, timeZone?: string): number {
  const zone = localTime(iso, timeZone).split(' ')[2] ?? 'GMT+00:00';
  const m = /GMT([+-])(\d\d):(\d\d)/.exec(zone);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** `iso` as `YYYY-MM-DD HH:mm` in `timeZone`, and the zone's offset apart (for a column's header). */
export function localParts(iso: string, timeZone?: string): { readonly when: string; readonly zone: string } {
  const [date = '', time = '', zone = ''] = localTime(iso, timeZone).split(' ');
  return { when: time ? `${date} ${time}` : date, zone };
}
