import { sql, type Selectable } from 'kysely';
import type { SurvivorsTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';
import type { CamelCase } from '../rows.ts';
import type { SurvivorRow } from '../survivors.repository.ts';

/**
 * What matching reads of a survivor: identity still encrypted, plus the clear coarse fields, consent
 * (cross-organisation matching: core/matching/blind.ts) and the registering account (the probing rule
 * counts per account).
 */
const COLUMNS = [
  'id',
  'organisation_id',
  'registered_at',
  'identity_enc',
  'sex',
  'nationalities',
  'consent_own_embassy',
  'consent_organisation_ids',
  'consent_cross_org_matching',
  'registered_by',
] as const;
type MatchColumn = (typeof COLUMNS)[number];
export type MatchSurvivorRow = Pick<SurvivorRow, CamelCase<MatchColumn>>;

const from = (r: Pick<Selectable<SurvivorsTable>, MatchColumn>): MatchSurvivorRow => ({
  id: r.id,
  organisationId: r.organisation_id,
  registeredAt: r.registered_at,
  identityEnc: r.identity_enc,
  sex: r.sex,
  nationalities: r.nationalities,
  consentOwnEmbassy: r.consent_own_embassy,
  consentOrganisationIds: r.consent_organisation_ids,
  consentCrossOrgMatching: r.consent_cross_org_matching === true,
  registeredBy: r.registered_by ?? null,
});

/** Survivors registered after the (registered_at, id) mark, oldest first: the index's incremental feed. */
export async function survivorsAfter(
  trx: Queryable,
  after: { registeredAt: string; id: string } | null,
  limit: number,
): Promise<MatchSurvivorRow[]> {
  let q = trx.selectFrom('survivors').select([...COLUMNS]);
  if (after) q = q.where(sql<boolean>`(registered_at, id) > (${after.registeredAt}::timestamptz, ${after.id}::uuid)`);
  return (await q.orderBy('registered_at').orderBy('id').limit(limit).execute()).map(from);
}

export async function findMatchSurvivors(
  trx: Queryable,
  ids: readonly string[],
): Promise<Map<string, MatchSurvivorRow>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('survivors')
    .select([...COLUMNS])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, from(r)]));
}

export async function countSurvivors(trx: Queryable): Promise<number> {
  const r = await trx
    .selectFrom('survivors')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
