// Generated scenarios for the engine benchmark: large DAGs with 3 meters and conditions,
// written out as YAML so that a benchmark measures the whole loader, not only the analysis.
import { stringify } from 'yaml';
import { seededRandom } from '../../dist/core/audit/audit-strategies.js';

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same scenarios: the audit's own. */
export const prng = seededRandom;

const LESSONS = ['listen-first', 'empathy', 'introduce', 'follow-up', 'honesty'];
const METERS = {
  mood: { initial: 0, min: -3, max: 3, label: { zh: '情绪', en: 'Mood' } },
  trust: { initial: 1, min: 0, max: 4, label: { zh: '信任', en: 'Trust' } },
  time: { initial: 0, min: 0, max: 5, label: { zh: '时间', en: 'Time' } },
};
const METER_IDS = Object.keys(METERS);

/**
 * A scenario of `size` nodes whose ways only lead forward (a DAG): about 70% choice nodes
 * (2–3 choices, a third of them conditional, some with a timeout), 15% typed answers, 15%
 * automatic `when` branches on the meters, and the last 5% endings. Every node's first way
 * leads to the next node, so every node is reachable.
 */
export function generateScenario(size, seed = size) {
  const rnd = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const ends = Math.max(3, Math.round(size * 0.05));
  const inner = size - ends;
  const id = (i) => `n${i}`;
  const forward = (i) => id(Math.min(size - 1, i + int(1, 8)));
  const score = () => {
    const s = {};
    for (let k = int(1, 2); k > 0; k--) s[pick(LESSONS)] = int(-2, 3);
    return s;
  };
  const effects = () => {
    const e = {};
    for (let k = int(0, 2); k > 0; k--) e[pick(METER_IDS)] = pick([-1, 1]);
    return e;
  };
  const condition = () => {
    const m = pick(METER_IDS);
    const { min, max } = METERS[m];
    return { [m]: { [pick(['gte', 'lte', 'gt', 'lt'])]: int(min, max) } };
  };

  const nodes = {};
  for (let i = 0; i < inner; i++) {
    const next = id(i + 1);
    const text = { zh: `第${i}步`, en: `Step ${i}` };
    const r = rnd();
    if (r < 0.7 || i === 0) {
      const choices = [];
      const n = int(2, 3);
      for (let c = 0; c < n; c++) {
        choices.push({
          id: `c${c}`,
          text: { zh: `选项${c}`, en: `Option ${c}` },
          ...(c > 0 && rnd() < 0.35 ? { if: condition() } : {}),
          score: score(),
          effects: effects(),
          goto: c === 0 ? next : forward(i),
        });
      }
      const timeout =
        rnd() < 0.2
          ? { timeout: { seconds: 30, score: { 'listen-first': -1 }, effects: { time: 1 }, goto: forward(i) } }
          : {};
      nodes[id(i)] = { text, choices, ...timeout };
    } else if (r < 0.85) {
      nodes[id(i)] = {
        text,
        input: {
          prompt: { zh: '你怎么说？', en: 'What do you say?' },
          rules: [
            { match: { all: ['您好'], any: ['华苏', 'huasu'] }, score: score(), effects: effects(), goto: next },
            { match: { regex: '(sorry|抱歉)' }, score: score(), goto: forward(i) },
            { score: { introduce: -1 }, goto: forward(i) },
          ],
        },
      };
    } else {
      nodes[id(i)] = {
        when: [{ if: condition(), score: score(), goto: forward(i) }, { goto: next }],
      };
    }
  }
  for (let i = inner; i < size; i++)
    nodes[id(i)] = { text: { zh: '结束', en: 'The end' }, end: { outcome: pick(['success', 'partial', 'failure']) } };

  const lessons = Object.fromEntries(LESSONS.map((l) => [l, { title: { zh: l, en: l }, principle: { zh: l, en: l } }]));
  return stringify(
    {
      id: `bench-${size}`,
      title: { zh: `基准 ${size}`, en: `Benchmark ${size}` },
      cast: { customer: { name: { zh: '客户', en: 'Customer' } } },
      meters: METERS,
      lessons,
      start: 'n0',
      nodes,
    },
    { lineWidth: 0 },
  );
}

// Cyclic cases for the authoring benchmark (bench/authoring.mjs) and the loop tests.

const RING_LESSONS = { 'listen-first': 'Listen first', 'follow-up': 'Follow up' };
const ringLessons = Object.fromEntries(
  Object.entries(RING_LESSONS).map(([id, t]) => [id, { title: { zh: t, en: t }, principle: { zh: t, en: t } }]),
);
const text = (s) => ({ zh: s, en: s });

function scenarioText(id, nodes, meters = {}) {
  return stringify(
    {
      id,
      title: text(id),
      cast: { customer: { name: text('Customer') } },
      meters,
      lessons: ringLessons,
      start: 'n0',
      nodes,
    },
    { lineWidth: 0 },
  );
}

