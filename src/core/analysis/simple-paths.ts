/**
 * Paths that visit no node twice, over the graph of situations (situations.ts). The contract
 * scores over these paths only; play may repeat nodes. Two questions need them:
 *
 *  - Does a path without repeats score the best total play can reach? It can only use ways
 *    that keep the best total (tight ways: points + best from where it leads = best from
 *    here), so the search follows those alone: first the path with the fewest steps, then a
 *    depth-first search that backtracks off repeated nodes. Finding a longest simple path is
 *    NP-hard in general, so the search has a budget; on tight ways it rarely backtracks.
 *  - Which nodes and choices do such paths reach (lint names the ones only a revisit reaches)?
 *    A depth-first search that stops once every node and choice play reaches is covered.
 *
 * Both memoize a situation together with the nodes of its own loop (strongly connected
 * component of nodes) already on the path: no other visited node can come up again.
 */
import { components } from './graph.js';
import type { NodeId } from '../format/model.js';
import type { Situations } from './situations.js';

export type SimpleBest =
  | { readonly kind: 'found'; readonly edges: readonly number[] }
  /** no path without a repeat keeps the best total; `loop`: where the best walk first comes back to a node */
  | { readonly kind: 'repeats'; readonly loop: Stretch }
  | { readonly kind: 'undecided'; readonly loop: Stretch; readonly budget: number };

/** A stretch of a walk: the nodes entered (the first is entered again after the last) and the ways taken, by id. */
export interface Stretch {
  readonly nodes: readonly NodeId[];
  readonly ways: readonly number[];
}

export interface SimpleSearch {
  readonly reach?: { readonly nodes: ReadonlySet<NodeId>; readonly shownChoices: ReadonlySet<string> };
}

/** What a path is scored by: the best from each situation, and each way's points (by way id). */
export interface Objective {
  readonly best: (s: number) => number;
  readonly points: (way: number) => number;
}

export const DEFAULT_SIMPLE_BUDGET = 200_000;
const EPSILON = 1e-9;

/** A path from the start to an ending that visits no node twice and earns value[0] by `weight`. */
export function simpleBestPath(
  sit: Situations,
  objective: Objective,
  loops: boolean,
  budget = DEFAULT_SIMPLE_BUDGET,
): SimpleBest {
  const tight = (s: number, e: number) => {
    const here = objective.best(s);
    const there = objective.best(sit.edgeTo[e]!);
    const gap = objective.points(sit.edgeWay[e]!) + there - here;
    return there > -Infinity && Math.abs(gap) <= EPSILON * (1 + Math.abs(here));
  };
  // Without loops every walk is a path without repeats: the first tight way at each step will do.
  const fewest = loops ? fewestSteps(sit, tight) : firstTight(sit, tight);
  const repeat = firstRepeat(sit, fewest);
  if (!loops || repeat === undefined) return { kind: 'found', edges: fewest };
  const search = new SimpleSearcher(sit, budget);
  const found = search.path(tight);
  if (found) return { kind: 'found', edges: found };
  return search.exhausted ? { kind: 'undecided', loop: repeat, budget } : { kind: 'repeats', loop: repeat };
}

/** The walk that takes the first tight way at every step, as edges. */
function firstTight(sit: Situations, tight: (s: number, e: number) => boolean): number[] {
  const edges: number[] = [];
  for (let s = 0; sit.isEnd[sit.node[s]!] !== 1; ) {
    let e = sit.edgeStart[s]!;
    while (e < sit.edgeStart[s + 1]! && !tight(s, e)) e++;
    if (e === sit.edgeStart[s + 1]) return [];
    edges.push(e);
    s = sit.edgeTo[e]!;
  }
  return edges;
}

/** The walk over tight ways with the fewest steps from the start to an ending (breadth-first), as edges. */
function fewestSteps(sit: Situations, tight: (s: number, e: number) => boolean): number[] {
  const via = new Int32Array(sit.count).fill(-1);
  const parent = new Int32Array(sit.count);
  const seen = new Uint8Array(sit.count);
  const queue = [0];
  seen[0] = 1;
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head]!;
    if (sit.isEnd[sit.node[s]!] === 1) return edgesTo(via, parent, s);
    for (let e = sit.edgeStart[s]!; e < sit.edgeStart[s + 1]!; e++) {
      const t = sit.edgeTo[e]!;
      if (seen[t] === 1 || !tight(s, e)) continue;
      seen[t] = 1;
      via[t] = e;
      parent[t] = s;
      queue.push(t);
    }
  }
  return [];
}

function edgesTo(via: Int32Array, parent: Int32Array, s: number): number[] {
  const edges: number[] = [];
  for (let x = s; via[x]! >= 0; x = parent[x]!) edges.push(via[x]!);
  return edges.reverse();
}

