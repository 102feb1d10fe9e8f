import { sql } from 'kysely';
import type { OutboundReason, OutboundStatus } from '../../core/help/help-message.ts';
import type { Queryable } from '../transaction.ts';

/** A message queued for a help request's contact (0026); what staff may see of it, never the envelope. */
export interface OutboundMessageRow {
  id: string;
  helpRequestId: string;
  reason: OutboundReason;
  status: OutboundStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const iso = (v: unknown) => new Date(String(v)).toISOString();
const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v));

export async function insertOutboundMessage(
  trx: Queryable,
  row: {
    id: string;
    organisationId: string;
    helpRequestId: string;
    reason: OutboundReason;
    language: string;
    envelopeEnc: string;
    createdAt: string;
  },
): Promise<void> {
  await trx
    .insertInto('outbound_messages')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      help_request_id: row.helpRequestId,
      reason: row.reason,
      language: row.language,
      envelope_enc: row.envelopeEnc,
      created_at: row.createdAt,
    })
    .execute();
}

/** The messages of these requests, in the order they were queued (row-level security keeps them to the caller's organisation). */
export async function listOutboundMessages(trx: Queryable, helpRequestIds: string[]): Promise<OutboundMessageRow[]> {
  if (helpRequestIds.length === 0) return [];
  const rows = await trx
    .selectFrom('outbound_messages')
    .select([
      'id',
      'help_request_id',
      'reason',
      'status',
      'attempts',
      'next_attempt_at',
      'last_error',
      'created_at',
      'sent_at',
    ])
    .where('help_request_id', 'in', helpRequestIds)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    helpRequestId: r.help_request_id,
    reason: r.reason,
    status: r.status,
    attempts: Number(r.attempts),
    nextAttemptAt: iso(r.next_attempt_at),
    lastError: r.last_error,
    createdAt: iso(r.created_at),
    sentAt: isoOrNull(r.sent_at),
  }));
}

/**
 * Takes a queued message that is due for one delivery try (system): counts the try and leases the row for
 * `leaseSeconds`, so a second job for the same message, or a second server, leaves it alone meanwhile. Null when the
 * message is sent, failed, not due yet or being delivered: a job run twice sends once.
 */
export async function claimOutboundMessage(
  trx: Queryable,
  id: string,
  leaseSeconds: number,
): Promise<{ id: string; language: string; envelopeEnc: string; attempts: number } | null> {
  const { rows } = await sql<{ id: string; language: string; envelope_enc: string; attempts: number }>`
    UPDATE outbound_messages
    SET attempts = attempts + 1, locked_until = now() + make_interval(secs => ${leaseSeconds})
    WHERE id = ${id} AND status = 'queued' AND next_attempt_at <= now()
      AND (locked_until IS NULL OR locked_until < now())
    RETURNING id, language, envelope_enc, attempts`.execute(trx);
  const r = rows[0];
  return r ? { id: r.id, language: r.language, envelopeEnc: r.envelope_enc, attempts: Number(r.attempts) } : null;
}

export async function markOutboundSent(trx: Queryable, id: string): Promise<void> {
  await sql`UPDATE outbound_messages SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL
    WHERE id = ${id}`.execute(trx);
}

/** A failed try: due again after `delaySeconds` (the time is returned for the retry's job), or failed for good. */
export async function markOutboundFailedTry(
  trx: Queryable,
  id: string,
  error: string,
  delaySeconds: number | null,
): Promise<{ nextAttemptAt: string } | null> {
  const lastError = error.slice(0, 200);
  if (delaySeconds === null) {
    await sql`UPDATE outbound_messages SET status = 'failed', locked_until = NULL, last_error = ${lastError}
      WHERE id = ${id}`.execute(trx);
    return null;
  }
  const { rows } = await sql<{ next_attempt_at: string }>`
    UPDATE outbound_messages
    SET locked_until = NULL, last_error = ${lastError}, next_attempt_at = now() + make_interval(secs => ${delaySeconds})
    WHERE id = ${id}
    RETURNING next_attempt_at`.execute(trx);
  return rows[0] ? { nextAttemptAt: iso(rows[0].next_attempt_at) } : null;
}
