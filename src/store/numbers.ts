/**
 * The numbers of a result as they are stored and sealed. (Item 2 of issue 18 makes them
 * finite and canonical; until then they pass through.)
 */
import type { SessionResult } from './store.js';

export function recordedResult(result: SessionResult): SessionResult {
  return result;
}
