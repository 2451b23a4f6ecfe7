/**
 * The tamper-evident chain. Each session's chain starts at the hash of its header; each event
 * hashes the previous hash together with the canonical JSON of its own content (seq
 * included, so a reordering changes the hashes); a finished session's seal hashes the last
 * event's hash with the result. Editing, deleting or reordering any of it breaks a link that
 * `verify` finds. The chain is evidence, not a lock: someone who can rewrite the whole
 * database can recompute it, so keep copies of the heads (e.g. `roleplay sessions --json`)
 * where that matters.
 */
import { createHash } from 'node:crypto';
import type { EventContent, SessionHeader, SessionResult } from '../core/records/records.js';

/** JSON with object keys sorted at every level and no spaces: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function genesisHash(header: SessionHeader): string {
  const { id, trainee, scenarioId, scenarioHash, lang, mode, startedAt, shuffleSeed } = header;
  // canonicalJson leaves out undefined: a session without a seed hashes as it always did
  return sha256(canonicalJson({ id, trainee, scenarioId, scenarioHash, lang, mode, startedAt, shuffleSeed }));
}

/** Only the content fields are hashed (not whatever else a row may carry). */
export function eventHash(prevHash: string, content: EventContent): string {
  const { seq, at, node, action, shown, decisionMs, points, meters, feedback, goto } = content;
  return sha256(prevHash + canonicalJson({ seq, at, node, action, shown, decisionMs, points, meters, feedback, goto }));
}

export function sealHash(headHash: string, result: SessionResult): string {
  return sha256(headHash + canonicalJson(result));
}
