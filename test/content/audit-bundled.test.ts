/**
 * The bundled library stays honest: `roleplay audit scenarios/` finds no case that a naive
 * strategy passes and no failure ending that can score a pass (issue #16).
 *
 * EXPECTED TO FAIL until the content rewrite of issue #16 lands (the scenarios/ rewritten by
 * the content writers): before it, the longest and the most courteous reply pass most cases.
 * Do not skip it; it turns green with the rewritten library.
 */
import { describe, expect, it } from 'vitest';
import { rp } from '../cli/helpers.js';

describe('the bundled library', () => {
  it('roleplay audit scenarios/ exits 0: no naive strategy passes a case', { timeout: 120_000 }, () => {
    const r = rp(['audit', '--lang', 'en', 'scenarios']);
    const errors = r.stdout.split('\n').filter((l) => l.includes(': error: '));
    expect(errors).toEqual([]);
    expect(r.status, r.stderr).toBe(0);
  });
});
