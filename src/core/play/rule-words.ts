/**
 * What a typed-answer rule listens for, in a trainer's words: the words it looks for and the
 * tests of meaning it applies (said and not denied, a concrete time, a hedge). Reports, the
 * review and the graph all describe a rule from these parts, so a rule that scores a hedge
 * reads "an answer hedging…" everywhere instead of an empty "(an answer that fits)".
 * Keywords and patterns are the trainer's own and are never translated; they are made safe
 * for one line of a terminal.
 */
import type { Match } from '../format/model.js';
import { safeLine } from '../sanitize.js';
import { said, type Said } from '../text.js';

const list = (words: readonly string[], separator: string) => safeLine(words.join(separator));

/** Each condition of a rule, in both languages, in the order a trainer reads them. */
export function ruleParts(m: Match): Said[] {
  const parts: Said[] = [];
  const words = [...m.all, ...(m.any.length > 0 ? [m.any.join(' / ')] : [])];
  if (words.length > 0) parts.push(said(`提到：${list(words, '、')}`, `mentioning: ${list(words, ', ')}`));
  if (m.affirm?.length)
    parts.push(said(`说到（不是否定）：${list(m.affirm, ' / ')}`, `saying (not denying): ${list(m.affirm, ' / ')}`));
  if (m.negate?.length) parts.push(said(`否定：${list(m.negate, ' / ')}`, `denying: ${list(m.negate, ' / ')}`));
  if (m.time === true) parts.push(said('说出了具体时间', 'naming a concrete time'));
  if (m.time === false) parts.push(said('没有说出具体时间', 'naming no concrete time'));
  if (m.hedge === true) parts.push(said('含糊其辞（“尽快”“大概”之类）', 'hedging ("as soon as possible", "about")'));
  if (m.hedge === false) parts.push(said('不含糊其辞', 'without hedging'));
  if (m.none.length > 0) parts.push(said(`不提：${list(m.none, ' / ')}`, `not mentioning: ${list(m.none, ' / ')}`));
  if (m.regex !== undefined) parts.push(said(`符合：${safeLine(m.regex)}`, `matching: ${safeLine(m.regex)}`));
  return parts;
}

/** A rule as one phrase: "an answer mentioning: …, naming a concrete time" / "回答提到：…，说出了具体时间". */
export function ruleSaid(m: Match | undefined): Said {
  if (!m) return said('（其他回答）', '(any other answer)');
  const parts = ruleParts(m);
  if (parts.length === 0) return said('（任何回答）', '(any answer)');
  return said(`回答${parts.map((p) => p.zh).join('，')}`, `an answer ${parts.map((p) => p.en).join(', ')}`);
}
