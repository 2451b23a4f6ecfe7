/**
 * The compiled scenario is a real XState v5 machine (named guards and actions from `setup`,
 * `after` for timeouts, `always` for `when`, final states with output), and Play is an actor
 * of it whose persisted snapshot restores and continues — with a pending timeout re-armed.
 */
import { createActor, SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compile, Play, runSteps, StepError } from '../../src/core/index.js';
import { GREETING, load } from './helpers.js';

const compiled = compile(load(GREETING));
const { machine } = compiled;

describe('compile() gives an XState machine', () => {
  it('with named guards and actions from setup()', () => {
    expect(Object.keys(machine.implementations.guards).sort()).toEqual(['answerMatches', 'choiceIs', 'conditionHolds']);
    expect(Object.keys(machine.implementations.actions).sort()).toEqual(['take']);
  });

  it('one state per node; choices and answers are events; endings are final states', () => {
    expect(Object.keys(machine.states).sort()).toEqual(['ask', 'check', 'greet', 'lost', 'won']);
    expect([...machine.states.greet!.transitions.keys()]).toEqual(['choose']);
    expect(machine.states.greet!.transitions.get('choose')!.map((t) => t.guard)).toEqual([
      { type: 'choiceIs', params: { choice: 'warm' } },
      { type: 'choiceIs', params: { choice: 'cold' } },
      {
        type: 'choiceIs',
        params: { choice: 'secret', if: { meters: [{ meter: 'trust', op: 'gte', value: 2 }], visited: [] } },
      },
    ]);
    expect(machine.states.won!.type).toBe('final');
    expect(machine.states.lost!.type).toBe('final');
    expect(machine.states.greet!.type).toBe('atomic');
  });

  it('a timeout is an `after` delay in milliseconds', () => {
    const after = machine.states.ask!.after;
    expect(after.map((t) => [t.delay, t.target!.map((s) => s.key)])).toEqual([[30_000, ['check']]]);
    expect(compiled.timeoutEvent('ask')).toBe(after[0]!.eventType);
    expect(compiled.timeoutEvent('greet')).toBeUndefined();
  });

  it('a `when` node is a list of `always` transitions in file order', () => {
    const always = machine.states.check!.always!;
    expect(always.map((t) => [t.guard && (t.guard as { type: string }).type, t.target!.map((s) => s.key)])).toEqual([
      ['conditionHolds', ['won']],
      ['conditionHolds', ['lost']],
    ]);
  });

  it('a plain actor runs it; the final state carries the run as output', () => {
    const actor = createActor(machine).start();
    actor.send({ type: 'choose', choice: 'warm' });
    actor.send({ type: 'say', text: 'So sorry!' });
    const snap = actor.getSnapshot();
    expect(snap.status).toBe('done');
    expect(snap.output).toMatchObject({
      ending: 'won',
      outcome: 'success',
      path: ['greet', 'ask', 'check', 'won'],
      points: { a: 3, b: 2 },
      meters: { trust: 1 },
    });
    expect(snap.output!.steps.map((s) => s.action)).toEqual([
      { kind: 'choice', choice: 'warm' },
      { kind: 'say', text: 'So sorry!', rule: 0 },
      { kind: 'auto', branch: 0 },
    ]);
  });

  it('the guards refuse a hidden or unknown choice: the machine stays put', () => {
    const actor = createActor(machine).start();
    actor.send({ type: 'choose', choice: 'secret' });
    actor.send({ type: 'choose', choice: 'nonsense' });
    actor.send({ type: 'say', text: 'sorry' });
    expect(actor.getSnapshot().value).toBe('greet');
    expect(actor.getSnapshot().context.steps).toEqual([]);
  });
});

