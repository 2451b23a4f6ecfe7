/**
 * What verify can find broken, as data (what broke, where): verify-messages.ts says each in
 * Chinese and English; `verify --json` gives tools its stable `code`.
 */
import type { DerivationBreak } from './derivation.js';
import type { LedgerBreak } from './ledger.js';
import type { OriginBreak } from './origins.js';

/**
 * The first break in one session; `seq` is the event at which it breaks, null when it is the
 * session row itself (or its result, or its scenario).
 */
export type ChainBreak =
  | LinkBreak
  | DerivationBreak
  | LedgerBreak
  | OriginBreak
  /** the stored scenario it was played on no longer matches its hash */
  | { readonly code: 'scenario-altered'; readonly seq: null; readonly scenarioId: string }
  /** the stored scenario it was played on is gone */
  | { readonly code: 'scenario-missing'; readonly seq: null; readonly scenarioHash: string };

/** A break in the hash chain itself. */
export type LinkBreak =
  /** an event in the middle was deleted: the next stored one has a later seq */
  | { readonly code: 'event-missing'; readonly seq: number; readonly nextStored: number }
  /** the header no longer gives the hash event 1 links to (seq 1), or the session has no events and its header changed (seq null) */
  | { readonly code: 'details-altered'; readonly seq: 1 | null }
  | { readonly code: 'events-reordered'; readonly seq: number }
  | { readonly code: 'event-altered'; readonly seq: number }
  /** the last events were deleted: the session row still counts them */
  | { readonly code: 'events-cut'; readonly seq: number; readonly recorded: number; readonly remaining: number }
  /** the last event does not give the head hash the session row recorded */
  | { readonly code: 'head-mismatch'; readonly seq: number }
  | { readonly code: 'result-altered'; readonly seq: null }
  | { readonly code: 'result-removed'; readonly seq: null };

export type ChainProblemCode = ChainBreak['code'];
