import {
  afterAttempt,
  classify,
  dueItems,
  newItem,
  retryConflict,
  settleBlocked,
  targetCase,
  unsyncedCount,
  type Attempt,
  type QueueItem,
  type QueueKind,
} from '../../../core/offline/queue.ts';
import {
  clearOutbox,
  deleteItem,
  readItems,
  readVault,
  writeItems,
  writeVault,
  type StoredItem,
  type VaultRecord,
} from './outbox-store.ts';
import { deriveKey, newSalt, open, seal, sealVerifier, verifies, type Sealed } from './vault.ts';

/**
 * The field outbox (issue #15): records made with no connection, kept sealed in IndexedDB and sent when the
 * connection returns, each with its id as Idempotency-Key. Decisions (what to send, what an answer means, backoff)
 * are core/offline/queue.ts; this module does the I/O and tells the screen when anything changed.
 */
export interface OutboxRecord {
  /** The request body as the API takes it (RegisterSurvivorRequest, ScreeningRequest or NeedRequest). */
  readonly body: Record<string, unknown>;
  /** What the worker sees in the list (a name for a registration). */
  readonly label: string;
}
export interface OutboxEntry extends QueueItem {
  readonly label: string | null;
}
export interface OutboxState {
  readonly ready: boolean;
  readonly hasVault: boolean;
  readonly unlocked: boolean;
  readonly unsynced: number;
  readonly syncing: boolean;
  readonly entries: readonly OutboxEntry[];
  /** Set when a sync stopped because the session ended. */
  readonly needsSignIn: boolean;
  /** Set when this browser cannot keep records on the device (no IndexedDB, e.g. some private modes). */
  readonly storageUnavailable: boolean;
}
export interface ExportFile {
  readonly format: 'refuge-field-outbox';
  readonly version: 1;
  readonly exportedAt: string;
  readonly salt: string;
  readonly verifier: Sealed;
  readonly items: readonly StoredItem[];
}

let key: CryptoKey | null = null;
let vault: VaultRecord | null = null;
let stored: StoredItem[] = [];
let labels = new Map<string, string>();
let state: OutboxState = {
  ready: false,
  hasVault: false,
  unlocked: false,
  unsynced: 0,
  syncing: false,
  entries: [],
  needsSignIn: false,
  storageUnavailable: false,
};
const listeners = new Set<() => void>();

function publish(patch: Partial<OutboxState> = {}) {
  state = {
    ...state,
    ready: true,
    hasVault: vault !== null,
    unlocked: key !== null,
    unsynced: unsyncedCount(stored.map((s) => s.queue)),
    entries: stored.map((s) => ({ ...s.queue, label: labels.get(s.id) ?? null })),
    ...patch,
  };
  for (const l of listeners) l();
}

