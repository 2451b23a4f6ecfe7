/** The report from the command line and the store, against the sessions of report-fixture.ts (numbers worked out there). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_TABLES } from '../../src/report/report.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { expectValidJson } from './json-schema.js';
import { recordReportFixture } from './report-fixture.js';
import { rp, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
let store: SqliteStore;

beforeAll(async () => {
  tmp = tempDir();
  store = openSqliteStore(tmp.db);
  await recordReportFixture(store);
});
afterAll(async () => {
  await store.close();
  tmp.done();
});

describe('report', { timeout: 60_000 }, () => {
  it('aggregates per scenario exactly as computed by hand, exam and practice apart', async () => {
    const r = await store.report();
    expect(r.scenarios).toHaveLength(1);
    const s = r.scenarios[0]!;
    expect(s).toMatchObject({
      id: 'basement-alarm',
      attempts: 5,
      unfinished: 1,
      trainees: 4,
      passed: 1,
      passRate: 0.5,
      meanPercent: 34.2,
      medianPercent: 43,
      meanDecisionMs: 2778,
    });
    expect(s.modes).toEqual({
      exam: { attempts: 2, passed: 1, passRate: 0.5, meanPercent: 57, bestPercent: 71 },
      practice: { attempts: 2, passed: 0, passRate: 0, meanPercent: 28.5, bestPercent: 43 },
      headless: { attempts: 1, passed: 0, passRate: 0, meanPercent: 0, bestPercent: 0 },
    });
    expect(s.decisions).toEqual({
      lobby: { n: 4, meanMs: 3500 },
      permit: { n: 4, meanMs: 1750 },
      'on-hold': { n: 1, meanMs: 4000 },
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
    expect(s.answers).toEqual({
      lobby: {
        'rule 1': [{ text: '讯达电源', n: 1 }],
        'rule 2': [
          { text: 'hello', n: 3 },
          { text: '师傅您好', n: 1 },
        ],
        'rule 3': [{ text: '快点', n: 1 }],
      },
    });
    expect(s.branches).toEqual({
      'after-argue': { 'when 3': 1 },
      'clock-check': { 'when 2': 1 },
      'goodwill-check': { 'when 1': 1 },
    });
    expect(s.endings).toEqual({ repaired: 4, 'turned-away': 1 });
  });

  it('aggregates per trainee: attempts, exams, best, last and the recent trend', async () => {
    const r = await store.report();
    expect(r.trainees).toEqual([
      {
        name: 'alice',
        attempts: 2,
        exams: 2,
        passed: 1,
        passRate: 0.5,
        bestPercent: 71,
        bestExamPercent: 71,
        lastPercent: 43,
        recent: [71, 43],
      },
      {
        name: 'bob',
        attempts: 1,
        exams: 0,
        passed: 0,
        passRate: null,
        bestPercent: 14,
        bestExamPercent: null,
        lastPercent: 14,
        recent: [14],
      },
      expect.objectContaining({ name: 'carol', exams: 0, passRate: null }),
      expect.objectContaining({ name: 'dave', attempts: 1, exams: 0 }),
    ]);
  });

  it('groups finished sessions by week (Monday, in the reader zone) and mode, and lessons per trainee', async () => {
    const r = await store.report();
    expect(r.trend.scenarios).toEqual([
      {
        key: 'basement-alarm',
        period: '2025-12-29',
        mode: 'exam',
        attempts: 2,
        passed: 1,
        meanPercent: 57,
        bestPercent: 71,
      },
      {
        key: 'basement-alarm',
        period: '2025-12-29',
        mode: 'headless',
        attempts: 1,
        passed: 0,
        meanPercent: 0,
        bestPercent: 0,
      },
      {
        key: 'basement-alarm',
        period: '2025-12-29',
        mode: 'practice',
        attempts: 1,
        passed: 0,
        meanPercent: 14,
        bestPercent: 14,
      },
      {
        key: 'basement-alarm',
        period: '2026-01-05',
        mode: 'practice',
        attempts: 1,
        passed: 0,
        meanPercent: 43,
        bestPercent: 43,
      },
    ]);
    expect(r.trend.trainees.filter((p) => p.key === 'alice')).toEqual([
      { key: 'alice', period: '2025-12-29', mode: 'exam', attempts: 2, passed: 1, meanPercent: 57, bestPercent: 71 },
    ]);
    // 01-06 08:00 UTC is still Monday 01-05 at UTC−10, so dave's week stays; nothing moves back a week
    const west = await store.report({}, { offsetMinutes: -600 });
    expect(west.trend.scenarios.map((p) => p.period)).toEqual(['2025-12-29', '2025-12-29', '2025-12-29', '2026-01-05']);
    expect(r.matrix.filter((c) => c.trainee === 'alice')).toEqual([
      { trainee: 'alice', lesson: 'composure', sessions: 2, points: 0, max: 0 },
      { trainee: 'alice', lesson: 'courtesy', sessions: 2, points: 3, max: 6 },
      { trainee: 'alice', lesson: 'escalate', sessions: 2, points: 0, max: 6 },
      { trainee: 'alice', lesson: 'paperwork', sessions: 2, points: 5, max: 6 },
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
      meanDecisionMs: 3000,
    });
    expect(alice.scenarios[0]!.answers.lobby).toEqual({
      'rule 1': [{ text: '讯达电源', n: 1 }],
      'rule 2': [{ text: '师傅您好', n: 1 }],
    });
    expect(alice.trainees.map((t) => t.name)).toEqual(['alice']);
    const since = await store.report({ since: '2026-01-03T00:00:00.000Z' });
    expect(since.scenarios[0]).toMatchObject({ attempts: 3, unfinished: 1, trainees: 3, meanPercent: 28.67 });
    expect(since.scenarios[0]!.branches).toEqual({ 'goodwill-check': { 'when 1': 1 } });
    expect((await store.report({ scenario: 'nothing' })).scenarios).toEqual([]);
  });

  it('prints the documented JSON shape from the command line, replies in words beside their ids', () => {
    const r = rp(['report', '--json', '--db', tmp.db, '--lang', 'en'], { TZ: 'Asia/Shanghai' });
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    // exam, practice, headless, typed answers and paths: every part the schema describes
    expectValidJson('report', j);
    expect(j.timeZone).toBe('Asia/Shanghai');
    expect(j.generatedAtLocal).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d GMT\+08:00$/);
    const s = j.scenarios[0];
    expect(s).toMatchObject({
      id: 'basement-alarm',
      title: '商场机房告警',
      attempts: 5,
      passRate: 0.5,
      meanPercent: 34.2,
      modes: { exam: { attempts: 2, passRate: 0.5 }, practice: { attempts: 2 } },
      lessons: {
        composure: { meanPoints: -0.8, max: 0 },
        escalate: { meanPoints: 0.2, max: 3, title: 'Escalate when blocked' },
        courtesy: { meanPoints: 1, max: 3 },
        paperwork: { meanPoints: 1.4, max: 3 },
      },
      choices: { permit: { 'show-permit': 3, argue: 1 } },
    });
    expect(Object.keys(s.lessons)).toEqual(['composure', 'escalate', 'courtesy', 'paperwork']);
    const permit = s.nodes.find((n: { node: string }) => n.node === 'permit');
    expect(permit).toMatchObject({ decisions: 4, meanDecisionMs: 1750, best: 2 });
    expect(permit.ways).toEqual([
      {
        way: 'show-permit',
        text: 'Hand over the work order and site pass you arranged before leaving.',
        n: 3,
        points: 2,
        mark: '✓',
        answers: [],
      },
      {
        way: 'argue',
        text: 'The alarm has been going for ages, and you want paperwork?',
        n: 1,
        points: -2,
        mark: '✗',
        answers: [],
      },
    ]);
    const lobby = s.nodes.find((n: { node: string }) => n.node === 'lobby');
    expect(lobby.ways[0]).toMatchObject({
      way: 'rule 2',
      text: 'an answer mentioning: 您好 / 你好 / 师傅 / hello, not mentioning: 赶紧 / 快点 / hurry',
      answers: [
        { text: 'hello', n: 3 },
        { text: '师傅您好', n: 1 },
      ],
    });
    // the model answer stands for the rule it takes
    expect(lobby.ways.find((w: { way: string }) => w.way === 'rule 1').text).toBe(
      "“Hello, I'm Zhang from Xunda, here about the power alarm.”",
    );
    expect(j.costly.map((c: { node: string; way: string; lost: number }) => [c.node, c.way, c.lost])).toEqual([
      ['lobby', 'rule 2', 8],
      ['lobby', 'rule 3', 5],
      ['permit', 'argue', 4],
    ]);
    expect(j.trainees[0]).toMatchObject({ name: 'alice', attempts: 2, exams: 2, passRate: 0.5, trend: -28 });
    const since = JSON.parse(
      rp(['report', '--json', '--db', tmp.db, '--since', '2026-01-03', '--trainee', 'alice']).stdout,
    );
    expect(since.scenarios[0].attempts).toBe(1);
  });

  it('draws the paths trainees took over the scenario graph, with counts', () => {
    const j = JSON.parse(rp(['report', '--json', '--db', tmp.db, '--lang', 'en']).stdout);
    const paths = j.scenarios[0].paths;
    const edge = (from: string, to: string) =>
      paths.edges
        .filter((e: { from: string; to: string }) => e.from === from && e.to === to)
        .reduce((n: number, e: { n: number }) => n + e.n, 0);
    expect(edge('lobby', 'permit')).toBe(5);
    expect(edge('lobby', 'goodwill-check')).toBe(1);
    expect(edge('goodwill-check', 'turned-away')).toBe(1);
    expect(edge('permit', 'repaired')).toBe(3);
    expect(edge('after-argue', 'on-hold')).toBe(1);
    expect(edge('clock-check', 'repaired')).toBe(1);
    expect(edge('permit', 'on-hold')).toBe(0); // call-noc and the timeout: never taken
    const visits = Object.fromEntries(paths.nodes.map((n: { id: string; visits: number }) => [n.id, n.visits]));
    expect(visits).toMatchObject({ lobby: 6, permit: 5, repaired: 4, 'turned-away': 1, postponed: 0 });
  });

  it('reports in words in the terminal: replies by text, marks by points, what was typed, local time', () => {
    const en = rp(['report', '--db', tmp.db, '--lang', 'en'], { TZ: 'Asia/Shanghai', COLUMNS: '120' });
    expect(en.status).toBe(0);
    // not "Practice report": practice is one of the two modes the report sets apart
    expect(en.stdout.split('\n')[0]).toBe('Training report');
    expect(en.stdout).toMatch(/generated \d{4}-\d\d-\d\d \d\d:\d\d GMT\+08:00/);
    expect(en.stdout).toContain('5 finished · 4 trainees · 1 unfinished');
    expect(en.stdout).toMatch(/exam pass rate\s+[█▏▎▍▌▋▊▉]+░+ 50%/);
    expect(en.stdout).toMatch(/exam\s+2 finished · pass rate 50% · mean 57%/);
    expect(en.stdout).toMatch(/practice\s+2 finished · mean 29%/);
    expect(en.stdout).toMatch(/✗ {2}-2 The alarm has been going for ages, and you want paperwork\?\s+[█▏▎▍▌▋▊▉░]+ 1/);
    expect(en.stdout).toMatch(/✓ {2}\+2 Hand over the work order/);
    expect(en.stdout).toContain('typed: “hello” ×3  “师傅您好” ×1');
    expect(en.stdout).toContain('permit · mean decision 1.8 s (4)');
    expect(en.stdout).toContain('mean decision time: 2.8 s');
    expect(en.stdout).toMatch(/1\. −8 {2}basement-alarm · lobby/);
    expect(en.stdout).toMatch(/alice\s+██ 100%\s+░░ 0%\s+▓▓ 50%\s+██ 83%/);
    expect(en.stdout).not.toContain('rule 2');
    const zh = rp(['report', '--db', tmp.db, '--lang', 'zh']);
    expect(zh.stdout).toContain('5 次完成 · 4 名学员 · 1 次未完成');
    expect(zh.stdout).toContain('递上出发前办好的施工单和出入证。');
    expect(zh.stdout).toContain('全队失分最多的回答');
  });

  it('writes CSV rows a spreadsheet can pivot', () => {
    const r = rp(['report', '--csv', '--db', tmp.db]);
    const rows = r.stdout.trim().split('\r\n');
    expect(rows[0]).toBe('section,scenario,item,detail,value');
    expect(rows).toContain('scenario,basement-alarm,passRate,exam,0.5');
    expect(rows).toContain('mode,basement-alarm,practice,meanPercent,28.5');
    expect(rows).toContain('lesson,basement-alarm,composure,meanPoints,-0.8');
    expect(rows).toContain('choice,basement-alarm,lobby,rule 2,4');
    expect(rows).toContain('trainee,,alice,lastPercent,43');
  });

  it('writes one CSV file per table into a folder, and one named table into a file', () => {
    const dir = join(tmp.dir, 'tables');
    const r = rp(['report', '--csv', `${dir}/`, '--db', tmp.db, '--lang', 'en']);
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([...CSV_TABLES].map((t) => `${t}.csv`).sort());
    const replies = readFileSync(join(dir, 'replies.csv'), 'utf8').split('\r\n');
    expect(replies[0]).toBe('scenario,node,way,text,count,points,mark');
    expect(replies).toContain(
      'basement-alarm,permit,argue,"The alarm has been going for ages, and you want paperwork?",1,-2,✗',
    );
    expect(readFileSync(join(dir, 'answers.csv'), 'utf8')).toContain(
      'basement-alarm,lobby,rule 2,"an answer mentioning: 您好 / 你好 / 师傅 / hello, not mentioning: 赶紧 / 快点 / hurry",hello,3',
    );
    expect(readFileSync(join(dir, 'matrix.csv'), 'utf8')).toContain('alice,paperwork,证件手续随身带,2,5,6,83');
    const file = join(tmp.dir, 'costly.csv');
    const one = rp(['report', '--csv', file, '--table', 'costly', '--db', tmp.db, '--lang', 'en']);
    expect(one.status).toBe(0);
    expect(one.stdout).toBe('');
    expect(readFileSync(file, 'utf8').split('\r\n').slice(0, 2)).toEqual([
      'rank,scenario,node,way,text,count,points,best,lost',
      '1,basement-alarm,lobby,rule 2,"an answer mentioning: 您好 / 你好 / 师傅 / hello, not mentioning: 赶紧 / 快点 / hurry",4,1,3,8',
    ]);
    const long = join(tmp.dir, 'long.csv');
    expect(rp(['report', '--csv', long, '--db', tmp.db]).status).toBe(0);
    expect(readFileSync(long, 'utf8')).toMatch(/^section,scenario,item,detail,value\r\n/);
    const bad = rp(['report', '--csv', file, '--table', 'nope', '--db', tmp.db, '--lang', 'en']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no table 'nope'; choose one of scenarios, modes/);
  });

  it('writes one self-contained HTML page that names replies by their text', async () => {
    const file = `${tmp.dir}/report.html`;
    const r = rp(['report', '--html', file, '--db', tmp.db, '--lang', 'en']);
    expect(r.status).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('title="argue">✗ The alarm has been going for ages, and you want paperwork? (-2)</span>');
    expect(html).toContain('class="fill wrong" style="width:25.0%"'); // argue: 1 of 4 at permit
    expect(html).toContain('<q>hello</q> ×3');
    expect(html).toContain('id="heatmap"');
    expect(html).toContain('class="paths"');
    expect(html).toContain('flowchart LR');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//); // nothing fetched from a network
    expect(html).not.toContain('<script');
  });

  it('refuses two formats at once, --table without --csv and a --since that is not a date', () => {
    expect(rp(['report', '--json', '--csv', '--db', tmp.db]).status).toBe(2);
    expect(rp(['report', '--table', 'costly', '--db', tmp.db]).status).toBe(2);
    const bad = rp(['report', '--since', 'yesterday', '--db', tmp.db, '--lang', 'en']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--since 'yesterday' is not a date/);
  });
});
