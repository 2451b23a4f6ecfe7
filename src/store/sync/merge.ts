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
import { ledgerHash, type LedgerEntry, type OriginEntry, type OriginLink, type OriginVia } from '../ledger.js';
import type { SavedPlay, ScenarioSource, SessionHeader, SessionResult, StoredEvent } from '../store.js';
import { checkBundle, MergeConflict, resultAltered, type MergeOutcome, type SessionBundle } from './bundle.js';

/** What a session looks like in the target, as far as merging cares. */
export interface MergeHead {
  readonly header: SessionHeader;
  readonly eventCount: number;
  readonly headHash: string;
  readonly finished: boolean;
  readonly seal?: string;
  /** the target's ledger says it finished there once (even if its row no longer does) */
  readonly sealed?: boolean;
}

export interface MergeOptions {
  /** how the sessions arrive: `sync` (a laptop uploading all it records) or `import` (a file); default import */
  readonly via?: OriginVia;
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
  /** records the result and appends it to the target's ledger */
  finish(id: string, result: SessionResult, seal: string): Promise<void>;
  /** an entry of another store's ledger held here */
  originEntry(origin: string, n: number): Promise<Pick<LedgerEntry, 'hash' | 'prevHash'> | undefined>;
  putOriginEntry(entry: OriginEntry): Promise<void>;
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
 * makes that enough to know all the earlier ones agree too); when it does not, the conflict
 * names the first step that differs, which is where the copies part.
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
  if (stored === lastShared.hash) return;
  const differs = await firstDiffering(tx, id, overlap);
  throw new MergeConflict(id, differs, {
    zh: `练习 ${id}：第 ${differs} 步与这里已保存的不同`,
    en: `session ${id}: event ${differs} differs from the copy already stored`,
  });
}

/**
 * The first of `overlap` (consecutive events, the last of which differs) whose hash is not the
 * stored one. Each hash covers every step before it, so the events agree up to some step and
 * differ from there on: a binary search finds it in a few lookups.
 */
async function firstDiffering(tx: MergeTx, id: string, overlap: readonly StoredEvent[]): Promise<number> {
  let lo = 0; // overlap[hi] differs; every index below lo agrees
  let hi = overlap.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const e = overlap[mid]!;
    if ((await tx.eventHashAt(id, e.seq)) === e.hash) lo = mid + 1;
    else hi = mid;
  }
  return overlap[hi]!.seq;
}

/** Appends the events this store does not have yet, where its chain ends; returns them. */
async function appendFresh(tx: MergeTx, b: SessionBundle, head: MergeHead): Promise<readonly StoredEvent[]> {
  const id = b.header.id;
  const fresh = b.events.filter((e) => e.seq > head.eventCount);
  if (fresh.length === 0) return fresh;
  const next = fresh[0]!.seq;
  if (head.finished || head.sealed) {
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
  if (!head.finished && head.sealed) {
    throw new MergeConflict(id, null, {
      zh: `练习 ${id} 在这里曾经完成，它的结果后来被删除了；不能再次完成（可用 \`roleplay verify\` 检查）`,
      en: `session ${id} was finished here once and its result has since been removed; it cannot be finished again (check with \`roleplay verify\`)`,
    });
  }
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

/** An entry the sending store's ledger gave this session, recomputed from the session itself. */
function originEntryOf(b: SessionBundle, origin: string, link: OriginLink, via: OriginVia): OriginEntry {
  const id = b.header.id;
  const body = link.kind === 'session' ? genesisHash(b.header) : b.seal;
  const entry = { n: link.n, kind: link.kind, sessionId: id, body: body ?? '', prevHash: link.prevHash };
  if (body === undefined || ledgerHash(link.prevHash, entry) !== link.hash) {
    throw new MergeConflict(id, null, {
      zh: `练习 ${id}：随附的来源账本第 ${link.n} 条与这次练习对不上（被改动过）`,
      en: `session ${id}: entry ${link.n} of the ledger it came with does not match it (it was altered)`,
    });
  }
  return { ...entry, hash: link.hash, origin, via };
}

/**
 * The sender's ledger entries for this session: each must recompute from the session, and
 * agree with what is held here of that ledger (the same number with another hash, or a
 * neighbour it does not link to: the sender's history was rewritten after part of it came).
 */
async function keepOrigin(tx: MergeTx, b: SessionBundle, via: OriginVia): Promise<void> {
  if (!b.origin) return;
  const id = b.header.id;
  const { store } = b.origin;
  const rewritten = (n: number) =>
    new MergeConflict(id, null, {
      zh: `练习 ${id}：存储 ${store.slice(0, 8)}… 的账本第 ${n} 条与这里早先收到的不同：那台电脑上的记录在上传后被改写过`,
      en: `session ${id}: entry ${n} of store ${store.slice(0, 8)}…'s ledger differs from the one that arrived here before: the records on that computer were rewritten after they were uploaded`,
    });
  for (const link of b.origin.entries) {
    const e = originEntryOf(b, store, link, via);
    const held = await tx.originEntry(store, e.n);
    if (held && held.hash !== e.hash) throw rewritten(e.n);
    const before = held ? undefined : await tx.originEntry(store, e.n - 1);
    if (before && before.hash !== e.prevHash) throw rewritten(e.n);
    const after = held ? undefined : await tx.originEntry(store, e.n + 1);
    if (after && after.prevHash !== e.hash) throw rewritten(e.n + 1);
    await tx.putOriginEntry(e);
  }
}

export async function mergeInto(
  tx: MergeTx,
  bundles: readonly SessionBundle[],
  options: MergeOptions = {},
): Promise<MergeOutcome[]> {
  const outcomes: MergeOutcome[] = [];
  for (const b of bundles) {
    checkBundle(b);
    await ensureSource(tx, b);
    const { head, created } = await headFor(tx, b);
    // after the session row: on a team server a trainee may add ledger entries only for a
    // session of their own (security.ts); a refusal below still undoes the whole merge
    await keepOrigin(tx, b, options.via ?? 'import');
    await checkOverlap(tx, b, head);
    const fresh = await appendFresh(tx, b, head);
    const eventCount = Math.max(head.eventCount, fresh[fresh.length - 1]?.seq ?? 0);
    const headHash = fresh.length > 0 ? fresh[fresh.length - 1]!.hash : head.headHash;
    const finished = await settle(tx, b, head, { eventCount, headHash });
    outcomes.push({ sessionId: b.header.id, created, added: fresh.length, finished, eventCount });
  }
  return outcomes;
}
