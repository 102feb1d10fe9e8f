import type { QueueItem } from '../../../core/offline/queue.ts';
import type { Sealed } from './vault.ts';

/**
 * The outbox in IndexedDB (survives closing the browser and restarting the phone). Two stores: `vault` (the salt,
 * the sealed verifier and whose device queue this is) and `items` (the queue state of each record in clear — kind,
 * state, attempts, nothing about the person — and the record itself sealed). The unsynced count is readable without
 * the PIN, so the indicator shows it even while the queue is locked.
 */
export const DB_NAME = 'refuge-field';
const VERSION = 1;

export interface VaultRecord {
  readonly salt: string;
  readonly verifier: Sealed;
  readonly userId: string;
  readonly organisationId: string;
}
export interface StoredItem {
  readonly id: string;
  readonly queue: QueueItem;
  readonly sealed: Sealed;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('vault')) db.createObjectStore('vault');
      if (!db.objectStoreNames.contains('items')) db.createObjectStore('items', { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB is not available'));
  });
}

async function run<T>(
  stores: string[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => IDBRequest<T> | void,
): Promise<T | undefined> {
  const db = await openDb();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(stores, mode);
      const req = work(tx);
      tx.oncomplete = () => resolve(req ? req.result : undefined);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

export const readVault = async (): Promise<VaultRecord | null> =>
  ((await run<VaultRecord>(['vault'], 'readonly', (tx) => tx.objectStore('vault').get('vault'))) as VaultRecord) ??
  null;

export const writeVault = async (vault: VaultRecord): Promise<void> => {
  await run(['vault'], 'readwrite', (tx) => void tx.objectStore('vault').put(vault, 'vault'));
};

export const readItems = async (): Promise<StoredItem[]> =>
  ((await run<StoredItem[]>(['items'], 'readonly', (tx) => tx.objectStore('items').getAll())) ?? []).sort(
    (a, b) => a.queue.createdAt - b.queue.createdAt,
  );

export const writeItems = async (items: readonly StoredItem[]): Promise<void> => {
  await run(['items'], 'readwrite', (tx) => {
    const store = tx.objectStore('items');
    for (const item of items) store.put(item);
  });
};

export const deleteItem = async (id: string): Promise<void> => {
  await run(['items'], 'readwrite', (tx) => void tx.objectStore('items').delete(id));
};

/** Removes the vault and every record: the worker confirmed (and was offered an export first). */
export const clearOutbox = async (): Promise<void> => {
  await run(['vault', 'items'], 'readwrite', (tx) => {
    tx.objectStore('vault').clear();
    tx.objectStore('items').clear();
  });
};
