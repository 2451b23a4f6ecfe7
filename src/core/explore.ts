/**
 * Exploring every situation a trainee can be in: (node, meter values, the visited nodes that
 * matter). This single pass gives the scoring maxima of the contract and the facts lint
 * needs (reachable nodes, choices ever shown, branches ever taken, dead ends).
 *
 * Method. `max` is defined over complete paths that visit no node twice. The best score from
 * a situation onwards depends only on the current node, the meters, the visited nodes named in
 * a `visited` condition, and — inside a loop (a strongly connected component) — the set of the
 * loop's nodes still reachable without stepping on a visited one (the only ones the rest of a
 * simple path can use). Memoizing on that key makes acyclic scenarios linear in the number of
 * distinct (node, meters) situations, and keeps loops whose visited part falls behind (rings,
 * retry loops) small; a large, densely connected loop can still be exponential (the problem
 * is NP-hard in general). A budget (`stateLimit`) turns that case into a clear error instead
 * of a hang.
 *
 * Every lesson's maximum is taken over the same set of paths as the total, but separately,
 * which is why lesson maxima need not add up to `max`. Each ending's best and worst total
 * comes from a forward pass over the graph of situations found (best way *to* a situation),
 * so its cost does not grow with the number of endings.
 *
 * Cost. Per situation the search does constant work plus one slot per scored lesson: ways
 * are prepared once per node (conditions and effects on meter indices), values live in flat
 * typed arrays, and when every meter is an integer in a finite range a situation's key is a
 * number (node and meters in mixed radix) that indexes a table. A 1,000-node DAG with three
 * meters (~180,000 situations) takes about 0.3 s; see bench/engine.mjs.
 */
import { applyEffects, compare, holds, initialMeters, type MeterValues } from './conditions.js';
import { components, graphOf } from './graph.js';
import {
  consequenceOf,
  waysOf,
  type Comparison,
  type LessonId,
  type NodeId,
  type Scenario,
  type Way,
} from './model.js';

export interface EndingRange {
  readonly best: number;
  readonly worst: number;
}

export interface Maxima {
  /** best total over complete simple paths; -Infinity when no ending can be reached */
  readonly total: number;
  /** worst total over the same paths; +Infinity when none */
  readonly minTotal: number;
  /** each scored lesson's best points */
  readonly lessons: Readonly<Record<LessonId, number>>;
  /** each reachable ending's best and worst total */
  readonly endings: Readonly<Record<NodeId, EndingRange>>;
}

export interface Exploration {
  readonly maxima: Maxima;
  readonly reachedNodes: ReadonlySet<NodeId>;
  /** `${node}\u0000${choiceId}` of choices shown in some reachable situation */
  readonly shownChoices: ReadonlySet<string>;
  /** `${node}\u0000${entryIndex}` of `when` entries taken in some reachable situation */
  readonly firedBranches: ReadonlySet<string>;
  /** choice nodes where, in some reachable situation, nothing is shown and nothing times out */
  readonly stuckAt: ReadonlyMap<NodeId, MeterValues>;
  readonly states: number;
}

