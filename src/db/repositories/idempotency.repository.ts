import type { Queryable } from '../transaction.ts';

/** One applied request of an account (migration 0015); `recordEnc` holds its request hash and response body. */
export interface IdempotencyRow {
  id: string;
  userId: string;
  organisationId: string;
  key: string;
  operation: string;
  responseStatus: number;
  recordEnc: string;
  createdAt: string;
}

/** The caller's own record of `key` (row-level security limits it to the signed-in account and organisation). */
export async function findIdempotencyRecord(
  trx: Queryable,
  userId: string,
  key: string,
): Promise<IdempotencyRow | null> {
  const row = await trx
    .selectFrom('idempotency_keys')
    .select(['id', 'user_id', 'organisation_id', 'idempotency_key', 'operation', 'response_status', 'record_enc'])
    .select('created_at')
    .where('user_id', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    userId: row.user_id,
    organisationId: row.organisation_id,
    key: row.idempotency_key,
    operation: row.operation,
    responseStatus: row.response_status,
    recordEnc: row.record_enc,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * Records an applied request in the transaction that applied it. False when the key is already taken (a concurrent
 * request with the same key committed first): the caller rolls back, so the work is done once.
 */
export async function insertIdempotencyRecord(trx: Queryable, row: IdempotencyRow): Promise<boolean> {
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({
      id: row.id,
      user_id: row.userId,
      organisation_id: row.organisationId,
      idempotency_key: row.key,
      operation: row.operation,
      response_status: row.responseStatus,
      record_enc: row.recordEnc,
      created_at: row.createdAt,
    })
    .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Forgets every account's records made before `before` (the retention purge; the created_at index serves it). */
export async function deleteIdempotencyRecordsBefore(trx: Queryable, before: string): Promise<number> {
  const r = await trx.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
