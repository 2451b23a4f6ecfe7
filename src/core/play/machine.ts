/**
 * Compiling a validated scenario into an XState v5 machine. Each node is a state; a choice
 * or a typed answer is an event; a timeout is an `after` delay; a `when` node is a list of
 * `always` transitions; an ending is a final state, and the machine's output is the run.
 * Playing a scenario is running an actor of this machine (see session.ts): there is no
 * second interpreter.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import { applyEffects, holdsOnPath, initialMeters } from './conditions.js';
import { matchesAnswer } from './match.js';
import { grown } from './run-growth.js';
import type {
  Condition,
  Consequence,
  LessonId,
  Match,
  MeterId,
  NodeId,
  Outcome,
  Scenario,
  ScenarioNode,
} from '../format/model.js';

/** How a step was taken. */
export type StepAction =
  | { readonly kind: 'choice'; readonly choice: string }
  | { readonly kind: 'say'; readonly text: string; readonly rule: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'auto'; readonly branch: number };

/** One step of a run: what was done at which node, and what it changed. */
export interface StepRecord {
  readonly node: NodeId;
  readonly action: StepAction;
  readonly score: Readonly<Record<LessonId, number>>;
  readonly effects: Readonly<Record<MeterId, number>>;
  readonly feedback?: Consequence['feedback'];
  readonly goto: NodeId;
  /** meter values after this step's effects */
  readonly meters: Readonly<Record<MeterId, number>>;
}

export interface RunContext {
  readonly meters: Readonly<Record<MeterId, number>>;
  readonly points: Readonly<Record<LessonId, number>>;
  /**
   * every node entered, in order, including automatic ones and the ending. Path and steps
   * grow in place: an older snapshot's may hold later entries (run-growth.ts).
   */
  readonly path: readonly NodeId[];
  readonly steps: readonly StepRecord[];
}

export type RunEvent =
  | { readonly type: 'choose'; readonly choice: string }
  | { readonly type: 'say'; readonly text: string };

export interface RunOutput extends RunContext {
  readonly ending: NodeId;
  readonly outcome: Outcome;
}

/** The machine id, fixed so that timeout event names are predictable (see timeoutEvent). */
export const MACHINE_ID = 'scenario';

type TakeParams = {
  readonly node: NodeId;
  readonly how: 'choice' | 'rule' | 'timeout' | 'auto';
  readonly index: number;
  readonly choice?: string;
  readonly consequence: Consequence;
  /** the step's action, built once per way when it does not depend on the event (all but typed answers) */
  readonly action?: StepAction;
  /** whether the way scores at all (the points record is kept as it is when not) */
  readonly scores: boolean;
};

/** XState reads dots and hashes in state keys as paths; other node ids are used as they are. */
function stateKeys(scenario: Scenario): Map<NodeId, string> {
  const keys = new Map<NodeId, string>();
  Object.keys(scenario.nodes).forEach((id, i) => keys.set(id, /^[A-Za-z0-9_-]+$/.test(id) ? id : `node-${i}`));
  return keys;
}

/** The action of a way that does not depend on the event: the same object for every step taken there. */
function fixedAction(how: TakeParams['how'], index: number, choice?: string): StepAction | undefined {
  if (how === 'choice') return { kind: 'choice', choice: choice! };
  if (how === 'timeout') return { kind: 'timeout' };
  if (how === 'auto') return { kind: 'auto', branch: index };
  return undefined;
}

/** The step record of taking `params` (what the debrief and the records keep). */
function stepOf(params: TakeParams, event: RunEvent, meters: Readonly<Record<MeterId, number>>): StepRecord {
  const c = params.consequence;
  const action: StepAction = params.action ?? {
    kind: 'say',
    text: event.type === 'say' ? event.text : '',
    rule: params.index,
  };
  return c.feedback === undefined
    ? { node: params.node, action, score: c.score, effects: c.effects, goto: c.goto, meters }
    : { node: params.node, action, score: c.score, effects: c.effects, feedback: c.feedback, goto: c.goto, meters };
}

/**
 * The machine's guards and its one action. Taking a way records the step and enters the
 * node it leads to (the path grows here, not in an entry action: one context update per
 * step, which is most of what a step costs in XState).
 */
