/**
 * The offline-first team store in-process, against a real PostgreSQL server: one notice for
 * a whole offline session, imports kept on the laptop while offline, and two laptops that
 * continue the same session differently (the server keeps the first upload; the second
 * laptop is told, and keeps its copy).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgStore } from '../../src/store/pg/pg-store.js';
import { TeamStore } from '../../src/store/sync/team-store.js';
import { postgresSkipReason } from '../pg/pg-server.js';
import { useTeamServer } from './helpers.js';
import { bundleOf, contentOf, record, reportFixture, SOURCE_A, SOURCE_B } from '../store-shared/fixtures.js';

const skip = postgresSkipReason();

describe.skipIf(skip !== undefined)('team store', { timeout: 120_000 }, () => {
  const team = useTeamServer();
  const dir = mkdtempSync(join(tmpdir(), 'roleplay-teamstore-'));
  let n = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const open = (url: string, notices: string[]) =>
    TeamStore.open(url, {
      localPath: join(dir, `laptop-${++n}.db`),
      notice: (l) => notices.push(l),
      connectTimeoutMs: 2_000,
      retryAfterMs: 0,
    });

  it('records a whole session offline with a single notice, then sync uploads it as it was', async () => {
    const url = await team.server.createDatabase('notice');
    const notices: string[] = [];
    const store = await open(url, notices);
    expect(store.online).toBe(true);
    await store.saveSource(SOURCE_A);
    await team.server.stop();
    const [s] = reportFixture();
    await record(store, s!);
    // Offline reads show this laptop's sessions (and wait for the background uploads to fail).
    expect((await store.listSessions()).map((r) => r.id)).toEqual([s!.header.id]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/cannot reach the team server .*connection refused.*working offline/);
    expect(store.waiting).toBe(1);

    await team.server.restart();
    const result = await store.sync();
    expect(result).toMatchObject({ ok: true, sessions: 1 });
    expect(store.waiting).toBe(0);
    await store.close();
    const direct = await openPgStore(url);
    expect(await direct.events(s!.header.id)).toEqual(bundleOf(s!).events);
    await direct.close();
  });

  it('an import while offline is kept on the laptop and uploaded by sync', async () => {
    const url = await team.server.createDatabase('offlineimport');
    const notices: string[] = [];
    const store = await open(url, notices);
    await team.server.stop();
    const bundles = reportFixture().map((s) => bundleOf(s, s.header.scenarioId === 'alpha' ? SOURCE_A : SOURCE_B));
    const outcomes = await store.merge(bundles);
    expect(outcomes.filter((o) => o.created)).toHaveLength(5);
    expect(store.waiting).toBe(5);
    await team.server.restart();
    expect(await store.sync()).toMatchObject({ ok: true, sessions: 5 });
    const report = await store.report();
    expect(report.scenarios.map((s) => [s.id, s.attempts])).toEqual([
      ['alpha', 3],
      ['beta', 1],
    ]);
    await store.close();
  });

  it('two laptops continue one session differently: the server keeps the first, the second is told and keeps its copy', async () => {
    const url = await team.server.createDatabase('twocopies');
    const [s] = reportFixture();
    const aNotices: string[] = [];
    const bNotices: string[] = [];
    const a = await open(url, aNotices);
    await a.saveSource(SOURCE_A);
    await a.startSession(s!.header);
    await a.appendEvent(s!.header.id, contentOf(s!.steps[0]!, 1, s!.header.startedAt));
    await a.listSessions(); // waits for the upload

    const b = await open(url, bNotices);
    // b resumes it: the session is first copied to b's laptop, then continued there.
    await b.appendEvent(s!.header.id, contentOf({ ...s!.steps[1]!, decisionMs: 1 }, 2, s!.header.startedAt));
    await b.listSessions();
    await a.appendEvent(s!.header.id, contentOf(s!.steps[1]!, 2, s!.header.startedAt));
    await a.listSessions();
    expect(aNotices.join('\n')).toMatch(
      /did not take the latest step: session .* event 2 differs from the copy already stored/,
    );
    expect(a.waiting).toBe(1);
    const synced = await a.sync();
    expect(synced).toMatchObject({ ok: false, remaining: 1 });
    // The server kept b's step 2; a's own copy is still on a's laptop.
    const server2 = await openPgStore(url);
    expect((await server2.events(s!.header.id))[1]!.decisionMs).toBe(1);
    await server2.close();
    expect((await a.local.events(s!.header.id))[1]!.decisionMs).toBe(3000);
    expect(bNotices).toEqual([]);
    await a.close();
    await b.close();
  });
});
