/**
 * The store-wide ledger: an append-only, hash-chained list of what the store has been given to
 * keep, so that nothing vanishes unnoticed (issue 23). A session's own chain proves its steps
 * and result, but a session deleted whole leaves no trace in it, and a result wiped back to
 * "unfinished" leaves none either; the ledger does.
 *
 * Every new session in a store takes the next entry (`session`, over the hash of its header),
 * and every session that finishes takes one more (`result`, over its seal). Entries are
 * numbered 1, 2, 3 … with no gaps, and each hashes the one before it, starting from the
 * store's own id; so verify names a deleted, reordered, re-inserted or replaced entry by its
 * number, a session whose entry is there but whose rows are gone, and a finished session whose
 * result was removed or replaced (a session is finished at most once).
 *
 * One ledger per store (not per trainee): it orders everything the store holds, including
 * sessions that arrived by import or sync, in the order they arrived. Sessions carry the
 * entries of the store that sent them (sync, import: `origin`), so a team server keeps each
 * laptop's entries too and can tell a laptop that dropped a session before uploading it (its
 * later entries leave a gap) from one that never had it (no gap), and refuses a laptop whose
 * history was rewritten after it was uploaded (the same number, another hash).
 */
import { canonicalJson, sha256 } from './chain.js';

export type LedgerKind = 'session' | 'result';

