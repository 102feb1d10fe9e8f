import { createHash } from 'node:crypto';
import { encryptionContext } from '../db/encrypted-columns.ts';
import {
  deleteIdempotencyRecordsBefore,
  findIdempotencyRecord,
  insertIdempotencyRecord,
  type IdempotencyRow,
} from '../db/repositories/idempotency.repository.ts';
import { asActor, asSystem, type Tx } from '../db/transaction.ts';
import type { AppContext, RequestActor } from './context.ts';
import { conflict, ServiceError } from './errors.ts';

/**
 * Exactly-once writes for clients that may send a request twice (the field app's offline queue, issue #15).
 * The client names each write with an Idempotency-Key; the first request with a key is applied and its answer kept
 * (in the same transaction as the write), a replay gets that answer without applying anything, and the same key with
 * another body or operation is refused. Keys belong to one account: another account's identical key is a different key.
 */
export interface OnceKey {
  readonly key: string;
  /** `METHOD /route/pattern` plus the path's ids, so a key reused on another case is a different request. */
  readonly operation: string;
  readonly requestHash: string;
}

interface StoredRecord {
  requestHash: string;
  body: unknown;
}

/** Stable JSON: object keys sorted, so the same body written in another key order hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

export function onceKey(key: string, operation: string, body: unknown): OnceKey {
  const requestHash = createHash('sha256').update(operation).update('\n').update(canonical(body)).digest('base64url');
  return { key, operation, requestHash };
}

/**
 * The kept answer to `once` if this account already applied it; null if not. The same key with another operation or
 * body is a 422: the client reused a key, and applying or replaying either would be wrong.
 */
export async function findReplay(
  app: AppContext,
  actor: RequestActor,
  once: OnceKey,
): Promise<{ status: number; body: unknown } | null> {
  const row = await asActor(app.database, actor, (trx) => findIdempotencyRecord(trx, actor.userId, once.key));
  if (!row) return null;
  const stored = app.cipher.decryptJson<StoredRecord>(
    row.recordEnc,
    encryptionContext('idempotency_keys', 'record_enc', row.id),
  );
  if (row.operation !== once.operation || stored.requestHash !== once.requestHash)
    throw new ServiceError(
      422,
      'idempotency_key_reused',
      'this Idempotency-Key was already used for a different request; send a new key for a new request',
      undefined,
      undefined,
      {},
    );
  return { status: row.responseStatus, body: stored.body };
}

/**
 * Keeps the answer to `once` in the transaction that applied it. If a concurrent request with the same key committed
 * first, this one is rolled back (409, retry: the retry gets the first one's answer).
 */
export async function keepAnswer<T>(
  trx: Tx,
  app: AppContext,
  actor: RequestActor,
  once: OnceKey | undefined,
  status: number,
  body: T,
): Promise<T> {
  const row = keptAnswer(app, actor, once, status, body);
  if (row && !(await insertIdempotencyRecord(trx, row))) throw keyTaken();
  return body;
}

/** The row that keeps the answer to `once` (null without a key), for a write that stores it in its own statement. */
export function keptAnswer(
  app: AppContext,
  actor: RequestActor,
  once: OnceKey | undefined,
  status: number,
  body: unknown,
): IdempotencyRow | null {
  if (!once) return null;
  const id = app.newId();
  return {
    id,
    userId: actor.userId,
    organisationId: actor.organisationId,
    key: once.key,
    operation: once.operation,
    responseStatus: status,
    recordEnc: app.cipher.encryptJson(
      { requestHash: once.requestHash, body } satisfies StoredRecord,
      encryptionContext('idempotency_keys', 'record_enc', id),
    ),
    createdAt: app.now().toISOString(),
  };
}

/** A concurrent request with the same key committed first: this one wrote nothing. */
export const keyTaken = (): ServiceError =>
  conflict('a request with this Idempotency-Key is in progress or just finished; retry it');

/**
 * How long an applied request's key and answer are kept. A replay only comes from a device whose answer was lost, and
 * it comes when that device is online again (or when its exported queue is imported elsewhere): 90 days is far longer
 * than any offline stretch in the field, and short enough that the table holds a season's writes, not every write ever.
 * A replay older than this is applied again (the key is then unknown), so the number must stay generous.
 */
export const IDEMPOTENCY_RETENTION_DAYS = 90;

/** Deletes keys older than the retention (every account's: this is system housekeeping); returns how many. */
export async function purgeIdempotencyKeys(
  app: AppContext,
  retentionDays = IDEMPOTENCY_RETENTION_DAYS,
): Promise<number> {
  const before = new Date(app.now().getTime() - retentionDays * 86_400_000).toISOString();
  return asSystem(app.database, (trx) => deleteIdempotencyRecordsBefore(trx, before));
}

/** Runs the purge shortly after start and then every hour in a server process (any number of processes may run it). */
export class IdempotencyPurger {
  private timer: NodeJS.Timeout | null = null;
  private active: Promise<unknown> | null = null;
  constructor(
    private readonly app: AppContext,
    private readonly onError: (error: Error) => void = () => undefined,
    private readonly intervalMs = 3_600_000,
  ) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.active = purgeIdempotencyKeys(this.app).catch((e: unknown) => this.onError(e as Error));
      void this.active.finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, Math.min(this.intervalMs, 5_000));
  }

  async stop(): Promise<void> {
    const timer = this.timer;
    this.timer = null;
    if (timer) clearTimeout(timer);
    await this.active;
  }
}
