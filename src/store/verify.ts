/**
 * `roleplay verify`: walks every session's chain and names the first break. Works on any
 * store through the SessionStore interface; the hashing rules are in chain.ts.
 *
 * A break is data (what broke, where), not a sentence: `verify` prints it in the reader's
 * language, `verify --json` gives tools its stable `code` and the English `problem`, and
 * `import` names it at the line of the file it came from.
 */
import type { Lang } from '../core/index.js';
import { eventHash, genesisHash, sealHash } from './chain.js';
import type { SessionId, SessionRow, SessionStore, StoredEvent } from './store.js';

/** The first break in one session's chain; `seq` is the event at which it breaks, null when it is the session row itself. */
export type ChainBreak =
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

const PROBLEMS: Readonly<Record<Lang, (b: ChainBreak) => string>> = {
  zh: (b) => {
    switch (b.code) {
      case 'event-missing':
        return `第 ${b.seq} 步缺失：已被删除（之后保存的是第 ${b.nextStored} 步）`;
      case 'details-altered':
        return b.seq === 1
          ? '练习的基本信息（学员、案例、开始时间……）被改动过，或第 1 步被替换'
          : '练习的基本信息（学员、案例、开始时间……）被改动过';
      case 'events-reordered':
        return `第 ${b.seq} 步没有接在第 ${b.seq - 1} 步之后：步骤顺序被调换，或有步骤被删除或替换`;
      case 'event-altered':
        return `第 ${b.seq} 步被改动过：内容与它的哈希不再相符`;
      case 'events-cut':
        return `第 ${b.seq} 步缺失：这次练习记录了 ${b.recorded} 个步骤，现存 ${b.remaining} 个`;
      case 'head-mismatch':
        return `第 ${b.seq} 步与练习记下的最后一个哈希不符：它被改动过，或有步骤被删除`;
      case 'result-altered':
        return '练习结果（得分、结果、结局或各要点得分）被改动过';
      case 'result-removed':
        return '练习结果被删除了';
    }
  },
  en: (b) => {
    switch (b.code) {
      case 'event-missing':
        return `event ${b.seq} is missing: it was deleted (the next stored event is ${b.nextStored})`;
      case 'details-altered':
        return b.seq === 1
          ? "the session's details (trainee, scenario, start time…) were altered, or event 1 was replaced"
          : "the session's details (trainee, scenario, start time…) were altered";
      case 'events-reordered':
        return `event ${b.seq} does not follow event ${b.seq - 1}: events were reordered, or one was deleted or replaced`;
      case 'event-altered':
        return `event ${b.seq} was altered: its content no longer matches its hash`;
      case 'events-cut':
        return `event ${b.seq} is missing: the session recorded ${b.recorded} events, ${b.remaining} remain`;
      case 'head-mismatch':
        return `event ${b.seq} does not match the session's last recorded hash: it was altered or events were removed`;
      case 'result-altered':
        return "the session's result (score, outcome, ending or lesson points) was altered";
      case 'result-removed':
        return "the session's result was removed";
    }
  },
};

/** What broke, in words for the reader. */
export function chainProblem(b: ChainBreak, lang: Lang): string {
  return PROBLEMS[lang](b);
}

/** The first break in one session's chain, or undefined when it is intact. */
export function checkChain(session: SessionRow, events: readonly StoredEvent[]): ChainBreak | undefined {
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
  | { readonly ok: true; readonly sessions: number; readonly events: number }
  | {
      readonly ok: false;
      readonly sessionId: SessionId;
      readonly seq: number | null;
      readonly code: ChainProblemCode;
      readonly problem: string;
      readonly sessions: number;
      /** the break itself, to say it in another language; not part of the JSON */
      readonly broken: ChainBreak;
    };

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
    if (b)
      broken = {
        ok: false,
        sessionId: session.id,
        seq: b.seq,
        code: b.code,
        problem: chainProblem(b, 'en'),
        sessions,
        broken: b,
      };
  });
  return broken ?? { ok: true, sessions, events: eventCount };
}

/** `verify --json`: the result without the break object; tools read `code` (stable) and `problem` (English, as always). */
export function verifyJson(
  result: VerifyResult,
): Omit<Extract<VerifyResult, { ok: false }>, 'broken'> | Extract<VerifyResult, { ok: true }> {
  if (result.ok) return result;
  const { broken: _broken, ...json } = result;
  return json;
}
