/**
 * What a trainer asks of a branching case before anyone plays it: can each ending be reached,
 * with what scores, and by which steps; can anyone pass, can anyone fail; and which path
 * scores best (best-path.ts). Pure analysis over situations (node, meter values, visited nodes that
 * matter), stepping with `openWays` exactly as play does, so every path found here is one
 * the machine accepts.
 *
 * Shortest paths are searched over the game as it is played (nodes may be revisited), by a
 * breadth-first search in which automatic `when` steps cost nothing. Best and worst scores
 * are the contract's, over paths that visit no node twice (explore.ts).
 */
import { answerFor } from './answers.js';
import { initialMeters, type MeterValues } from './conditions.js';
import { explore, openWays, ExplorationLimitError, type Maxima, type OpenWay } from './explore.js';
import { components, graphOf } from './graph.js';
import { consequenceOf, waysOf, type NodeId, type Outcome, type Scenario, type TestStep, type Way } from './model.js';
import { percentOf } from './scoring.js';

/** A step as the analysis takes it: the way, and the test step that takes it (if one can be written). */
export interface PathStep {
  readonly node: NodeId;
  readonly way: Way;
  readonly to: NodeId;
  /** undefined for automatic `when` steps, which need no step */
  readonly step?: TestStep;
  /** set when an `input` rule is taken for which no matching answer could be written */
  readonly noAnswer?: true;
}

export interface FoundPath {
  /** every node entered, in order, like a run's `path` */
  readonly nodes: readonly NodeId[];
  readonly ways: readonly PathStep[];
  /** usable as `--steps` or a test's `steps` (only when `complete`) */
  readonly steps: readonly TestStep[];
  /** false when some input rule on the way has no answer we could write */
  readonly complete: boolean;
  /** the total points this path scores */
  readonly total: number;
}

export interface EndingReport {
  readonly id: NodeId;
  readonly outcome: Outcome;
  readonly reachable: boolean;
  /** best and worst totals over paths that visit no node twice (the contract's); absent when only a looping path reaches it */
  readonly best?: number;
  readonly worst?: number;
  readonly bestPercent?: number;
  readonly worstPercent?: number;
  /** one path with the fewest trainee steps */
  readonly shortest?: FoundPath;
}

export interface PathsReport {
  readonly scenario: string;
  /** the contract's max; undefined when the case is too complex to score (then no ending has scores) */
  readonly max?: number;
  readonly passScore: number;
  readonly endings: readonly EndingReport[];
  /** no path ends in a passing result */
  readonly nobodyCanPass: boolean;
  /** every path ends in a passing result */
  readonly nobodyCanFail: boolean;
  readonly unreachableEndings: readonly NodeId[];
  /** false when the search stopped at its budget: unreachable endings may be reachable after all */
  readonly complete: boolean;
  readonly situations: number;
}

export const DEFAULT_PATH_SEARCH_LIMIT = 500_000;

/** What the trainee does to take `way` at `node`, as a test step. */
export function stepFor(scenario: Scenario, node: NodeId, way: Way): { step?: TestStep; noAnswer?: true } {
  switch (way.kind) {
    case 'choice':
      return { step: way.choice.id };
    case 'timeout':
      return { step: { wait: true } };
    case 'branch':
      return {};
    case 'rule': {
      const n = scenario.nodes[node]!;
      const text = n.kind === 'input' ? answerFor(n.rules, way.index) : undefined;
      return text === undefined ? { noAnswer: true } : { step: { say: text } };
    }
  }
}

export function pointsOf(way: Way): number {
  let sum = 0;
  for (const p of Object.values(consequenceOf(way).score)) sum += p;
  return sum;
}

