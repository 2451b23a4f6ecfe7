/**
 * The scenario as a plain directed graph (node -> the nodes its ways lead to), ignoring
 * conditions. Used for the checks that must hold whatever the meters say, and to find the
 * strongly connected components that the exploration in explore.ts needs.
 */
import { waysOf, consequenceOf, type NodeId, type Scenario } from '../format/model.js';

export interface ScenarioGraph {
  readonly ids: readonly NodeId[];
  readonly index: ReadonlyMap<NodeId, number>;
  /** successors by node index, without duplicates */
  readonly next: readonly (readonly number[])[];
}

export function graphOf(scenario: Scenario): ScenarioGraph {
  const ids = Object.keys(scenario.nodes);
  const index = new Map(ids.map((id, i) => [id, i] as const));
  const next = ids.map((id) => {
    const targets = new Set<number>();
    for (const way of waysOf(scenario.nodes[id]!)) {
      const t = index.get(consequenceOf(way).goto);
      if (t !== undefined) targets.add(t);
    }
    return [...targets];
  });
  return { ids, index, next };
}

/** Nodes reachable from `from`, following every edge. */
export function reachableFrom(graph: ScenarioGraph, from: readonly number[]): Set<number> {
  const seen = new Set<number>(from);
  const stack = [...from];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const m of graph.next[n]!)
      if (!seen.has(m)) {
        seen.add(m);
        stack.push(m);
      }
  }
  return seen;
}

/** Nodes from which some node in `targets` can be reached (targets included). */
export function canReach(graph: ScenarioGraph, targets: readonly number[]): Set<number> {
  const prev: number[][] = graph.ids.map(() => []);
  graph.next.forEach((succ, n) => {
    for (const m of succ) prev[m]!.push(n);
  });
  const seen = new Set<number>(targets);
  const stack = [...targets];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const p of prev[n]!)
      if (!seen.has(p)) {
        seen.add(p);
        stack.push(p);
      }
  }
  return seen;
}

/**
 * Strongly connected components (Tarjan, iterative so deep graphs cannot overflow the stack).
 * Returns the component number of each node and which components are cyclic.
 */
export function components(graph: ScenarioGraph): { component: Int32Array; cyclic: boolean[]; members: number[][] } {
  const n = graph.ids.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const members: number[][] = [];
  let counter = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: Array<[number, number]> = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      if (i === 0 && index[v] === -1) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const succ = graph.next[v]!;
      if (i < succ.length) {
        frame[1] = i + 1;
        const w = succ[i]!;
        if (index[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const group: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component[w] = members.length;
          group.push(w);
        } while (w !== v);
        members.push(group);
      }
    }
  }
  const cyclic = members.map((group) => group.length > 1 || graph.next[group[0]!]!.includes(group[0]!));
  return { component, cyclic, members };
}