export const outbox = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: (): OutboxState => state,

  /** Reads the queue's state (not its records) so the count shows before the PIN is entered. */
  async load(): Promise<void> {
    try {
      vault = await readVault();
      stored = await readItems();
      publish();
    } catch {
      // Nothing can be queued here; the field page says so instead of failing later with a record in hand.
      publish({ storageUnavailable: true });
    }
  },

  /** First use on this device: sets the PIN for the signed-in worker's queue. */
  async setUp(pin: string, owner: { userId: string; organisationId: string }): Promise<void> {
    const salt = newSalt();
    const k = await deriveKey(pin, salt);
    vault = { salt, verifier: await sealVerifier(k), ...owner };
    await writeVault(vault);
    key = k;
    // Ask the browser not to evict this origin's storage under pressure (it may still say no).
    void navigator.storage?.persist?.();
    publish();
  },

  /** False for a wrong PIN (nothing is opened). */
  async unlock(pin: string): Promise<boolean> {
    vault ??= await readVault();
    if (!vault) return false;
    const k = await deriveKey(pin, vault.salt);
    if (!(await verifies(k, vault.verifier))) return false;
    key = k;
    stored = await readItems();
    labels = new Map();
    for (const s of stored) labels.set(s.id, (await open<OutboxRecord>(k, s.sealed, s.id)).label);
    publish();
    return true;
  },

  lock(): void {
    key = null;
    labels = new Map();
    publish();
  },

  owner: (): VaultRecord | null => vault,

  /** Queues a record; returns its id (a screening or need names its registration's id, or a server case id). */
  async add(kind: QueueKind, record: OutboxRecord, dependsOn: string | null = null): Promise<string> {
    if (!key) throw new Error('unlock the outbox first');
    const id = crypto.randomUUID();
    const item: StoredItem = {
      id,
      queue: newItem(id, kind, dependsOn, Date.now()),
      sealed: await seal(key, record, id),
    };
    await writeItems([item]);
    stored = [...stored, item];
    labels.set(id, record.label);
    publish();
    return id;
  },

  /**
   * Sends every due record, registrations first, until nothing more is due. Stops at the first 'sign in again'.
   * Each answer is written to IndexedDB before the next request, so a closed tab loses at most one answer, which
   * the Idempotency-Key makes harmless.
   */
  async sync(options: { force?: boolean } = {}): Promise<void> {
    if (!key || state.syncing) return;
    publish({ syncing: true, needsSignIn: false });
    try {
      let csrf: string;
      try {
        const res = await fetch('/api/session', { credentials: 'same-origin', cache: 'no-store' });
        if (res.status === 401) return publish({ needsSignIn: true });
        if (!res.ok) return;
        const session = (await res.json()) as { csrfToken: string; user: { id: string } };
        if (vault && session.user.id !== vault.userId) return publish({ needsSignIn: true });
        csrf = session.csrfToken;
      } catch {
        return; // still offline
      }
      for (let round = 0; round < 1000; round++) {
        const now = Date.now();
        const queue = stored.map((s) =>
          options.force && s.queue.state === 'pending' ? { ...s.queue, nextAttemptAt: now } : s.queue,
        );
        const next = dueItems(queue, now)[0];
        if (!next) break;
        const item = stored.find((s) => s.id === next.id)!;
        const record = await open<OutboxRecord>(key, item.sealed, item.id);
        const { attempt, detail, body } = await send(next, queue, record, csrf);
        const verdict = classify(attempt, detail);
        const result =
          next.kind === 'register' && verdict.kind === 'done'
            ? {
                caseId: String((body as { caseId?: string })?.caseId),
                survivorId: String((body as { survivorId?: string })?.survivorId),
              }
            : undefined;
        const problem =
          verdict.kind === 'conflict' && attempt.kind === 'answer'
            ? {
                status: attempt.status,
                detail: detail || 'refused',
                fields: Object.fromEntries(
                  ((body as { invalidParams?: { name: string; reason: string }[] })?.invalidParams ?? []).map((p) => [
                    p.name,
                    p.reason,
                  ]),
                ),
              }
            : undefined;
        const updated = afterAttempt(next, verdict, Date.now(), Math.random(), { result, problem });
        await commit(updated);
        if (verdict.kind === 'sign_in') return publish({ needsSignIn: true });
        if (verdict.kind === 'retry' && attempt.kind === 'no_answer') break; // the connection went again
      }
    } finally {
      publish({ syncing: false });
    }
  },

  /** A person looked at a conflict and sends it again (after fixing what the server named, if anything). */
  async retry(id: string): Promise<void> {
    const item = stored.find((s) => s.id === id);
    if (item) await commit(retryConflict(item.queue, Date.now()));
  },

  /** A person decided a record is not to be sent (its dependants go with it). */
  async discard(id: string): Promise<void> {
    const gone = stored.filter((s) => s.id === id || s.queue.dependsOn === id);
    for (const g of gone) await deleteItem(g.id);
    stored = stored.filter((s) => !gone.includes(s));
    publish();
  },

  /** Removes records the server has (their answers are on the server now). */
  async clearSynced(): Promise<void> {
    const synced = stored.filter(
      (s) =>
        s.queue.state === 'synced' && !stored.some((o) => o.queue.dependsOn === s.id && o.queue.state !== 'synced'),
    );
    for (const s of synced) await deleteItem(s.id);
    stored = stored.filter((s) => !synced.includes(s));
    publish();
  },

  /**
   * The records not yet on the server as a file, still sealed under the PIN, importable on this or another device.
   * A synced registration goes along only when a waiting screening or need still needs the case it made.
   */
  exportFile(): ExportFile {
    if (!vault) throw new Error('nothing to export');
    const waiting = stored.filter((s) => s.queue.state !== 'synced');
    const parents = new Set(waiting.map((s) => s.queue.dependsOn));
    const items = stored.filter((s) => s.queue.state !== 'synced' || parents.has(s.id));
    return {
      format: 'refuge-field-outbox',
      version: 1,
      exportedAt: new Date().toISOString(),
      salt: vault.salt,
      verifier: vault.verifier,
      items,
    };
  },

  /** Adds a file's records (opened with the PIN it was made under) to this unlocked queue; returns how many. */
  async importFile(file: ExportFile, pin: string): Promise<number | 'wrong_pin'> {
    if (!key) throw new Error('unlock the outbox first');
    if (file.format !== 'refuge-field-outbox' || file.version !== 1) throw new Error('not an outbox file');
    const fileKey = await deriveKey(pin, file.salt);
    if (!(await verifies(fileKey, file.verifier))) return 'wrong_pin';
    const fresh: StoredItem[] = [];
    for (const item of file.items) {
      if (stored.some((s) => s.id === item.id)) continue;
      const record = await open<OutboxRecord>(fileKey, item.sealed, item.id);
      fresh.push({ id: item.id, queue: item.queue, sealed: await seal(key, record, item.id) });
      labels.set(item.id, record.label);
    }
    await writeItems(fresh);
    stored = [...stored, ...fresh];
    publish();
    return fresh.length;
  },

  /** Forgets the vault and every record on this device. */
  async clear(): Promise<void> {
    await clearOutbox();
    key = null;
    vault = null;
    stored = [];
    labels = new Map();
    publish();
  },
};

