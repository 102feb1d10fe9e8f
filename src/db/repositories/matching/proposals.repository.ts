import { sql, type Selectable } from 'kysely';
import type { ProposalStatus } from '../../../core/vocabulary.ts';
import type { MatchProposalsTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';
import type { RowOf } from '../rows.ts';

export type { ProposalStatus };

/**
 * A proposed pair as stored: ids, scores and provenance only (no identifying text). Across
 * organisations holderSurvivorId is the record whose organisation is asked (core/matching/blind.ts);
 * null within one organisation.
 */
export type ProposalRow = RowOf<MatchProposalsTable>;

export type ProposalInsert = Omit<ProposalRow, 'status' | 'decidedBy' | 'decidedAt'>;

const from = (r: Selectable<MatchProposalsTable>): ProposalRow => ({
  id: r.id,
  survivorA: r.survivor_a,
  survivorB: r.survivor_b,
  organisationA: r.organisation_a,
  organisationB: r.organisation_b,
  matchWeight: Number(r.match_weight),
  matchProbability: Number(r.match_probability),
  priorWeight: Number(r.prior_weight),
  levels: r.levels ?? {},
  weights: r.weights ?? {},
  settingsId: r.settings_id,
  settingsVersion: r.settings_version,
  threshold: Number(r.threshold),
  origin: r.origin,
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  holderSurvivorId: r.holder_survivor_id ?? null,
});

/**
 * Inserts new pairs; a pair already stored keeps its decision, and only a still-undecided one gets
 * the fresh scores and provenance. Returns the stored row id per pair and whether it is new.
 */
export async function upsertProposals(
  trx: Queryable,
  rows: readonly ProposalInsert[],
): Promise<{ id: string; survivorA: string; survivorB: string; inserted: boolean }[]> {
  if (rows.length === 0) return [];
  const values = rows.map(
    (
      p,
    ) => sql`(${p.id}::uuid, ${p.survivorA}::uuid, ${p.survivorB}::uuid, ${p.organisationA}::uuid, ${p.organisationB}::uuid,
    ${p.matchWeight}::float8, ${p.matchProbability}::float8, ${p.priorWeight}::float8, ${JSON.stringify(p.levels)}::jsonb, ${JSON.stringify(p.weights)}::jsonb,
    ${p.settingsId}, ${p.settingsVersion}::int, ${p.threshold}::float8, ${p.origin}, ${p.createdAt}::timestamptz, ${p.updatedAt}::timestamptz, ${p.holderSurvivorId}::uuid)`,
  );
  const { rows: out } = await sql<{ id: string; survivor_a: string; survivor_b: string; inserted: boolean }>`
    INSERT INTO match_proposals (id, survivor_a, survivor_b, organisation_a, organisation_b, match_weight, match_probability, prior_weight,
      levels, weights, settings_id, settings_version, threshold, origin, created_at, updated_at, holder_survivor_id)
    VALUES ${sql.join(values)}
    ON CONFLICT (survivor_a, survivor_b) DO UPDATE SET
      match_weight = CASE WHEN match_proposals.status = 'proposed' THEN excluded.match_weight ELSE match_proposals.match_weight END,
      match_probability = CASE WHEN match_proposals.status = 'proposed' THEN excluded.match_probability ELSE match_proposals.match_probability END,
      prior_weight = CASE WHEN match_proposals.status = 'proposed' THEN excluded.prior_weight ELSE match_proposals.prior_weight END,
      levels = CASE WHEN match_proposals.status = 'proposed' THEN excluded.levels ELSE match_proposals.levels END,
      weights = CASE WHEN match_proposals.status = 'proposed' THEN excluded.weights ELSE match_proposals.weights END,
      settings_id = CASE WHEN match_proposals.status = 'proposed' THEN excluded.settings_id ELSE match_proposals.settings_id END,
      settings_version = CASE WHEN match_proposals.status = 'proposed' THEN excluded.settings_version ELSE match_proposals.settings_version END,
      threshold = CASE WHEN match_proposals.status = 'proposed' THEN excluded.threshold ELSE match_proposals.threshold END
    RETURNING id, survivor_a, survivor_b, (xmax = 0) AS inserted`.execute(trx);
  return out.map((r) => ({
    id: r.id,
    survivorA: r.survivor_a,
    survivorB: r.survivor_b,
    inserted: r.inserted === true,
  }));
}

export async function findProposal(trx: Queryable, id: string, forUpdate = false): Promise<ProposalRow | undefined> {
  let q = trx.selectFrom('match_proposals').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forNoKeyUpdate();
  const r = await q.executeTakeFirst();
  return r ? from(r) : undefined;
}

export interface ProposalListFilter {
  organisationId: string;
  statuses?: readonly ProposalStatus[];
  /** Only pairs within the organisation (true), only across organisations (false), or both. */
  sameOrganisation?: boolean;
  survivorId?: string;
  limit: number;
  after?: { createdAt: string; id: string };
}

/** Pairs in which the organisation takes part, newest first, filtered and paged in SQL. */
export async function listProposals(trx: Queryable, f: ProposalListFilter): Promise<ProposalRow[]> {
  let q = trx
    .selectFrom('match_proposals')
    .selectAll()
    .where((eb) => eb.or([eb('organisation_a', '=', f.organisationId), eb('organisation_b', '=', f.organisationId)]));
  if (f.statuses?.length) q = q.where('status', 'in', [...f.statuses]);
  if (f.sameOrganisation === true) q = q.whereRef('organisation_a', '=', 'organisation_b');
  if (f.sameOrganisation === false) q = q.whereRef('organisation_a', '<>', 'organisation_b');
  if (f.survivorId) {
    const s = f.survivorId;
    q = q.where((eb) => eb.or([eb('survivor_a', '=', s), eb('survivor_b', '=', s)]));
  }
  if (f.after) q = q.where(sql<boolean>`(created_at, id) < (${f.after.createdAt}::timestamptz, ${f.after.id}::uuid)`);
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute()).map(from);
}

export async function setProposalStatus(
  trx: Queryable,
  id: string,
  status: ProposalStatus,
  by: string | null,
  at: string,
): Promise<void> {
  await trx
    .updateTable('match_proposals')
    .set({ status, decided_by: by, decided_at: at, updated_at: at })
    .where('id', '=', id)
    .execute();
}
