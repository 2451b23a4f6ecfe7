/**
 * Best totals over walks in the graph of situations (situations.ts), in time polynomial in
 * its size, and the loops that make them unbounded. Several objectives at once (the total,
 * the total negated for the worst, each lesson): values are interleaved, value[s * K + k].
 *
 * The graph is condensed into strongly connected components (Tarjan; when the node graph
 * has no loop, each situation is its own component and a topological order comes from the
 * nodes'). Components are solved one at a time, each after every component it leads to, so
 * the values flowing in from outside are final. A component without a cycle is one step of
 * dynamic programming. Inside a cyclic component, if every cycle earns exactly 0 (loops
 * whose ways score nothing), each situation has a potential and the best value follows in a
 * linear pass; otherwise a queue-based Bellman-Ford relaxation settles it, and a relaxation
 * chain as long as the component proves a cycle that earns each round, read off the
 * predecessor graph (every cycle there is such a loop).
 *
 * The same code runs in both directions: "from" (best total from a situation to an ending,
 * over the edges out of it) and "to" (best total from the start to a situation, over the
 * edges into it).
 */

/** A graph in compressed rows: the edges of v are start[v] .. start[v + 1]. */
export interface Rows {
  readonly start: Int32Array;
  /** the situation at the other end of each edge */
  readonly other: Int32Array;
  /** the way each edge takes (its weights' index) */
  readonly way: Int32Array;
}

export interface Condensation {
  readonly count: number;
  /** situation → component */
  readonly component: Int32Array;
  /** situations grouped by component, components sinks first */
  readonly order: Int32Array;
  /** component c's situations: order[first[c]] .. order[first[c + 1]] */
  readonly first: Int32Array;
  readonly cyclic: Uint8Array;
}

/** A loop found while relaxing: its situations in walk order, the ways taken from each, and what one round earns. */
export interface Loop {
  readonly situations: readonly number[];
  readonly ways: readonly number[];
  readonly gain: number;
}

export class RelaxationLimitError extends Error {
  /** the nodes of those situations, sorted (set by explore.ts, which knows them) */
  nodes: readonly string[] = [];
  constructor(
    readonly limit: number,
    /** situations of the component where the budget ran out */
    readonly situations: readonly number[],
  ) {
    super(`more than ${limit.toLocaleString('en')} relaxation steps in a loop of ${situations.length} situations`);
  }
}

export const DEFAULT_RELAXATION_LIMIT = 50_000_000;
const EPSILON = 1e-9;

/**
 * Whether `cand` beats `current` by more than rounding. The tolerance is relative, so it is
 * taken from a finite value only: an unbounded candidate (a loop that earns, reached
 * further on) must still beat a finite current value.
 */
function improves(cand: number, current: number): boolean {
  if (cand === Infinity) return current !== Infinity;
  return cand > current + EPSILON * (1 + Math.abs(cand));
}

/** Strongly connected components of the forward graph (iterative Tarjan). */
export function condense(forward: Rows): Condensation {
  const n = forward.start.length - 1;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const component = new Int32Array(n);
  const order = new Int32Array(n);
  const first: number[] = [];
  let sp = 0;
  let cp = 0;
  let placed = 0;
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    callNode[cp] = root;
    callEdge[cp++] = forward.start[root]!;
    while (cp > 0) {
      const v = callNode[cp - 1]!;
      const e = callEdge[cp - 1]!;
      if (e < forward.start[v + 1]!) {
        callEdge[cp - 1] = e + 1;
        const w = forward.other[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[cp] = w;
          callEdge[cp++] = forward.start[w]!;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      cp--;
      if (cp > 0 && low[v]! < low[callNode[cp - 1]!]!) low[callNode[cp - 1]!] = low[v]!;
      if (low[v] !== index[v]) continue;
      first.push(placed);
      let w: number;
      do {
        w = stack[--sp]!;
        onStack[w] = 0;
        component[w] = first.length - 1;
        order[placed++] = w;
      } while (w !== v);
    }
  }
  first.push(placed);
  return withCycles(forward, component, order, Int32Array.from(first));
}

function withCycles(forward: Rows, component: Int32Array, order: Int32Array, first: Int32Array): Condensation {
  const count = first.length - 1;
  const cyclic = new Uint8Array(count);
  for (let c = 0; c < count; c++) {
    if (first[c + 1]! - first[c]! > 1) cyclic[c] = 1;
    else {
      const v = order[first[c]!]!;
      for (let e = forward.start[v]!; e < forward.start[v + 1]!; e++) if (forward.other[e] === v) cyclic[c] = 1;
    }
  }
  return { count, component, order, first, cyclic };
}

/**
 * The condensation of a graph with no cycle, from a rank per situation that every edge
 * lowers (the rank of its node in a topological order, sinks lowest): each situation is a
 * component, ordered by rank (a counting sort).
 */
export function acyclicOrder(rank: Int32Array, ranks: number): Condensation {
  const n = rank.length;
  const first = new Int32Array(ranks + 1);
  for (let s = 0; s < n; s++) first[rank[s]! + 1]!++;
  for (let r = 0; r < ranks; r++) first[r + 1]! += first[r]!;
  const order = new Int32Array(n);
  const component = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const at = first[rank[s]!]!++;
    order[at] = s;
    component[s] = at;
  }
  const each = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) each[i] = i;
  return { count: n, component, order, first: each, cyclic: new Uint8Array(n) };
}