async function commit(updated: QueueItem): Promise<void> {
  const next = stored.map((s) => (s.id === updated.id ? { ...s, queue: updated } : s));
  const settled = settleBlocked(next.map((s) => s.queue));
  stored = next.map((s, i) => ({ ...s, queue: settled[i]! }));
  await writeItems(stored);
  publish();
}

async function send(
  item: QueueItem,
  queue: readonly QueueItem[],
  record: OutboxRecord,
  csrf: string,
): Promise<{ attempt: Attempt; detail: string; body: unknown }> {
  const caseId = targetCase(item, queue);
  const [method, path] =
    item.kind === 'register'
      ? ['POST', '/api/survivors']
      : item.kind === 'screening'
        ? ['PUT', `/api/cases/${caseId}/screening`]
        : ['POST', `/api/cases/${caseId}/needs`];
  try {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'idempotency-key': item.id },
      body: JSON.stringify(record.body),
    });
    const body: unknown = await res.json().catch(() => null);
    const retryAfter = Number(res.headers.get('retry-after'));
    return {
      attempt: {
        kind: 'answer',
        status: res.status,
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
      },
      detail: String((body as { detail?: string })?.detail ?? ''),
      body,
    };
  } catch {
    return { attempt: { kind: 'no_answer' }, detail: '', body: null };
  }
}

/** Downloads the export as a file (its name carries no name of anyone). */
export function downloadExport(): void {
  const file = outbox.exportFile();
  const blob = new Blob([JSON.stringify(file)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `refuge-outbox-${file.exportedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
