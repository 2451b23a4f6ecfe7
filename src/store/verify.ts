/**
 * `roleplay verify`: walks every session's chain and names the first break. Works on any
 * store through the SessionStore interface; the hashing rules are in chain.ts.
 *
 * A break is data (what broke, where), not a sentence: `verify` prints it in the reader's
 * language, `verify --json` gives tools its stable `code` and the English `problem`, and
 * `import` names it at the line of the file it came from.
 */
import type { Scenario } from '../core/index.js';
import type { ChainBreak, ChainProblemCode, LinkBreak } from './breaks.js';
import { eventHash, genesisHash, sealHash } from './chain.js';
import { derivationBreak } from './derivation.js';
import { walkLedger, type SessionFacts } from './ledger.js';
import { originBreak } from './origins.js';
import { scenarioFromSource, sourceIntact } from './scenario-source.js';
import type { SessionId, SessionRow, SessionStore, StoredEvent } from './store.js';
import { chainProblem } from './verify-messages.js';

export type { ChainBreak, ChainProblemCode, LinkBreak } from './breaks.js';
export { chainProblem } from './verify-messages.js';

/** The first break in one session's chain, or undefined when it is intact. */
export function checkChain(session: SessionRow, events: readonly StoredEvent[]): LinkBreak | undefined {
  let prev = genesisHash(session);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const expected = i + 1;
    if (e.seq !== expected) return { code: 'event-missing', seq: expected, nextStored: e.seq };
    if (e.prevHash !== prev)
      return i === 0 ? { code: 'details-altered', seq: 1 } : { code: 'events-reordered', seq: expected };
    if (eventHash(e.prevHash, e) !== e.hash) return { code: 'event-altered', seq: expected };
    prev = e.hash;
  }
  if (session.headHash !== prev || session.eventCount !== events.length) {
    if (session.eventCount > events.length) {
      return { code: 'events-cut', seq: events.length + 1, recorded: session.eventCount, remaining: events.length };
    }
    return events.length === 0 ? { code: 'details-altered', seq: null } : { code: 'head-mismatch', seq: events.length };
  }
  if (session.result) {
    if (session.seal === undefined || sealHash(session.headHash, session.result) !== session.seal)
      return { code: 'result-altered', seq: null };
  } else if (session.seal !== undefined) {
    return { code: 'result-removed', seq: null };
  }
  return undefined;
}

/**
 * What `verify` found. This is also the shape of `verify --json`: `code` is stable for tools,
 * `problem` is the English sentence it always was (docs/records.md).
 */
export type VerifyResult =
  | {
      readonly ok: true;
      readonly sessions: number;
      readonly events: number;
      /** the store's ledger: how many entries, and the hash of the last (keep it elsewhere to catch a rewrite) */
      readonly ledger: { readonly entries: number; readonly head: string | null };
    }
  | {
      readonly ok: false;
      /** null when no session can be named (an entry missing from the ledger) */
      readonly sessionId: SessionId | null;
      readonly seq: number | null;
      readonly code: ChainProblemCode;
      readonly problem: string;
      /** sessions checked, in ledger order, up to and including the one that broke */
      readonly sessions: number;
      /** the ledger entry at which it breaks, when the ledger says where */
      readonly entry: number | null;
      /** the break itself, to say it in another language; not part of the JSON */
      readonly broken: ChainBreak;
    };

/** What is known of each stored scenario, looked up once per content hash. */
type ScenarioFacts =
  | { readonly kind: 'missing' }
  | { readonly kind: 'altered'; readonly scenarioId: string }
  /** intact, but this roleplay no longer loads it (a stricter version): its steps are not re-derived */
  | { readonly kind: 'unloadable' }
  | { readonly kind: 'loaded'; readonly scenario: Scenario };

export class ScenarioLookup {
  private readonly known = new Map<string, Promise<ScenarioFacts>>();

  constructor(private readonly store: SessionStore) {}

  of(hash: string): Promise<ScenarioFacts> {
    let facts = this.known.get(hash);
    if (!facts) this.known.set(hash, (facts = this.lookUp(hash)));
    return facts;
  }

