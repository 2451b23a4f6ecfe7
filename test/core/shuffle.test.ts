/** The order replies are shown in: fixed by the session's seed, the node and the choice ids. */
import { describe, expect, it } from 'vitest';
import { shuffledChoices } from '../../src/core/index.js';

const choices = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
const order = (seed: number | undefined, node = 'n', list = choices) =>
  shuffledChoices(list, seed, node).map((c) => c.id);

describe('shuffledChoices', () => {
  it('without a seed keeps file order', () => {
    expect(order(undefined)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('is a permutation, the same every time for the same seed and node', () => {
    for (const seed of [0, 1, 2, 12345, 0x7fffffff]) {
      expect([...order(seed)].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(order(seed)).toEqual(order(seed));
    }
  });

  it('differs between seeds and between nodes', () => {
    const bySeed = new Set(Array.from({ length: 50 }, (_, s) => order(s).join('')));
    expect(bySeed.size).toBeGreaterThan(30);
    const byNode = new Set(['gate', 'papers', 'late', 'x', 'y', 'z'].map((n) => order(7, n).join('')));
    expect(byNode.size).toBeGreaterThan(3);
    // the first place is spread over all replies, not stuck on one
    const firsts = new Set(Array.from({ length: 50 }, (_, s) => order(s)[0]));
    expect(firsts.size).toBe(5);
  });

  it('a reply that appears later (under an if) slots in without moving the others', () => {
    const without = order(
      42,
      'n',
      choices.filter((c) => c.id !== 'c'),
    );
    expect(order(42).filter((id) => id !== 'c')).toEqual(without);
  });
});