/** The first stretch of a walk (from the start) that comes back to a node; undefined when none does. */
function firstRepeat(sit: Situations, edges: readonly number[]): Stretch | undefined {
  const nodes = [sit.node[0]!, ...edges.map((e) => sit.node[sit.edgeTo[e]!]!)];
  const at = new Map<number, number>();
  for (let i = 0; i < nodes.length; i++) {
    const first = at.get(nodes[i]!);
    if (first !== undefined)
      return {
        nodes: nodes.slice(first, i).map((n) => sit.graph.ids[n]!),
        ways: edges.slice(first, i).map((e) => sit.edgeWay[e]!),
      };
    at.set(nodes[i]!, i);
  }
  return undefined;
}

/** Depth-first searches over paths that visit no node twice. */
class SimpleSearcher {
  exhausted = false;
  private steps = 0;
  private readonly component: Int32Array;
  private readonly onPath: Uint8Array;
  private readonly trail: number[] = [];

  constructor(
    private readonly sit: Situations,
    private readonly budget: number,
  ) {
    this.component = components(sit.graph).component;
    this.onPath = new Uint8Array(sit.graph.ids.length);
  }

  /** The memo key of situation s with the nodes now on the path. */
  private key(s: number): string {
    const c = this.component[this.sit.node[s]!];
    const mine = this.trail.filter((n) => this.component[n] === c).sort((a, b) => a - b);
    return `${s}|${mine.join(' ')}`;
  }

  /** A path along `usable` edges from the start to an ending, as edges; undefined when there is none or the budget ran out. */
  path(usable: (s: number, e: number) => boolean): number[] | undefined {
    const failed = new Set<string>();
    const edges: number[] = [];
    const frames: { s: number; e: number; key: string }[] = [];
    const enter = (s: number) => {
      frames.push({ s, e: this.sit.edgeStart[s]!, key: this.key(s) });
      this.onPath[this.sit.node[s]!] = 1;
      this.trail.push(this.sit.node[s]!);
    };
    enter(0);
    while (frames.length > 0) {
      const f = frames[frames.length - 1]!;
      if (this.sit.isEnd[this.sit.node[f.s]!] === 1) return edges;
      if (++this.steps > this.budget) {
        this.exhausted = true;
        return undefined;
      }
      if (f.e < this.sit.edgeStart[f.s + 1]!) {
        const e = f.e++;
        const t = this.sit.edgeTo[e]!;
        if (!usable(f.s, e) || this.onPath[this.sit.node[t]!] === 1) continue;
        const key = this.key(t);
        if (failed.has(key)) continue;
        edges.push(e);
        enter(t);
        continue;
      }
      failed.add(f.key);
      frames.pop();
      edges.pop();
      this.onPath[this.sit.node[f.s]!] = 0;
      this.trail.pop();
    }
    return undefined;
  }

  /** Nodes and choices reached by paths without repeats, until all that play reaches are found. */
  reach(): SimpleSearch['reach'] {
    const { sit } = this;
    const nodes = new Set<NodeId>();
    const shown = new Set<string>();
    const wanted = countWanted(sit);
    const explored = new Set<string>();
    const frames: { s: number; e: number }[] = [];
    const enter = (s: number) => {
      explored.add(this.key(s));
      frames.push({ s, e: sit.edgeStart[s]! });
      const n = sit.node[s]!;
      this.onPath[n] = 1;
      this.trail.push(n);
      nodes.add(sit.graph.ids[n]!);
      for (let e = sit.edgeStart[s]!; e < sit.edgeStart[s + 1]!; e++) {
        const way = sit.ways[sit.edgeWay[e]!]!.way;
        if (way.kind === 'choice') shown.add(`${sit.graph.ids[n]!}\u0000${way.choice.id}`);
      }
    };
    enter(0);
    while (frames.length > 0 && nodes.size + shown.size < wanted) {
      if (++this.steps > this.budget) return undefined;
      const f = frames[frames.length - 1]!;
      if (f.e < sit.edgeStart[f.s + 1]!) {
        const t = sit.edgeTo[f.e++]!;
        if (this.onPath[sit.node[t]!] === 1 || explored.has(this.key(t))) continue;
        enter(t);
        continue;
      }
      frames.pop();
      this.onPath[sit.node[f.s]!] = 0;
      this.trail.pop();
    }
    return { nodes, shownChoices: shown };
  }
}

/** How many nodes and choices play reaches and shows: what the simple search has to find. */
function countWanted(sit: Situations): number {
  let n = 0;
  sit.facts.reached.forEach((r) => {
    n += r;
  });
  sit.prepared.forEach((ways, node) =>
    ways.forEach((w, i) => {
      if (w.way.kind === 'choice' && sit.facts.open[node]![i] === 1) n++;
    }),
  );
  return n;
}

/** What paths without repeats reach and show; undefined when the search ran out of budget. */
export function simpleReach(sit: Situations, budget = DEFAULT_SIMPLE_BUDGET): SimpleSearch['reach'] {
  return new SimpleSearcher(sit, budget).reach();
}
