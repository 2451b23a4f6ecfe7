/**
 * The order in which a node's replies are shown. Without a seed: file order (trainers
 * previewing, sessions recorded before shuffling). With one: a permutation fixed by the seed,
 * the node and each choice's id — so a session shows the same order at a node every time it
 * is drawn (a redraw, a resume, a choice that appears later under an `if` slots in without
 * moving the others), and another session, with another seed, shows another order. Pure:
 * the seed comes from the edge (the play screen), which records it with the session.
 */
import type { Choice, NodeId } from '../format/model.js';

/** Seeds are stored as integers in 0 .. 2^31 - 1 (a positive 32-bit column in both databases). */
export const MAX_SHUFFLE_SEED = 0x7fffffff;

/** FNV-1a over the text, then a finalizer that spreads close inputs (seed 1 vs 2) far apart. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The choices in the order a session with this seed shows them at this node. */
export function shuffledChoices<C extends Pick<Choice, 'id'>>(
  choices: readonly C[],
  seed: number | undefined,
  node: NodeId,
): C[] {
  if (seed === undefined || choices.length < 2) return [...choices];
  const keyed = choices.map((c, i) => ({ c, i, key: hash32(`${seed}\u0000${node}\u0000${c.id}`) }));
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  return keyed.map((k) => k.c);
}
