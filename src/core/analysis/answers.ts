/**
 * Writing an answer that a given `input` rule accepts, so that analysis tools can turn a path
 * through an input node into a `{ say: ... }` step. Every candidate is checked with the real
 * matcher (first matching rule wins), so an answer returned here is one the machine would
 * route through that rule; when no candidate works the caller is told so, never guessed.
 */
import { firstMatchingRule } from '../play/match.js';
import type { Match, Rule } from '../format/model.js';
import { type AST, RegExpParser } from '@eslint-community/regexpp';

/** Answers tried for a fallback rule: short, neutral, in both UI languages. */
const NEUTRAL_ANSWERS = ['嗯', 'hmm', 'x', '1', '……'];

/** An answer that the rule at `index` accepts (and no earlier rule takes), or undefined. */
export function answerFor(rules: readonly Rule[], index: number): string | undefined {
  const rule = rules[index];
  if (!rule) return undefined;
  const candidates = rule.match ? candidatesFor(rule.match) : NEUTRAL_ANSWERS;
  for (const text of candidates) {
    if (firstMatchingRule(rules, text) === index) return text;
  }
  return undefined;
}

function candidatesFor(match: Match): string[] {
  const anys = match.any.length > 0 ? match.any : [''];
  const samples = match.regex !== undefined ? regexSamples(match.regex) : [''];
  const out: string[] = [];
  for (const sample of samples) {
    for (const any of anys) {
      const words = [...match.all, any].filter((w) => w !== '');
      // The regex sample first and last: anchors in the pattern may need either end.
      out.push([sample, ...words].filter((w) => w !== '').join(' '));
      out.push([...words, sample].filter((w) => w !== '').join(' '));
    }
  }
  return [...new Set(out)].filter((t) => t !== '' || (match.all.length === 0 && match.any.length === 0));
}

/**
 * A few strings the pattern matches, for the simple patterns trainers write (literals,
 * groups, alternation, character classes, quantifiers). Lookarounds and backreferences are
 * not attempted: those rules are reported as "no answer found".
 */
export function regexSamples(pattern: string, variants = 4): string[] {
  const out: string[] = [];
  for (let v = 0; v < variants; v++) {
    const s = sample(pattern, v);
    if (s !== undefined) out.push(s);
  }
  return [...new Set(out)];
}

class Unsupported extends Error {}

/** Tried in this order wherever the pattern allows a set of characters (`.`, `\d`, `[^…]`, `\p{…}`). */
const SET_CANDIDATES = ['a', '1', '好', 'x', ' ', '-'];

/**
 * One string the pattern matches (parsed by regexpp, as lint's safety check parses it);
 * `variant` picks among alternatives so that variants differ. Each quantifier repeats its
 * minimum number of times. Undefined for what is not attempted: lookarounds,
 * backreferences, a set no candidate character is in.
 */
function sample(pattern: string, variant: number): string | undefined {
  let ast: AST.Pattern;
  try {
    ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, 0, pattern.length, { unicode: true });
  } catch {
    return undefined;
  }
  try {
    return alternatives(ast.alternatives, variant);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

function alternatives(options: readonly AST.Alternative[], variant: number): string {
  const chosen = options[variant % options.length]!;
  return chosen.elements.map((e) => element(e, variant)).join('');
}

function element(e: AST.Element, variant: number): string {
  switch (e.type) {
    case 'Character':
      return String.fromCodePoint(e.value);
    case 'CharacterSet':
    case 'CharacterClass':
      return characterOf(e);
    case 'Group':
    case 'CapturingGroup':
      return alternatives(e.alternatives, variant);
    case 'Quantifier':
      return element(e.element, variant).repeat(e.min);
    case 'Assertion':
      // ^, $, \b and \B hold at the ends and between words the samples are joined with
      if (e.kind === 'start' || e.kind === 'end' || e.kind === 'word') return '';
      throw new Unsupported();
    default:
      throw new Unsupported();
  }
}

/** A character the set or class matches: a candidate it takes, or a positive class's first member. */
function characterOf(e: AST.CharacterSet | AST.CharacterClass): string {
  const set = new RegExp(`^${e.raw}$`, 'u');
  const candidate = SET_CANDIDATES.find((ch) => set.test(ch));
  if (candidate !== undefined) return candidate;
  const first = e.type === 'CharacterClass' && !e.negate ? e.elements[0] : undefined;
  if (first?.type === 'Character') return String.fromCodePoint(first.value);
  if (first?.type === 'CharacterClassRange') return String.fromCodePoint(first.min.value);
  throw new Unsupported();
}
