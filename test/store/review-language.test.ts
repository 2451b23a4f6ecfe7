/**
 * A session is reviewed in the reader's language: a lead reading in English a session played
 * in Chinese, with its feedback shown during play, gets that feedback in English, from the
 * stored scenario the trainee played.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { record, rp, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.done());

describe('review in another language than the one played', { timeout: 60_000 }, () => {
  it('shows the feedback the trainee saw in the reader’s language', async () => {
    const store = openSqliteStore(tmp.db);
    // snapping at the guard: feedback in both languages, shown in Chinese during practice
    await record(store, { trainee: 'wang', steps: [{ say: '关你什么事' }], mode: 'practice', lang: 'zh' });
    await store.close();
    const en = rp(['review', '--db', tmp.db, '--lang', 'en']);
    expect(en.status, en.stderr).toBe(0);
    expect(en.stdout).toContain('Snapping at the guard only shuts the door tighter.');
    expect(en.stdout).not.toContain('顶撞保安');
    expect(rp(['review', '--db', tmp.db, '--lang', 'zh']).stdout).toContain('顶撞保安，只会让门关得更紧。');
  });
});
