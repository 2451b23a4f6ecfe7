/**
 * A hostile export file (issue 18, item 7): every export carries a format version, and a newer
 * one is refused in one line; imports hold fields to the limits of live play (a 10 MB trainee
 * name, a start time that is not a date); a file whose chains were recomputed by hand around an
 * impossible result (62 of a maximum of 14, a choice the scenario does not have, a percent of
 * -1e308) is refused before reports can average it in; and a file that disagrees with the
 * database names the first step that differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash, genesisHash, sealHash } from '../../src/store/chain.js';
import type { SessionResult, StoredEvent } from '../../src/store/store.js';
import { rp, tempDir } from '../faults/helpers.js';

const PASS = 'listen,lower,empathize,leave-now,call-back,report';
const FAIL = 'defend,raise';

const tmp = tempDir();
const laptop = join(tmp.dir, 'laptop.db');
const exported = join(tmp.dir, 'export.jsonl');
let lines: string[];
let n = 0;

beforeAll(() => {
  for (const choices of [PASS, FAIL])
    expect(rp(['run', 'angry-customer', '--choices', choices, '--record', '--db', laptop]).status).toBe(0);
  expect(rp(['export', '--db', laptop, '-o', exported]).status).toBe(0);
  lines = readFileSync(exported, 'utf8').split('\n').filter(Boolean);
}, 120_000);
afterAll(() => tmp.done());

type Json = Record<string, unknown>;
const parsed = () => lines.map((l) => JSON.parse(l) as Json);
const sessionIndex = (which: number) => parsed().flatMap((l, i) => (l.type === 'session' ? [i] : []))[which]!;

/** Writes these lines as a file and imports it into a new database; returns the result and the database. */
function importing(list: readonly (Json | string)[]) {
  const file = join(tmp.dir, `file-${++n}.jsonl`);
  const db = join(tmp.dir, `target-${n}.db`);
  writeFileSync(file, `${list.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return { ...rp(['import', file, '--db', db]), file, db };
}

function expectRefused(r: ReturnType<typeof importing>, line: number, pattern: RegExp) {
  expect(r.status, r.stdout).toBe(1);
  const out = r.stderr.trim().split('\n');
  expect(out, r.stderr).toHaveLength(1);
  expect(out[0]).toMatch(new RegExp(`^roleplay: ${r.file.replace(/[.]/g, '\\.')}:${line}: `));
  expect(out[0]).toMatch(pattern);
  expect(out[0]).toMatch(/nothing was imported$/);
  expect(JSON.parse(rp(['sessions', '--json', '--db', r.db]).stdout).sessions).toEqual([]);
}

/**
 * Session `which` edited, and its chain, head and seal recomputed to match, as a forger with
 * this project's source would (its ledger entries left out: an import does not need them).
 */
function forged(which: number, edit: (session: Json, events: StoredEvent[]) => void): Json[] {
  const all = parsed();
  const at = sessionIndex(which);
  const session = { ...all[at]! };
  delete session.ledger;
  const events = all.filter((l) => l.type === 'event' && l.sessionId === session.id) as unknown as StoredEvent[];
  edit(session, events);
  let prev = genesisHash(session as never);
  const rechained = events.map((e) => {
    const hash = eventHash(prev, e);
    const out = { ...e, prevHash: prev, hash };
    prev = hash;
    return out;
  });
  const result = session.result as SessionResult | null;
  const out = all.filter((l) => !(l.type === 'event' && l.sessionId === session.id));
  out[at] = {
    ...session,
    eventCount: rechained.length,
    headHash: prev,
    ...(result ? { seal: sealHash(prev, result) } : {}),
  };
  out.splice(at + 1, 0, ...(rechained as unknown as Json[]));
  return out;
}

describe('the export format', { timeout: 120_000 }, () => {
  it('has a version: a header line first in jsonl, an extension on every xAPI statement', () => {
    expect(parsed()[0]).toEqual({ type: 'export', format: 'roleplay-sessions', version: 2 });
    for (const i of [sessionIndex(0), sessionIndex(1)])
      expect(parsed()[i]).toMatchObject({ ledger: { store: expect.any(String), entries: expect.any(Array) } });
    const xapi = JSON.parse(rp(['export', '--format', 'xapi', '--db', laptop]).stdout) as {
      context: { extensions: Json };
    }[];
    expect(xapi.length).toBeGreaterThan(4);
    for (const st of xapi) expect(st.context.extensions['https://roleplay.example/extensions/format']).toBe(2);
  });

  it('a good file still imports, and an export from before versions (no header) too', () => {
    expect(importing(lines).status).toBe(0);
    expect(importing(lines.slice(1)).status).toBe(0);
  });

  it('a newer version is refused in one line that says to update', () => {
    const newer = importing([{ type: 'export', format: 'roleplay-sessions', version: 3 }, ...lines.slice(1)]);
    expectRefused(newer, 1, /format version 3.*newer roleplay.*reads versions 1 to 2/);
  });

  it('a header naming another format is refused', () => {
    const other = importing([{ type: 'export', format: 'something-else', version: 1 }, ...lines.slice(1)]);
    expectRefused(other, 1, /not a roleplay export/);
  });

  it('a header after the first line (files joined) is refused', () => {
    const late = importing([...lines, lines[0]!]);
    expectRefused(late, lines.length + 1, /header .*first line/);
  });
});

describe('import holds every field to the limits of live play', { timeout: 120_000 }, () => {
  const withSession = (patch: Json) => {
    const all = parsed();
    const at = sessionIndex(0);
    all[at] = { ...all[at]!, ...patch };
    return { list: all, line: at + 1 };
  };

  it('a 10 MB trainee name: the line is over what any export writes', () => {
    const { list, line } = withSession({ trainee: 'x'.repeat(10 * 1024 * 1024) });
    expectRefused(importing(list), line, /longer than 8388608 characters/);
  });

  it('a trainee name longer than live play takes (100 characters)', () => {
    const { list, line } = withSession({ trainee: 'x'.repeat(101) });
    expectRefused(importing(list), line, /'trainee' .*limit \(100\)/);
  });

  it('a start time that is not a date, and one that does not exist', () => {
    for (const startedAt of ['not-a-date', '2026-02-30T08:00:00.000Z']) {
      const { list, line } = withSession({ startedAt });
      expectRefused(importing(list), line, /'startedAt' is not a date and time/);
    }
  });

  const withEvent = (patch: Json) => {
    const all = parsed();
    const e = all.findIndex((l) => l.type === 'event');
    all[e] = { ...all[e]!, ...patch };
    return { list: all, line: e + 1 };
  };

  it('an event with a negative decision time', () => {
    const { list, line } = withEvent({ decisionMs: -5 });
    expectRefused(importing(list), line, /'decisionMs'/);
  });

  it('a typed answer longer than live play takes', () => {
    const { list, line } = withEvent({ action: { kind: 'say', text: 'y'.repeat(20_000), rule: 0 } });
    expectRefused(importing(list), line, /'action.text' .*limit \(10000\)/);
  });

  it('a session id that is not an id', () => {
    const { list, line } = withSession({ id: '../../etc' });
    expectRefused(importing(list), line, /'id'/);
  });

  it('a scenario hash that is not a hash', () => {
    const { list, line } = withSession({ scenarioHash: 'nope' });
    expectRefused(importing(list), line, /'scenarioHash'/);
  });
});

describe('import refuses a result that does not add up, even with every hash recomputed', { timeout: 120_000 }, () => {
  it('62 points of a maximum of 14, percent kept in range', () => {
    const list = forged(1, (s) => {
      s.result = { ...(s.result as Json), total: 62, max: 14, percent: 100, passed: true };
    });
    expectRefused(importing(list), sessionIndex(1) + 1, /result does not follow .*the total is 62, the steps give -4/);
  });

  it('62 points of a maximum of 14 at 443%', () => {
    const over = forged(1, (s) => {
      s.result = { ...(s.result as Json), total: 62, max: 14, percent: 443, passed: true };
    });
    expectRefused(importing(over), sessionIndex(1) + 1, /'result.percent' .*limit \(100\)/);
  });

  it('a percent of -1e308', () => {
    const list = forged(0, (s) => {
      s.result = { ...(s.result as Json), percent: -1e308 };
    });
    expectRefused(importing(list), sessionIndex(0) + 1, /'result.percent'/);
  });

  it('a choice the scenario does not have, named at its line', () => {
    const list = forged(0, (_s, events) => {
      events[1] = { ...events[1]!, action: { kind: 'choice', choice: 'bribe' } };
    });
    const line = list.findIndex((l) => l.type === 'event' && l.seq === 2) + 1;
    expectRefused(
      importing(list),
      line,
      /event 2 takes 'bribe' at 'rant-louder', which the scenario does not have there/,
    );
  });
});

describe('a file that disagrees with the database', { timeout: 120_000 }, () => {
  it('names the first event that differs, not the last one both hold', () => {
    const r = importing(lines);
    expect(r.status).toBe(0);
    // the same session with its first step's time changed, every hash after it recomputed
    const list = forged(0, (_s, events) => {
      events[0] = { ...events[0]!, decisionMs: events[0]!.decisionMs + 1 };
    });
    const file = join(tmp.dir, 'conflict.jsonl');
    writeFileSync(file, `${list.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const again = rp(['import', file, '--db', r.db, '--lang', 'en']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/event 1 differs from the copy already stored/);
  });
});
