/**
 * Matching typed answers against `input` rules. The contract's keys work exactly as the
 * contract says: the answer and the keywords are normalized (NFKC, lower case, white space and
 * punctuation removed) and compared as substrings; `regex` is tested with the `u` flag on the
 * normalized answer. roleplay's keys (`affirm`, `negate`, `time`, `hedge`) read the answer's
 * clauses, negations, times and hedges (answer-language.ts). All keys of a match must hold.
 */
import { affirms, analyseAnswer, negates, type AnswerAnalysis } from './answer-language.js';
import type { Match, Rule } from '../format/model.js';
import { normalizeAnswer } from './normalize-answer.js';

export { MAX_ANSWER_LENGTH, normalizeAnswer } from './normalize-answer.js';

const compiled = new Map<string, RegExp>();
function regexFor(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    compiled.set(pattern, re);
  }
  return re;
}

/** The contract's keys only, on an answer already normalized. */
export function matches(match: Match | undefined, normalized: string): boolean {
  if (!match) return true;
  if (!match.all.every((k) => normalized.includes(k))) return false;
  if (match.any.length > 0 && !match.any.some((k) => normalized.includes(k))) return false;
  if (match.none.some((k) => normalized.includes(k))) return false;
  if (match.regex !== undefined && !regexFor(match.regex).test(normalized)) return false;
  return true;
}

/** Whether the match reads more than words (so the answer needs analysing). */
export function usesLanguage(match: Match): boolean {
  return (
    match.affirm !== undefined || match.negate !== undefined || match.time !== undefined || match.hedge !== undefined
  );
}

/** The roleplay keys of a match, on the answer's analysis. */
export function languageHolds(match: Match, analysis: AnswerAnalysis): boolean {
  if (match.affirm !== undefined && !affirms(analysis, match.affirm)) return false;
  if (match.negate !== undefined && !negates(analysis, match.negate)) return false;
  if (match.time !== undefined && analysis.times.length > 0 !== match.time) return false;
  if (match.hedge !== undefined && analysis.hedges.length > 0 !== match.hedge) return false;
  return true;
}

// The machine tries the rules of a node one by one with the same answer: the last answer's
// normalized text and analysis are kept, so an answer is analysed once, not once per rule.
let lastAnswer: string | undefined;
let lastNormalized = '';
let lastAnalysis: AnswerAnalysis | undefined;

function prepared(answer: string): { normalized: string; analysis: () => AnswerAnalysis } {
  if (answer !== lastAnswer) {
    lastAnswer = answer;
    lastNormalized = normalizeAnswer(answer);
    lastAnalysis = undefined;
  }
  return {
    normalized: lastNormalized,
    analysis: () => {
      lastAnalysis ??= analyseAnswer(answer);
      return lastAnalysis;
    },
  };
}

/** Every key of the match, contract and roleplay, on the answer as typed. */
export function matchesAnswer(match: Match | undefined, answer: string): boolean {
  if (!match) return true;
  const { normalized, analysis } = prepared(answer);
  if (!matches(match, normalized)) return false;
  return !usesLanguage(match) || languageHolds(match, analysis());
}

/** Index of the first rule that matches; the fallback rule guarantees one does. */
export function firstMatchingRule(rules: readonly Rule[], answer: string): number {
  const index = rules.findIndex((r) => matchesAnswer(r.match, answer));
  return index >= 0 ? index : rules.length - 1;
}