export function buildPath(
  scenario: Scenario,
  start: NodeId,
  taken: readonly { node: NodeId; way: OpenWay }[],
): FoundPath {
  const ways: PathStep[] = [];
  const steps: TestStep[] = [];
  const nodes: NodeId[] = [start];
  let complete = true;
  let total = 0;
  for (const { node, way } of taken) {
    const s = stepFor(scenario, node, way.way);
    ways.push({ node, way: way.way, to: way.to, ...s });
    if (s.step !== undefined) steps.push(s.step);
    if (s.noAnswer) complete = false;
    nodes.push(way.to);
    total += pointsOf(way.way);
  }
  return { nodes, ways, steps, complete, total };
}

/** Nodes named in some `visited` condition: the only visits that change what happens later. */
export function referencedNodes(scenario: Scenario): Set<NodeId> {
  const out = new Set<NodeId>();
  for (const node of Object.values(scenario.nodes)) {
    for (const way of waysOf(node)) {
      const cond = way.kind === 'choice' ? way.choice.if : way.kind === 'branch' ? way.branch.if : undefined;
      for (const v of cond?.visited ?? []) out.add(v);
    }
  }
  return out;
}

interface Situation {
  readonly node: NodeId;
  readonly meters: MeterValues;
  readonly visited: readonly NodeId[];
  readonly parent?: Situation;
  readonly via?: OpenWay;
}

/**
 * Shortest ways (fewest trainee steps) from the start to every ending, over play as it
 * really is (revisits allowed). `usable` can forbid some ways (e.g. rules with no answer).
 */
function shortestToEndings(
  scenario: Scenario,
  limit: number,
  usable: (node: NodeId, way: Way) => boolean,
): { found: Map<NodeId, FoundPath>; complete: boolean; situations: number } {
  const referenced = referencedNodes(scenario);
  const meterIds = scenario.meters.map((m) => m.id);
  const keyOf = (node: NodeId, meters: MeterValues, visited: readonly NodeId[]) => {
    let key = node;
    for (const m of meterIds) key += `,${meters[m]}`;
    return visited.length === 0 ? key : `${key}\u0000${visited.join(' ')}`;
  };
  const never = () => false;
  /** the level (trainee steps from the start) at which each situation is queued; lowered by automatic steps */
  const queuedAt = new Map<string, number>();
  const expanded = new Set<string>();
  const found = new Map<NodeId, FoundPath>();
  const endCount = Object.values(scenario.nodes).filter((n) => n.kind === 'end').length;

  // 0-1 breadth-first search, level by level: `level` holds situations `depth` trainee steps
  // away (automatic steps join it), `next` those one step further. A situation is queued
  // again only when an automatic step reaches it at a lower level than before.
  const first: Situation & { key: string } = {
    node: scenario.start,
    meters: initialMeters(scenario.meters),
    visited: [],
    key: '',
  };
  first.key = keyOf(first.node, first.meters, first.visited);
  queuedAt.set(first.key, 0);
  let level: (Situation & { key: string })[] = [first];
  let next: (Situation & { key: string })[] = [];
  let depth = 0;
  let complete = true;
  // Within a level, ways are taken in file order, so the first way a trainer wrote wins ties.
  let at = 0;
  while (at < level.length || next.length > 0) {
    if (at >= level.length) {
      level = next;
      next = [];
      at = 0;
      depth++;
    }
    const s = level[at++]!;
    if (expanded.has(s.key) || queuedAt.get(s.key)! < depth) continue;
    expanded.add(s.key);
    if (expanded.size > limit) {
      complete = false;
      break;
    }
    const node = scenario.nodes[s.node]!;
    if (node.kind === 'end') {
      if (!found.has(s.node)) {
        const taken: { node: NodeId; way: OpenWay }[] = [];
        for (let x: Situation | undefined = s; x?.parent; x = x.parent)
          taken.push({ node: x.parent.node, way: x.via! });
        found.set(s.node, buildPath(scenario, scenario.start, taken.reverse()));
        if (found.size === endCount) break;
      }
      continue;
    }
    const visitedSet = s.visited.length > 0 ? new Set(s.visited) : undefined;
    const visited = referenced.has(s.node) && !visitedSet?.has(s.node) ? [...s.visited, s.node].sort() : s.visited;
    for (const w of openWays(scenario, s.node, s.meters, visitedSet ? (n) => visitedSet.has(n) : never)) {
      if (!usable(s.node, w.way)) continue;
      const key = keyOf(w.to, w.meters, visited);
      const at_ = w.way.kind === 'branch' ? depth : depth + 1;
      const known = queuedAt.get(key);
      if (known !== undefined && known <= at_) continue;
      queuedAt.set(key, at_);
      const child = { node: w.to, meters: w.meters, visited, parent: s, via: w, key };
      if (at_ === depth) level.push(child);
      else next.push(child);
    }
  }
  return { found, complete, situations: expanded.size };
}

