import { sql, type CompiledQuery, type Insertable, type Selectable } from 'kysely';
import type { NeedKind, NeedPriority, NeedStatus, ReferralState } from '../../../core/vocabulary.ts';
import type { TimelineKind } from '../../../core/cases/timeline.ts';
import type { ReferralsTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';
import type { RowOf } from '../rows.ts';

/**
 * A referral as stored, without the clear-text `state_reason` of rows written before 0009: the state's
 * reason is sealed in stateReasonEnc and shown only to the side that wrote it (core/disclosure);
 * frozenAt is set while the survivor's current consent does not cover this live referral.
 */
export type ReferralRow = Omit<RowOf<ReferralsTable>, 'stateReason'>;

const referralFrom = (r: Selectable<ReferralsTable>): ReferralRow => ({
  id: r.id,
  caseId: r.case_id,
  survivorId: r.survivor_id,
  fromOrganisationId: r.from_organisation_id,
  toOrganisationId: r.to_organisation_id,
  needIds: r.need_ids,
  state: r.state,
  consentBasis: r.consent_basis,
  shareContactChannel: r.share_contact_channel,
  viewEnc: r.view_enc,
  stateReasonEnc: r.state_reason_enc,
  frozenAt: r.frozen_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function insertReferrals(trx: Queryable, rows: readonly ReferralRow[]): Promise<void> {
  if (rows.length > 0) await trx.executeQuery(referralsInsert(trx, rows));
}

/** The statement insertReferrals sends, for a caller that writes it together with others (db/write-together). */
export function referralsInsert(trx: Queryable, rows: readonly ReferralRow[]): CompiledQuery {
  return trx
    .insertInto('referrals')
    .values(
      rows.map((r): Insertable<ReferralsTable> => ({
        id: r.id,
        case_id: r.caseId,
        survivor_id: r.survivorId,
        from_organisation_id: r.fromOrganisationId,
        to_organisation_id: r.toOrganisationId,
        need_ids: r.needIds,
        state: r.state,
        consent_basis: r.consentBasis,
        share_contact_channel: r.shareContactChannel,
        view_enc: r.viewEnc,
        state_reason_enc: r.stateReasonEnc,
        frozen_at: r.frozenAt,
        created_by: r.createdBy,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
      })),
    )
    .compile();
}

export async function findReferral(trx: Queryable, id: string, forUpdate = false): Promise<ReferralRow | undefined> {
  let q = trx.selectFrom('referrals').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forNoKeyUpdate();
  const r = await q.executeTakeFirst();
  return r ? referralFrom(r) : undefined;
}

/** A referral's new state and reason (written together with its timeline line and audit entry: db/write-together). */
export function referralStateUpdate(
  trx: Queryable,
  id: string,
  state: ReferralState,
  reasonEnc: string | null,
  at: string,
): CompiledQuery {
  return trx
    .updateTable('referrals')
    .set({ state, state_reason_enc: reasonEnc, updated_at: at })
    .where('id', '=', id)
    .compile();
}

/** Freezes (at) or thaws (null) one referral; the sender's consent change does this for every live referral. */
export async function setReferralFrozen(
  trx: Queryable,
  id: string,
  frozenAt: string | null,
  at: string,
): Promise<void> {
  await trx.updateTable('referrals').set({ frozen_at: frozenAt, updated_at: at }).where('id', '=', id).execute();
}

/** Clear free text left from before 0009, for the start-up seal (system transaction). */
export async function clearReferralReasons(
  trx: Queryable,
  limit: number,
): Promise<{ id: string; stateReason: string }[]> {
  const rows = await trx
    .selectFrom('referrals')
    .select(['id', 'state_reason'])
    .where('state_reason', 'is not', null)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, stateReason: r.state_reason! }));
}

export async function sealReferralReason(trx: Queryable, id: string, reasonEnc: string): Promise<void> {
  await trx
    .updateTable('referrals')
    .set({ state_reason_enc: reasonEnc, state_reason: null })
    .where('id', '=', id)
    .execute();
}

export interface ReferralListFilter {
  organisationId: string;
  direction: 'incoming' | 'outgoing';
  states?: ReferralState[];
  limit: number;
  after?: { createdAt: string; id: string };
}

export async function listReferrals(trx: Queryable, f: ReferralListFilter): Promise<ReferralRow[]> {
  let q = trx
    .selectFrom('referrals')
    .selectAll()
    .where(f.direction === 'incoming' ? 'to_organisation_id' : 'from_organisation_id', '=', f.organisationId);
  if (f.states?.length) q = q.where('state', 'in', f.states);
  if (f.after) q = q.where(sql<boolean>`(created_at, id) < (${f.after.createdAt}::timestamptz, ${f.after.id}::uuid)`);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map(referralFrom);
}

/** Referrals of one survivor (for the location rule and the case page), as the actor may see them. */
export async function referralsOfSurvivor(trx: Queryable, survivorId: string): Promise<ReferralRow[]> {
  const rows = await trx
    .selectFrom('referrals')
    .selectAll()
    .where('survivor_id', '=', survivorId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(referralFrom);
}

/* ---------- The receiver's care (0013: curated SECURITY DEFINER functions, never the need rows) ---------- */

export interface ReferredNeedRow {
  id: string;
  kind: NeedKind;
  priority: NeedPriority;
  status: NeedStatus;
}

/** The referral's needs as the receiver may read them; empty unless the acting organisation is its live receiver. */
export async function referredNeeds(trx: Queryable, referralId: string): Promise<ReferredNeedRow[]> {
  const r =
    await sql<ReferredNeedRow>`SELECT id, kind, priority, status FROM refuge_referred_needs(${referralId}::uuid)`.execute(
      trx,
    );
  return r.rows;
}

/** Moves a referred need as the receiver; its kind when moved, null when the database refused. */
export async function receiverSetNeed(
  trx: Queryable,
  referralId: string,
  needId: string,
  status: NeedStatus,
  at: string,
): Promise<NeedKind | null> {
  const r = await sql<{
    kind: NeedKind | null;
  }>`SELECT refuge_receiver_set_need(${referralId}::uuid, ${needId}::uuid, ${status}, ${at}::timestamptz) AS kind`.execute(
    trx,
  );
  return r.rows[0]?.kind ?? null;
}

/** A structured line on the sender's case timeline, written by the receiver; false when refused. */
export async function receiverCaseEvent(
  trx: Queryable,
  referralId: string,
  e: { id: string; kind: TimelineKind; params: Record<string, unknown>; at: string },
): Promise<boolean> {
  const r = await sql<{
    ok: boolean;
  }>`SELECT refuge_receiver_case_event(${referralId}::uuid, ${e.id}::uuid, ${e.kind}, ${JSON.stringify(e.params)}::jsonb, ${e.at}::timestamptz) AS ok`.execute(
    trx,
  );
  return r.rows[0]?.ok === true;
}