function base(scenario: Scenario) {
  return setup({
    types: {
      context: {} as RunContext,
      events: {} as RunEvent,
      output: {} as RunOutput,
    },
    guards: {
      choiceIs: ({ context, event }, params: { choice: string; if?: Condition }) =>
        event.type === 'choose' &&
        event.choice === params.choice &&
        (!params.if || holdsOnPath(params.if, context.meters, context.path)),
      answerMatches: ({ event }, params: { match?: Match }) =>
        event.type === 'say' && matchesAnswer(params.match, event.text),
      // (no closure over the path for the unconditional entries, most of them)
      conditionHolds: ({ context }, params: { if?: Condition }) =>
        !params.if || holdsOnPath(params.if, context.meters, context.path),
    },
    actions: {
      take: assign(({ context, event, self }, params: TakeParams) => {
        const c = params.consequence;
        // a fresh meters record every step: it tells this context apart (run-growth.ts)
        const meters = applyEffects(context.meters, c.effects, scenario.meters);
        let points = context.points;
        if (params.scores) {
          const next: Record<LessonId, number> = { ...points };
          for (const lesson in c.score) next[lesson] = (next[lesson] ?? 0) + c.score[lesson]!;
          points = next;
        }
        return { meters, points, ...grown(context, self, meters, c.goto, stepOf(params, event, meters)) };
      }),
    },
  });
}

function takeOf(node: NodeId, how: TakeParams['how'], index: number, consequence: Consequence, choice?: string) {
  const action = fixedAction(how, index, choice);
  const params: TakeParams = {
    node,
    how,
    index,
    choice,
    consequence,
    ...(action ? { action } : {}),
    scores: Object.keys(consequence.score).length > 0,
  };
  return { type: 'take' as const, params };
}

/** A node as a state: choices and answers are events, a timeout an `after`, `when` entries `always` transitions. */
function stateFor(node: ScenarioNode, target: (id: NodeId) => string, take: typeof takeOf) {
  switch (node.kind) {
    case 'choice':
    case 'input': {
      const on =
        node.kind === 'choice'
          ? {
              choose: node.choices.map((ch) => ({
                guard: { type: 'choiceIs' as const, params: { choice: ch.id, ...(ch.if ? { if: ch.if } : {}) } },
                target: target(ch.goto),
                actions: take(node.id, 'choice', 0, ch, ch.id),
              })),
            }
          : {
              // XState takes the first transition whose guard passes: "the first rule that matches wins".
              say: node.rules.map((rule, index) => ({
                guard: { type: 'answerMatches' as const, params: { ...(rule.match ? { match: rule.match } : {}) } },
                target: target(rule.goto),
                actions: take(node.id, 'rule', index, rule),
              })),
            };
      const after = node.timeout
        ? {
            [node.timeout.seconds * 1000]: {
              target: target(node.timeout.goto),
              actions: take(node.id, 'timeout', 0, node.timeout),
            },
          }
        : undefined;
      return { on, ...(after ? { after } : {}) };
    }
    case 'branch':
      return {
        always: node.when.map((b, index) => ({
          guard: { type: 'conditionHolds' as const, params: { ...(b.if ? { if: b.if } : {}) } },
          target: target(b.goto),
          actions: take(node.id, 'auto', index, b),
        })),
      };
    case 'end':
      return { type: 'final' as const };
  }
}

export function compile(scenario: Scenario) {
  const keys = stateKeys(scenario);
  const nodeOfKey = new Map([...keys].map(([id, key]) => [key, id] as const));
  const target = (id: NodeId) => keys.get(id)!;
  const states: Record<string, ReturnType<typeof stateFor>> = {};
  for (const node of Object.values(scenario.nodes)) states[keys.get(node.id)!] = stateFor(node, target, takeOf);
  const machine = base(scenario).createMachine({
    id: MACHINE_ID,
    initial: target(scenario.start),
    context: { meters: initialMeters(scenario.meters), points: {}, path: [scenario.start], steps: [] },
    // The typed config cannot express a record of generated states; the shapes are built above.
    states: states as never,
    output: ({ context }) => {
      const ending = context.path[context.path.length - 1]!;
      const node = scenario.nodes[ending]!;
      return { ...context, ending, outcome: node.kind === 'end' ? node.outcome : 'failure' };
    },
  });
  return {
    scenario,
    machine,
    /** the scenario node an actor snapshot is at */
    nodeOf(snapshot: SnapshotFrom<typeof machine>): NodeId {
      return nodeOfKey.get(String(snapshot.value))!;
    },
    /** the internal event XState raises when `node`'s timeout expires */
    timeoutEvent(node: NodeId): string | undefined {
      const n = scenario.nodes[node];
      if (!n || (n.kind !== 'choice' && n.kind !== 'input') || !n.timeout) return undefined;
      return `xstate.after.${n.timeout.seconds * 1000}.${MACHINE_ID}.${keys.get(node)}`;
    },
  };
}

export type CompiledScenario = ReturnType<typeof compile>;
export type ScenarioMachine = CompiledScenario['machine'];
export type ScenarioSnapshot = SnapshotFrom<ScenarioMachine>;
