import type { Insertable, Selectable } from 'kysely';
import type { ReferralMessagesTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';
import type { RowOf } from '../rows.ts';

/** One entry of a referral's exchange, its body still sealed. */
export type ReferralMessageRow = Omit<RowOf<ReferralMessagesTable>, 'seq'>;

const messageFrom = (r: Selectable<ReferralMessagesTable>): ReferralMessageRow => ({
  id: r.id,
  referralId: r.referral_id,
  fromOrganisationId: r.from_organisation_id,
  toOrganisationId: r.to_organisation_id,
  authorOrganisationId: r.author_organisation_id,
  authorUserId: r.author_user_id,
  kind: r.kind,
  bodyEnc: r.body_enc,
  createdAt: r.created_at,
});

export async function insertReferralMessage(trx: Queryable, m: ReferralMessageRow): Promise<void> {
  const row: Insertable<ReferralMessagesTable> = {
    id: m.id,
    referral_id: m.referralId,
    from_organisation_id: m.fromOrganisationId,
    to_organisation_id: m.toOrganisationId,
    author_organisation_id: m.authorOrganisationId,
    author_user_id: m.authorUserId,
    kind: m.kind,
    body_enc: m.bodyEnc,
    created_at: m.createdAt,
  };
  await trx.insertInto('referral_messages').values(row).execute();
}

/** A referral's entries in the order written (row-level security: only its two organisations read any). */
export async function listReferralMessages(trx: Queryable, referralId: string): Promise<ReferralMessageRow[]> {
  const rows = await trx
    .selectFrom('referral_messages')
    .selectAll()
    .where('referral_id', '=', referralId)
    .orderBy('seq')
    .limit(500)
    .execute();
  return rows.map(messageFrom);
}
