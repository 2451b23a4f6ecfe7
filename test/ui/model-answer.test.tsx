/**
 * The debrief shows a typed node's model answer — "a strong engineer would say" — where it
 * used to say "(an answer that fits)", in Chinese and English (issue #16).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, openFixture, renderApp } from './helpers.js';

afterEach(() => cleanup());

const MODEL_ZH = '今晚十点我带仪表去3号站，请您派传输的同事一起，当场测给您看。';

async function debriefAfter(answer: string, lang: 'zh' | 'en') {
  const h = await renderApp({
    start: { kind: 'play', opened: openFixture('scoring-model.yaml') },
    mode: 'exam',
    lang,
    columns: 100,
    rows: 30,
  });
  await h.waitFor((f) => f.includes(lang === 'zh' ? '误码' : 'bit errors'));
  await h.answer(answer);
  await h.waitFor((f) => f.includes(lang === 'zh' ? '到时候谁来' : 'who comes then'));
  await h.press('1');
  await h.waitFor((f) => f.includes(lang === 'zh' ? '总结' : 'Debrief'));
  return readAll(h);
}

async function readAll(h: Awaited<ReturnType<typeof renderApp>>): Promise<string> {
  const seen: string[] = [];
  let last = '';
  for (let i = 0; i < 20; i++) {
    const f = h.frame();
    seen.push(f);
    if (f === last && i > 0) break;
    last = f;
    await h.press(KEY.pageDown);
  }
  return seen.join('\n');
}

describe('the debrief of a typed node', () => {
  it('shows the model answer as the better answer after a hedged one (zh)', async () => {
    const all = await debriefAfter('大概这两天吧，我尽快安排人去看看', 'zh');
    expect(all).toContain(`更好的做法：“${MODEL_ZH}”`);
    expect(all).not.toContain('符合要求的回答');
    // the best path shows the model answer too, with its rule's feedback
    expect(all).toMatch(new RegExp(` 1\\. “${MODEL_ZH}”\\s+\\+4 分`));
  });

  it('shows the model answer in English after blame', async () => {
    const all = await debriefAfter("It's your problem, not ours", 'en');
    // wrapped at 100 columns
    expect(all).toContain(
      "Better: “Tonight at ten I'll take the test set to site 3; please send a transmission colleague\n" +
        '            so we test it together.”  +4 pts (6 more pts by the end)',
    );
    expect(all).not.toContain('an answer that fits');
  });

  it('after the best answer in the trainee’s own words, shows those words on the best path and no "better"', async () => {
    const all = await debriefAfter('我不敢打包票，但今晚可以一起去站上测一下', 'zh');
    expect(all).not.toContain('更好的做法');
    expect(all).toContain('“我不敢打包票，但今晚可以一起去站上测一下”');
  });
});