/** The reverse of a graph in compressed rows (edges into each situation). */
export function reverse(forward: Rows): Rows {
  const n = forward.start.length - 1;
  const m = forward.start[n]!;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) start[forward.other[e]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const other = new Int32Array(m);
  const way = new Int32Array(m);
  for (let v = 0; v < n; v++)
    for (let e = forward.start[v]!; e < forward.start[v + 1]!; e++) {
      const k = fill[forward.other[e]!]!++;
      other[k] = v;
      way[k] = forward.way[e]!;
    }
  return { start, other, way };
}

export interface Objectives {
  /** how many objectives */
  readonly K: number;
  /** weight of way w for objective k at [w * K + k] */
  readonly weight: Float64Array;
  /** value of the situations that start (or end) a walk; -Infinity elsewhere: init(s) */
  readonly init: (s: number) => number;
}

export interface Extremes {
  /** value[s * K + k]; +Infinity where a loop that earns (for objective k) can be reached on the way */
  readonly value: Float64Array;
  /** per objective, one earning loop per component that has one */
  readonly loops: readonly (readonly Loop[])[];
}

/**
 * The best value per situation and objective: value(v) = max(init(v), max over v's edges
 * in `along` of weight + value(other end)). `against` is the same graph reversed;
 * `sinksFirst`: solve components in `order`'s order (for "from" values) or the reverse.
 */
export function extremes(
  along: Rows,
  /** built only if some component has a cycle that earns or loses (the reversal costs time) */
  against: () => Rows,
  condensation: Condensation,
  sinksFirst: boolean,
  objectives: Objectives,
  limit = DEFAULT_RELAXATION_LIMIT,
): Extremes {
  const solver = new Solver(along, against, condensation, objectives, limit);
  if (sinksFirst) for (let c = 0; c < condensation.count; c++) solver.solve(c);
  else for (let c = condensation.count - 1; c >= 0; c--) solver.solve(c);
  return { value: solver.value, loops: solver.loops };
}

class Solver {
  readonly value: Float64Array;
  readonly loops: Loop[][];
  private readonly K: number;
  private readonly weight: Float64Array;
  private scratch?: {
    phi: Float64Array;
    mark: Int32Array;
    seen: Int32Array;
    succ: Int32Array;
    via: Int32Array;
    length: Int32Array;
  };
  private stamp = 0;
  private work = 0;
  private againstRows?: Rows;

  private get against(): Rows {
    return (this.againstRows ??= this.againstOf());
  }

  constructor(
    private readonly along: Rows,
    private readonly againstOf: () => Rows,
    private readonly c: Condensation,
    private readonly objectives: Objectives,
    private readonly limit: number,
  ) {
    this.K = objectives.K;
    this.weight = objectives.weight;
    this.value = new Float64Array((along.start.length - 1) * this.K);
    this.loops = Array.from({ length: this.K }, () => []);
  }

  /** Values flowing in from other components (all of them, for a component without a cycle). */
  solve(comp: number) {
    const { order, first, component } = this.c;
    const { start, other, way } = this.along;
    const { value, weight, K } = this;
    for (let i = first[comp]!; i < first[comp + 1]!; i++) {
      const v = order[i]!;
      const base = v * K;
      const init = this.objectives.init(v);
      for (let k = 0; k < K; k++) value[base + k] = init;
      for (let e = start[v]!; e < start[v + 1]!; e++) {
        const u = other[e]!;
        if (component[u] === comp) continue;
        const wb = way[e]! * K;
        const ub = u * K;
        for (let k = 0; k < K; k++) {
          const cand = weight[wb + k]! + value[ub + k]!;
          if (cand > value[base + k]!) value[base + k] = cand;
        }
      }
    }
    if (this.c.cyclic[comp] !== 1) return;
    this.scratch ??= this.makeScratch();
    for (let k = 0; k < K; k++) if (!this.byPotential(comp, k)) this.byRelaxation(comp, k);
  }

  private makeScratch() {
    const n = this.along.start.length - 1;
    const ints = () => new Int32Array(n);
    return { phi: new Float64Array(n), mark: ints(), seen: ints(), succ: ints(), via: ints(), length: ints() };
  }

