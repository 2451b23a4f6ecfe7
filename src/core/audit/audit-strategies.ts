/**
 * Naive players for `roleplay audit`: they read only the surface of the replies (length,
 * courtesy words, position) or guess, and never the lessons. Each plays the case through the
 * engine (Play on a simulated clock), in one interface language, typing a lazy answer at every
 * typed node. A case that one of them passes does not measure judgement.
 */
import { SimulatedClock } from 'xstate';
import type { StrategyName } from './audit-messages.js';
import type { CompiledScenario, RunOutput } from '../play/machine.js';
import type { Choice, NodeId, Outcome, TestStep } from '../format/model.js';
import { Play, reportOf, takeStep, type Turn } from '../play/session.js';
import { localize, type Lang } from '../text.js';

/** What a trainee who did not learn the lesson types: polite, vague, committing to nothing. */
export const LAZY_ANSWERS: Readonly<Record<Lang, string>> = {
  zh: '好的，我尽快处理，您放心',
  en: "OK, I'll sort it out as soon as possible",
};

/** Courtesy markers counted by the "most courteous" player. */
const COURTESY: Readonly<Record<Lang, readonly string[]>> = {
  zh: [
    '您',
    '请',
    '谢谢',
    '感谢',
    '多谢',
    '麻烦',
    '劳驾',
    '劳烦',
    '抱歉',
    '对不起',
    '不好意思',
    '辛苦',
    '理解',
    '打扰',
  ],
  en: [
    'please',
    'thank',
    'sorry',
    'apolog',
    'appreciate',
    'understand',
    'kindly',
    'could you',
    'would you',
    'grateful',
  ],
};

export type DeterministicStrategy = Exclude<StrategyName, 'random'>;
export const DETERMINISTIC: readonly DeterministicStrategy[] = ['longest', 'shortest', 'courteous', 'first', 'last'];

/** A play never longer than this (a strategy may walk a loop for ever). */
const MAX_STEPS = 300;

export interface PlayResult {
  readonly finished: boolean;
  readonly passed: boolean;
  readonly percent: number;
  readonly outcome?: Outcome;
  readonly ending?: NodeId;
}

type Picker = (turn: Turn, lang: Lang) => TestStep | undefined;

const lengthOf = (c: Choice, lang: Lang) => [...localize(c.text, lang).replace(/\s+/g, '')].length;
const courtesyOf = (c: Choice, lang: Lang) => {
  const text = localize(c.text, lang).toLowerCase();
  return COURTESY[lang].reduce((n, w) => n + text.split(w).length - 1, 0);
};

/** The visible choice with the highest key; ties go to the one listed first. */
function best(choices: readonly Choice[], key: (c: Choice) => number): Choice | undefined {
  let top: Choice | undefined;
  for (const c of choices) if (top === undefined || key(c) > key(top)) top = c;
  return top;
}

const PICKS: Readonly<Record<DeterministicStrategy, (cs: readonly Choice[], lang: Lang) => Choice | undefined>> = {
  longest: (cs, lang) => best(cs, (c) => lengthOf(c, lang)),
  shortest: (cs, lang) => best(cs, (c) => -lengthOf(c, lang)),
  courteous: (cs, lang) => best(cs, (c) => courtesyOf(c, lang) * 10_000 + lengthOf(c, lang)),
  first: (cs) => cs[0],
  last: (cs) => cs[cs.length - 1],
};

function deterministic(strategy: DeterministicStrategy): Picker {
  return (turn, lang) => {
    if (turn.node.kind === 'input') return { say: LAZY_ANSWERS[lang] };
    const choice = PICKS[strategy](turn.choices, lang);
    if (choice) return choice.id;
    return turn.deadline !== undefined ? { wait: true } : undefined;
  };
}

/** mulberry32: a small seeded generator, so an audit prints the same numbers every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform among what a trainee can do: each visible choice, the lazy answer, and waiting where a clock runs. */
function randomPicker(next: () => number): Picker {
  return (turn, lang) => {
    const options: TestStep[] =
      turn.node.kind === 'input' ? [{ say: LAZY_ANSWERS[lang] }] : turn.choices.map((c) => c.id);
    if (turn.deadline !== undefined) options.push({ wait: true });
    return options.length === 0 ? undefined : options[Math.floor(next() * options.length)];
  };
}

function play(compiled: CompiledScenario, lang: Lang, pick: Picker): PlayResult {
  const clock = new SimulatedClock();
  const p = new Play(compiled, { clock });
  try {
    for (let i = 0; i < MAX_STEPS && !p.done; i++) {
      const step = pick(p.turn(), lang);
      if (step === undefined) break;
      takeStep(p, clock, step);
    }
    return resultOf(compiled, p.output);
  } finally {
    p.stop();
  }
}

function resultOf(compiled: CompiledScenario, output: RunOutput | undefined): PlayResult {
  if (!output) return { finished: false, passed: false, percent: 0 };
  const { score } = reportOf(compiled, output);
  return {
    finished: true,
    passed: score.passed,
    percent: score.percent,
    outcome: output.outcome,
    ending: output.ending,
  };
}

export function playStrategy(compiled: CompiledScenario, strategy: DeterministicStrategy, lang: Lang): PlayResult {
  return play(compiled, lang, deterministic(strategy));
}

export interface RandomResult {
  readonly runs: number;
  readonly passes: number;
  readonly meanPercent: number;
}

/** `runs` random plays from `seed` (each run its own seed, so one run's length does not shift the next). */
export function playRandom(compiled: CompiledScenario, lang: Lang, runs: number, seed: number): RandomResult {
  let passes = 0;
  let sum = 0;
  for (let i = 0; i < runs; i++) {
    const r = play(compiled, lang, randomPicker(seededRandom(seed * 7919 + i)));
    if (r.passed) passes++;
    sum += r.percent;
  }
  return { runs, passes, meanPercent: runs === 0 ? 0 : Math.round(sum / runs) };
}
