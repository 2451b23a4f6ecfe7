/**
 * The graph of situations play can be in. A situation is a node, the values of the meters
 * some condition tests, and which of the nodes named in a `visited` condition were entered
 * before. What play can do next depends on nothing else, so this finite graph is play
 * exactly, revisits included: every walk through it from the start is a run the machine
 * accepts, and every run is such a walk. The analyses (explore.ts, paths.ts) work on it.
 *
 * Meters no condition tests never change what can happen, so they are left out. A meter
 * without a bound on one side that only ever moves one way is kept as its value up to the
 * last threshold any condition compares it with: beyond that every comparison answers the
 * same forever, so one value stands for all of them (a counter of attempts stays finite).
 *
 * Cost: a breadth-first search with constant work per way; values live in flat typed arrays,
 * and a situation's key is a number (node, meters in mixed radix, visited set) whenever the
 * meters are integers in finite ranges.
 */
import type { MeterValues } from '../play/conditions.js';
import { graphOf, type ScenarioGraph } from './graph.js';
import { consequenceOf, waysOf, type Comparison, type NodeId, type Scenario, type Way } from '../format/model.js';

/** A way out of a node, prepared once so that the search allocates nothing per situation. */
export interface PreparedWay {
  readonly way: Way;
  /** its number among all the scenario's ways (Situations.ways) */
  readonly id: number;
  /** the node it leaves, by index */
  readonly node: number;
  /** its place among waysOf(node) */
  readonly index: number;
  readonly to: number;
  /** the `visited` part of its condition, as flag bits */
  readonly visited: readonly number[];
  /** the meter part of its condition and its effects, on tracked meter indices, in flat arrays for the search's inner loop */
  readonly flat: {
    readonly testMeter: readonly number[];
    /** indices into OPS */
    readonly testOp: readonly number[];
    readonly testValue: readonly number[];
    readonly effectMeter: readonly number[];
    readonly effectDelta: readonly number[];
  };
  readonly points: number;
  /** points per scored lesson (scenario.scoredLessons order) */
  readonly lessons: readonly number[];
}

/** A meter some condition tests, with the range its values can take here. */
export interface TrackedMeter {
  readonly id: string;
  readonly initial: number;
  readonly min: number;
  readonly max: number;
  /** values above `capHigh` (below `capLow`) behave alike forever and are stored as it */
  readonly capHigh: number;
  readonly capLow: number;
  /** the range stored values keep to (infinite when a loop can move the meter without bound) */
  readonly low: number;
  readonly high: number;
}

export interface Situations {
  readonly scenario: Scenario;
  readonly graph: ScenarioGraph;
  /** each node's ways, by node index */
  readonly prepared: readonly (readonly PreparedWay[])[];
  /** every way, by its id */
  readonly ways: readonly PreparedWay[];
  readonly meters: readonly TrackedMeter[];
  readonly count: number;
  /** situation → node index */
  readonly node: Int32Array;
  /** situation s's tracked meters at values[s * meters.length ...] */
  readonly values: Float64Array;
  /** ways out of situation s: edges edgeStart[s] .. edgeStart[s + 1] */
  readonly edgeStart: Int32Array;
  readonly edgeTo: Int32Array;
  /** the way (its id) each edge takes */
  readonly edgeWay: Int32Array;
  /** 1 for end nodes, by node index */
  readonly isEnd: Uint8Array;
  /** the situation play is in at `node` with these meters and nodes visited before; undefined if play never is */
  lookup(node: NodeId, meters: MeterValues, visitedBefore: (n: NodeId) => boolean): number | undefined;
  /** the tracked meters of situation s, for messages */
  metersOf(s: number): Record<string, number>;
  readonly facts: PlayFacts;
}

/** What play can do, for lint. */
export interface PlayFacts {
  /** by node index: 1 if play reaches it */
  readonly reached: Uint8Array;
  /** by node index and way index: 1 if the way is ever open (a choice shown, a `when` entry taken) */
  readonly open: readonly Uint8Array[];
  /** choice nodes play can reach with nothing shown and no timeout, with the meters then */
  readonly stuckAt: ReadonlyMap<NodeId, MeterValues>;
}

export class ExplorationLimitError extends Error {
  constructor(
    readonly limit: number,
    /** what makes the situations many: nodes reached, values per meter, sets of visited nodes */
    readonly sizes: {
      readonly nodes: number;
      readonly meters: Readonly<Record<string, number>>;
      readonly visitedSets: number;
    },
  ) {
    super(
      `more than ${limit.toLocaleString('en')} situations (node, meters, visited nodes) play can be in: ${describeSizes(sizes)}`,
    );
  }
}