/** 1,000 decisions in a line; each has a good and a poor choice, the poor one moves a meter. */
export function chain(size) {
  const rnd = prng(7);
  const nodes = {};
  for (let i = 0; i < size - 3; i++) {
    const next = i === size - 4 ? 'done' : `n${i + 1}`;
    nodes[`n${i}`] = {
      text: text(`Step ${i}`),
      choices: [
        { id: 'good', text: text('Good'), score: { 'listen-first': 1 }, effects: { mood: 1 }, goto: next },
        {
          id: 'poor',
          text: text('Poor'),
          score: { 'follow-up': -1 },
          effects: { mood: -1, time: rnd() < 0.5 ? 1 : 0 },
          goto: next,
        },
        ...(i % 50 === 49 ? [{ id: 'quit', if: { mood: { lte: -2 } }, text: text('Quit'), goto: 'quit' }] : []),
      ],
    };
  }
  nodes.done = { text: text('Done'), end: { outcome: 'success' } };
  nodes.quit = { text: text('Quit'), end: { outcome: 'failure' } };
  nodes.late = { text: text('Late'), end: { outcome: 'partial' } };
  nodes.n0.choices.push({ id: 'late', if: { time: { gte: 9 } }, text: text('Late'), goto: 'late' });
  return scenarioText(`chain-${size}`, nodes, {
    mood: { initial: 0, min: -3, max: 3 },
    time: { initial: 0, min: 0, max: 3 },
  });
}

/**
 * `loops` loops of `each` nodes; from each loop's last node the trainee may leave when calm
 * enough, which is the only way that earns (going back loses, so the worst has no floor).
 */
export function loops(loopsCount, each) {
  const nodes = {};
  for (let l = 0; l < loopsCount; l++) {
    for (let k = 0; k < each; k++) {
      const i = l * each + k;
      const first = l * each;
      const choices = [
        {
          id: 'on',
          text: text('On'),
          effects: { mood: 1 },
          goto: k === each - 1 ? `n${first}` : `n${i + 1}`,
        },
        {
          id: 'back',
          text: text('Back'),
          score: { 'follow-up': -1 },
          effects: { mood: -1 },
          goto: `n${first + Math.max(0, k - 3)}`,
        },
      ];
      if (k === each - 1)
        choices.push({
          id: 'leave',
          if: { mood: { gte: -1 } },
          text: text('Leave'),
          score: { 'listen-first': 1, 'follow-up': 1 },
          goto: l === loopsCount - 1 ? 'done' : `n${i + 1}`,
        });
      if (k === 5) choices.push({ id: 'give-up', text: text('Give up'), goto: 'lost' });
      nodes[`n${i}`] = { text: text(`Step ${i}`), choices };
    }
  }
  nodes.done = { text: text('Done'), end: { outcome: 'success' } };
  nodes.lost = { text: text('Lost'), end: { outcome: 'failure' } };
  return scenarioText(`loops-${loopsCount * each}`, nodes, { mood: { initial: 0, min: -3, max: 3 } });
}

/**
 * One ring of `size` nodes: step on, skip one, or go back three; every tenth node has a way
 * out. Stepping on and skipping score, so going round the ring earns points each round (lint
 * must say so). With `exitsOnly`, only the ways out score (more the further round), so the
 * best score is exact and is reached by walking the ring once.
 */
export function ring(size, { exitsOnly = false } = {}) {
  const nodes = {};
  for (let i = 0; i < size; i++) {
    const on = exitsOnly ? {} : { score: { 'listen-first': 1 } };
    const skip = exitsOnly ? {} : { score: { 'follow-up': 1 } };
    const choices = [
      { id: 'on', text: text('On'), ...on, goto: `n${(i + 1) % size}` },
      { id: 'skip', text: text('Skip'), ...skip, effects: { mood: -1 }, goto: `n${(i + 2) % size}` },
      { id: 'back', text: text('Back'), effects: { mood: 1 }, goto: `n${(i - 3 + size) % size}` },
    ];
    if (i % 10 === 9)
      choices.push({
        id: 'out',
        if: { mood: { gte: 0 } },
        text: text('Out'),
        score: exitsOnly ? { 'listen-first': 1 + Math.floor(i / 10), 'follow-up': 1 } : { 'listen-first': 2 },
        goto: i === size - 1 ? 'done' : 'partway',
      });
    nodes[`n${i}`] = { text: text(`Step ${i}`), choices };
  }
  nodes.done = { text: text('Done'), end: { outcome: 'success' } };
  nodes.partway = { text: text('Part way'), end: { outcome: 'partial' } };
  return scenarioText(`ring-${size}${exitsOnly ? '-exits' : ''}`, nodes, { mood: { initial: 0, min: -2, max: 2 } });
}
