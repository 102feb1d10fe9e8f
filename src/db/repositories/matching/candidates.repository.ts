import { sql } from 'kysely';
import type { Queryable } from '../../transaction.ts';
import { onlyRow } from '../../only-row.ts';

/**
 * One cross-organisation candidate (core/matching/blind.ts), as the system records it. Never read as an organisation.
 */
export interface CandidateInsert {
  id: string;
  seekerSurvivorId: string;
  holderSurvivorId: string;
  seekerOrganisationId: string;
  holderOrganisationId: string;
  accountId: string | null;
  proposalId: string | null;
  proposed: boolean;
  foundAt: string;
}

/** Records candidates not seen before (a pair is one candidate however often it is scored). Returns the new ones. */
export async function insertCandidates(trx: Queryable, rows: readonly CandidateInsert[]): Promise<CandidateInsert[]> {
  if (rows.length === 0) return [];
  const inserted = await trx
    .insertInto('matching_candidates')
    .values(
      rows.map((c) => ({
        id: c.id,
        seeker_survivor_id: c.seekerSurvivorId,
        holder_survivor_id: c.holderSurvivorId,
        seeker_organisation_id: c.seekerOrganisationId,
        holder_organisation_id: c.holderOrganisationId,
        account_id: c.accountId,
        proposal_id: c.proposalId,
        proposed: c.proposed,
        found_at: c.foundAt,
      })),
    )
    .onConflict((oc) => oc.columns(['seeker_survivor_id', 'holder_survivor_id']).doNothing())
    .returning('id')
    .execute();
  const ids = new Set(inserted.map((r) => r.id));
  return rows.filter((r) => ids.has(r.id));
}

/** Cross-organisation candidates produced by one account's registrations since `since` (the probing rule's window). */
export async function countCandidatesOfAccount(trx: Queryable, accountId: string, since: string): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM matching_candidates WHERE account_id = ${accountId} AND found_at > ${since}::timestamptz`.execute(
    trx,
  );
  return Number(onlyRow(rows).n);
}