export function describeSizes(sizes: ExplorationLimitError['sizes']): string {
  const meters = Object.entries(sizes.meters).map(([id, n]) => `${id} ${n.toLocaleString('en')} values`);
  return [
    `${sizes.nodes.toLocaleString('en')} nodes`,
    ...meters,
    `${sizes.visitedSets.toLocaleString('en')} sets of visited nodes`,
  ].join(' × ');
}

export const DEFAULT_STATE_LIMIT = 2_000_000;

/** The nodes some `visited` condition names, each with its flag bit. */
function referencedBits(scenario: Scenario, graph: ScenarioGraph): Int32Array {
  const bit = new Int32Array(graph.ids.length).fill(-1);
  let next = 0;
  for (const id of graph.ids)
    for (const way of waysOf(scenario.nodes[id]!))
      for (const v of conditionOf(way)?.visited ?? []) {
        const n = graph.index.get(v)!;
        if (bit[n] === -1) bit[n] = next++;
      }
  return bit;
}

function conditionOf(way: Way) {
  return way.kind === 'choice' ? way.choice.if : way.kind === 'branch' ? way.branch.if : undefined;
}

function listIn<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/** Meters named in some condition, with the ranges their values keep to. */
function trackedMeters(scenario: Scenario): TrackedMeter[] {
  const thresholds = new Map<string, number[]>();
  const deltas = new Map<string, number[]>();
  for (const node of Object.values(scenario.nodes))
    for (const way of waysOf(node)) {
      for (const t of conditionOf(way)?.meters ?? []) listIn(thresholds, t.meter).push(t.value);
      for (const [m, d] of Object.entries(consequenceOf(way).effects)) listIn(deltas, m).push(d);
    }
  return scenario.meters
    .filter((m) => thresholds.has(m.id))
    .map((m) => {
      const ts = thresholds.get(m.id)!;
      const ds = deltas.get(m.id) ?? [];
      const initial = Math.min(m.max, Math.max(m.min, m.initial));
      const up = ds.every((d) => d >= 0);
      const down = ds.every((d) => d <= 0);
      const top = ts.reduce((a, b) => Math.max(a, b), -Infinity);
      const bottom = ts.reduce((a, b) => Math.min(a, b), Infinity);
      const capHigh = m.max === Infinity && up ? Math.max(initial, top + 1) : Infinity;
      const capLow = m.min === -Infinity && down ? Math.min(initial, bottom - 1) : -Infinity;
      const low = m.min > -Infinity ? m.min : up ? initial : capLow;
      const high = m.max < Infinity ? m.max : down ? initial : capHigh;
      return { id: m.id, initial, min: m.min, max: m.max, capHigh, capLow, low, high };
    });
}

function prepareWays(
  scenario: Scenario,
  graph: ScenarioGraph,
  meters: readonly TrackedMeter[],
  bits: Int32Array,
): PreparedWay[][] {
  const meterIndex = new Map(meters.map((m, i) => [m.id, i] as const));
  const lessonIndex = new Map(scenario.scoredLessons.map((l, i) => [l, i] as const));
  let id = 0;
  return graph.ids.map((name, node) =>
    waysOf(scenario.nodes[name]!).map((way, index) => {
      const c = consequenceOf(way);
      const cond = conditionOf(way);
      const flat = {
        testMeter: [] as number[],
        testOp: [] as number[],
        testValue: [] as number[],
        effectMeter: [] as number[],
        effectDelta: [] as number[],
      };
      for (const t of cond?.meters ?? []) {
        const m = meterIndex.get(t.meter);
        if (m === undefined) continue;
        flat.testMeter.push(m);
        flat.testOp.push(OPS.indexOf(t.op));
        flat.testValue.push(t.value);
      }
      for (const m in c.effects) {
        const i = meterIndex.get(m);
        if (i === undefined) continue;
        flat.effectMeter.push(i);
        flat.effectDelta.push(c.effects[m]!);
      }
      const lessons: number[] = new Array(scenario.scoredLessons.length).fill(0);
      let points = 0;
      for (const lesson in c.score) {
        const p = c.score[lesson]!;
        points += p;
        const li = lessonIndex.get(lesson);
        if (li !== undefined) lessons[li]! += p;
      }
      const visited = cond?.visited ? cond.visited.map((v) => bits[graph.index.get(v)!]!) : NONE;
      return { way, id: id++, node, index, to: graph.index.get(c.goto)!, visited, flat, points, lessons };
    }),
  );
}

