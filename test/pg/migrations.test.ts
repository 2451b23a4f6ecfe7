/**
 * PostgreSQL migrations: a database at schema 1 with sessions in it is brought to the latest
 * schema on first use (once, even when several clients open it at the same moment), and the
 * report reads the migrated data the same as freshly written data.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from '../../src/store/pg/migrations.js';
import { openPgStore } from '../../src/store/pg/pg-store.js';
import { bundleOf, reportFixture, SOURCE_A, SOURCE_B } from '../store-shared/fixtures.js';
import { PgTestServer, postgresSkipReason } from './pg-server.js';

const skip = postgresSkipReason();

describe.skipIf(skip !== undefined)('PostgreSQL migrations', { timeout: 120_000 }, () => {
  let server: PgTestServer;
  beforeAll(async () => {
    server = await PgTestServer.start();
  }, 120_000);
  afterAll(async () => {
    await server?.destroy();
  });

  it('a schema-1 database with sessions is migrated on first use, once, and reports as if written now', async () => {
    // The expected report: the same sessions merged into a database created at the latest schema.
    const fresh = await openPgStore(await server.createDatabase('fresh'));
    const bundles = reportFixture().map((s) => bundleOf(s, s.header.scenarioId === 'alpha' ? SOURCE_A : SOURCE_B));
    await fresh.merge(bundles);
    const expected = await fresh.report();
    await fresh.close();

    // The same sessions written by a client that knew only schema 1: plain inserts.
    const url = await server.createDatabase('old');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      'CREATE TABLE roleplay_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    await client.query(PG_MIGRATIONS[0]!.sql);
    await client.query("INSERT INTO roleplay_migrations (version, name) VALUES (1, 'v1')");
    for (const src of [SOURCE_A, SOURCE_B]) {
      await client.query(
        'INSERT INTO scenario_sources (hash, scenario_id, file, source, catalog) VALUES ($1, $2, $3, $4, $5)',
        [src.hash, src.scenarioId, src.file, src.source, '{"lessons":{}}'],
      );
    }
    for (const b of bundles) {
      const r = b.result;
      const {
        rows: [row],
      } = await client.query<{ sid: string }>(
        `INSERT INTO sessions (id, trainee, scenario_id, scenario_hash, lang, mode, started_at, finished_at, outcome, ending, total, max, percent, passed, event_count, head_hash, seal)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING sid`,
        [
          b.header.id,
          b.header.trainee,
          b.header.scenarioId,
          b.header.scenarioHash,
          b.header.lang,
          b.header.mode,
          b.header.startedAt,
          r?.finishedAt ?? null,
          r?.outcome ?? null,
          r?.ending ?? null,
          r?.total ?? null,
          r?.max ?? null,
          r?.percent ?? null,
          r?.passed ?? null,
          b.events.length,
          b.events.at(-1)!.hash,
          b.seal ?? null,
        ],
      );
      for (const e of b.events) {
        const way =
          e.action.kind === 'choice'
            ? e.action.choice
            : e.action.kind === 'say'
              ? `rule ${e.action.rule + 1}`
              : e.action.kind === 'timeout'
                ? 'timeout'
                : `when ${e.action.branch + 1}`;
        await client.query(
          `INSERT INTO events (sid, seq, at, node, kind, way, text, idx, shown, decision_ms, points, meters, feedback, goto, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
          [
            row!.sid,
            e.seq,
            e.at,
            e.node,
            e.action.kind,
            way,
            e.action.kind === 'say' ? e.action.text : null,
            e.action.kind === 'say' ? e.action.rule : e.action.kind === 'auto' ? e.action.branch : null,
            JSON.stringify(e.shown),
            e.decisionMs,
            JSON.stringify(e.points),
            JSON.stringify(e.meters),
            e.feedback,
            e.goto,
            e.prevHash,
            e.hash,
          ],
        );
      }
      for (const [lesson, l] of Object.entries(r?.lessons ?? {})) {
        await client.query('INSERT INTO session_lessons (sid, lesson, points, max) VALUES ($1, $2, $3, $4)', [
          row!.sid,
          lesson,
          l.points,
          l.max,
        ]);
      }
    }

    // Three clients open it at once: one migrates, the others wait and find it done.
    const stores = await Promise.all([1, 2, 3].map(() => openPgStore(url)));
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM roleplay_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    expect(rows.at(-1)!.version).toBe(PG_SCHEMA_VERSION);
    const { rows: missing } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events WHERE scenario_id IS NULL',
    );
    expect(missing[0]!.n).toBe(0);
    expect(await stores[0]!.report()).toEqual(expected);
    expect((await stores[1]!.report({ scenario: 'alpha' })).scenarios).toEqual(
      expected.scenarios.filter((s) => s.id === 'alpha'),
    );
    await Promise.all(stores.map((s) => s.close()));

    // A database from a newer roleplay is refused, not misread.
    await client.query("INSERT INTO roleplay_migrations (version, name) VALUES (999, 'future')");
    await expect(openPgStore(url)).rejects.toThrow(
      `the team database was set up by a newer roleplay (schema 999; this one knows up to ${PG_SCHEMA_VERSION}); update roleplay to use it`,
    );
    await client.end();
  });
});