export class ExplorationLimitError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit.toLocaleString('en')} distinct situations (node, meters, visited nodes)`);
  }
}

export const DEFAULT_STATE_LIMIT = 2_000_000;

/** A way that is open in a situation, with where it leads. */
export interface OpenWay {
  readonly way: Way;
  readonly to: NodeId;
  readonly meters: MeterValues;
}

/** The ways open at `node` with these meters: what the trainee can do, or what happens automatically. */
export function openWays(
  scenario: Scenario,
  node: NodeId,
  meters: MeterValues,
  visitedBefore: (n: NodeId) => boolean,
): OpenWay[] {
  const result: OpenWay[] = [];
  for (const way of waysOf(scenario.nodes[node]!)) {
    if (way.kind === 'choice' && !holds(way.choice.if, meters, visitedBefore)) continue;
    if (way.kind === 'branch' && !holds(way.branch.if, meters, visitedBefore)) continue;
    const c = consequenceOf(way);
    result.push({ way, to: c.goto, meters: applyEffects(meters, c.effects, scenario.meters) });
    // A `when` node goes the one way its first true entry gives.
    if (way.kind === 'branch') break;
  }
  return result;
}

const cache = new WeakMap<Scenario, Exploration>();

export function explore(scenario: Scenario, stateLimit = DEFAULT_STATE_LIMIT): Exploration {
  const cached = cache.get(scenario);
  if (cached) return cached;
  const result = run(scenario, stateLimit);
  cache.set(scenario, result);
  return result;
}

/** A way out of a node, prepared once so the search does no per-situation allocation for it. */
interface PreparedWay {
  readonly way: Way;
  /** the condition, with meters and nodes as indices; undefined: always open */
  readonly if?: {
    readonly meters: readonly { readonly meter: number; readonly op: Comparison; readonly value: number }[];
    readonly visited: readonly number[];
  };
  readonly to: number;
  /** meter index → delta, only the meters it changes */
  readonly effects: readonly (readonly [number, number])[];
  /** points per lesson index */
  readonly lessons: Float64Array;
  readonly points: number;
}

/** A growable Float64Array, so values live in a few flat buffers instead of one object per situation. */
class Floats {
  data: Float64Array;
  constructor(capacity: number) {
    this.data = new Float64Array(capacity);
  }
  ensure(size: number) {
    if (size <= this.data.length) return;
    const next = new Float64Array(Math.max(size, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

class Ints {
  data: Int32Array;
  constructor(capacity: number) {
    this.data = new Int32Array(capacity);
  }
  ensure(size: number) {
    if (size <= this.data.length) return;
    const next = new Int32Array(Math.max(size, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

function run(scenario: Scenario, stateLimit: number): Exploration {
  const graph = graphOf(scenario);
  const { component, cyclic, members } = components(graph);
  const lessonIds = scenario.scoredLessons;
  const lessonIndex = new Map(lessonIds.map((l, i) => [l, i] as const));
  const endIds = graph.ids.filter((id) => scenario.nodes[id]!.kind === 'end');
  const endIndex = new Map(endIds.map((id, i) => [graph.index.get(id)!, i] as const));
  const meters = scenario.meters;
  const M = meters.length;
  const L = lessonIds.length;
  const E = endIds.length;

  const meterIndex = new Map(meters.map((m, i) => [m.id, i] as const));

  // Every node's ways, prepared once.
  const prepared: PreparedWay[][] = graph.ids.map((id) => {
    const node = scenario.nodes[id]!;
    return waysOf(node).map((way) => {
      const c = consequenceOf(way);
      const effects: [number, number][] = [];
      meters.forEach((m, i) => {
        const d = c.effects[m.id];
        if (d !== undefined) effects.push([i, d]);
      });
      const lessons = new Float64Array(L);
      let points = 0;
      for (const [lesson, pts] of Object.entries(c.score)) {
        points += pts;
        const li = lessonIndex.get(lesson);
        if (li !== undefined) lessons[li] = lessons[li]! + pts;
      }
      const cond = way.kind === 'choice' ? way.choice.if : way.kind === 'branch' ? way.branch.if : undefined;
      const prepared: PreparedWay = { way, to: graph.index.get(c.goto)!, effects, lessons, points };
      if (!cond) return prepared;
      return {
        ...prepared,
        if: {
          meters: cond.meters.map((t) => ({ meter: meterIndex.get(t.meter)!, op: t.op, value: t.value })),
          visited: cond.visited.map((v) => graph.index.get(v)!),
        },
      };
    });
  });

  // Nodes whose having-been-visited can change what happens later.
  const referenced = new Uint8Array(graph.ids.length);
  for (const ways of prepared) for (const w of ways) for (const v of w.if?.visited ?? []) referenced[v] = 1;
  const isTracked = (n: number) => referenced[n] === 1 || cyclic[component[n]!]!;

  // The situations found so far: key → id; per id its best/worst totals and lesson maxima.
  const memo = new Map<number | string, number>();
  let count = 0;
  const best = new Floats(1024);
  const worst = new Floats(1024);
  const lessonBest = new Floats(1024 * Math.max(1, L));
  const endOf = new Ints(1024);
  // Edges of the situation graph (parent, child, points), in the order they were folded: every
  // edge out of a situation comes before every edge into it, which the endings pass relies on.
  const edgeFrom = new Ints(4096);
  const edgeTo = new Ints(4096);
  const edgePoints = new Floats(4096);
  let edges = 0;

  const reached = new Uint8Array(graph.ids.length);
  const shown = prepared.map((ways) => new Uint8Array(ways.length));
  const stuckAt = new Map<NodeId, MeterValues>();

  // Nodes on the current path of the depth-first search (its "visited before"), and the
  // tracked ones among them in order, for the keys.
  const onPath = new Uint8Array(graph.ids.length);
  const trackedPath: number[] = [];

  // The depth-first search's stack, in flat arrays (a simple path has at most N nodes, so
  // N + 1 frames suffice): no allocation per situation. Frame d's meters are
  // values[d*M .. d*M+M), its open ways waysPool[waysFrom[d] .. waysTo[d]).
  const N = graph.ids.length;
  const maxWays = Math.max(1, ...prepared.map((w) => w.length));
  const frameId = new Int32Array(N + 1);
  const frameNode = new Int32Array(N + 1);
  const frameNext = new Int32Array(N + 1);
  const framePending = new Int32Array(N + 1);
  const frameTracked = new Uint8Array(N + 1);
  const waysFrom = new Int32Array(N + 1);
  const waysTo = new Int32Array(N + 1);
  const waysPool = new Int32Array((N + 1) * maxWays);
  const values = new Float64Array((N + 2) * Math.max(1, M));

  /** `holds` (conditions.ts) on prepared conditions: the meters at `base`, nodes visited before. */
  const isOpen = (way: PreparedWay, base: number): boolean => {
    if (!way.if) return true;
    for (const t of way.if.meters) if (!compare(values[base + t.meter]!, t.op, t.value)) return false;
    for (const n of way.if.visited) if (onPath[n] !== 1) return false;
    return true;
  };

  const meterRecord = (base: number): Record<string, number> => {
    const r: Record<string, number> = {};
    meters.forEach((m, i) => {
      r[m.id] = values[base + i]!;
    });
    return r;
  };

  // A situation without visited nodes that matter is keyed by a number when every meter stays
  // an integer in a finite range (node and meters in mixed radix): much cheaper than a string.
  const initial = initialMeters(meters);
  const integral =
    meters.every((m) => Number.isInteger(m.min) && Number.isInteger(m.max) && Number.isInteger(initial[m.id])) &&
    prepared.every((ways) => ways.every((w) => w.effects.every(([, d]) => Number.isInteger(d))));
  const radix: number[] = [];
  let combos = 1;
  for (const m of meters) {
    radix.push(combos * N);
    combos *= integral ? m.max - m.min + 1 : 1;
  }
  const numeric = integral && combos * N <= Number.MAX_SAFE_INTEGER;

  const keyOf = (node: number, base: number): number | string => {
    let key: number | string;
    if (numeric) {
      key = node;
      for (let i = 0; i < M; i++) key += (values[base + i]! - meters[i]!.min) * radix[i]!;
    } else {
      key = String(node);
      for (let i = 0; i < M; i++) key += `,${values[base + i]}`;
    }
    if (trackedPath.length === 0) return key;
    // Visited nodes named in a `visited` condition matter wherever they are, in a fixed order
    // so that the same set reached in another order is the same situation.
    const matter: number[] = [];
    for (const t of trackedPath) if (referenced[t] === 1) matter.push(t);
    if (matter.length > 0) key += `|${(matter.length > 1 ? matter.sort((a, b) => a - b) : matter).join(' ')}`;
    // Inside a loop, what the rest of a simple path can do depends only on which nodes of the
    // loop it can still reach without stepping on a visited one: that set, not the visited
    // nodes themselves, is the situation (two ways into a ring that leave the same stretch
    // open ahead are one situation, whatever was visited behind).
    const comp = component[node]!;
    if (cyclic[comp]) key += `#${openAhead(node, comp)}`;
    return key;
  };

  // openAhead's breadth-first search, reused: a stamp per search instead of clearing marks.
  const mark = new Int32Array(N);
  const position = new Int32Array(N);
  for (const group of members)
    group.forEach((n, i) => {
      position[n] = i;
    });
  const queue = new Int32Array(N);
  let stamp = 0;
  /** The nodes of `node`'s loop reachable from it through unvisited nodes, as a bit string. */
  const openAhead = (node: number, comp: number): string => {
    stamp++;
    const size = members[comp]!.length;
    const bits = new Uint16Array(Math.ceil(size / 16));
    let head = 0;
    let tail = 0;
    queue[tail++] = node;
    mark[node] = stamp;
    while (head < tail) {
      const n = queue[head++]!;
      const p = position[n]!;
      bits[p >> 4]! |= 1 << (p & 15);
      for (const m of graph.next[n]!) {
        if (component[m] !== comp || onPath[m] === 1 || mark[m] === stamp) continue;
        mark[m] = stamp;
        queue[tail++] = m;
      }
    }
    return String.fromCharCode(...bits);
  };

  // With few enough (node, meters) combinations, numeric keys index a table instead of a Map.
  const table = numeric && combos * N <= 1 << 23 ? new Int32Array(combos * N).fill(-1) : undefined;
  const lookup = (key: number | string): number | undefined => {
    if (table && typeof key === 'number') {
      const id = table[key]!;
      return id < 0 ? undefined : id;
    }
    return memo.get(key);
  };
  const kinds = graph.ids.map((id) => scenario.nodes[id]!.kind);

  /** Starts the situation at `node` as frame `d` (its meters already at values[d*M]). */
  const open = (d: number, node: number, key: number | string) => {
    if (count >= stateLimit) throw new ExplorationLimitError(stateLimit);
    const id = count++;
    if (table && typeof key === 'number') table[key] = id;
    else memo.set(key, id);
    best.ensure(count);
    worst.ensure(count);
    lessonBest.ensure(count * L);
    endOf.ensure(count);
    reached[node] = 1;
    const base = d * M;
    const from = d === 0 ? 0 : waysTo[d - 1]!;
    let to = from;
    const e = endIndex.get(node);
    endOf.data[id] = e ?? -1;
    if (e !== undefined) {
      best.data[id] = 0;
      worst.data[id] = 0;
      lessonBest.data.fill(0, id * L, id * L + L);
    } else {
      best.data[id] = -Infinity;
      worst.data[id] = Infinity;
      lessonBest.data.fill(-Infinity, id * L, id * L + L);
      const all = prepared[node]!;
      const kind = kinds[node];
      let openCount = 0;
      for (let w = 0; w < all.length; w++) {
        const way = all[w]!;
        if (!isOpen(way, base)) continue;
        openCount++;
        shown[node]![w] = 1;
        // simple paths only
        if (way.to !== node && onPath[way.to] !== 1) waysPool[to++] = w;
        // A `when` node goes the one way its first true entry gives.
        if (kind === 'branch') break;
      }
      if (kind === 'choice' && openCount === 0 && !stuckAt.has(graph.ids[node]!))
        stuckAt.set(graph.ids[node]!, meterRecord(base));
    }
    frameId[d] = id;
    frameNode[d] = node;
    frameNext[d] = from;
    framePending[d] = -1;
    waysFrom[d] = from;
    waysTo[d] = to;
    frameTracked[d] = isTracked(node) ? 1 : 0;
    onPath[node] = 1;
    if (frameTracked[d]) trackedPath.push(node);
  };

  const fold = (parent: number, way: PreparedWay, child: number) => {
    edgeFrom.ensure(edges + 1);
    edgeTo.ensure(edges + 1);
    edgePoints.ensure(edges + 1);
    edgeFrom.data[edges] = parent;
    edgeTo.data[edges] = child;
    edgePoints.data[edges] = way.points;
    edges++;
    const childBest = best.data[child]!;
    if (childBest === -Infinity) return;
    best.data[parent] = Math.max(best.data[parent]!, way.points + childBest);
    worst.data[parent] = Math.min(worst.data[parent]!, way.points + worst.data[child]!);
    const lb = lessonBest.data;
    const p = parent * L;
    const c = child * L;
    for (let l = 0; l < L; l++) {
      const v = lb[c + l]! + way.lessons[l]!;
      if (v > lb[p + l]!) lb[p + l] = v;
    }
  };

  const startIndex = graph.index.get(scenario.start)!;
  meters.forEach((m, i) => {
    values[i] = initial[m.id]!;
  });
  open(0, startIndex, keyOf(startIndex, 0));
  const root = frameId[0]!;
  let depth = 0;

  while (depth >= 0) {
    const d = depth;
    if (frameNext[d]! >= waysTo[d]!) {
      onPath[frameNode[d]!] = 0;
      if (frameTracked[d]) trackedPath.pop();
      depth--;
      if (depth >= 0) fold(frameId[depth]!, prepared[frameNode[depth]!]![framePending[depth]!]!, frameId[d]!);
      continue;
    }
    const w = waysPool[frameNext[d]!++]!;
    const way = prepared[frameNode[d]!]![w]!;
    // the child's meters go where its frame will keep them
    const base = d * M;
    const next = base + M;
    for (let i = 0; i < M; i++) values[next + i] = values[base + i]!;
    for (const [mi, delta] of way.effects) {
      const m = meters[mi]!;
      values[next + mi] = Math.min(m.max, Math.max(m.min, values[next + mi]! + delta));
    }
    const key = keyOf(way.to, next);
    const known = lookup(key);
    if (known !== undefined) {
      fold(frameId[d]!, way, known);
      continue;
    }
    framePending[d] = w;
    depth = d + 1;
    open(depth, way.to, key);
  }

  // Each ending's best and worst total: the best and worst way to reach it from the start,
  // over the situation graph. Edges are walked in reverse order, so every edge into a
  // situation is taken before any edge out of it.
  const prefixBest = new Float64Array(count).fill(-Infinity);
  const prefixWorst = new Float64Array(count).fill(Infinity);
  prefixBest[root] = 0;
  prefixWorst[root] = 0;
  for (let k = edges - 1; k >= 0; k--) {
    const from = edgeFrom.data[k]!;
    if (prefixBest[from] === -Infinity) continue;
    const to = edgeTo.data[k]!;
    const pts = edgePoints.data[k]!;
    if (prefixBest[from]! + pts > prefixBest[to]!) prefixBest[to] = prefixBest[from]! + pts;
    if (prefixWorst[from]! + pts < prefixWorst[to]!) prefixWorst[to] = prefixWorst[from]! + pts;
  }
  const endBest = new Float64Array(E).fill(-Infinity);
  const endWorst = new Float64Array(E).fill(Infinity);
  for (let id = 0; id < count; id++) {
    const e = endOf.data[id]!;
    if (e < 0 || prefixBest[id] === -Infinity) continue;
    endBest[e] = Math.max(endBest[e]!, prefixBest[id]!);
    endWorst[e] = Math.min(endWorst[e]!, prefixWorst[id]!);
  }

  const lessons: Record<LessonId, number> = {};
  lessonIds.forEach((l, i) => {
    lessons[l] = lessonBest.data[root * L + i]!;
  });
  const endings: Record<NodeId, EndingRange> = {};
  endIds.forEach((id, e) => {
    if (endBest[e]! > -Infinity) endings[id] = { best: endBest[e]!, worst: endWorst[e]! };
  });
  const shownChoices = new Set<string>();
  const firedBranches = new Set<string>();
  prepared.forEach((ways, n) =>
    ways.forEach((w, i) => {
      if (shown[n]![i] !== 1) return;
      if (w.way.kind === 'choice') shownChoices.add(`${graph.ids[n]!}\u0000${w.way.choice.id}`);
      if (w.way.kind === 'branch') firedBranches.add(`${graph.ids[n]!}\u0000${w.way.index}`);
    }),
  );
  return {
    maxima: { total: best.data[root]!, minTotal: worst.data[root]!, lessons, endings },
    reachedNodes: new Set(graph.ids.filter((_, i) => reached[i] === 1)),
    shownChoices,
    firedBranches,
    stuckAt,
    states: count,
  };
}
