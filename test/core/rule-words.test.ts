/**
 * A typed-answer rule in a trainer's words (reports, review): what it listens for, its tests
 * of meaning included, so a rule that scores a hedge does not read "(an answer that fits)".
 */
import { describe, expect, it } from 'vitest';
import { loadScenario, ruleSaid, type Match } from '../../src/core/index.js';

const match = (m: Partial<Match>): Match => ({ all: [], any: [], none: [], ...m });

describe('ruleSaid', () => {
  it('names the words, then each test of meaning, in both languages', () => {
    expect(ruleSaid(match({ any: ['天', 'day'], time: true, hedge: false }))).toEqual({
      zh: '回答提到：天 / day，说出了具体时间，不含糊其辞',
      en: 'an answer mentioning: 天 / day, naming a concrete time, without hedging',
    });
    expect(ruleSaid(match({ hedge: true })).en).toBe('an answer hedging ("as soon as possible", "about")');
    expect(ruleSaid(match({ affirm: ['查'], negate: ['保证'] })).en).toBe(
      'an answer saying (not denying): 查, denying: 保证',
    );
    expect(ruleSaid(undefined)).toEqual({ zh: '（其他回答）', en: '(any other answer)' });
  });

  it("keeps a case's keywords on one safe line", () => {
    expect(ruleSaid(match({ all: ['a\u001b[31mb\nc'] })).en).not.toMatch(/[\u001b\n]/);
  });

  it('describes every rule of the bundled cases with something to say', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../../scenarios/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
      const scenario = loadScenario(readFileSync(new URL(f, dir), 'utf8'), f).scenario;
      for (const node of Object.values(scenario?.nodes ?? {}))
        if (node.kind === 'input')
          for (const rule of node.rules)
            if (rule.match) expect(ruleSaid(rule.match).en, `${f} ${node.id}`).not.toBe('(any answer)');
    }
  });
});