/** One entry of a store's ledger. */
export interface LedgerEntry {
  readonly n: number;
  readonly kind: LedgerKind;
  readonly sessionId: string;
  /** a session: the hash its chain starts from (its header's); a result: the session's seal */
  readonly body: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** An entry of another store's ledger, as it came with a session from there. */
export interface OriginEntry extends LedgerEntry {
  /** the id of the store whose ledger it is */
  readonly origin: string;
  /** how it came: `sync` (a laptop uploading everything it records) or `import` (a file, maybe a part) */
  readonly via: OriginVia;
}

export type OriginVia = 'sync' | 'import';

/** What a session carries of its sender's ledger: enough to recompute each entry from the session itself. */
export interface OriginLink {
  readonly n: number;
  readonly kind: LedgerKind;
  readonly prevHash: string;
  readonly hash: string;
}

export interface SessionOrigin {
  readonly store: string;
  readonly entries: readonly OriginLink[];
}

/** Where a store's ledger starts: bound to the store's id, so entries of two stores never pass for one another. */
export function ledgerGenesis(storeId: string): string {
  return sha256(canonicalJson({ ledger: storeId }));
}

export function ledgerHash(prevHash: string, e: Pick<LedgerEntry, 'n' | 'kind' | 'sessionId' | 'body'>): string {
  return sha256(prevHash + canonicalJson({ n: e.n, kind: e.kind, session: e.sessionId, body: e.body }));
}

/** The next entry after `last` (undefined: the ledger is empty). */
export function nextEntry(
  storeId: string,
  last: Pick<LedgerEntry, 'n' | 'hash'> | undefined,
  kind: LedgerKind,
  sessionId: string,
  body: string,
): LedgerEntry {
  const n = (last?.n ?? 0) + 1;
  const prevHash = last?.hash ?? ledgerGenesis(storeId);
  return { n, kind, sessionId, body, prevHash, hash: ledgerHash(prevHash, { n, kind, sessionId, body }) };
}

/** What the ledger checks need to know of each session the store holds. */
export interface SessionFacts {
  readonly trainee: string;
  /** the hash its chain starts from */
  readonly genesis: string;
  /** its seal, when finished */
  readonly seal?: string;
}

/** A break in the ledger, or between the ledger and the sessions. */
export type LedgerBreak =
  /** entry n is gone: a session or a result was deleted from the ledger */
  | { readonly code: 'ledger-gap'; readonly seq: null; readonly entry: number }
  /** entry n does not follow the one before it: entries were reordered or replaced */
  | { readonly code: 'ledger-broken'; readonly seq: null; readonly entry: number; readonly sessionId: string }
  /** entry n no longer matches its own hash */
  | { readonly code: 'ledger-altered'; readonly seq: null; readonly entry: number; readonly sessionId: string }
  /** the ledger lists the session, but it is gone */
  | { readonly code: 'session-missing'; readonly seq: null; readonly entry: number; readonly sessionId: string }
  /** a session with no entry: inserted by hand, or put back after being deleted */
  | { readonly code: 'session-unlisted'; readonly seq: null; readonly entry: null; readonly sessionId: string }
  /** a second entry for one session: it was deleted and inserted again */
  | { readonly code: 'session-relisted'; readonly seq: null; readonly entry: number; readonly sessionId: string }
  /** the session's header no longer gives the hash its entry recorded */
  | { readonly code: 'details-altered'; readonly seq: null; readonly entry: number; readonly sessionId: string }
  /** the ledger says it finished, but it has no result */
  | { readonly code: 'result-removed'; readonly seq: null; readonly entry: number; readonly sessionId: string }
  /** finished again with another result, or its result replaced: a session finishes once */
  | { readonly code: 'session-reopened'; readonly seq: null; readonly entry: number; readonly sessionId: string }
  /** finished, but its result is not in the ledger (the entry was deleted) */
  | { readonly code: 'result-unlisted'; readonly seq: null; readonly entry: null; readonly sessionId: string };

type Step = { readonly broken?: LedgerBreak; readonly session?: string };

/** One entry against the one before it and against the session it names. */
function checkEntry(
  e: LedgerEntry,
  expected: number,
  prev: string,
  sessions: ReadonlyMap<string, SessionFacts>,
  seen: { listed: Set<string>; results: Set<string> },
): Step {
  const id = e.sessionId;
  if (e.n !== expected) return { broken: { code: 'ledger-gap', seq: null, entry: expected } };
  if (e.prevHash !== prev) return { broken: { code: 'ledger-broken', seq: null, entry: e.n, sessionId: id } };
  if (ledgerHash(e.prevHash, e) !== e.hash)
    return { broken: { code: 'ledger-altered', seq: null, entry: e.n, sessionId: id } };
  const s = sessions.get(id);
  if (e.kind === 'session') {
    if (seen.listed.has(id)) return { broken: { code: 'session-relisted', seq: null, entry: e.n, sessionId: id } };
    seen.listed.add(id);
    if (!s) return { broken: { code: 'session-missing', seq: null, entry: e.n, sessionId: id } };
    // the session's own checks come first (they say more exactly what changed)
    if (s.genesis !== e.body)
      return { session: id, broken: { code: 'details-altered', seq: null, entry: e.n, sessionId: id } };
    return { session: id };
  }
  if (!s) return {}; // said at its session entry
  if (seen.results.has(id) || (s.seal !== undefined && s.seal !== e.body))
    return { broken: { code: 'session-reopened', seq: null, entry: e.n, sessionId: id } };
  seen.results.add(id);
  if (s.seal === undefined) return { broken: { code: 'result-removed', seq: null, entry: e.n, sessionId: id } };
  return {};
}

/**
 * Walks the ledger in order. `onSession` is called at each session's entry, so that a break in
 * the session itself is said in ledger order; it returns true to stop there. Returns the first
 * break of the ledger, or, after the walk, a session it does not list or a result it lacks.
 */
export function walkLedger(
  entries: readonly LedgerEntry[],
  storeId: string,
  sessions: ReadonlyMap<string, SessionFacts>,
  onSession: (id: string, entry: number) => boolean,
): LedgerBreak | 'stopped' | undefined {
  const seen = { listed: new Set<string>(), results: new Set<string>() };
  let prev = ledgerGenesis(storeId);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const step = checkEntry(e, i + 1, prev, sessions, seen);
    if (step.session !== undefined && onSession(step.session, e.n)) return 'stopped';
    if (step.broken) return step.broken;
    prev = e.hash;
  }
  for (const [id, s] of sessions) {
    if (!seen.listed.has(id)) return { code: 'session-unlisted', seq: null, entry: null, sessionId: id };
    if (s.seal !== undefined && !seen.results.has(id))
      return { code: 'result-unlisted', seq: null, entry: null, sessionId: id };
  }
  return undefined;
}

/** A ledger entry as both stores keep it (table `ledger`, and `origin_ledger` beside its origin). */
export interface EntryRow {
  n: number;
  kind: LedgerKind;
  session_id: string;
  body: string;
  prev_hash: string;
  hash: string;
}

export const entryOf = (r: EntryRow): LedgerEntry => ({
  n: r.n,
  kind: r.kind,
  sessionId: r.session_id,
  body: r.body,
  prevHash: r.prev_hash,
  hash: r.hash,
});
