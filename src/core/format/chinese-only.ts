/**
 * Text a trainer wrote in Chinese alone, as one plain string: the English UI can only show it
 * in Chinese. (A `{ zh: … }` map without `en` is the missing-translation warning.) Lint warns,
 * so `--strict` fails; the file still loads, as the format allows a plain string anywhere.
 */
import { checkMessages as M, type Message } from './messages.js';
import type { LocalizedText } from '../text.js';

/** A Han character: something an English reader cannot read. */
const HAN = /\p{Script=Han}/u;

/** The warning for a plain string with Chinese in it, else nothing. */
export function chineseOnlyText(text: LocalizedText): Message | undefined {
  return typeof text === 'string' && HAN.test(text) ? M.chineseOnly() : undefined;
}