const NONE: readonly number[] = [];
const OPS: readonly Comparison[] = ['eq', 'gte', 'gt', 'lte', 'lt'];

/** compare() of conditions.ts, on OPS indices. */
function holdsOp(op: number, v: number, t: number): boolean {
  switch (op) {
    case 0:
      return v === t;
    case 1:
      return v >= t;
    case 2:
      return v > t;
    case 3:
      return v <= t;
    default:
      return v < t;
  }
}

/** Sets of visited flags, interned: a situation holds a small number for its set. */
class FlagSets {
  private readonly words: number;
  readonly sets: Uint32Array[] = [];
  private readonly ids = new Map<string, number>();
  private readonly added = new Map<number, number>();
  constructor(private readonly bits: number) {
    this.words = Math.max(1, Math.ceil(bits / 32));
    this.intern(new Uint32Array(this.words));
  }
  private intern(set: Uint32Array): number {
    const key = set.join(',');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(set);
      this.ids.set(key, id);
    }
    return id;
  }
  has(set: number, bit: number): boolean {
    return ((this.sets[set]![bit >> 5]! >>> (bit & 31)) & 1) === 1;
  }
  with(set: number, bit: number): number {
    if (this.has(set, bit)) return set;
    const key = set * this.bits + bit;
    let id = this.added.get(key);
    if (id === undefined) {
      const next = this.sets[set]!.slice();
      next[bit >> 5]! |= 1 << (bit & 31);
      id = this.intern(next);
      this.added.set(key, id);
    }
    return id;
  }
}

function grownInts(a: Int32Array, size: number): Int32Array {
  if (size <= a.length) return a;
  const next = new Int32Array(Math.max(size, a.length * 2));
  next.set(a);
  return next;
}

function grownFloats(a: Float64Array, size: number): Float64Array {
  if (size <= a.length) return a;
  const next = new Float64Array(Math.max(size, a.length * 2));
  next.set(a);
  return next;
}

/**
 * Situation keys: a number (node + N × meters in mixed radix + N × combinations × visited
 * set) when every tracked meter stays an integer in a finite range, else a string. With few
 * enough combinations and no visited flags, numbers index a table instead of a Map.
 */
class Keys {
  private readonly numeric: boolean;
  private readonly radix: number[] = [];
  private readonly low: number[] = [];
  private readonly span: number;
  private readonly table?: Int32Array;
  private readonly map = new Map<number | string, number>();
  constructor(nodes: number, meters: readonly TrackedMeter[], integral: boolean, flagBits: number, limit: number) {
    let combos = 1;
    for (const m of meters) {
      this.low.push(m.low);
      this.radix.push(combos * nodes);
      combos *= m.high - m.low + 1;
    }
    this.span = combos * nodes;
    this.numeric = integral && Number.isFinite(this.span) && this.span * Math.max(1, limit) <= Number.MAX_SAFE_INTEGER;
    if (this.numeric && flagBits === 0 && this.span <= 1 << 23) this.table = new Int32Array(this.span).fill(-1);
  }
  key(node: number, values: Float64Array, base: number, count: number, flags: number): number | string {
    if (this.numeric) {
      let key = node + this.span * flags;
      for (let i = 0; i < count; i++) key += (values[base + i]! - this.low[i]!) * this.radix[i]!;
      return key;
    }
    let key = `${node}|${flags}`;
    for (let i = 0; i < count; i++) key += `,${values[base + i]}`;
    return key;
  }
  get(key: number | string): number | undefined {
    if (this.table && typeof key === 'number') {
      const id = this.table[key]!;
      return id < 0 ? undefined : id;
    }
    return this.map.get(key);
  }
  set(key: number | string, id: number) {
    if (this.table && typeof key === 'number') this.table[key] = id;
    else this.map.set(key, id);
  }
}

function isIntegral(meters: readonly TrackedMeter[], prepared: readonly (readonly PreparedWay[])[]): boolean {
  const whole = (x: number) => Number.isInteger(x);
  return (
    meters.every((m) => whole(m.initial) && whole(m.low) && whole(m.high)) &&
    prepared.every((ways) => ways.every((w) => w.flat.effectDelta.every(whole)))
  );
}

