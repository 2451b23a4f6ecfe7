/**
 * Other stores' ledger entries, as they came with their sessions (see ledger.ts): checked when
 * a session arrives (merge) and again by verify.
 *
 * On arrival an entry must recompute from the session it came with (its header's hash, or its
 * seal), and agree with what this store already holds of that ledger: the same number with
 * another hash, or a neighbour it does not link to, means the sending store's history was
 * rewritten after part of it arrived here, and the session is refused.
 *
 * verify checks each held entry's hash and its links to the entries held beside it, and, for
 * entries that came by sync (a laptop uploads every session it records), that the numbers run
 * on without a gap: a missing number is a session (or result) the laptop recorded and never
 * uploaded, most likely deleted there first. Entries that came in an imported file may leave
 * gaps (an export can be filtered), so they are not checked for them.
 */
import { ledgerHash, type OriginEntry } from './ledger.js';

export type OriginBreak =
  /** an entry no longer matches its hash, or does not link to the entry held before it */
  | {
      readonly code: 'origin-altered';
      readonly seq: null;
      readonly origin: string;
      readonly entry: number;
      readonly sessionId: string;
    }
  /** entries `from`..`to` of a laptop that syncs never arrived, though later ones did */
  | {
      readonly code: 'origin-gap';
      readonly seq: null;
      readonly origin: string;
      readonly entry: number;
      readonly to: number;
      readonly sessionId: string;
      /** whose sessions came from that store (to name the computer) */
      readonly trainee?: string;
    };

/** The first break among the held entries of other stores, in order of store and number. */
export function originBreak(
  entries: readonly OriginEntry[],
  traineeOf: (sessionId: string) => string | undefined,
): OriginBreak | undefined {
  const byOrigin = new Map<string, OriginEntry[]>();
  for (const e of entries) {
    let list = byOrigin.get(e.origin);
    if (!list) byOrigin.set(e.origin, (list = []));
    list.push(e);
  }
  for (const [origin, list] of [...byOrigin].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    list.sort((a, b) => a.n - b.n);
    let lastSynced: OriginEntry | undefined;
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      const before = list[i - 1];
      const altered = { code: 'origin-altered', seq: null, origin, entry: e.n, sessionId: e.sessionId } as const;
      if (ledgerHash(e.prevHash, e) !== e.hash) return altered;
      if (before && before.n === e.n - 1 && before.hash !== e.prevHash) return altered;
      if (e.via === 'sync') {
        if (lastSynced && e.n > lastSynced.n + 1 && !heldBetween(list, lastSynced.n, e.n)) {
          const trainee = traineeOf(lastSynced.sessionId) ?? traineeOf(e.sessionId);
          return {
            code: 'origin-gap',
            seq: null,
            origin,
            entry: lastSynced.n + 1,
            to: e.n - 1,
            sessionId: e.sessionId,
            ...(trainee !== undefined ? { trainee } : {}),
          };
        }
        lastSynced = e;
      }
    }
  }
  return undefined;
}

/** Whether every number strictly between `from` and `to` is held (by any way of arriving). */
function heldBetween(list: readonly OriginEntry[], from: number, to: number): boolean {
  const held = new Set(list.filter((e) => e.n > from && e.n < to).map((e) => e.n));
  return held.size === to - from - 1;
}
