/**
 * Sets of code points as sorted, disjoint [from, to] ranges: just enough for regex-safety.ts to
 * ask whether two pattern characters can match the same character. Unicode property escapes
 * (\p{…}) are taken as "any character", which can only make the analysis stricter.
 */

export type CharSet = readonly (readonly [number, number])[];

const MAX_CODE_POINT = 0x10ffff;

export const ALL: CharSet = [[0, MAX_CODE_POINT]];
export const EMPTY: CharSet = [];

export function single(c: number): CharSet {
  return [[c, c]];
}

export function range(from: number, to: number): CharSet {
  return from <= to ? [[from, to]] : EMPTY;
}

export function union(...sets: readonly CharSet[]): CharSet {
  const all = sets.flat().sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [from, to] of all) {
    const last = out[out.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

export function complement(set: CharSet): CharSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [from, to] of set) {
    if (from > next) out.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

export function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x[1] < y[0]) i++;
    else if (y[1] < x[0]) j++;
    else return true;
  }
  return false;
}

const ranges = (...pairs: [number, number][]): CharSet => union(pairs);
const c = (s: string) => s.codePointAt(0)!;

export const DIGIT = ranges([c('0'), c('9')]);
export const WORD = ranges([c('0'), c('9')], [c('A'), c('Z')], [c('_'), c('_')], [c('a'), c('z')]);
const LINE_TERMINATORS = ranges([0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]);
export const SPACE = union(
  LINE_TERMINATORS,
  ranges([0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a]),
  ranges([0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]),
);
/** `.` without the s flag: anything but a line terminator. */
export const DOT = complement(LINE_TERMINATORS);