  private async lookUp(hash: string): Promise<ScenarioFacts> {
    const stored = await this.store.loadSource(hash);
    if (!stored || stored.hash !== hash) return { kind: 'missing' };
    if (!sourceIntact(stored)) return { kind: 'altered', scenarioId: stored.scenarioId };
    const scenario = scenarioFromSource(stored);
    return scenario ? { kind: 'loaded', scenario } : { kind: 'unloadable' };
  }
}

/** Everything a session's result depends on: its chain, its stored scenario, and what they give. */
export function sessionBreak(
  session: SessionRow,
  events: readonly StoredEvent[],
  facts: ScenarioFacts,
): ChainBreak | undefined {
  const link = checkChain(session, events);
  if (link) return link;
  switch (facts.kind) {
    case 'missing':
      return { code: 'scenario-missing', seq: null, scenarioHash: session.scenarioHash };
    case 'altered':
      return { code: 'scenario-altered', seq: null, scenarioId: facts.scenarioId };
    case 'unloadable':
      return undefined;
    case 'loaded':
      return derivationBreak(facts.scenario, session, events);
  }
}

/** What each session's own checks found: the first break per session, and what the ledger checks need. */
interface SessionsChecked {
  readonly facts: Map<string, SessionFacts>;
  readonly breaks: Map<string, ChainBreak>;
  readonly events: number;
}

async function checkSessions(store: SessionStore): Promise<SessionsChecked> {
  const scenarios = new ScenarioLookup(store);
  const facts = new Map<string, SessionFacts>();
  const breaks = new Map<string, ChainBreak>();
  let events = 0;
  await store.eachSession({}, async (session, list) => {
    events += list.length;
    facts.set(session.id, {
      trainee: session.trainee,
      genesis: genesisHash(session),
      ...(session.result && session.seal !== undefined ? { seal: session.seal } : {}),
    });
    const b = sessionBreak(session, list, await scenarios.of(session.scenarioHash));
    if (b) breaks.set(session.id, b);
  });
  return { facts, breaks, events };
}

function failed(b: ChainBreak, sessionId: string | null, sessions: number, entry: number | null): VerifyResult {
  return { ok: false, sessionId, seq: b.seq, code: b.code, problem: chainProblem(b, 'en'), sessions, entry, broken: b };
}

/**
 * Everything a result depends on: the database itself, each session (its chain, its stored
 * scenario, what they give), the store's ledger (nothing deleted, reordered, re-inserted or
 * reopened) and other stores' entries kept here. The first break is named in ledger order.
 */
export async function verifyStore(given: SessionStore): Promise<VerifyResult> {
  // a team store answers with its server, or throws: the local copy is not the team's record
  const store = given.verifiable ? await given.verifiable() : given;
  await store.checkIntegrity?.();
  const { facts, breaks, events } = await checkSessions(store);
  const entries = await store.ledger();
  let walked = 0;
  let first: VerifyResult | undefined;
  const outcome = walkLedger(entries, await store.storeId(), facts, (id, entry) => {
    walked++;
    const b = breaks.get(id);
    if (b) first = failed(b, id, walked, entry);
    return first !== undefined;
  });
  if (first) return first;
  if (outcome && outcome !== 'stopped') {
    const sessions = outcome.entry === null ? facts.size : walked + (outcome.code === 'session-missing' ? 1 : 0);
    return failed(outcome, 'sessionId' in outcome ? outcome.sessionId : null, sessions, outcome.entry);
  }
  const origin = originBreak(await store.originLedger(), (id) => facts.get(id)?.trainee);
  if (origin) return failed(origin, origin.sessionId, facts.size, origin.entry);
  const head = entries[entries.length - 1]?.hash ?? null;
  return { ok: true, sessions: facts.size, events, ledger: { entries: entries.length, head } };
}

/** `verify --json`: the result without the break object; tools read `code` (stable) and `problem` (English, as always). */
export function verifyJson(
  result: VerifyResult,
): Omit<Extract<VerifyResult, { ok: false }>, 'broken'> | Extract<VerifyResult, { ok: true }> {
  if (result.ok) return result;
  const { broken: _broken, ...json } = result;
  return json;
}
