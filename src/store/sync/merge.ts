/**
 * Merging sessions recorded elsewhere into a store, the same rules for every database:
 * a session is identified by its id and an event by (session id, seq), so merging the same
 * bundle twice adds nothing; an event already present must carry the same hash (else the two
 * copies disagree and nothing is stored); new events must continue the stored chain.
 *
 * Each store runs `mergeInto` inside one transaction of its own (see MergeTx), so a batch is
 * merged entirely or not at all.
 */
import { genesisHash, sealHash } from '../chain.js';
import type { SavedPlay, ScenarioSource, SessionHeader, SessionResult, StoredEvent } from '../store.js';
import { checkBundle, MergeConflict, resultAltered, type MergeOutcome, type SessionBundle } from './bundle.js';

/** What a session looks like in the target, as far as merging cares. */
export interface MergeHead {
  readonly header: SessionHeader;
  readonly eventCount: number;
  readonly headHash: string;
  readonly finished: boolean;
  readonly seal?: string;
}

/** The writes merging needs, all inside the transaction the store opened. */
export interface MergeTx {
  hasSource(hash: string): Promise<boolean>;
  insertSource(source: ScenarioSource): Promise<void>;
  /** the session, locked against concurrent writers until the transaction ends */
  session(id: string): Promise<MergeHead | undefined>;
  eventHashAt(id: string, seq: number): Promise<string | undefined>;
  /** false when another writer created it meanwhile (then `session` finds it) */
  insertSession(header: SessionHeader, headHash: string): Promise<boolean>;
  /** appends consecutive events and moves the head to the last one */
  appendEvents(id: string, events: readonly StoredEvent[]): Promise<void>;
  setPlay(id: string, play: SavedPlay): Promise<void>;
  finish(id: string, result: SessionResult, seal: string): Promise<void>;
}

/** The scenario the session was played on is stored first (once per content hash). */
async function ensureSource(tx: MergeTx, b: SessionBundle): Promise<void> {
  const id = b.header.id;
  if (b.source && b.source.hash !== b.header.scenarioHash) {
    throw new MergeConflict(id, null, {
      zh: `练习 ${id}：随附的案例来源与记录时的案例哈希不符`,
      en: `session ${id}: its scenario source does not match the scenario hash it was recorded with`,
    });
  }
  if (await tx.hasSource(b.header.scenarioHash)) return;
  if (!b.source) {
    throw new MergeConflict(id, null, {
      zh: `练习 ${id}：缺少练习所用的案例（${b.header.scenarioId}）`,
      en: `session ${id}: the scenario it was played on (${b.header.scenarioId}) is missing`,
    });
  }
  await tx.insertSource(b.source);
}

/** The session here, created when it is new; it must be the same session (same header). */
async function headFor(tx: MergeTx, b: SessionBundle): Promise<{ head: MergeHead; created: boolean }> {
  const id = b.header.id;
  let head = await tx.session(id);
  let created = false;
  if (!head) {
    const genesis = genesisHash(b.header);
    if (await tx.insertSession(b.header, genesis)) {
      head = { header: b.header, eventCount: 0, headHash: genesis, finished: false };
      created = true;
    } else {
      head = await tx.session(id);
      if (!head)
        throw new MergeConflict(id, null, { zh: `无法创建练习 ${id}`, en: `session ${id} could not be created` });
    }
  }
  if (!created && genesisHash(head.header) !== genesisHash(b.header)) {
    throw new MergeConflict(id, null, {
      zh: `练习 ${id} 在这里已经存在，但学员、案例或开始时间不同`,
      en: `session ${id} exists here with a different trainee, scenario or start time`,
    });
  }
  return { head, created };
}

/**
 * Events already stored: the last one both sides have must carry the same hash (the chain
 * makes that enough to know all the earlier ones agree too).
 */