export function analysePaths(scenario: Scenario, limit = DEFAULT_PATH_SEARCH_LIMIT): PathsReport {
  // Reachability and shortest steps do not need the maxima; a case too complex to score still gets them.
  let maxima: Maxima | undefined;
  try {
    maxima = explore(scenario).maxima;
  } catch (e) {
    if (!(e instanceof ExplorationLimitError)) throw e;
  }
  const max = maxima?.total ?? 0;

  // Prefer paths whose every answer we can write; fall back to any path for the rest.
  // Writing an answer runs the matcher on a few candidates: once per rule, not per situation.
  const answerable = new Map<string, boolean>();
  let skipped = false;
  const sayable = (node: NodeId, way: Way) => {
    if (way.kind !== 'rule') return true;
    const key = `${node}\u0000${way.index}`;
    let ok = answerable.get(key);
    if (ok === undefined) answerable.set(key, (ok = stepFor(scenario, node, way).noAnswer === undefined));
    if (!ok) skipped = true;
    return ok;
  };
  const strict = shortestToEndings(scenario, limit, sayable);
  let found = strict.found;
  let complete = strict.complete;
  let situations = strict.situations;
  const endIds = Object.values(scenario.nodes)
    .filter((n) => n.kind === 'end')
    .map((n) => n.id);
  // A second search only when the first had to leave out some answer rule.
  if (skipped && endIds.some((id) => !found.has(id))) {
    const any = shortestToEndings(scenario, limit, () => true);
    found = new Map([...any.found, ...found]);
    complete = any.complete;
    situations = Math.max(situations, any.situations);
  }

  const endings: EndingReport[] = endIds.map((id) => {
    const node = scenario.nodes[id]!;
    const outcome: Outcome = node.kind === 'end' ? node.outcome : 'failure';
    const range = maxima?.endings[id];
    const shortest = found.get(id);
    return {
      id,
      outcome,
      reachable: shortest !== undefined || range !== undefined,
      ...(range
        ? {
            best: range.best,
            worst: range.worst,
            bestPercent: percentOf(range.best, max),
            worstPercent: percentOf(range.worst, max),
          }
        : {}),
      ...(shortest ? { shortest } : {}),
    };
  });

  const passes = (percent: number, outcome: Outcome) => outcome !== 'failure' && percent >= scenario.passScore;
  const scored = endings.filter((e) => e.best !== undefined);
  const nobodyCanPass = maxima !== undefined && !scored.some((e) => passes(e.bestPercent!, e.outcome));
  const nobodyCanFail = scored.length > 0 && scored.every((e) => passes(e.worstPercent!, e.outcome));
  return {
    scenario: scenario.id,
    ...(maxima ? { max } : {}),
    passScore: scenario.passScore,
    endings,
    nobodyCanPass,
    nobodyCanFail,
    unreachableEndings: endings.filter((e) => !e.reachable).map((e) => e.id),
    complete,
    situations,
  };
}

/** A situation inside a loop from which no ending can be reached any more. */
export interface LoopTrap {
  readonly node: NodeId;
  /** the meters on entering the trap */
  readonly meters: MeterValues;
  /** the nodes of the loop (its strongly connected component), sorted */
  readonly loop: readonly NodeId[];
}

export const DEFAULT_TRAP_SEARCH_LIMIT = 200_000;

