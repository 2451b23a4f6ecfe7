import { closest, distance } from 'fastest-levenshtein';

/**
 * The nearest known name, when it is close enough to be a plausible typo.
 * "Close enough" grows with the word: one edit for short names, a third of the length for long ones.
 */
export function nearest(name: string, known: Iterable<string>): string | undefined {
  const candidates = [...known];
  if (candidates.length === 0) return undefined;
  // A swapped pair of letters ("tiem" for "time") is one slip, though it counts as two edits.
  const sorted = [...name].sort().join('');
  const swapped = candidates.find((c) => c.length === name.length && [...c].sort().join('') === sorted && c !== name);
  if (swapped) return swapped;
  // A name with something stuck to it ("rcommend-drifting" for "drifting") is one slip too.
  const inside = candidates.filter((c) => c.length >= 4 && name.includes(c)).sort((a, b) => b.length - a.length)[0];
  if (inside) return inside;
  const best = closest(name, candidates);
  const limit = Math.max(1, Math.floor(Math.max(name.length, best.length) / 3));
  return distance(name, best) <= limit ? best : undefined;
}

/** "; did you mean 'estimate'?" or "" */
export function didYouMean(name: string, known: Iterable<string>): string {
  const hit = nearest(name, known);
  return hit === undefined ? '' : `; did you mean '${hit}'?`;
}

/** "a, b or c" for messages. */
export function listOf(names: readonly string[], conjunction = 'or'): string {
  if (names.length === 0) return '(none)';
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}
