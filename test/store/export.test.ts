/** export: JSON lines of every session and event; xAPI 1.0.3 statements a learning record store accepts. */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { isoDuration, statementId } from '../../src/report/export.js';
import { record, rp, tempDir } from './helpers.js';

// The validator is CommonJS and exports `default`.
const validate = (
  createRequire(import.meta.url)('@learninglocker/xapi-validation') as { default: (s: unknown) => unknown[] }
).default;

let tmp: ReturnType<typeof tempDir>;
let ids: string[];

beforeAll(async () => {
  tmp = tempDir();
  const store: SqliteStore = openSqliteStore(tmp.db);
  ids = [
    await record(store, {
      trainee: '张工',
      steps: [{ say: '讯达电源' }, 'show-permit'],
      mode: 'practice',
      decisionMs: [5300, 61_500],
    }),
    await record(store, { trainee: 'bob', steps: [{ say: '快点' }], startedAt: '2026-01-02T08:00:00Z' }),
    await record(store, {
      trainee: 'carol',
      steps: [{ say: 'hello' }, { wait: true }],
      startedAt: '2026-01-03T08:00:00Z',
    }),
  ];
  await store.close();
});
afterAll(() => tmp.done());

describe('export --format jsonl', { timeout: 60_000 }, () => {
  it('prints one line per session and per event', () => {
    const r = rp(['export', '--db', tmp.db]);
    expect(r.status).toBe(0);
    const all = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // the scenario source travels once, ahead of its first session (for `roleplay import`)
    expect(all.filter((l) => l.type === 'source')).toHaveLength(1);
    const lines = all.filter((l) => l.type !== 'source');
    expect(lines.filter((l) => l.type === 'session').map((l) => l.id)).toEqual(ids);
    // 张工: 2 steps to repaired; bob: rule 3 + automatic goodwill check; carol: hello, timeout (unfinished)
    expect(lines.filter((l) => l.type === 'event')).toHaveLength(2 + 2 + 2);
    expect(lines[0]).toMatchObject({ type: 'session', trainee: '张工', result: { percent: 71, passed: true } });
    expect(lines[1]).toMatchObject({
      type: 'event',
      sessionId: ids[0],
      seq: 1,
      action: { kind: 'say', text: '讯达电源' },
      decisionMs: 5300,
    });
    expect(lines.find((l) => l.sessionId === ids[2] && l.seq === 2)).toMatchObject({
      action: { kind: 'timeout' },
      node: 'permit',
    });
  });

  it('writes to a file with --output and filters like the report', async () => {
    const file = `${tmp.dir}/out.jsonl`;
    expect(rp(['export', '--db', tmp.db, '--trainee', 'bob', '-o', file]).status).toBe(0);
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.type !== 'source');
    expect(new Set(lines.map((l) => l.sessionId ?? l.id))).toEqual(new Set([ids[1]]));
  });
});

describe('export --format xapi', { timeout: 60_000 }, () => {
  it('gives valid xAPI 1.0.3 statements: attempted, answered per decision, passed or failed', () => {
    const r = rp(['export', '--format', 'xapi', '--db', tmp.db]);
    expect(r.status).toBe(0);
    const statements = JSON.parse(r.stdout) as Record<string, any>[];
    for (const st of statements) expect(validate(st), JSON.stringify(st)).toEqual([]);
    const verbs = statements.map((s) => `${s.context.registration.slice(0, 8)} ${s.verb.id.split('/').pop()}`);
    expect(verbs).toEqual([
      `${ids[0]!.slice(0, 8)} attempted`,
      `${ids[0]!.slice(0, 8)} answered`,
      `${ids[0]!.slice(0, 8)} answered`,
      `${ids[0]!.slice(0, 8)} passed`,
      `${ids[1]!.slice(0, 8)} attempted`,
      `${ids[1]!.slice(0, 8)} answered`,
      `${ids[1]!.slice(0, 8)} failed`,
      `${ids[2]!.slice(0, 8)} attempted`,
      `${ids[2]!.slice(0, 8)} answered`,
      `${ids[2]!.slice(0, 8)} answered`,
    ]);
    const passed = statements[3]!;
    expect(passed.actor).toMatchObject({ name: '张工', account: { name: '张工' } });
    expect(passed.result).toMatchObject({
      score: { scaled: 0.71, raw: 5, min: 0, max: 7 },
      success: true,
      completion: true,
    });
    const failed = statements[6]!;
    expect(failed.result.score).toMatchObject({ scaled: 0, raw: 0, min: 0, max: 7 }); // total −3 kept in an extension
    expect(statements[2]!.result).toMatchObject({ response: 'show-permit', duration: 'PT1M1.5S' });
    expect(statements[2]!.object.definition.choices.map((c: { id: string }) => c.id)).toEqual([
      'show-permit',
      'call-noc',
      'argue',
    ]);
    expect(statements[9]!.result.response).toBe('timeout');
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
    // the same export gives the same ids, so a store can drop duplicates
    expect(
      JSON.parse(rp(['export', '--format', 'xapi', '--db', tmp.db]).stdout).map((s: { id: string }) => s.id),
    ).toEqual(statements.map((s) => s.id));
  });

  it('the validator does reject a broken statement (so the test above means something)', () => {
    expect(
      validate({ actor: { name: 'x' }, verb: { id: 'not an iri' }, object: { id: 'also not' } }).length,
    ).toBeGreaterThan(0);
  });

  it('derives UUIDs and durations in the formats xAPI asks for', () => {
    expect(statementId('a', 1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(3_723_450)).toBe('PT1H2M3.45S');
  });
});
