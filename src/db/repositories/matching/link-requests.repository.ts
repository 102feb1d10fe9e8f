import { sql, type Selectable } from 'kysely';
import type { LinkState } from '../../../core/vocabulary.ts';
import type { LinkRequestsTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';
import type { RowOf } from '../rows.ts';

/** A request's stored state (core/matching/reveal.ts adds 'none' for a pair without one). */
export type LinkRequestStateStored = LinkState;

export type LinkRequestRow = RowOf<LinkRequestsTable>;

const from = (r: Selectable<LinkRequestsTable>): LinkRequestRow => ({
  id: r.id,
  proposalId: r.proposal_id,
  requestingOrganisationId: r.requesting_organisation_id,
  targetOrganisationId: r.target_organisation_id,
  state: r.state,
  reason: r.reason,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
});

export async function insertLinkRequest(
  trx: Queryable,
  r: Omit<LinkRequestRow, 'state' | 'decidedBy' | 'decidedAt'>,
): Promise<void> {
  await trx
    .insertInto('link_requests')
    .values({
      id: r.id,
      proposal_id: r.proposalId,
      requesting_organisation_id: r.requestingOrganisationId,
      target_organisation_id: r.targetOrganisationId,
      reason: r.reason,
      requested_by: r.requestedBy,
      requested_at: r.requestedAt,
      decided_by: null,
      decided_at: null,
    })
    .execute();
}

export async function findLinkRequest(
  trx: Queryable,
  id: string,
  forUpdate = false,
): Promise<LinkRequestRow | undefined> {
  let q = trx.selectFrom('link_requests').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forNoKeyUpdate();
  const r = await q.executeTakeFirst();
  return r ? from(r) : undefined;
}

/** The current request of each proposal (the open one, else the newest), for the given proposals. */
export async function latestLinkRequests(
  trx: Queryable,
  proposalIds: readonly string[],
): Promise<Map<string, LinkRequestRow>> {
  if (proposalIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('link_requests')
    .selectAll()
    .where('proposal_id', 'in', [...proposalIds])
    // The open request (at most one) wins; otherwise the newest closed one.
    .orderBy(sql`CASE WHEN state IN ('requested','accepted') THEN 0 ELSE 1 END`)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const out = new Map<string, LinkRequestRow>();
  for (const r of rows) if (!out.has(r.proposal_id)) out.set(r.proposal_id, from(r));
  return out;
}

export async function setLinkRequestState(
  trx: Queryable,
  id: string,
  state: LinkRequestStateStored,
  reason: string | null,
  by: string,
  at: string,
): Promise<void> {
  await trx
    .updateTable('link_requests')
    .set({ state, reason, decided_by: by, decided_at: at })
    .where('id', '=', id)
    .execute();
}
