/**
 * Writing an answer that a given `input` rule accepts, so that analysis tools can turn a path
 * through an input node into a `{ say: ... }` step. Every candidate is checked with the real
 * matcher (first matching rule wins), so an answer returned here is one the machine would
 * route through that rule; when no candidate works the caller is told so, never guessed.
 */
import { firstMatchingRule } from './match.js';
import type { Match, Rule } from './model.js';

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

/** One string the pattern matches; `variant` picks among alternatives so that variants differ. */
function sample(pattern: string, variant: number): string | undefined {
  let i = 0;
  const peek = () => pattern[i];

  const alternation = (): string => {
    const options: string[] = [sequence()];
    while (peek() === '|') {
      i++;
      options.push(sequence());
    }
    return options[variant % options.length]!;
  };

  const sequence = (): string => {
    let s = '';
    while (i < pattern.length && peek() !== '|' && peek() !== ')') {
      const a = atom();
      s += quantified(a);
    }
    return s;
  };

  const quantified = (a: string): string => {
    const q = peek();
    let times = 1;
    if (q === '*' || q === '?') {
      i++;
      times = 0;
    } else if (q === '+') {
      i++;
      times = 1;
    } else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (m) {
        i += m[0].length;
        times = Number(m[1]);
      }
    }
    if (times !== 1 && peek() === '?')
      i++; // lazy
    else if (q === '+' && peek() === '?') i++;
    return a.repeat(times);
  };

  const atom = (): string => {
    const c = pattern[i++]!;
    switch (c) {
      case '^':
      case '$':
        return '';
      case '.':
        return 'a';
      case '(': {
        if (peek() === '?') {
          if (pattern[i + 1] === ':') i += 2;
          else throw new Unsupported();
        }
        const inner = alternation();
        if (peek() !== ')') throw new Unsupported();
        i++;
        return inner;
      }
      case '[':
        return charClass();
      case '\\':
        return escapeAt();
      default:
        return c;
    }
  };

  const escapeAt = (): string => {
    const c = pattern[i++];
    if (c === undefined) throw new Unsupported();
    if (c === 'd') return '1';
    if (c === 'w') return 'a';
    if (c === 'b' || c === 'B') return '';
    if (c === 'p') {
      const m = /^\{([^}]*)\}/.exec(pattern.slice(i));
      if (!m) throw new Unsupported();
      i += m[0].length;
      if (/^(L|Letter|Ll|Script=Latin)$/.test(m[1]!)) return 'a';
      if (/^(N|Nd|Number)$/.test(m[1]!)) return '1';
      if (/Han/.test(m[1]!)) return '好';
      throw new Unsupported();
    }
    if (/[1-9kDWSsPnrtfvux0c]/.test(c)) throw new Unsupported();
    return c;
  };

  const charClass = (): string => {
    const negated = peek() === '^';
    if (negated) i++;
    const members: string[] = [];
    let first = true;
    while (i < pattern.length && (peek() !== ']' || first)) {
      first = false;
      let c = pattern[i++]!;
      if (c === '\\') {
        const e = pattern[i++];
        if (e === 'd') {
          members.push('0123456789');
          continue;
        }
        if (e === 'w') {
          members.push('abcdefghijklmnopqrstuvwxyz');
          continue;
        }
        if (e === undefined) throw new Unsupported();
        c = e;
      }
      if (peek() === '-' && pattern[i + 1] !== ']' && pattern[i + 1] !== undefined) {
        const to = pattern[i + 1]!;
        i += 2;
        members.push(c + to);
      } else members.push(c);
    }
    if (peek() !== ']') throw new Unsupported();
    i++;
    const chars = members.join('');
    if (!negated) return chars[0] ?? '';
    const pick = ['a', 'x', '1', '好'].find((ch) => !chars.includes(ch) && !inRanges(ch, members));
    if (pick === undefined) throw new Unsupported();
    return pick;
  };

  try {
    const s = alternation();
    if (i !== pattern.length) return undefined;
    return s;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

function inRanges(ch: string, members: readonly string[]): boolean {
  return members.some((m) => m.length === 2 && ch >= m[0]! && ch <= m[1]!);
}
