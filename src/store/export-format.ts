/**
 * The version of what `roleplay export` writes and `import` and sync read. Version 1 is every
 * export made before there was a version (no header line); version 2 adds the header line, the
 * sending store's ledger entries on each session (`ledger`), and holds every field to the
 * limits of live play (record-limits.ts). A file or bundle of a later version is refused in one
 * line rather than misread. xAPI statements carry the version as a context extension.
 */
export const EXPORT_FORMAT = 'roleplay-sessions';
export const EXPORT_VERSION = 2;

/** The first line of a jsonl export. */
export function exportHeaderLine(): string {
  return JSON.stringify({ type: 'export', format: EXPORT_FORMAT, version: EXPORT_VERSION });
}
