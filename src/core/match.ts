/**
 * Matching typed answers against `input` rules, exactly as the contract says: the answer
 * and the keywords are normalized (NFKC, lower case, white space and punctuation removed)
 * and compared as substrings; `regex` is tested with the `u` flag on the normalized answer.
 */
import type { Match, Rule } from './model.js';

/** Answers longer than this are cut before matching, so no pattern can be made to crawl. */
export const MAX_ANSWER_LENGTH = 2000;

export function normalizeAnswer(text: string): string {
  return text
    .slice(0, MAX_ANSWER_LENGTH)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{White_Space}\p{P}]/gu, '');
}

const compiled = new Map<string, RegExp>();
function regexFor(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    compiled.set(pattern, re);
  }
  return re;
}

export function matches(match: Match | undefined, normalized: string): boolean {
  if (!match) return true;
  if (!match.all.every((k) => normalized.includes(k))) return false;
  if (match.any.length > 0 && !match.any.some((k) => normalized.includes(k))) return false;
  if (match.none.some((k) => normalized.includes(k))) return false;
  if (match.regex !== undefined && !regexFor(match.regex).test(normalized)) return false;
  return true;
}

/** Index of the first rule that matches; the fallback rule guarantees one does. */
export function firstMatchingRule(rules: readonly Rule[], answer: string): number {
  const normalized = normalizeAnswer(answer);
  const index = rules.findIndex((r) => matches(r.match, normalized));
  return index >= 0 ? index : rules.length - 1;
}