export interface PlaySearch {
  /** loops a trainee can enter but never leave */
  readonly traps: readonly LoopTrap[];
  /** nodes reachable in play, revisits allowed; undefined when the case has no loop (then play
   * reaches exactly what the simple-path exploration reaches) */
  readonly reached?: ReadonlySet<NodeId>;
  /** `${node}\u0000${choiceId}` of choices shown in play; undefined as for `reached` */
  readonly shown?: ReadonlySet<string>;
}

/**
 * Play as it really is (revisits allowed): which nodes it reaches, and the loops a trainee
 * can enter but never leave:
 * situations in a cyclic part of the case from which no ending can be reached, reported
 * where the trainee first steps into them. Finds the traps that a plain graph check misses
 * because the way out exists but its condition never holds inside the loop. Returns
 * undefined when the case has more than `limit` situations (the check is then skipped).
 */
export function searchPlay(scenario: Scenario, limit = DEFAULT_TRAP_SEARCH_LIMIT): PlaySearch | undefined {
  const graph = graphOf(scenario);
  const { component, cyclic, members } = components(graph);
  // Only loops can trap a trainee: a case without any needs no search (large DAGs stay fast).
  if (!cyclic.some(Boolean)) return { traps: [] };
  const referenced = referencedNodes(scenario);
  const meterIds = scenario.meters.map((m) => m.id);
  const index = new Map<string, number>();
  const nodes: NodeId[] = [];
  const meters: MeterValues[] = [];
  const visitedOf: (readonly NodeId[])[] = [];
  const prev: number[][] = [];
  const finishing: number[] = [];
  const shown = new Set<string>();

  const add = (node: NodeId, m: MeterValues, visited: readonly NodeId[], from: number): number | undefined => {
    const key = `${node}\u0000${meterIds.map((id) => m[id]).join(',')}\u0000${visited.join(' ')}`;
    let i = index.get(key);
    if (i === undefined) {
      if (nodes.length >= limit) return undefined;
      i = nodes.length;
      index.set(key, i);
      nodes.push(node);
      meters.push(m);
      visitedOf.push(visited);
      prev.push([]);
    }
    if (from >= 0) prev[i]!.push(from);
    return i;
  };

  if (add(scenario.start, initialMeters(scenario.meters), [], -1) === undefined) return undefined;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (scenario.nodes[node]!.kind === 'end') {
      finishing.push(i);
      continue;
    }
    const visitedSet = new Set(visitedOf[i]);
    const visited = referenced.has(node) && !visitedSet.has(node) ? [...visitedOf[i]!, node].sort() : visitedOf[i]!;
    for (const w of openWays(scenario, node, meters[i]!, (n) => visitedSet.has(n))) {
      if (w.way.kind === 'choice') shown.add(`${node}\u0000${w.way.choice.id}`);
      if (add(w.to, w.meters, visited, i) === undefined) return undefined;
    }
  }

  const canFinish = new Uint8Array(nodes.length);
  const stack = [...finishing];
  for (const i of stack) canFinish[i] = 1;
  while (stack.length > 0) {
    for (const p of prev[stack.pop()!]!)
      if (!canFinish[p]) {
        canFinish[p] = 1;
        stack.push(p);
      }
  }

  const traps: LoopTrap[] = [];
  const reported = new Set<NodeId>();
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (canFinish[i] || reported.has(node)) continue;
    const c = component[graph.index.get(node)!]!;
    if (!cyclic[c]) continue;
    // Report where the trainee steps into the trap: from a situation that could still finish, or from outside the loop.
    const entry = i === 0 || prev[i]!.some((p) => canFinish[p] || component[graph.index.get(nodes[p]!)!] !== c);
    if (!entry) continue;
    reported.add(node);
    traps.push({ node, meters: meters[i]!, loop: members[c]!.map((n) => graph.ids[n]!).sort() });
  }
  return { traps, reached: new Set(nodes), shown };
}