async function checkOverlap(tx: MergeTx, b: SessionBundle, head: MergeHead): Promise<void> {
  const id = b.header.id;
  const first = b.events[0]?.seq ?? head.eventCount + 1;
  if (first > head.eventCount + 1) {
    throw new MergeConflict(id, head.eventCount + 1, {
      zh: `练习 ${id}：缺少第 ${head.eventCount + 1} 到第 ${first - 1} 步`,
      en: `session ${id}: events ${head.eventCount + 1} to ${first - 1} are missing`,
    });
  }
  const overlap = b.events.filter((e) => e.seq <= head.eventCount);
  const lastShared = overlap[overlap.length - 1];
  if (!lastShared) return;
  const stored = lastShared.seq === head.eventCount ? head.headHash : await tx.eventHashAt(id, lastShared.seq);
  if (stored !== lastShared.hash) {
    throw new MergeConflict(id, lastShared.seq, {
      zh: `练习 ${id}：第 ${lastShared.seq} 步与这里已保存的不同`,
      en: `session ${id}: event ${lastShared.seq} differs from the copy already stored`,
    });
  }
}

/** Appends the events this store does not have yet, where its chain ends; returns them. */
async function appendFresh(tx: MergeTx, b: SessionBundle, head: MergeHead): Promise<readonly StoredEvent[]> {
  const id = b.header.id;
  const fresh = b.events.filter((e) => e.seq > head.eventCount);
  if (fresh.length === 0) return fresh;
  const next = fresh[0]!.seq;
  if (head.finished) {
    throw new MergeConflict(id, next, {
      zh: `练习 ${id} 在这里已经完成，但传来的副本步骤更多`,
      en: `session ${id} is finished here, but the incoming copy has more events`,
    });
  }
  if (fresh[0]!.prevHash !== head.headHash) {
    throw new MergeConflict(id, next, {
      zh: `练习 ${id}：第 ${next} 步接不上这里已保存的哈希链`,
      en: `session ${id}: event ${next} does not continue the stored chain`,
    });
  }
  await tx.appendEvents(id, fresh);
  return fresh;
}

/** A finished copy seals the session here (its seal must match); an unfinished one keeps its latest snapshot. */
async function settle(
  tx: MergeTx,
  b: SessionBundle,
  head: MergeHead,
  chain: { eventCount: number; headHash: string },
): Promise<boolean> {
  const id = b.header.id;
  if (b.result === undefined) {
    if (b.play !== undefined && !head.finished) await tx.setPlay(id, b.play);
    return false;
  }
  if (chain.eventCount !== (b.events[b.events.length - 1]?.seq ?? chain.eventCount)) {
    throw new MergeConflict(id, null, {
      zh: `练习 ${id} 在这里的步骤比已完成的副本多`,
      en: `session ${id} has more events here than in the finished copy`,
    });
  }
  const seal = sealHash(chain.headHash, b.result);
  if (seal !== b.seal) throw resultAltered(id);
  if (!head.finished) {
    await tx.finish(id, b.result, seal);
    return true;
  }
  if (head.seal !== seal) {
    throw new MergeConflict(id, null, {
      zh: `练习 ${id} 在这里已经完成，但结果不同`,
      en: `session ${id} is finished here with a different result`,
    });
  }
  return false;
}

export async function mergeInto(tx: MergeTx, bundles: readonly SessionBundle[]): Promise<MergeOutcome[]> {
  const outcomes: MergeOutcome[] = [];
  for (const b of bundles) {
    checkBundle(b);
    await ensureSource(tx, b);
    const { head, created } = await headFor(tx, b);
    await checkOverlap(tx, b, head);
    const fresh = await appendFresh(tx, b, head);
    const eventCount = Math.max(head.eventCount, fresh[fresh.length - 1]?.seq ?? 0);
    const headHash = fresh.length > 0 ? fresh[fresh.length - 1]!.hash : head.headHash;
    const finished = await settle(tx, b, head, { eventCount, headHash });
    outcomes.push({ sessionId: b.header.id, created, added: fresh.length, finished, eventCount });
  }
  return outcomes;
}