/** Builds the graph of every situation play can reach from the start. */
export function buildSituations(scenario: Scenario, limit = DEFAULT_STATE_LIMIT): Situations {
  const graph = graphOf(scenario);
  const bits = referencedBits(scenario, graph);
  const meters = trackedMeters(scenario);
  const prepared = prepareWays(scenario, graph, meters, bits);
  const N = graph.ids.length;
  const M = meters.length;
  const flagBits = Math.max(0, ...bits) + (bits.some((b) => b >= 0) ? 1 : 0);
  const flagSets = new FlagSets(flagBits);
  const keys = new Keys(N, meters, isIntegral(meters, prepared), flagBits, limit);
  const isEnd = new Uint8Array(N);
  graph.ids.forEach((id, n) => {
    if (scenario.nodes[id]!.kind === 'end') isEnd[n] = 1;
  });
  const search = new Search(scenario, graph, prepared, meters, bits, flagSets, keys, isEnd, limit);
  search.run();
  const { node, values, flags, edgeStart, edgeTo, edgeWay, count } = search;
  return {
    scenario,
    graph,
    prepared,
    ways: prepared.flat(),
    meters,
    count,
    node,
    values,
    edgeStart,
    edgeTo,
    edgeWay,
    isEnd,
    facts: search.facts,
    metersOf: (s) => Object.fromEntries(meters.map((m, i) => [m.id, values[s * M + i]!])),
    lookup(id, current, visitedBefore) {
      const n = graph.index.get(id);
      if (n === undefined) return undefined;
      const scratch = new Float64Array(Math.max(1, M));
      meters.forEach((m, i) => {
        scratch[i] = capped(m, current[m.id] ?? m.initial);
      });
      let set = 0;
      graph.ids.forEach((v, k) => {
        if (bits[k]! >= 0 && visitedBefore(v)) set = flagSets.with(set, bits[k]!);
      });
      if (meters.some((m, i) => !(scratch[i]! >= m.low && scratch[i]! <= m.high))) return undefined;
      const s = keys.get(keys.key(n, scratch, 0, M, set));
      return s !== undefined && flags[s] === set && node[s] === n ? s : undefined;
    },
  };
}

function capped(m: TrackedMeter, v: number): number {
  return Math.min(m.capHigh, Math.max(m.capLow, v));
}

/** The breadth-first search behind buildSituations: situations are numbered as found, and expanded in that order. */
class Search {
  count = 0;
  private edges = 0;
  node: Int32Array = new Int32Array(1024);
  flags: Int32Array = new Int32Array(1024);
  values: Float64Array;
  edgeStart: Int32Array = new Int32Array(1024);
  edgeTo: Int32Array = new Int32Array(4096);
  edgeWay: Int32Array = new Int32Array(4096);
  private readonly scratch: Float64Array;
  private readonly M: number;
  /** the tracked meters' bounds, by index */
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly capLow: Float64Array;
  private readonly capHigh: Float64Array;
  private readonly branch: Uint8Array;
  private readonly choice: Uint8Array;
  readonly facts: { reached: Uint8Array; open: Uint8Array[]; stuckAt: Map<NodeId, MeterValues> };

  constructor(
    private readonly scenario: Scenario,
    private readonly graph: ScenarioGraph,
    private readonly prepared: readonly (readonly PreparedWay[])[],
    private readonly meters: readonly TrackedMeter[],
    private readonly bits: Int32Array,
    private readonly flagSets: FlagSets,
    private readonly keys: Keys,
    private readonly isEnd: Uint8Array,
    private readonly limit: number,
  ) {
    this.M = meters.length;
    this.values = new Float64Array(1024 * Math.max(1, this.M));
    this.scratch = new Float64Array(Math.max(1, this.M));
    this.min = Float64Array.from(meters, (m) => m.min);
    this.max = Float64Array.from(meters, (m) => m.max);
    this.capLow = Float64Array.from(meters, (m) => m.capLow);
    this.capHigh = Float64Array.from(meters, (m) => m.capHigh);
    const kinds = graph.ids.map((id) => scenario.nodes[id]!.kind);
    this.branch = Uint8Array.from(kinds, (k) => (k === 'branch' ? 1 : 0));
    this.choice = Uint8Array.from(kinds, (k) => (k === 'choice' ? 1 : 0));
    this.facts = {
      reached: new Uint8Array(graph.ids.length),
      open: prepared.map((ways) => new Uint8Array(ways.length)),
      stuckAt: new Map(),
    };
  }

