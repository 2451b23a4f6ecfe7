/** The records commands as a trainer or team lead runs them: run --record, sessions, review, and their messages. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASEMENT, rp, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.done());

/** One answer, then the steps run out: unfinished, with a step (`sessions` leaves out those without). */
const ONE_STEP = `${import.meta.dirname}/helpers/one-step.yaml`;

const idOf = (stderr: string) => /session ([0-9a-f-]{36})/.exec(stderr)![1]!;

describe('run --record and sessions', { timeout: 90_000 }, () => {
  it('records a headless run like an interactive one, without changing what run prints', () => {
    const plain = rp(['run', BASEMENT, '--choices', 'x']);
    const rec = rp([
      'run',
      BASEMENT,
      '--steps',
      `${import.meta.dirname}/helpers/best.yaml`,
      '--record',
      '--db',
      tmp.db,
      '--trainee',
      '王工',
      '--lang',
      'en',
    ]);
    expect(rec.status).toBe(0);
    const report = JSON.parse(rec.stdout);
    expect(report.score).toMatchObject({ total: 7, percent: 100, passed: true });
    expect(rec.stderr).toMatch(/^recorded as session [0-9a-f-]{36}\n$/);
    expect(plain.status).toBe(2); // run without --record is untouched

    const list = JSON.parse(rp(['sessions', '--json', '--db', tmp.db]).stdout).sessions;
    expect(list).toEqual([
      expect.objectContaining({
        id: idOf(rec.stderr),
        trainee: '王工',
        scenario: 'basement-alarm',
        mode: 'headless',
        outcome: 'success',
        percent: 100,
        passed: true,
        startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        finishedAt: expect.stringMatching(/^\d{4}-/),
        events: 4,
      }),
    ]);
    const timeline = JSON.parse(rp(['review', '--json', '--db', tmp.db]).stdout);
    expect(timeline.steps.map((s: { node: string; decisionMs: number }) => [s.node, s.decisionMs])).toEqual([
      ['lobby', 0],
      ['permit', 0],
      ['on-hold', 0],
      ['clock-check', 0],
    ]);
    expect(timeline.steps[1].shown.map((c: { id: string }) => c.id)).toEqual(['show-permit', 'call-noc', 'argue']);
    expect(timeline.steps[1].better).toBeNull(); // call-noc leads to the maximum
  });

  it('reads a steps file once, so --steps may be a pipe', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(
      'bash',
      [
        '-c',
        `node bin/roleplay.js run '${BASEMENT}' --steps <(cat '${import.meta.dirname}/helpers/best.yaml') --record --db '${tmp.db}' --lang en`,
      ],
      { encoding: 'utf8', env: { ...process.env, CI: 'false' } },
    );
    expect(r.stderr).toMatch(/^recorded as session /);
    expect(JSON.parse(r.stdout).score.percent).toBe(100);
  });

  it('takes the database and trainee from ROLEPLAY_DB and ROLEPLAY_TRAINEE', () => {
    const env = { ROLEPLAY_DB: tmp.db, ROLEPLAY_TRAINEE: 'env-trainee' };
    expect(rp(['run', BASEMENT, '--steps', ONE_STEP, '--record'], env).status).toBe(2);
    const list = JSON.parse(rp(['sessions', '--json'], env).stdout).sessions;
    expect(list).toEqual([
      expect.objectContaining({ trainee: 'env-trainee', outcome: null, finishedAt: null, percent: null }),
    ]);
    // --trainee wins over the environment
    rp(['run', BASEMENT, '--steps', ONE_STEP, '--record', '--trainee', 'flag'], env);
    expect(JSON.parse(rp(['sessions', '--json', '--trainee', 'flag'], env).stdout).sessions).toHaveLength(1);
  });

  it('filters sessions by trainee, scenario and since, newest first', () => {
    for (const t of ['a', 'b', 'a'])
      rp(['run', BASEMENT, '--steps', ONE_STEP, '--record', '--db', tmp.db, '--trainee', t]);
    const all = JSON.parse(rp(['sessions', '--json', '--db', tmp.db]).stdout).sessions as {
      trainee: string;
      startedAt: string;
    }[];
    expect(all.map((s) => s.trainee)).toEqual(['a', 'b', 'a']);
    expect([...all].sort((x, y) => y.startedAt.localeCompare(x.startedAt))).toEqual(all);
    expect(JSON.parse(rp(['sessions', '--json', '--db', tmp.db, '--trainee', 'a']).stdout).sessions).toHaveLength(2);
    expect(JSON.parse(rp(['sessions', '--json', '--db', tmp.db, '--scenario', 'other']).stdout).sessions).toHaveLength(
      0,
    );
    expect(JSON.parse(rp(['sessions', '--json', '--db', tmp.db, '--since', '1d']).stdout).sessions).toHaveLength(3);
    expect(
      JSON.parse(rp(['sessions', '--json', '--db', tmp.db, '--since', '2999-01-01']).stdout).sessions,
    ).toHaveLength(0);
    const text = rp(['sessions', '--db', tmp.db, '--lang', 'en']).stdout;
    expect(text.split('\n')[0]).toMatch(/^id\s+started\s+trainee\s+scenario\s+mode\s+outcome\s+score\s+passed$/);
    expect(text).toMatch(/unfinished/);
  });

  it('prints a review as plain text without a terminal', () => {
    const rec = rp([
      'run',
      BASEMENT,
      '--steps',
      `${import.meta.dirname}/helpers/best.yaml`,
      '--record',
      '--db',
      tmp.db,
      '--lang',
      'en',
    ]);
    const out = rp(['review', idOf(rec.stderr).slice(0, 6), '--db', tmp.db, '--lang', 'en']).stdout;
    expect(out).toContain('Session review');
    expect(out).toContain('Step 2 of 4 · permit');
    expect(out).toContain('▶ call-noc');
    expect(out).toContain('This was the best option here.');
  });

  it('says what is wrong in one line: unknown session, bad database, no records', () => {
    const none = rp(['review', '--db', tmp.db, '--lang', 'en']);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/^roleplay: there are no recorded sessions in .* yet\n$/);
    const unknown = rp(['review', 'abcdef12', '--db', tmp.db, '--lang', 'en']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^roleplay: no session 'abcdef12'/);
    const bad = rp(['sessions', '--db', BASEMENT]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a --db in a folder that does not exist', { timeout: 60_000 }, () => {
  it('is refused in one line, without making folders (and without hanging under /proc)', () => {
    for (const db of [`${tmp.dir}/missing/sub/x.db`, '/proc/roleplay-nope/x.db']) {
      const r = rp(['sessions', '--db', db, '--lang', 'en']);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(
        /^roleplay: the folder .* does not exist; create it first, or choose another file with --db\n$/,
      );
      const zh = rp(['sessions', '--db', db, '--lang', 'zh']);
      expect(zh.stderr).toMatch(/^roleplay: 文件夹 .* 不存在；请先创建它，或用 --db 换一个文件\n$/);
    }
  });
});
