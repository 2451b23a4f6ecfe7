/**
 * A random trainee: picks visible choices, types random or rule-shaped answers, lets the
 * clock run out, and lets random amounts of time pass before answering — driving the same
 * Play actor the UI drives, on XState's SimulatedClock. Every decision comes from `pick`,
 * so fast-check can generate, replay and shrink a whole playthrough.
 */
import { SimulatedClock } from 'xstate';
import { Play, type CompiledScenario, type RunOutput, type TestStep } from '../../src/core/index.js';

export interface Decisions {
  /** an integer in 0..n-1 */
  pick(n: number): number;
  /** a random piece of typed text */
  text(): string;
}

export interface Playthrough {
  readonly steps: TestStep[];
  readonly output: RunOutput | undefined;
  /** the node where play stopped when no ending was reached within the step limit */
  readonly stoppedAt: string;
}

export function randomPlay(compiled: CompiledScenario, d: Decisions, maxSteps = 2000): Playthrough {
  const clock = new SimulatedClock();
  const play = new Play(compiled, { clock });
  const steps: TestStep[] = [];
  try {
    while (!play.done && steps.length < maxSteps) {
      const turn = play.turn();
      const node = turn.node;
      // Time passing without the deadline being reached must change nothing.
      if (turn.deadline !== undefined && d.pick(3) === 0) {
        const left = turn.deadline - clock.now();
        if (left > 1) clock.increment(d.pick(left));
      }
      const canWait = turn.deadline !== undefined;
      if (canWait && d.pick(4) === 0) {
        clock.increment(Math.max(0, turn.deadline! - clock.now()));
        steps.push({ wait: true });
        continue;
      }
      if (node.kind === 'choice') {
        if (turn.choices.length === 0) {
          if (!canWait) break; // stuck: reported by the caller
          clock.increment(Math.max(0, turn.deadline! - clock.now()));
          steps.push({ wait: true });
          continue;
        }
        const choice = turn.choices[d.pick(turn.choices.length)]!;
        play.choose(choice.id);
        steps.push(choice.id);
      } else if (node.kind === 'input') {
        const text = answerFor(node.rules, d);
        play.say(text);
        steps.push({ say: text });
      } else {
        break; // branch nodes are followed by the machine; an end node means done
      }
    }
    return { steps, output: play.output, stoppedAt: play.node };
  } finally {
    play.stop();
  }
}

type Rules = Extract<CompiledScenario['scenario']['nodes'][string], { kind: 'input' }>['rules'];

/** Half the time pure noise, half the time text built from a rule's keywords plus noise. */
function answerFor(rules: Rules, d: Decisions): string {
  if (d.pick(2) === 0) return d.text();
  const rule = rules[d.pick(rules.length)]!;
  const parts: string[] = [];
  if (rule.match) {
    parts.push(...rule.match.all);
    if (rule.match.any.length) parts.push(rule.match.any[d.pick(rule.match.any.length)]!);
    if (d.pick(3) === 0 && rule.match.none.length) parts.push(rule.match.none[0]!);
  }
  parts.push(d.text());
  // shuffle a little so order-sensitive bugs show
  if (parts.length > 1 && d.pick(2) === 0) parts.reverse();
  return parts.join(d.pick(2) === 0 ? ' ' : '，');
}
