/**
 * A fresh shuffle seed for each run in the terminal. Randomness lives at the edge: the core's
 * shuffledChoices only turns a seed into an order, and the seed is recorded with the session.
 */
import { randomInt } from 'node:crypto';
import { MAX_SHUFFLE_SEED } from '../core/play/shuffle.js';

export function randomSeed(): number {
  return randomInt(0, MAX_SHUFFLE_SEED);
}
