/** What a session carries of its store's ledger when it leaves the store (sync, export): see ../ledger.ts. */
import type { SessionOrigin } from '../ledger.js';
import type { SessionId, SessionStore } from '../store.js';

export async function originOf(store: SessionStore, id: SessionId): Promise<SessionOrigin> {
  const entries = await store.ledgerOf(id);
  return {
    store: await store.storeId(),
    entries: entries.map(({ n, kind, prevHash, hash }) => ({ n, kind, prevHash, hash })),
  };
}
