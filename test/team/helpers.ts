/** Running the built CLI for the team tests, with a throw-away HOME (the offline copy lives there). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventHash, genesisHash, sealHash } from '../../src/store/chain.js';
import type { SessionResult, StoredEvent } from '../../src/store/store.js';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { PgTestServer } from '../pg/pg-server.js';
import { runCli, runCliAsync } from '../run-cli.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'roleplay.js');

/** The project's own case that uses every feature of the format (see its header comment). */
export const BASEMENT = join(ROOT, 'test', 'fixtures', 'ui', 'basement-alarm.yaml');

export function tempHome(): { home: string; done: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'roleplay-team-'));
  return { home, done: () => rmSync(home, { recursive: true, force: true }) };
}

export type { Ran } from '../run-cli.js';

/** The binary (test/run-cli.ts); `env` is added to the clean environment (a HOME of its own, mostly). */
export function rp(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return runCli(args, { env });
}

/** For tests that serve something (an LRS) from this process: the event loop must keep running. */
export function rpAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return runCliAsync(args, { env });
}

/**
 * The lines of a jsonl export with the first session's trainee changed and its chain
 * recomputed to match: a file sound on its own, that disagrees with any store holding the
 * original (a merge conflict, not tampering).
 */
export function withOtherTrainee(
  lines: readonly string[],
  trainee: string,
): { lines: string[]; sessionLine: number; sessionId: string } {
  const sessionLine = lines.findIndex((l) => l.includes('"type":"session"'));
  const { ledger: _sendersEntries, ...stored } = JSON.parse(lines[sessionLine]!) as Parameters<
    typeof genesisHash
  >[0] & { result: SessionResult | null; ledger?: unknown };
  // the sender's ledger entries hash over the original header: a forger leaves them out
  const header = { ...stored, trainee };
  let prev = genesisHash(header);
  const out = lines.map((l, i) => {
    if (i <= sessionLine) return l;
    const event = JSON.parse(l) as StoredEvent & { type: string };
    if (event.type !== 'event' || event.sessionId !== header.id) return l;
    const hash = eventHash(prev, event);
    const line = JSON.stringify({ ...event, prevHash: prev, hash });
    prev = hash;
    return line;
  });
  out[sessionLine] = JSON.stringify({
    ...header,
    headHash: prev,
    ...(header.result ? { seal: sealHash(prev, header.result) } : {}),
  });
  return { lines: out, sessionLine, sessionId: header.id };
}

/**
 * For a describe block that stops and starts a real PostgreSQL: the server (started once),
 * restarted after a test that left it stopped, so one failure does not take the next tests
 * down with it; and laptops (HOME folders) that are removed at the end.
 */
export function useTeamServer(): { readonly server: PgTestServer; laptop(): string } {
  const homes: (() => void)[] = [];
  let server: PgTestServer | undefined;
  beforeAll(async () => {
    server = await PgTestServer.start();
  }, 120_000);
  afterEach(async () => {
    if (server && !server.isRunning) await server.restart();
  });
  afterAll(async () => {
    await server?.destroy();
    for (const done of homes) done();
  });
  return {
    get server() {
      if (!server) throw new Error('the PostgreSQL test server has not started');
      return server;
    },
    laptop() {
      const t = tempHome();
      homes.push(t.done);
      return t.home;
    },
  };
}