  /**
   * When every cycle of the component earns exactly 0, a walk from v to x inside it earns
   * phi[v] - phi[x] whichever way it goes, so value[v] = phi[v] + max over x of (base[x] - phi[x]).
   * Returns false (changing nothing) when some cycle earns or loses.
   */
  private byPotential(comp: number, k: number): boolean {
    const { order, first, component } = this.c;
    const { start, other, way } = this.along;
    const { phi, mark } = this.scratch!;
    const { K, weight, value } = this;
    const stamp = ++this.stamp;
    const root = order[first[comp]!]!;
    phi[root] = 0;
    mark[root] = stamp;
    const queue = [root];
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head]!;
      for (let e = start[v]!; e < start[v + 1]!; e++) {
        const u = other[e]!;
        if (component[u] !== comp) continue;
        const p = phi[v]! - weight[way[e]! * K + k]!;
        if (mark[u] !== stamp) {
          mark[u] = stamp;
          phi[u] = p;
          queue.push(u);
        } else if (Math.abs(phi[u]! - p) > EPSILON * (1 + Math.abs(p))) return false;
      }
    }
    let top = -Infinity;
    for (const x of queue) top = Math.max(top, value[x * K + k]! - phi[x]!);
    for (const v of queue) value[v * K + k] = top === -Infinity ? -Infinity : phi[v]! + top;
    return true;
  }

  /** Queue-based Bellman-Ford inside the component; stops at an earning loop if there is one. */
  private byRelaxation(comp: number, k: number) {
    const { order, first, component } = this.c;
    const { start, other, way } = this.against;
    const { mark, succ, length } = this.scratch!;
    const { K, weight, value } = this;
    const size = first[comp + 1]! - first[comp]!;
    // a ring buffer: a situation is in the queue at most once
    const ring = new Int32Array(size + 1);
    let head = 0;
    let tail = 0;
    const queued = ++this.stamp;
    for (let i = first[comp]!; i < first[comp + 1]!; i++) {
      const v = order[i]!;
      succ[v] = -1;
      length[v] = 0;
      if (value[v * K + k] === -Infinity) continue;
      ring[tail++] = v;
      mark[v] = queued;
    }
    // every `size` improvements, look for a cycle among the predecessors: an earning loop
    // shows up there long before a chain grows as long as the component
    let sinceCheck = 0;
    while (head !== tail) {
      const u = ring[head]!;
      head = head === size ? 0 : head + 1;
      mark[u] = 0;
      // every v with an edge v → u (in `along`) may now do better through u
      for (let e = start[u]!; e < start[u + 1]!; e++) {
        const v = other[e]!;
        if (component[v] !== comp) continue;
        if (++this.work > this.limit) throw new RelaxationLimitError(this.limit, this.members(comp));
        const cand = weight[way[e]! * K + k]! + value[u * K + k]!;
        if (!improves(cand, value[v * K + k]!)) continue;
        value[v * K + k] = cand;
        succ[v] = u;
        this.scratch!.via[v] = way[e]!;
        length[v] = length[u]! + 1;
        if (length[v]! >= size || ++sinceCheck >= size) {
          sinceCheck = 0;
          const loop = this.loopFrom(v, k) ?? this.anyLoop(comp, k);
          if (loop) return this.unbounded(comp, k, loop);
          if (length[v]! >= size) length[v] = 0;
        }
        if (mark[v] === queued) continue;
        mark[v] = queued;
        ring[tail] = v;
        tail = tail === size ? 0 : tail + 1;
      }
    }
  }

  /**
   * A cycle of the predecessor graph reached from v (every such cycle earns each round), as
   * situations in walk order; undefined when the chain from v ends first.
   */
  private loopFrom(v: number, k: number): Loop | undefined {
    const { seen, succ, via } = this.scratch!;
    const stamp = ++this.stamp;
    let x = v;
    while (succ[x]! >= 0 && seen[x] !== stamp) {
      seen[x] = stamp;
      x = succ[x]!;
    }
    if (succ[x]! < 0) return undefined;
    const situations: number[] = [];
    const ways: number[] = [];
    let gain = 0;
    let y = x;
    do {
      situations.push(y);
      ways.push(via[y]!);
      gain += this.weight[via[y]! * this.K + k]!;
      y = succ[y]!;
    } while (y !== x);
    return gain > 0 ? { situations, ways, gain } : undefined;
  }

  /** A cycle anywhere in the component's predecessor graph (each situation has at most one successor). */
  private anyLoop(comp: number, k: number): Loop | undefined {
    const { seen, succ } = this.scratch!;
    const { order, first } = this.c;
    const done = ++this.stamp;
    for (let i = first[comp]!; i < first[comp + 1]!; i++) {
      const walk = ++this.stamp;
      let x = order[i]!;
      while (x >= 0 && seen[x]! < done) {
        seen[x] = walk;
        x = succ[x]!;
      }
      if (x >= 0 && seen[x] === walk) {
        const loop = this.loopFrom(x, k);
        if (loop) return loop;
      }
      // everything on this walk is settled: mark it done (stamps grow, so done < walk)
      for (let y = order[i]!; y >= 0 && seen[y] === walk; y = succ[y]!) seen[y] = done;
    }
    return undefined;
  }

  private unbounded(comp: number, k: number, loop: Loop) {
    this.loops[k]!.push(loop);
    for (const v of this.members(comp)) this.value[v * this.K + k] = Infinity;
  }

  private members(comp: number): number[] {
    return Array.from(this.c.order.subarray(this.c.first[comp]!, this.c.first[comp + 1]!));
  }
}
