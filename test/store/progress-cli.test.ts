/** `roleplay progress` as a subprocess: the trainee's standing in words and as JSON, in both languages. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { record, rp, tempDir } from './helpers.js';
import { expectValidJson } from './json-schema.js';

let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  tmp = tempDir();
  const store = openSqliteStore(tmp.db);
  // basement-alarm's exam at 71%: courtesy 2/3, paperwork 3/3, escalate 0/3, composure 0/0
  await record(store, { trainee: '张工', steps: [{ say: '讯达电源' }, 'show-permit'], mode: 'exam' });
  await store.close();
});
afterAll(() => tmp.done());

describe('roleplay progress', { timeout: 60_000 }, () => {
  it('prints lessons by standing, the cases on offer and the next one (zh, en)', () => {
    const zh = rp(['progress', '--db', tmp.db, '--trainee', '张工', '--lang', 'zh']);
    expect(zh.status, zh.stderr).toBe(0);
    expect(zh.stdout).toMatch(/^我的进度 · 张工\n▸ 推荐下一个：.+ — .+\n/);
    expect(zh.stdout).toMatch(/薄弱的要点\n {2}escalate\s+░+ 0%/);
    expect(zh.stdout).toContain('案例（考试最好成绩）');
    expect(zh.stdout).toContain('没练过');
    const en = rp(['progress', '--db', tmp.db, '--trainee', '张工', '--lang', 'en']);
    expect(en.stdout).toMatch(/^My progress · 张工\n▸ Next: /);
    expect(en.stdout).toMatch(/Lessons mastered\n {2}证件手续随身带\s+█+░* 100%|Lessons mastered\n.*100%/);
  });

  it('gives tools every case on offer, every lesson with its standing, and the next case with its reason', () => {
    const r = rp(['progress', '--db', tmp.db, '--trainee', '张工', '--json', '--lang', 'en']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expectValidJson('progress', j);
    expect(j.trainee).toBe('张工');
    expect(j.lessons).toContainEqual(
      expect.objectContaining({ lesson: 'escalate', points: 0, max: 3, percent: 0, standing: 'weak' }),
    );
    expect(j.lessons).toContainEqual(
      expect.objectContaining({ lesson: 'courtesy', percent: 67, standing: 'learning' }),
    );
    expect(j.cases.length).toBeGreaterThan(3);
    expect(j.cases[0]).toMatchObject({ attempts: 0, exams: 0, bestExamPercent: null, passed: false });
    expect(j.cases.every((c: { lessons: string[] }) => Array.isArray(c.lessons))).toBe(true);
    expect(j.next).toMatchObject({ why: 'unplayed' });
    expect(j.cases.map((c: { id: string }) => c.id)).toContain(j.next.scenarioId);
    expect(j.next.reason).toMatch(/^not played yet/);
    const nobody = JSON.parse(rp(['progress', '--db', tmp.db, '--trainee', 'nobody', '--json']).stdout);
    expect(nobody.lessons).toEqual([]);
    expect(nobody.next.scenarioId).toBe(nobody.cases[0].id);
  });
});
