// Headless play against raw XState on the same graph (bench/engine.mjs).
//
// "Raw XState" is the same case written directly as an XState v5 machine, the way one would
// by hand: a state per node, guarded transitions, `after` for timeouts, `always` for `when`
// nodes, and a context of meters, points and the nodes visited so far (what conditions
// need). It records no history. roleplay's headless play is its own API (core/play/session.ts
// Play: turn, choose, say), which also keeps every step for the debrief. Both are driven by
// the same seeded choices, and must play the very same games (same number of steps).
import { assign, createActor, setup, SimulatedClock } from 'xstate';
import { compile, matches, normalizeAnswer, Play } from '../../dist/core/index.js';
import { prng } from './generate.mjs';

const STEP_CAP = 2000;

/** CPU time of this process in ms: on a shared machine it is the figure load distorts least. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const COMPARE = {
  eq: (a, b) => a === b,
  gte: (a, b) => a >= b,
  gt: (a, b) => a > b,
  lte: (a, b) => a <= b,
  lt: (a, b) => a < b,
};

/** The scenario as a hand-written XState machine. */
export function rawMachine(scenario) {
  const meters = new Map(scenario.meters.map((m) => [m.id, m]));
  const holds = (cond, context) =>
    !cond ||
    (cond.meters.every((t) => COMPARE[t.op](context.meters[t.meter], t.value)) &&
      cond.visited.every((v) => context.visited.includes(v)));
  const take = (c, from) =>
    assign(({ context }) => {
      const next = { ...context.meters };
      for (const [m, d] of Object.entries(c.effects)) {
        const def = meters.get(m);
        next[m] = Math.min(def.max, Math.max(def.min, next[m] + d));
      }
      const points = { ...context.points };
      for (const [l, p] of Object.entries(c.score)) points[l] = (points[l] ?? 0) + p;
      const visited = context.visited.includes(from) ? context.visited : [...context.visited, from];
      return { meters: next, points, visited };
    });
  const states = {};
  for (const node of Object.values(scenario.nodes)) states[node.id] = rawState(node, holds, take);
  return {
    machine: setup({}).createMachine({
      initial: scenario.start,
      context: { meters: Object.fromEntries(scenario.meters.map((m) => [m.id, m.initial])), points: {}, visited: [] },
      states,
    }),
    holds,
  };
}

function rawState(node, holds, take) {
  const after = node.timeout
    ? { after: { [node.timeout.seconds * 1000]: { target: node.timeout.goto, actions: take(node.timeout, node.id) } } }
    : {};
  switch (node.kind) {
    case 'choice':
      return {
        on: {
          choose: node.choices.map((ch) => ({
            guard: ({ context, event }) => event.choice === ch.id && holds(ch.if, context),
            target: ch.goto,
            actions: take(ch, node.id),
          })),
        },
        ...after,
      };
    case 'input':
      return {
        on: {
          say: node.rules.map((r) => ({
            guard: ({ event }) => matches(r.match, normalizeAnswer(event.text)),
            target: r.goto,
            actions: take(r, node.id),
          })),
        },
        ...after,
      };
    case 'branch':
      return {
        always: node.when.map((b) => ({
          guard: ({ context }) => holds(b.if, context),
          target: b.goto,
          actions: take(b, node.id),
        })),
      };
    default:
      return { type: 'final' };
  }
}

/** One typed answer per rule that a trainee could give to reach it. */
function answersOf(scenario) {
  return new Map(
    Object.values(scenario.nodes)
      .filter((x) => x.kind === 'input')
      .map((x) => [
        x.id,
        x.rules.map((r) => (r.match ? [...r.match.all, r.match.any[0] ?? ''].join(' ') || 'ok' : '嗯……')),
      ]),
  );
}

/**
 * One step of a seeded random player: wait (10% of timed turns, or when nothing is shown),
 * else a random visible choice or answer. Shared by both players, so they play the same games.
 */
function decide(rnd, node, choices, canWait, answers) {
  if (canWait && (rnd() < 0.1 || (node.kind === 'choice' && choices.length === 0))) return { wait: true };
  if (node.kind === 'choice') return { choose: choices[Math.floor(rnd() * choices.length)].id };
  const a = answers.get(node.id);
  return { say: a[Math.floor(rnd() * a.length)] };
}

export function roleplayPlays(scenario, n, seed) {
  const compiled = compile(scenario);
  const answers = answersOf(scenario);
  const rnd = prng(seed);
  let steps = 0;
  const started = cpuMs();
  for (let i = 0; i < n; i++) {
    const clock = new SimulatedClock();
    const play = new Play(compiled, { clock });
    for (let k = 0; k < STEP_CAP && !play.done; k++) {
      const turn = play.turn();
      const d = decide(rnd, turn.node, turn.choices, turn.deadline !== undefined, answers);
      if (d.wait) clock.increment(turn.deadline - clock.now());
      else if (d.choose) play.choose(d.choose);
      else play.say(d.say);
      steps++;
    }
    if (!play.done) throw new Error('roleplay playthrough did not end');
    play.stop();
  }
  return { steps, ms: cpuMs() - started };
}

export function rawPlays(scenario, n, seed) {
  const { machine, holds } = rawMachine(scenario);
  const answers = answersOf(scenario);
  const rnd = prng(seed);
  let steps = 0;
  const started = cpuMs();
  for (let i = 0; i < n; i++) {
    const clock = new SimulatedClock();
    const actor = createActor(machine, { clock }).start();
    for (let k = 0; k < STEP_CAP; k++) {
      const snap = actor.getSnapshot();
      if (snap.status === 'done') break;
      const node = scenario.nodes[snap.value];
      const choices = node.kind === 'choice' ? node.choices.filter((c) => holds(c.if, snap.context)) : [];
      const d = decide(rnd, node, choices, node.timeout !== undefined, answers);
      if (d.wait) clock.increment(node.timeout.seconds * 1000);
      else if (d.choose) actor.send({ type: 'choose', choice: d.choose });
      else actor.send({ type: 'say', text: d.say });
      steps++;
    }
    if (actor.getSnapshot().status !== 'done') throw new Error('raw XState playthrough did not end');
    actor.stop();
  }
  return { steps, ms: cpuMs() - started };
}

/**
 * Both players in many short alternating rounds, so that background load hits both alike;
 * steps per CPU second each.
 */
export function comparePlay(scenario, playthroughs, rounds = 40) {
  roleplayPlays(scenario, Math.ceil(playthroughs / 10), 1); // JIT warm-up
  rawPlays(scenario, Math.ceil(playthroughs / 10), 1);
  const per = Math.ceil(playthroughs / rounds);
  const rp = { steps: 0, ms: 0 };
  const raw = { steps: 0, ms: 0 };
  for (let r = 0; r < rounds; r++) {
    // in turn, each first half the time (the one that runs second pays for the first's garbage)
    const first = r % 2 === 0;
    const b0 = first ? undefined : rawPlays(scenario, per, 100 + r);
    const a = roleplayPlays(scenario, per, 100 + r);
    const b = b0 ?? rawPlays(scenario, per, 100 + r);
    if (a.steps !== b.steps)
      throw new Error(`the two players did not play the same games (${a.steps} vs ${b.steps} steps)`);
    rp.steps += a.steps;
    rp.ms += a.ms;
    raw.steps += b.steps;
    raw.ms += b.ms;
  }
  return { playthroughs: per * rounds, roleplay: rp.steps / (rp.ms / 1000), raw: raw.steps / (raw.ms / 1000) };
}
