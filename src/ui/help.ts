/** The `?` help overlay's lines. */
import type { Lang } from '../core/index.js';
import { stringsFor } from './i18n.js';
import { blank, plain, type Line } from './lines.js';
import { padEnd, widthOf } from '../text/layout.js';

export function helpLines(lang: Lang): Line[] {
  const t = stringsFor(lang);
  const keyWidth = Math.max(...t.helpLines.map(([k]) => widthOf(k))) + 2;
  return [
    plain(t.helpTitle, 'title'),
    blank,
    ...t.helpLines.map(([k, what]): Line => [{ text: `  ${padEnd(k, keyWidth)}`, tone: 'accent' }, { text: what }]),
    blank,
    plain(t.helpClose, 'muted'),
  ];
}
