import { describe, expect, it } from 'vitest';
import { nearest } from '../../src/core/format/suggest.js';

describe('nearest (did you mean)', () => {
  const nodes = ['opening', 'drifting', 'estimate', 'time'];
  it('finds a typo, a swapped pair and a name with something stuck to it', () => {
    expect(nearest('estimat', nodes)).toBe('estimate');
    expect(nearest('tiem', nodes)).toBe('time');
    expect(nearest('rcommend-drifting', nodes)).toBe('drifting');
  });
  it('suggests nothing for an unrelated name', () => {
    expect(nearest('walks-out', nodes)).toBeUndefined();
  });
});
