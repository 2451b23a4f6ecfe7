/**
 * `roleplay verify`: walks every session's chain and names the first break. Works on any
 * store through the SessionStore interface; the hashing rules are in chain.ts.
 */
import { eventHash, genesisHash, sealHash } from './chain.js';
import type { SessionRow, SessionStore, StoredEvent, VerifyResult } from './store.js';

export interface ChainBreak {
  /** the event at which the chain breaks; null when it is the session row itself */
  readonly seq: number | null;
  readonly problem: string;
}

/** The first break in one session's chain, or undefined when it is intact. */
export function checkChain(session: SessionRow, events: readonly StoredEvent[]): ChainBreak | undefined {
  let prev = genesisHash(session);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const expected = i + 1;
    if (e.seq !== expected) {
      return { seq: expected, problem: `event ${expected} is missing: it was deleted (the next stored event is ${e.seq})` };
    }
    if (e.prevHash !== prev) {
      return i === 0
        ? { seq: 1, problem: "the session's details (trainee, scenario, start time…) were altered, or event 1 was replaced" }
        : { seq: expected, problem: `event ${expected} does not follow event ${i}: events were reordered, or one was deleted or replaced` };
    }
    if (eventHash(e.prevHash, e) !== e.hash) {
      return { seq: expected, problem: `event ${expected} was altered: its content no longer matches its hash` };
    }
    prev = e.hash;
  }
  if (session.headHash !== prev || session.eventCount !== events.length) {
    if (session.eventCount > events.length) {
      return { seq: events.length + 1, problem: `event ${events.length + 1} is missing: the session recorded ${session.eventCount} events, ${events.length} remain` };
    }
    return events.length === 0
      ? { seq: null, problem: "the session's details (trainee, scenario, start time…) were altered" }
      : { seq: events.length, problem: `event ${events.length} does not match the session's last recorded hash: it was altered or events were removed` };
  }
  if (session.result) {
    if (session.seal === undefined || sealHash(session.headHash, session.result) !== session.seal) {
      return { seq: null, problem: "the session's result (score, outcome, ending or lesson points) was altered" };
    }
  } else if (session.seal !== undefined) {
    return { seq: null, problem: "the session's result was removed" };
  }
  return undefined;
}

export async function verifyStore(store: SessionStore): Promise<VerifyResult> {
  let sessions = 0;
  let eventCount = 0;
  let broken: VerifyResult | undefined;
  // eachSession cannot be stopped early; after the first break it only counts.
  await store.eachSession({}, (session, events) => {
    sessions++;
    eventCount += events.length;
    if (broken) return;
    const b = checkChain(session, events);
    if (b) broken = { ok: false, sessionId: session.id, seq: b.seq, problem: b.problem, sessions };
  });
  return broken ?? { ok: true, sessions, events: eventCount };
}