  run() {
    const start = this.graph.index.get(this.scenario.start)!;
    this.meters.forEach((m, i) => {
      this.scratch[i] = capped(m, m.initial);
    });
    this.find(start, 0);
    for (let s = 0; s < this.count; s++) {
      if (s + 2 > this.edgeStart.length) this.edgeStart = grownInts(this.edgeStart, s + 2);
      this.edgeStart[s] = this.edges;
      if (this.isEnd[this.node[s]!] !== 1) this.expand(s);
    }
    this.edgeStart = grownInts(this.edgeStart, this.count + 1);
    this.edgeStart[this.count] = this.edges;
  }

  /** Every way open in situation s, each an edge to the situation it leads to. */
  private expand(s: number) {
    const n = this.node[s]!;
    const base = s * this.M;
    const set = this.flags[s]!;
    const next = this.bits[n]! >= 0 ? this.flagSets.with(set, this.bits[n]!) : set;
    const ways = this.prepared[n]!;
    const open = this.facts.open[n]!;
    let opened = 0;
    for (let w = 0; w < ways.length; w++) {
      const way = ways[w]!;
      if (!this.isOpen(way, base, set)) continue;
      opened++;
      open[w] = 1;
      this.step(base, way);
      const to = this.find(way.to, next);
      if (this.edges >= this.edgeTo.length) {
        this.edgeTo = grownInts(this.edgeTo, this.edges + 1);
        this.edgeWay = grownInts(this.edgeWay, this.edges + 1);
      }
      this.edgeTo[this.edges] = to;
      this.edgeWay[this.edges++] = way.id;
      // A `when` node goes the one way its first true entry gives.
      if (this.branch[n] === 1) break;
    }
    if (opened === 0 && this.choice[n] === 1 && !this.facts.stuckAt.has(this.graph.ids[n]!))
      this.facts.stuckAt.set(this.graph.ids[n]!, this.metersAt(base));
  }

  private isOpen(way: PreparedWay, base: number, set: number): boolean {
    const { testMeter, testOp, testValue } = way.flat;
    for (let i = 0; i < testMeter.length; i++)
      if (!holdsOp(testOp[i]!, this.values[base + testMeter[i]!]!, testValue[i]!)) return false;
    const visited = way.visited;
    for (let i = 0; i < visited.length; i++) if (!this.flagSets.has(set, visited[i]!)) return false;
    return true;
  }

  /** The meters after taking `way` from the ones at `base`, into scratch (effects added, then clamped). */
  private step(base: number, way: PreparedWay) {
    const { M, scratch, values, min, max, capLow, capHigh } = this;
    for (let i = 0; i < M; i++) scratch[i] = values[base + i]!;
    const { effectMeter, effectDelta } = way.flat;
    for (let k = 0; k < effectMeter.length; k++) {
      const i = effectMeter[k]!;
      const v = Math.min(max[i]!, Math.max(min[i]!, scratch[i]! + effectDelta[k]!));
      scratch[i] = Math.min(capHigh[i]!, Math.max(capLow[i]!, v));
    }
  }

  /** The situation at `node` with the meters in scratch and this visited set, added if new. */
  private find(node: number, set: number): number {
    const key = this.keys.key(node, this.scratch, 0, this.M, set);
    const known = this.keys.get(key);
    if (known !== undefined) return known;
    if (this.count >= this.limit) throw new ExplorationLimitError(this.limit, this.sizes());
    const id = this.count++;
    this.keys.set(key, id);
    if (id >= this.node.length) {
      this.node = grownInts(this.node, id + 1);
      this.flags = grownInts(this.flags, id + 1);
      this.values = grownFloats(this.values, this.node.length * this.M);
    }
    this.node[id] = node;
    this.flags[id] = set;
    for (let i = 0; i < this.M; i++) this.values[id * this.M + i] = this.scratch[i]!;
    this.facts.reached[node] = 1;
    return id;
  }

  private metersAt(base: number): Record<string, number> {
    return Object.fromEntries(this.meters.map((m, i) => [m.id, this.values[base + i]!]));
  }

  /** How many nodes, values per meter and visited sets the situations found so far combine. */
  private sizes(): ExplorationLimitError['sizes'] {
    const meters: Record<string, number> = {};
    this.meters.forEach((m, i) => {
      const seen = new Set<number>();
      for (let s = 0; s < this.count; s++) seen.add(this.values[s * this.M + i]!);
      meters[m.id] = seen.size;
    });
    const flags = new Set<number>();
    for (let s = 0; s < this.count; s++) flags.add(this.flags[s]!);
    return { nodes: this.facts.reached.reduce((a, b) => a + b, 0), meters, visitedSets: flags.size };
  }
}
