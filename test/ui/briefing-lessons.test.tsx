/**
 * The briefing names the lessons at stake without their points (the points would tell the
 * trainee where to aim); the debrief shows them (issue #16).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { openFixture, renderApp } from './helpers.js';

afterEach(() => cleanup());

const opened = () => openFixture('scoring-model.yaml');

describe('the briefing', () => {
  it.each([
    ['zh', '考察要点', ['用测试说话', '给出具体时间'], /分/],
    ['en', 'Lessons at stake', ['Let the test speak', 'Give concrete times'], /\bpts?\b|\d/],
  ] as const)('in %s lists each lesson by its title only', async (lang, heading, titles, points) => {
    const h = await renderApp({ start: { kind: 'briefing', opened: opened() }, lang });
    const f = await h.waitFor((x) => x.includes(heading));
    const lines = f.split('\n');
    for (const title of titles) {
      const line = lines.find((l) => l.includes(title))!;
      expect(line.trim()).toBe(`• ${title}`);
      expect(line).not.toMatch(points);
    }
  });

  it('the debrief still shows each lesson with its points', async () => {
    const h = await renderApp({ start: { kind: 'play', opened: opened() }, mode: 'exam', lang: 'en' });
    await h.waitFor((f) => f.includes('bit errors'));
    await h.answer('Tonight at ten we test it together');
    await h.waitFor((f) => f.includes('who comes then'));
    await h.press('1');
    const f = await h.waitFor((x) => x.includes('Debrief'));
    expect(f).toMatch(/\s+5\/5\s+Let the test speak/);
    expect(f).toMatch(/\s+1\/1\s+Give concrete times/);
  });
});
