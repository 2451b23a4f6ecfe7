/** The LRS client against a local xAPI endpoint that validates every statement and can fail on demand. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LrsError, parseAuth, sendStatements, statementsUrl } from '../../src/store/xapi/lrs.js';
import { FakeLrs } from './fake-lrs.js';

function statement(i: number) {
  return {
    id: `00000000-0000-5000-8000-${String(i).padStart(12, '0')}`,
    actor: { objectType: 'Agent', account: { homePage: 'https://roleplay.invalid/trainees', name: 'zhang' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
    object: { objectType: 'Activity', id: `https://roleplay.invalid/scenarios/basement-alarm/nodes/n${i}` },
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  };
}
const many = (n: number) => Array.from({ length: n }, (_, i) => statement(i));

describe('sending statements to a learning record store', () => {
  let lrs: FakeLrs;
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  beforeEach(async () => {
    lrs = await FakeLrs.start({ user: 'key', password: 'se:cret' });
    waits.length = 0;
  });
  afterEach(async () => {
    await lrs.close();
  });

  it('posts in batches with the version header and Basic auth, and the LRS accepts every statement', async () => {
    const result = await sendStatements(many(23), {
      endpoint: lrs.endpoint,
      auth: parseAuth('key:se:cret'),
      batchSize: 10,
      sleep,
    });
    expect(result).toMatchObject({ sent: 23, batches: 3, retries: 0 });
    expect(lrs.requests.map((r) => [r.method, r.count, r.version, r.status])).toEqual([
      ['POST', 10, '1.0.3', 200],
      ['POST', 10, '1.0.3', 200],
      ['POST', 3, '1.0.3', 200],
    ]);
    expect(lrs.stored.size).toBe(23);
    expect(lrs.invalid).toEqual([]);
  });

  it('sending twice stores nothing twice', async () => {
    const options = { endpoint: lrs.endpoint, auth: parseAuth('key:se:cret'), batchSize: 10, sleep };
    await sendStatements(many(15), options);
    await sendStatements(many(15), options);
    expect(lrs.stored.size).toBe(15);
  });

  it('retries after 503, a dropped connection and 429 (waiting as told), with growing backoff', async () => {
    lrs.failNext.push('503', 'drop', '429');
    const result = await sendStatements(many(5), {
      endpoint: lrs.endpoint,
      auth: parseAuth('key:se:cret'),
      sleep,
      backoffMs: 100,
    });
    expect(result).toMatchObject({ sent: 5, retries: 3 });
    expect(lrs.stored.size).toBe(5);
    expect(waits[0]).toBeGreaterThanOrEqual(100);
    expect(waits[1]).toBeGreaterThanOrEqual(200);
    expect(waits[2]).toBe(2000); // Retry-After: 2
  });

  it('gives up after the last attempt, saying how much was sent and that sending again is safe', async () => {
    const options = { endpoint: lrs.endpoint, auth: parseAuth('key:se:cret'), batchSize: 2, sleep, attempts: 3 };
    lrs.failNext.push(...(['503', '503', '503'] as const));
    await expect(sendStatements(many(4), options)).rejects.toThrow(
      /answered 503 after 3 attempts; 0 of 4 statements were sent \(sending again is safe\)/,
    );
    lrs.requests.length = 0;
    await sendStatements(many(4), options);
    expect(lrs.stored.size).toBe(4);
  });

  it('a batch answered 409 because some ids are known is re-sent one by one, and the new ones get stored', async () => {
    await lrs.close();
    lrs = await FakeLrs.start({ user: 'key', password: 'se:cret', conflictOnKnownIds: true });
    const options = { endpoint: lrs.endpoint, auth: parseAuth('key:se:cret'), batchSize: 10, sleep };
    await sendStatements(many(4), options);
    const result = await sendStatements(many(6), options);
    expect(result.resentOneByOne).toBe(1);
    expect(lrs.stored.size).toBe(6);
    expect(lrs.requests.filter((r) => r.method === 'PUT')).toHaveLength(6);
  });

  it('a different statement under a known id is a conflict, named', async () => {
    const options = { endpoint: lrs.endpoint, auth: parseAuth('key:se:cret'), sleep };
    await sendStatements([statement(1)], options);
    const changed = { ...statement(1), timestamp: '2027-01-01T00:00:00.000Z' };
    await expect(sendStatements([changed], options)).rejects.toThrow(
      `already holds a different statement with id ${changed.id}`,
    );
  });

  it('wrong credentials, a wrong URL and an invalid statement stop at once with one clear line', async () => {
    await expect(
      sendStatements(many(1), { endpoint: lrs.endpoint, auth: parseAuth('key:wrong'), sleep }),
    ).rejects.toThrow('refused the credentials (401); check --auth USER:PASS');
    await expect(
      sendStatements(many(1), {
        endpoint: lrs.endpoint.replace('/xAPI', '/nope'),
        auth: parseAuth('key:se:cret'),
        sleep,
      }),
    ).rejects.toThrow(/no xAPI statements resource at that URL \(404\)/);
    const bad = { ...statement(1), verb: { id: 'not a uri' } };
    await expect(
      sendStatements([bad], { endpoint: lrs.endpoint, auth: parseAuth('key:se:cret'), sleep }),
    ).rejects.toThrow(/rejected the statements \(400\): invalid statement .*verb/);
    expect(lrs.requests.every((r) => r.status !== 503)).toBe(true);
    expect(waits).toEqual([]);
  });

  it('an unreachable LRS is retried, then reported', async () => {
    const endpoint = lrs.endpoint;
    await lrs.close();
    await expect(sendStatements(many(1), { endpoint, sleep, attempts: 2 })).rejects.toThrow(
      /cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\) after 2 attempts/,
    );
    expect(waits).toHaveLength(1);
    lrs = await FakeLrs.start();
  });

  it('every failure carries Chinese as well as English; the reason alone leaves out how far sending got', async () => {
    const zhOf = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(LrsError);
      return e as LrsError;
    };
    lrs.failNext.push('503', '503');
    const gaveUp = await zhOf(
      sendStatements(many(4), {
        endpoint: lrs.endpoint,
        auth: parseAuth('key:se:cret'),
        batchSize: 2,
        sleep,
        attempts: 2,
      }),
    );
    expect(gaveUp.in('zh')).toBe('学习记录库返回了 503，已尝试 2 次；4 条记录中已发送 0 条（重新发送是安全的）');
    expect(gaveUp.in('en')).toBe(gaveUp.message);
    expect(gaveUp.reasonIn('en')).toBe('the LRS answered 503 after 2 attempts');
    expect(gaveUp.progress).toEqual({ sent: 0, total: 4 });

    await sendStatements([statement(1)], { endpoint: lrs.endpoint, auth: parseAuth('key:se:cret'), sleep });
    const changed = { ...statement(1), timestamp: '2027-01-01T00:00:00.000Z' };
    const conflict = await zhOf(
      sendStatements([changed], { endpoint: lrs.endpoint, auth: parseAuth('key:se:cret'), sleep }),
    );
    expect(conflict.reasonIn('zh')).toBe(`学习记录库里已有一条编号为 ${changed.id} 但内容不同的记录（409 Conflict）`);

    const denied = await zhOf(sendStatements(many(1), { endpoint: lrs.endpoint, auth: parseAuth('key:wrong'), sleep }));
    expect(denied.reasonIn('zh')).toBe('学习记录库拒绝了这组凭据（401）；请检查 --auth USER:PASS');
    const nowhere = await zhOf(
      sendStatements(many(1), {
        endpoint: lrs.endpoint.replace('/xAPI', '/nope'),
        auth: parseAuth('key:se:cret'),
        sleep,
      }),
    );
    expect(nowhere.reasonIn('zh')).toMatch(/^这个网址上没有 xAPI statements 资源（404）/);
    const bad = { ...statement(1), verb: { id: 'not a uri' } };
    const rejected = await zhOf(
      sendStatements([bad], { endpoint: lrs.endpoint, auth: parseAuth('key:se:cret'), sleep }),
    );
    expect(rejected.reasonIn('zh')).toMatch(/^学习记录库拒收了这些记录（400）：invalid statement/);

    const closed = lrs.endpoint;
    await lrs.close();
    const unreachable = await zhOf(sendStatements(many(1), { endpoint: closed, sleep, attempts: 1 }));
    expect(unreachable.reasonIn('zh')).toMatch(/^连不上 127\.0\.0\.1:\d+（\w+），已尝试 1 次$/);
    lrs = await FakeLrs.start();

    expect(() => parseAuth('nocolon')).toThrow(expect.objectContaining({ progress: undefined }));
    for (const thrown of [
      () => parseAuth('nocolon'),
      () => statementsUrl('lrs.example.com'),
      () => statementsUrl('ftp://lrs.example.com'),
    ]) {
      try {
        thrown();
        expect.unreachable();
      } catch (e) {
        expect((e as LrsError).in('zh')).toMatch(/[\u4e00-\u9fff]/);
        expect((e as LrsError).in('en')).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('reads --auth and the endpoint forms a user gives', () => {
    expect(parseAuth('a:b:c')).toEqual({ user: 'a', password: 'b:c' });
    expect(() => parseAuth('nocolon')).toThrow(LrsError);
    expect(statementsUrl('https://lrs.example.com/xAPI').href).toBe('https://lrs.example.com/xAPI/statements');
    expect(statementsUrl('https://lrs.example.com/xAPI/').href).toBe('https://lrs.example.com/xAPI/statements');
    expect(statementsUrl('https://lrs.example.com/xAPI/statements').href).toBe(
      'https://lrs.example.com/xAPI/statements',
    );
    expect(() => statementsUrl('lrs.example.com')).toThrow(/not a URL/);
  });
});
