/**
 * `roleplay export --format xapi --lrs URL --auth USER:PASS` against a local learning record
 * store that validates every statement (@learninglocker/xapi-validation) and checks the
 * version header and credentials.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeLrs } from './fake-lrs.js';
import { BASEMENT, rp, rpAsync, tempHome } from './helpers.js';

const tmp = tempHome();
const db = join(tmp.home, 'records.db');
let expected: { id: string }[];

beforeAll(() => {
  const plays = [
    '- say: 您好 我是讯达的 来修电源\n- show-permit\n',
    '- say: 您好\n- call-noc\n- wait-calmly\n',
    '- say: 您好\n- call-noc\n',
  ];
  plays.forEach((text, i) => {
    const steps = join(tmp.home, `s${i}.yaml`);
    writeFileSync(steps, text);
    rp(['run', BASEMENT, '--steps', steps, '--record', '--trainee', `t${i}`], { ROLEPLAY_DB: db });
  });
  expected = JSON.parse(rp(['export', '--format', 'xapi'], { ROLEPLAY_DB: db }).stdout) as { id: string }[];
}, 120_000);
afterAll(() => tmp.done());

describe('export to a learning record store', { timeout: 120_000 }, () => {
  let lrs: FakeLrs;
  beforeEach(async () => {
    lrs = await FakeLrs.start({ user: 'key', password: 'secret' });
  });
  afterEach(async () => {
    await lrs.close();
  });

  it('posts every statement in batches with the version header; the LRS finds them all valid; sending twice stores nothing twice', async () => {
    expect(expected.length).toBeGreaterThan(5);
    const first = await rpAsync(
      ['export', '--format', 'xapi', '--lrs', lrs.endpoint, '--auth', 'key:secret', '--batch', '4', '--lang', 'en'],
      { ROLEPLAY_DB: db },
    );
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(
      `sent ${expected.length} xAPI statement(s) from 3 session(s) to ${new URL(lrs.endpoint).host}; sending again is harmless (statement ids are stable)\n`,
    );
    expect(lrs.invalid).toEqual([]);
    expect([...lrs.stored.keys()].sort()).toEqual(expected.map((s) => s.id).sort());
    expect(lrs.requests.every((r) => r.version === '1.0.3' && r.method === 'POST' && r.count <= 4)).toBe(true);
    expect(lrs.requests).toHaveLength(Math.ceil(expected.length / 4));

    // --format left out: --lrs means xAPI. Credentials from the environment.
    const second = await rpAsync(['export', '--lrs', lrs.endpoint], {
      ROLEPLAY_DB: db,
      ROLEPLAY_LRS_AUTH: 'key:secret',
    });
    expect(second.status).toBe(0);
    expect(lrs.stored.size).toBe(expected.length);
  });

  it('rides out a failing LRS (503, a dropped connection) with retries', async () => {
    lrs.failNext.push('503', 'drop');
    const r = await rpAsync(['export', '--format', 'xapi', '--lrs', lrs.endpoint, '--auth', 'key:secret'], {
      ROLEPLAY_DB: db,
    });
    expect(r.status).toBe(0);
    expect(lrs.stored.size).toBe(expected.length);
    expect(lrs.requests.map((q) => q.status).slice(0, 3)).toEqual([503, 0, 200]);
  });

  it('says in one line what went wrong: credentials, address, options', async () => {
    const denied = await rpAsync(['export', '--lrs', lrs.endpoint, '--auth', 'key:wrong', '--lang', 'en'], {
      ROLEPLAY_DB: db,
    });
    expect(denied.status).toBe(1);
    expect(denied.stderr).toBe(
      'roleplay: the learning record store refused the credentials (401); check --auth USER:PASS; 0 statement(s) were sent before this (sending again is safe: the LRS keeps one copy of each)\n',
    );
    expect(lrs.stored.size).toBe(0);

    const jsonl = await rpAsync(['export', '--format', 'jsonl', '--lrs', lrs.endpoint, '--lang', 'en'], {
      ROLEPLAY_DB: db,
    });
    expect(jsonl).toMatchObject({
      status: 2,
      stderr: 'roleplay: --lrs sends xAPI statements: use it with --format xapi (or leave --format out)\n',
    });
    const notUrl = await rpAsync(['export', '--lrs', 'lrs.example.com', '--lang', 'en'], { ROLEPLAY_DB: db });
    expect(notUrl.status).toBe(2);
    expect(notUrl.stderr).toMatch(/'lrs\.example\.com' is not a URL/);
    const authAlone = await rpAsync(['export', '--auth', 'a:b', '--lang', 'en'], { ROLEPLAY_DB: db });
    expect(authAlone).toMatchObject({ status: 2, stderr: 'roleplay: --auth and --batch go with --lrs URL\n' });
    const badAuth = await rpAsync(['export', '--lrs', lrs.endpoint, '--auth', 'nocolon', '--lang', 'en'], {
      ROLEPLAY_DB: db,
    });
    expect(badAuth.status).toBe(2);
    expect(badAuth.stderr).toMatch(/--auth expects USER:PASS/);
  });

  it('says it in Chinese with --lang zh: the same exit codes, ids and options verbatim', async () => {
    const denied = await rpAsync(['export', '--lrs', lrs.endpoint, '--auth', 'key:wrong', '--lang', 'zh'], {
      ROLEPLAY_DB: db,
    });
    expect(denied).toMatchObject({
      status: 1,
      stderr:
        'roleplay: 学习记录库拒绝了这组凭据（401）；请检查 --auth USER:PASS；此前已发送 0 条记录（重新发送是安全的：学习记录库每条记录只保留一份）\n',
    });
    const notUrl = await rpAsync(['export', '--lrs', 'lrs.example.com', '--lang', 'zh'], { ROLEPLAY_DB: db });
    expect(notUrl).toMatchObject({
      status: 2,
      stderr: "roleplay: 'lrs.example.com' 不是网址；请给出学习记录库的地址，例如 https://lrs.example.com/xAPI\n",
    });
    const badAuth = await rpAsync(['export', '--lrs', lrs.endpoint, '--auth', 'nocolon', '--lang', 'zh'], {
      ROLEPLAY_DB: db,
    });
    expect(badAuth).toMatchObject({
      status: 2,
      stderr: 'roleplay: --auth 的格式是 USER:PASS（学习记录库的 key 和 secret）\n',
    });
    expect(lrs.stored.size).toBe(0);
  });
});