describe('Play: timeouts on the actor clock', () => {
  it('fires exactly at the deadline (SimulatedClock), with the timeout consequence', () => {
    const clock = new SimulatedClock();
    const play = new Play(compiled, { clock });
    play.choose('cold');
    expect(play.turn().deadline).toBe(30_000);
    clock.increment(29_999);
    expect(play.node).toBe('ask');
    clock.increment(1);
    expect(play.done).toBe(true);
    expect(play.output).toMatchObject({ path: ['greet', 'ask', 'check', 'lost'], points: { a: -1, b: -1 } });
    expect(play.output!.steps[1]).toMatchObject({
      node: 'ask',
      action: { kind: 'timeout' },
      feedback: 'too slow',
      goto: 'check',
    });
  });

  it('answering in time cancels the timeout', () => {
    const clock = new SimulatedClock();
    const play = new Play(compiled, { clock });
    play.choose('warm');
    clock.increment(10_000);
    play.say('hello');
    clock.increment(60_000);
    expect(play.output!.steps.map((s) => s.action.kind)).toEqual(['choice', 'say', 'auto']);
  });

  it('a step that is not valid now is a StepError naming the node and the valid choices', () => {
    const play = new Play(compiled, { clock: new SimulatedClock() });
    expect(() => play.choose('secret')).toThrow(StepError);
    expect(() => play.choose('secret')).toThrow(
      "'secret' is hidden (its condition does not hold) at node 'greet'; valid choices: warm or cold",
    );
    expect(() => play.say('hi')).toThrow(/node 'greet' expects a choice \(warm or cold\), not a typed answer/);
    play.choose('warm');
    expect(() => play.choose('warm')).toThrow(/node 'ask' expects a typed answer/);
  });

  it('{ wait: true } in runSteps advances the simulated clock to the deadline', () => {
    const r = runSteps(compiled, ['warm', { wait: true }]);
    expect(r.ok && r.report).toMatchObject({
      ending: 'won',
      path: ['greet', 'ask', 'check', 'won'],
      score: { lessons: { a: { points: 3 }, b: { points: -1 } } },
    });
  });
});

describe('persisted snapshots', () => {
  const roundTrip = (play: Play) => JSON.parse(JSON.stringify(play.persisted())) as unknown;

  it('restore and continue: the same result as an uninterrupted run', () => {
    const straight = runSteps(compiled, ['warm', { say: 'sorry' }]);
    const first = new Play(compiled, { clock: new SimulatedClock() });
    first.choose('warm');
    const saved = roundTrip(first);
    first.stop();
    const resumed = new Play(compiled, { clock: new SimulatedClock(), snapshot: saved });
    expect(resumed.node).toBe('ask');
    expect(resumed.context.meters).toEqual({ trust: 1 });
    resumed.say('sorry');
    expect(resumed.output).toEqual(straight.ok && straight.output);
  });

  it('a pending timeout is re-armed after restore, with the time that was left', () => {
    const first = new Play(compiled, { clock: new SimulatedClock() });
    first.choose('cold');
    const saved = roundTrip(first);
    first.stop();
    const clock = new SimulatedClock();
    const resumed = new Play(compiled, { clock, snapshot: saved, remainingMs: 5_000 });
    expect(resumed.turn().deadline).toBe(5_000);
    clock.increment(4_999);
    expect(resumed.node).toBe('ask');
    clock.increment(1);
    expect(resumed.done).toBe(true);
    expect(resumed.output!.steps.map((s) => s.action.kind)).toEqual(['choice', 'timeout', 'auto']);
    expect(resumed.output!.ending).toBe('lost');
  });

  it('without remainingMs the full timeout is given again', () => {
    const first = new Play(compiled, { clock: new SimulatedClock() });
    first.choose('cold');
    const clock = new SimulatedClock();
    const resumed = new Play(compiled, { clock, snapshot: roundTrip(first) });
    clock.increment(29_999);
    expect(resumed.done).toBe(false);
    clock.increment(1);
    expect(resumed.done).toBe(true);
  });

  it('answering after restore cancels the re-armed timeout', () => {
    const first = new Play(compiled, { clock: new SimulatedClock() });
    first.choose('warm');
    const clock = new SimulatedClock();
    const resumed = new Play(compiled, { clock, snapshot: roundTrip(first), remainingMs: 1_000 });
    resumed.say('sorry');
    clock.increment(100_000);
    expect(resumed.output!.steps.map((s) => s.action.kind)).toEqual(['choice', 'say', 'auto']);
  });

  it('a finished run restores as finished, with its output', () => {
    const first = new Play(compiled, { clock: new SimulatedClock() });
    first.choose('warm');
    first.say('sorry');
    const resumed = new Play(compiled, { clock: new SimulatedClock(), snapshot: roundTrip(first) });
    expect(resumed.done).toBe(true);
    expect(resumed.output).toEqual(first.output);
  });
});
