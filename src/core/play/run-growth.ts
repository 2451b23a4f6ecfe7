/**
 * How a run's path and steps grow. Both gain one entry per step; copying the two arrays on
 * every step made a run of n steps cost O(n²) and was a tenth of headless play's time. So
 * an actor appends in place to the arrays it made itself, from the context it made last;
 * every other context (an older snapshot, a restored one, another actor's) copies first.
 * No entry of an array ever changes, but an older snapshot's arrays may have grown since:
 * read a run through its latest snapshot, or take a copy (Play.persisted() gives one).
 */
import type { NodeId } from '../format/model.js';

/** The last context an actor appended from: its actor and its meters record, a fresh object every step. */
interface Tip {
  readonly owner: unknown;
  readonly meters: object;
}

const tips = new WeakMap<readonly unknown[], Tip>();

/**
 * The path and steps after one more step, with `meters` the step's new meters record (a
 * fresh object, which identifies the context this step makes).
 */
export function grown<S>(
  context: { readonly path: readonly NodeId[]; readonly steps: readonly S[]; readonly meters: object },
  owner: unknown,
  meters: object,
  goto: NodeId,
  step: S,
): { path: readonly NodeId[]; steps: readonly S[] } {
  const tip = tips.get(context.steps);
  let path: NodeId[];
  let steps: S[];
  if (tip !== undefined && tip.owner === owner && tip.meters === context.meters) {
    path = context.path as NodeId[];
    steps = context.steps as S[];
    path.push(goto);
    steps.push(step);
  } else {
    path = context.path.concat(goto);
    steps = context.steps.concat(step);
  }
  tips.set(steps, { owner, meters });
  return { path, steps };
}
