/**
 * Where an unfinished session continues: the persisted actor snapshot kept with the session.
 * The snapshot is saved after each decision, a moment after that decision's events; if the
 * process died in between, the snapshot is one decision behind the events. Then the missing
 * decisions are replayed on the same compiled machine (a SimulatedClock, so timeouts fire at
 * once) until the actor has taken exactly the recorded steps, and the result is checked
 * against the record step by step. Either way the trainee continues with the recorded meters
 * and transcript.
 */
import { SimulatedClock } from 'xstate';
import {
  Play,
  reportOf,
  said,
  type CompiledScenario,
  type RunReport,
  type Said,
  type StepRecord,
} from '../core/index.js';
import type { LedgerEntry } from './ledger.js';
import { Recording } from './recording.js';
import { StoreError, type SavedPlay, type SessionRow, type SessionStore, type StoredEvent } from './store.js';
import { chainProblem, sessionBreak, type ChainBreak } from './verify.js';

export class ResumeError extends StoreError {}

/**
 * A session may be continued only while its record is intact and it was never finished: a
 * finished session whose result was wiped must never be played on and finished again. The
 * store's ledger keeps an entry for every result written, so a wiped one shows there.
 */
function checkContinuable(
  session: SessionRow,
  compiled: CompiledScenario,
  events: readonly StoredEvent[],
  ledger: readonly LedgerEntry[],
): void {
  const result = ledger.find((e) => e.kind === 'result');
  const broken: ChainBreak | undefined = result
    ? { code: 'result-removed', seq: null, entry: result.n, sessionId: session.id }
    : sessionBreak(session, events, { kind: 'loaded', scenario: compiled.scenario });
  if (!broken) return;
  throw new ResumeError({
    zh: `练习 ${session.id} 不能继续：${chainProblem(broken, 'zh')}（可用 \`roleplay verify\` 检查）`,
    en: `session ${session.id} cannot be continued: ${chainProblem(broken, 'en')} (check with \`roleplay verify\`)`,
  });
}

interface Restored {
  readonly snapshot: unknown;
  readonly remainingMs?: number;
}

function stepsIn(snapshot: unknown): number | undefined {
  const steps = (snapshot as { context?: { steps?: unknown } } | undefined)?.context?.steps;
  return Array.isArray(steps) ? steps.length : undefined;
}

function sameStep(a: StepRecord, e: StoredEvent): boolean {
  return a.node === e.node && a.goto === e.goto && JSON.stringify(a.action) === JSON.stringify(e.action);
}

/** The snapshot to continue from, consistent with every stored event. */
export function restorePoint(
  compiled: CompiledScenario,
  events: readonly StoredEvent[],
  saved: SavedPlay | undefined,
): Restored {
  const savedSteps = saved ? stepsIn(saved.snapshot) : undefined;
  if (saved && savedSteps === events.length) {
    return { snapshot: saved.snapshot, ...(saved.remainingMs !== undefined ? { remainingMs: saved.remainingMs } : {}) };
  }
  // Replay from the saved snapshot when it is a prefix of the record, else from the start.
  const from = saved && savedSteps !== undefined && savedSteps < events.length ? saved.snapshot : undefined;
  const clock = new SimulatedClock();
  const play = new Play(compiled, { clock, ...(from !== undefined ? { snapshot: from } : {}) });
  try {
    for (let i = play.context.steps.length; i < events.length; ) {
      const e = events[i]!;
      const a = e.action;
      if (a.kind === 'choice') play.choose(a.choice);
      else if (a.kind === 'say') play.say(a.text);
      else if (a.kind === 'timeout') {
        const deadline = play.turn().deadline;
        if (deadline === undefined)
          throw new ResumeError({
            zh: `第 ${e.seq} 步在「${e.node}」超时，但这个节点没有时限`,
            en: `step ${e.seq} timed out at '${e.node}', which has no timeout`,
          });
        clock.increment(Math.max(0, deadline - clock.now()));
      } else {
        throw new ResumeError({
          zh: `第 ${e.seq} 步是自动分支，但案例没有走这一步`,
          en: `step ${e.seq} is an automatic step the machine did not take`,
        });
      }
      const taken = play.context.steps;
      if (taken.length <= i)
        throw new ResumeError({
          zh: `第 ${e.seq} 步（「${e.node}」）无法重放`,
          en: `step ${e.seq} at '${e.node}' could not be replayed`,
        });
      for (; i < taken.length; i++) {
        const ev = events[i];
        if (!ev || !sameStep(taken[i]!, ev)) {
          throw new ResumeError({
            zh: `记录与案例在第 ${i + 1} 步对不上`,
            en: `the record and the scenario disagree at step ${i + 1}`,
          });
        }
      }
    }
    if (play.context.steps.length !== events.length)
      throw new ResumeError({
        zh: '记录与案例的步数对不上',
        en: 'the record and the scenario disagree about the number of steps',
      });
    return { snapshot: play.persisted() };
  } catch (e) {
    if (e instanceof ResumeError) throw e;
    throw new ResumeError({
      zh: `这次练习无法继续：${(e as Error).message}`,
      en: `the session cannot be continued: ${(e as Error).message}`,
    });
  } finally {
    play.stop();
  }
}

/**
 * A session whose steps reached an ending but whose result was never written (the process
 * died between the last step and the finish, which are two transactions): the result follows
 * from the steps, so it is recorded now and returned. Undefined when no ending was reached.
 */
async function finishIfEnded(
  store: SessionStore,
  session: SessionRow,
  compiled: CompiledScenario,
  events: readonly StoredEvent[],
  point: Restored,
): Promise<RunReport | undefined> {
  const play = new Play(compiled, { clock: new SimulatedClock(), snapshot: point.snapshot });
  try {
    const output = play.output;
    if (!output) return undefined;
    const report = reportOf(compiled, output);
    const recording = Recording.continue(store, session, compiled.scenario, events);
    void recording.finish(report);
    await recording.flush();
    return report;
  } finally {
    play.stop();
  }
}

/** What finishIfEnded did, for the person who asked to continue the session. */
export function endedSaid(id: string, report: RunReport): Said {
  const { percent, passed } = report.score;
  return said(
    `练习 ${id} 上次已经走到结局，只是结果没来得及保存；现在已记下：${percent}%（${passed ? '通过' : '未通过'}）`,
    `session ${id} had reached its ending, but its result was not saved before it stopped; it is recorded now: ${percent}% (${passed ? 'passed' : 'not passed'})`,
  );
}

/** Where a session goes on from, or the result it already had the steps for. */
export type Continuation =
  | { readonly kind: 'ended'; readonly report: RunReport }
  | { readonly kind: 'continue'; readonly events: StoredEvent[]; readonly point: Restored };

/**
 * The one way to continue a session (resume, the menu): refused when its record is not intact
 * or its result was removed (checkContinuable); finished at once when its steps had reached an
 * ending (finishIfEnded); otherwise the events and the snapshot to go on from.
 */
export async function continuation(
  store: SessionStore,
  session: SessionRow,
  compiled: CompiledScenario,
): Promise<Continuation> {
  const events = await store.events(session.id);
  checkContinuable(session, compiled, events, await store.ledgerOf(session.id));
  const point = restorePoint(compiled, events, await store.savedPlay(session.id));
  const report = await finishIfEnded(store, session, compiled, events, point);
  return report ? { kind: 'ended', report } : { kind: 'continue', events, point };
}
