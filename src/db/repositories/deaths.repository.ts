import type { DeathContext } from '../../core/deaths/deaths.ts';
import type { Queryable } from '../transaction.ts';

/** A death report (migration 0024): the recording organisation's alone. */
export interface DeathReportRow {
  id: string;
  organisationId: string;
  context: DeathContext;
  compoundId: string | null;
  survivorId: string | null;
  day: string;
  nationality: string | null;
  detailsEnc: string | null;
  createdAt: string;
}

export async function insertDeathReport(trx: Queryable, r: DeathReportRow & { createdBy: string }): Promise<void> {
  await trx
    .insertInto('death_reports')
    .values({
      id: r.id,
      organisation_id: r.organisationId,
      context: r.context,
      compound_id: r.compoundId,
      survivor_id: r.survivorId,
      day: r.day,
      nationality: r.nationality,
      details_enc: r.detailsEnc,
      created_by: r.createdBy,
      created_at: r.createdAt,
    })
    .execute();
}

/** The organisation's reports, latest day first (row-level security keeps them to it). */
export async function listDeathReports(
  trx: Queryable,
  organisationId: string,
  limit: number,
): Promise<DeathReportRow[]> {
  const rows = await trx
    .selectFrom('death_reports')
    .select(['id', 'organisation_id', 'context', 'compound_id', 'survivor_id', 'day', 'nationality', 'details_enc'])
    .select('created_at')
    .where('organisation_id', '=', organisationId)
    .orderBy('day', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    context: r.context,
    compoundId: r.compound_id,
    survivorId: r.survivor_id,
    day: r.day,
    nationality: r.nationality,
    detailsEnc: r.details_enc,
    createdAt: r.created_at,
  }));
}

/**
 * Reports by context: of one organisation, or of every organisation (null: the system's cross-organisation count,
 * which only leaves services through the suppression code).
 */
export async function countDeathsByContext(
  trx: Queryable,
  organisationId: string | null,
): Promise<Partial<Record<DeathContext, number>>> {
  let q = trx
    .selectFrom('death_reports')
    .select(['context', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('context');
  if (organisationId) q = q.where('organisation_id', '=', organisationId);
  const rows = await q.execute();
  return Object.fromEntries(rows.map((r) => [r.context, Number(r.n)]));
}
