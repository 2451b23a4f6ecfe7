/**
 * A session as it travels between stores (import, sync): the header, its scenario source,
 * some or all of its events with their hashes, and the result once finished. A bundle may
 * carry only the tail of a session (events after those the target already has); it then
 * links to the target's head through the first event's prevHash.
 *
 * Nothing is trusted on the way in: every hash is recomputed from the content and must equal
 * the one carried, so a bundle whose content was edited is refused rather than stored with a
 * fresh, valid-looking chain.
 */
import type { Said } from '../../core/index.js';
import { eventHash, genesisHash, sealHash } from '../chain.js';
import {
  StoreError,
  type EventContent,
  type SavedPlay,
  type ScenarioSource,
  type SessionHeader,
  type SessionResult,
  type StoredEvent,
} from '../store.js';

export interface SessionBundle {
  readonly header: SessionHeader;
  /** the scenario source; may be left out when the target is known to hold it */
  readonly source?: ScenarioSource;
  /** consecutive events (by seq), each with the hashes it was recorded with */
  readonly events: readonly StoredEvent[];
  readonly result?: SessionResult;
  readonly seal?: string;
  /** an unfinished session's snapshot, so that `resume` can continue it from the target */
  readonly play?: SavedPlay;
}

/** What merging did to one session. */
export interface MergeOutcome {
  readonly sessionId: string;
  /** whether the session row was created by this merge */
  readonly created: boolean;
  /** events added (those already there are skipped) */
  readonly added: number;
  /** whether this merge recorded the result */
  readonly finished: boolean;
  /** events the target holds for the session afterwards */
  readonly eventCount: number;
}

/** Why a session cannot be merged, in both languages, and which session and event it is about. */
export class MergeConflict extends StoreError {
  constructor(
    readonly sessionId: string,
    readonly seq: number | null,
    text: Said,
  ) {
    super(text);
  }
}

/** Only the content fields of a stored event (what its hash covers). */
export function contentOf(e: EventContent): EventContent {
  const { seq, at, node, action, shown, decisionMs, points, meters, feedback, goto } = e;
  return { seq, at, node, action, shown, decisionMs, points, meters, feedback, goto };
}

/**
 * Checks a bundle's own links: events consecutive, each hash recomputed from its content and
 * its predecessor, the first event linked to the genesis when it is seq 1, the seal over the
 * last hash and the result. Throws MergeConflict naming the first break.
 */
export function checkBundle(b: SessionBundle): void {
  const id = b.header.id;
  let prev = b.events.length > 0 && b.events[0]!.seq === 1 ? genesisHash(b.header) : b.events[0]?.prevHash;
  let expectedSeq = b.events[0]?.seq ?? 1;
  for (const e of b.events) {
    if (e.sessionId !== undefined && e.sessionId !== id) {
      throw new MergeConflict(id, e.seq, {
        zh: `第 ${e.seq} 步属于练习 ${e.sessionId}，而不是 ${id}`,
        en: `event ${e.seq} belongs to session ${e.sessionId}, not ${id}`,
      });
    }
    if (e.seq !== expectedSeq) {
      throw new MergeConflict(id, e.seq, {
        zh: `练习 ${id}：应是第 ${expectedSeq} 步，却是第 ${e.seq} 步（有步骤缺失或顺序错乱）`,
        en: `session ${id}: expected event ${expectedSeq}, found ${e.seq} (missing or out of order)`,
      });
    }
    if (e.prevHash !== prev) {
      throw new MergeConflict(id, e.seq, {
        zh: `练习 ${id}：第 ${e.seq} 步没有接在前一步之后（哈希链断了）`,
        en: `session ${id}: event ${e.seq} does not follow the event before it (chain broken)`,
      });
    }
    const hash = eventHash(prev!, contentOf(e));
    if (hash !== e.hash) {
      throw new MergeConflict(id, e.seq, {
        zh: `练习 ${id}：第 ${e.seq} 步被改动过（哈希与内容不符）`,
        en: `session ${id}: event ${e.seq} was altered (its hash does not match its content)`,
      });
    }
    prev = hash;
    expectedSeq++;
  }
  if (b.result !== undefined) {
    if (b.seal === undefined)
      throw new MergeConflict(id, null, {
        zh: `练习 ${id}：已完成，却没有封存结果的哈希`,
        en: `session ${id}: finished but not sealed`,
      });
    // The seal is over the head of the whole chain; with a tail-only bundle the last hash is that head.
    const head = b.events.length > 0 ? prev! : undefined;
    if (head !== undefined && sealHash(head, b.result) !== b.seal) {
      throw resultAltered(id);
    }
  }
}

/** Said by the bundle check and by the merge, which both recompute the seal. */
export function resultAltered(id: string): MergeConflict {
  return new MergeConflict(id, null, {
    zh: `练习 ${id}：结果被改动过（与封存的哈希不符）`,
    en: `session ${id}: the result was altered (the seal does not match)`,
  });
}

/** The seal a finished bundle must carry, given the head of the target's chain. */
export function expectedSeal(head: string, result: SessionResult): string {
  return sealHash(head, result);
}

/** Header fields compared when a session already exists in the target. */
export function sameHeader(a: SessionHeader, b: SessionHeader): boolean {
  return genesisHash(a) === genesisHash(b);
}
