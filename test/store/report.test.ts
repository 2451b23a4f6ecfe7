/**
 * The report against numbers worked out by hand from basement-alarm's scoring (max 7; lesson
 * maxima courtesy 3, paperwork 3, escalate 3, composure 0; pass mark 65%):
 *
 *   A alice 01-01  讯达电源 → show-permit              courtesy 2 paperwork 3                total 5   71%  passed  repaired
 *   B bob   01-02  hello → argue → wait-calmly         courtesy 1 composure -1 escalate 1    total 1   14%          repaired
 *   C alice 01-03  hello → show-permit                 courtesy 1 paperwork 2                total 3   43%          repaired
 *   D carol 01-04  快点 (→ turned away)                 composure -3                          total -3   0%          turned-away
 *   E bob   01-05  hello …                             unfinished
 *   F dave  01-06  hello (4 s) → show-permit (2 s), played in practice mode                  total 3   43%          repaired
 *
 * mean of the five finished: (71 + 14 + 43 + 0 + 43) / 5 = 34.2; median 43; lessons' mean points
 * composure -4/5 = -0.8, escalate 1/5 = 0.2, courtesy 5/5 = 1, paperwork 7/5 = 1.4.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { record, rp, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
let store: SqliteStore;

beforeAll(async () => {
  tmp = tempDir();
  store = openSqliteStore(tmp.db);
  await record(store, {
    trainee: 'alice',
    steps: [{ say: '讯达电源' }, 'show-permit'],
    startedAt: '2026-01-01T08:00:00Z',
  });
  await record(store, {
    trainee: 'bob',
    steps: [{ say: 'hello' }, 'argue', 'wait-calmly'],
    startedAt: '2026-01-02T08:00:00Z',
  });
  await record(store, {
    trainee: 'alice',
    steps: [{ say: 'hello' }, 'show-permit'],
    startedAt: '2026-01-03T08:00:00Z',
  });
  await record(store, { trainee: 'carol', steps: [{ say: '快点' }], startedAt: '2026-01-04T08:00:00Z' });
  await record(store, { trainee: 'bob', steps: [{ say: 'hello' }], startedAt: '2026-01-05T08:00:00Z' });
  await record(store, {
    trainee: 'dave',
    steps: [{ say: 'hello' }, 'show-permit'],
    startedAt: '2026-01-06T08:00:00Z',
    mode: 'practice',
    decisionMs: [4000, 2000],
  });
});
afterAll(async () => {
  await store.close();
  tmp.done();
});

describe('report', { timeout: 60_000 }, () => {
  it('aggregates per scenario exactly as computed by hand', async () => {
    const r = await store.report();
    expect(r.scenarios).toHaveLength(1);
    const s = r.scenarios[0]!;
    expect(s).toMatchObject({
      id: 'basement-alarm',
      attempts: 5,
      unfinished: 1,
      trainees: 4,
      passed: 1,
      passRate: 0.2,
      meanPercent: 34.2,
      medianPercent: 43,
      meanDecisionMs: 3000,
    });
    // weakest first: composure (−0.8 with no max), escalate 0.2/3, courtesy 1/3, paperwork 1.4/3
    expect(s.lessons).toEqual([
      { id: 'composure', meanPoints: -0.8, max: 0 },
      { id: 'escalate', meanPoints: 0.2, max: 3 },
      { id: 'courtesy', meanPoints: 1, max: 3 },
      { id: 'paperwork', meanPoints: 1.4, max: 3 },
    ]);
    expect(s.choices).toEqual({
      lobby: { 'rule 1': 1, 'rule 2': 4, 'rule 3': 1 },
      permit: { 'show-permit': 3, argue: 1 },
      'on-hold': { 'wait-calmly': 1 },
    });
    expect(s.endings).toEqual({ repaired: 4, 'turned-away': 1 });
  });

  it('aggregates per trainee: attempts, best, last and the recent trend', async () => {
    const r = await store.report();
    expect(r.trainees).toEqual([
      { name: 'alice', attempts: 2, passed: 1, bestPercent: 71, lastPercent: 43, recent: [71, 43] },
      { name: 'bob', attempts: 1, passed: 0, bestPercent: 14, lastPercent: 14, recent: [14] },
      { name: 'carol', attempts: 1, passed: 0, bestPercent: 0, lastPercent: 0, recent: [0] },
      { name: 'dave', attempts: 1, passed: 0, bestPercent: 43, lastPercent: 43, recent: [43] },
    ]);
  });

  it('counts choices the same from the events index (no filter) and through the sessions join (a filter)', async () => {
    const fast = await store.report();
    const joined = await store.report({ since: '2000-01-01T00:00:00.000Z' });
    expect(joined).toEqual(fast);
    const one = await store.report({ scenario: 'basement-alarm' });
    expect(one).toEqual(fast);
  });

  it('filters by trainee, scenario and start time', async () => {
    const alice = await store.report({ trainee: 'alice' });
    expect(alice.scenarios[0]).toMatchObject({
      attempts: 2,
      meanPercent: 57,
      medianPercent: 57,
      passRate: 0.5,
      meanDecisionMs: null,
    });
    expect(alice.trainees.map((t) => t.name)).toEqual(['alice']);
    const since = await store.report({ since: '2026-01-03T00:00:00.000Z' });
    expect(since.scenarios[0]).toMatchObject({ attempts: 3, unfinished: 1, trainees: 3, meanPercent: 28.67 });
    expect((await store.report({ scenario: 'nothing' })).scenarios).toEqual([]);
  });

  it('prints the documented JSON shape from the command line, with the same numbers', () => {
    const r = rp(['report', '--json', '--db', tmp.db]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.scenarios[0]).toMatchObject({
      id: 'basement-alarm',
      attempts: 5,
      passRate: 0.2,
      meanPercent: 34.2,
      lessons: {
        composure: { meanPoints: -0.8, max: 0 },
        escalate: { meanPoints: 0.2, max: 3 },
        courtesy: { meanPoints: 1, max: 3 },
        paperwork: { meanPoints: 1.4, max: 3 },
      },
      choices: { permit: { 'show-permit': 3, argue: 1 } },
    });
    expect(Object.keys(j.scenarios[0].lessons)).toEqual(['composure', 'escalate', 'courtesy', 'paperwork']);
    expect(j.trainees[0]).toMatchObject({ name: 'alice', attempts: 2, trend: -28 });
    const since = JSON.parse(
      rp(['report', '--json', '--db', tmp.db, '--since', '2026-01-03', '--trainee', 'alice']).stdout,
    );
    expect(since.scenarios[0].attempts).toBe(1);
  });

  it('draws bar charts in the terminal, in Chinese and English', () => {
    const en = rp(['report', '--db', tmp.db, '--lang', 'en']);
    expect(en.status).toBe(0);
    expect(en.stdout).toContain('5 finished · 4 trainees · 1 unfinished');
    expect(en.stdout).toMatch(/pass rate\s+[█▏▎▍▌▋▊▉]+░+ 20%/);
    expect(en.stdout).toMatch(/argue\s+[█▏▎▍▌▋▊▉]+░+ 1\s+✗ -2/);
    expect(en.stdout).toMatch(/show-permit\s+[█▏▎▍▌▋▊▉]+░* 3\s+✓ \+2/);
    expect(en.stdout).toContain('mean decision time: 3.0 s');
    const zh = rp(['report', '--db', tmp.db, '--lang', 'zh']);
    expect(zh.stdout).toContain('5 次完成 · 4 名学员 · 1 次未完成');
  });

  it('writes CSV rows a spreadsheet can pivot', () => {
    const r = rp(['report', '--csv', '--db', tmp.db]);
    const rows = r.stdout.trim().split('\r\n');
    expect(rows[0]).toBe('section,scenario,item,detail,value');
    expect(rows).toContain('scenario,basement-alarm,passRate,,0.2');
    expect(rows).toContain('lesson,basement-alarm,composure,meanPoints,-0.8');
    expect(rows).toContain('choice,basement-alarm,lobby,rule 2,4');
    expect(rows).toContain('trainee,,alice,lastPercent,43');
  });

  it('writes one self-contained HTML page with charts', async () => {
    const file = `${tmp.dir}/report.html`;
    const r = rp(['report', '--html', file, '--db', tmp.db, '--lang', 'en']);
    expect(r.status).toBe(0);
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('class="fill wrong" style="width:25.0%"'); // argue: 1 of 4 at permit
    expect(html).toContain('<svg'); // alice's trend
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//); // nothing fetched from a network
    expect(html).not.toContain('<script');
  });

  it('refuses two formats at once and a --since that is not a date', () => {
    expect(rp(['report', '--json', '--csv', '--db', tmp.db]).status).toBe(2);
    const bad = rp(['report', '--since', 'yesterday', '--db', tmp.db, '--lang', 'en']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--since 'yesterday' is not a date/);
  });
});
