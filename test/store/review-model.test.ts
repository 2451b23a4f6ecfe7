/** `roleplay review` shows a typed node's model answer (plain text and --json), in both languages. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, rp, tempDir } from './helpers.js';

const CASE = join(ROOT, 'test', 'fixtures', 'ui', 'scoring-model.yaml');
const MODEL_ZH = '今晚十点我带仪表去3号站，请您派传输的同事一起，当场测给您看。';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.done());

describe('review of a typed answer', { timeout: 60_000 }, () => {
  it('names the model answer as the better answer after a hedged one, and in --json', () => {
    const steps = join(tmp.dir, 'steps.yaml');
    writeFileSync(steps, '- say: 大概这两天吧，我尽快安排人去看看\n- me\n');
    const rec = rp(['run', CASE, '--steps', steps, '--record', '--db', tmp.db]);
    expect(rec.status, rec.stderr).toBe(0);
    const zh = rp(['review', '--db', tmp.db, '--lang', 'zh']).stdout;
    expect(zh).toContain(`更好的做法：“${MODEL_ZH}”`);
    expect(zh).not.toContain('符合要求的回答');
    const en = rp(['review', '--db', tmp.db, '--lang', 'en']).stdout;
    expect(en).toContain('Better: “Tonight at ten');
    const json = JSON.parse(rp(['review', '--json', '--db', tmp.db, '--lang', 'zh']).stdout);
    expect(json.steps[0].model).toBe(`“${MODEL_ZH}”`);
    expect(json.steps[0].better.text).toBe(`“${MODEL_ZH}”`);
    expect(json.steps[1].model).toBeNull(); // a choice node
  });

  it('shows the model answer beside the best answer in the trainee’s own words', () => {
    const steps = join(tmp.dir, 'steps.yaml');
    writeFileSync(steps, '- say: 我不敢打包票，但今晚可以一起去站上测一下\n- me\n');
    expect(rp(['run', CASE, '--steps', steps, '--record', '--db', tmp.db]).status).toBe(0);
    const en = rp(['review', '--db', tmp.db, '--lang', 'en']).stdout;
    expect(en).toContain('This was the best option here.');
    expect(en).toMatch(/A strong answer: “Tonight at ten I'll take the test set/);
  });
});
