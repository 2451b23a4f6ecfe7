/** Meter arithmetic and conditions, shared by the machine guards and the analysers. */
import type { Comparison, Condition, Meter, MeterId, NodeId } from '../format/model.js';

export type MeterValues = Readonly<Record<MeterId, number>>;

export function initialMeters(meters: readonly Meter[]): Record<MeterId, number> {
  const values: Record<MeterId, number> = {};
  for (const m of meters) values[m.id] = clamp(m.initial, m.min, m.max);
  return values;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Effects are added, then clamped to each meter's range. */
export function applyEffects(
  values: MeterValues,
  effects: Readonly<Record<MeterId, number>>,
  meters: readonly Meter[],
): Record<MeterId, number> {
  const next: Record<MeterId, number> = { ...values };
  for (const m of meters) {
    const delta = effects[m.id];
    if (delta !== undefined) next[m.id] = clamp((next[m.id] ?? m.initial) + delta, m.min, m.max);
  }
  return next;
}

export function compare(value: number, op: Comparison, target: number): boolean {
  switch (op) {
    case 'eq':
      return value === target;
    case 'gte':
      return value >= target;
    case 'gt':
      return value > target;
    case 'lte':
      return value <= target;
    case 'lt':
      return value < target;
  }
}

/**
 * `visitedBefore` answers whether a node was entered earlier in this run, before the node
 * whose condition is being evaluated.
 */
export function holds(
  condition: Condition | undefined,
  meters: MeterValues,
  visitedBefore: (node: NodeId) => boolean,
): boolean {
  if (!condition) return true;
  for (const t of condition.meters) if (!compare(meters[t.meter] ?? 0, t.op, t.value)) return false;
  for (const n of condition.visited) if (!visitedBefore(n)) return false;
  return true;
}

/**
 * `holds` for a run whose path ends with the current node, without a closure per call (the
 * machine's guards run on every step).
 */
export function holdsOnPath(condition: Condition | undefined, meters: MeterValues, path: readonly NodeId[]): boolean {
  if (!condition) return true;
  for (const t of condition.meters) if (!compare(meters[t.meter] ?? 0, t.op, t.value)) return false;
  const last = path.length - 1;
  for (const n of condition.visited) {
    const i = path.indexOf(n);
    if (i < 0 || i >= last) return false;
  }
  return true;
}

/** visitedBefore for a run whose path ends with the current node. */
export function visitedBeforeLast(path: readonly NodeId[]): (node: NodeId) => boolean {
  return (node) => {
    const i = path.indexOf(node);
    return i >= 0 && i < path.length - 1;
  };
}
