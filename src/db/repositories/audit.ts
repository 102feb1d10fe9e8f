import { sql } from 'kysely';
import { canonicalJson, type AuditRecord, type StoredAuditRow } from '../../core/audit/chain.ts';
import type { Queryable } from '../transaction.ts';

/** Appends one event to the hash chain inside the caller's transaction. */
export async function appendAudit(trx: Queryable, record: AuditRecord): Promise<number> {
  const payload = canonicalJson(record);
  const { rows } = await sql<{ seq: number }>`SELECT refuge_audit_append(${payload}, ${record.actorUserId}::uuid, ${record.organisationId}::uuid,
    ${record.action}, ${record.resourceType}, ${record.resourceId}) AS seq`.execute(trx);
  return Number(rows[0].seq);
}

/** Reads the chain in order, a page at a time (for verification over millions of rows). */
export async function readAuditPage(trx: Queryable, afterSeq: number, limit: number): Promise<StoredAuditRow[]> {
  const rows = await trx.selectFrom('audit_events')
    .select(['seq', 'payload', 'prev_hash', 'hash', 'action', 'resource_type', 'resource_id'])
    .where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ seq: Number(r.seq), payload: r.payload, prevHash: r.prev_hash, hash: r.hash, action: r.action, resourceType: r.resource_type, resourceId: r.resource_id }));
}

export interface AuditListItem { seq: number; at: string; actorUserId: string | null; action: string; resourceType: string; resourceId: string | null }

export async function listAuditForOrganisation(trx: Queryable, organisationId: string, limit: number, beforeSeq?: number): Promise<AuditListItem[]> {
  let q = trx.selectFrom('audit_events').select(['seq', 'at', 'actor_user_id', 'action', 'resource_type', 'resource_id'])
    .where('organisation_id', '=', organisationId);
  if (beforeSeq) q = q.where('seq', '<', beforeSeq);
  const rows = await q.orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({ seq: Number(r.seq), at: r.at, actorUserId: r.actor_user_id, action: r.action, resourceType: r.resource_type, resourceId: r.resource_id }));
}
