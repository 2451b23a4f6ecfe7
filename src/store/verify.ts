/**
 * `roleplay verify`: walks every session's chain and names the first break. Works on any
 * store through the SessionStore interface; the hashing rules are in chain.ts.
 *
 * A break is data (what broke, where), not a sentence: `verify` prints it in the reader's
 * language, `verify --json` gives tools its stable `code` and the English `problem`, and
 * `import` names it at the line of the file it came from.
 */
import type { Lang, Scenario } from '../core/index.js';
import { eventHash, genesisHash, sealHash } from './chain.js';
import { derivationBreak, type DerivationBreak, type ResultField, type StepProblem } from './derivation.js';
import { scenarioFromSource, sourceIntact } from './scenario-source.js';
import type { SessionId, SessionRow, SessionStore, StoredEvent } from './store.js';

/**
 * The first break in one session; `seq` is the event at which it breaks, null when it is the
 * session row itself (or its result, or its scenario).
 */
export type ChainBreak =
  | LinkBreak
  | DerivationBreak
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

const RESULT_FIELDS: Readonly<Record<Lang, Readonly<Record<Exclude<ResultField, 'unended'>, string>>>> = {
  zh: {
    ending: '结局',
    outcome: '结果',
    total: '总分',
    max: '满分',
    percent: '百分比',
    passed: '是否通过',
    lessons: '各要点得分',
  },
  en: {
    ending: 'the ending',
    outcome: 'the outcome',
    total: 'the total',
    max: 'the maximum',
    percent: 'the percent',
    passed: 'passed',
    lessons: 'the lesson points',
  },
};

const STEP_FIELDS = {
  zh: { points: '得分', meters: '指标', goto: '下一节点' },
  en: { points: 'points', meters: 'meters', goto: 'next node' },
} as const;

function stepProblem(seq: number, p: StepProblem, lang: Lang): string {
  if (lang === 'zh') {
    switch (p.kind) {
      case 'elsewhere':
        return `第 ${seq} 步在「${p.node}」，但前一步通向「${p.expected}」：这一步在该案例里不可能发生`;
      case 'no-way':
        return `第 ${seq} 步在「${p.node}」走了「${p.way}」，而案例在那里没有这条路`;
      case 'closed':
        return `第 ${seq} 步在「${p.node}」走了「${p.way}」，而当时这条路走不通（条件不成立）`;
      case 'consequence':
        return `第 ${seq} 步（「${p.node}」的「${p.way}」）记下的${STEP_FIELDS.zh[p.field]}不是案例对这条路给出的`;
    }
  }
  switch (p.kind) {
    case 'elsewhere':
      return `event ${seq} is at '${p.node}', but the step before it led to '${p.expected}': it cannot have happened in this scenario`;
    case 'no-way':
      return `event ${seq} takes '${p.way}' at '${p.node}', which the scenario does not have there`;
    case 'closed':
      return `event ${seq} takes '${p.way}' at '${p.node}', which could not be taken at that moment (its condition did not hold)`;
    case 'consequence':
      return `event ${seq} ('${p.way}' at '${p.node}') records ${STEP_FIELDS.en[p.field]} the scenario does not give for that way`;
  }
}

function unfounded(b: Extract<DerivationBreak, { code: 'result-unfounded' }>, lang: Lang): string {
  if (b.field === 'unended')
    return lang === 'zh'
      ? `练习结果写的结局是「${b.recorded}」，但步骤停在「${b.derived}」，那不是结局`
      : `the session's result names the ending '${b.recorded}', but its steps stop at '${b.derived}', which is not an ending`;
  const field = RESULT_FIELDS[lang][b.field];
  return lang === 'zh'
    ? `练习结果与它的步骤和案例对不上：${field}记为 ${b.recorded}，步骤得出的是 ${b.derived}`
    : `the session's result does not follow from its steps and its scenario: ${field} is ${b.recorded}, the steps give ${b.derived}`;
}

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
        return '练习结果被删除了（步骤已到达结局，练习却显示未完成）';
      case 'event-impossible':
        return stepProblem(b.seq, b.step, 'zh');
      case 'result-unfounded':
        return unfounded(b, 'zh');
      case 'scenario-altered':
        return `保存的练习所用案例「${b.scenarioId}」被改动过：与它的哈希不再相符`;
      case 'scenario-missing':
        return `练习所用的案例不在数据库里了（哈希 ${b.scenarioHash.slice(0, 12)}…）`;
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
        return "the session's result was removed (its steps reached an ending, yet it shows as unfinished)";
      case 'event-impossible':
        return stepProblem(b.seq, b.step, 'en');
      case 'result-unfounded':
        return unfounded(b, 'en');
      case 'scenario-altered':
        return `the stored copy of scenario '${b.scenarioId}' it was played on was altered: it no longer matches its hash`;
      case 'scenario-missing':
        return `the scenario it was played on is missing from the database (hash ${b.scenarioHash.slice(0, 12)}…)`;
    }
  },
};

/** What broke, in words for the reader. */
export function chainProblem(b: ChainBreak, lang: Lang): string {
  return PROBLEMS[lang](b);
}

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

export async function verifyStore(given: SessionStore): Promise<VerifyResult> {
  // a team store answers with its server, or throws: the local copy is not the team's record
  const store = given.verifiable ? await given.verifiable() : given;
  await store.checkIntegrity?.();
  const scenarios = new ScenarioLookup(store);
  let sessions = 0;
  let eventCount = 0;
  let broken: VerifyResult | undefined;
  // eachSession cannot be stopped early; after the first break it only counts.
  await store.eachSession({}, async (session, events) => {
    sessions++;
    eventCount += events.length;
    if (broken) return;
    const b = sessionBreak(session, events, await scenarios.of(session.scenarioHash));
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
