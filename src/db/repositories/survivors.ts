import { sql } from 'kysely';
import type { Queryable } from '../transaction.ts';

/** A survivor row as stored: identifying fields already encrypted by the service. */
export interface SurvivorInsert {
  id: string; organisationId: string; registeredBy: string | null; registeredAt: string; identityEnc: string; locationEnc: string | null;
  sex: string; ageBand: string | null; nationalities: string[]; languages: string[]; documentStatus: string; locationKind: string;
  locationOrganisationId: string | null; compoundRef: string | null; exitMode: string; exitDate: string | null;
  consentOwnEmbassy: boolean; consentOrganisationIds: string[]; consentStatistics: boolean; isDemo: boolean;
}

export async function insertSurvivors(trx: Queryable, rows: readonly SurvivorInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('survivors').values(rows.map((s) => ({
    id: s.id, organisation_id: s.organisationId, registered_by: s.registeredBy, registered_at: s.registeredAt, identity_enc: s.identityEnc,
    location_enc: s.locationEnc, sex: s.sex, age_band: s.ageBand, nationalities: s.nationalities, languages: s.languages,
    document_status: s.documentStatus, location_kind: s.locationKind, location_organisation_id: s.locationOrganisationId,
    compound_ref: s.compoundRef, exit_mode: s.exitMode, exit_date: s.exitDate, consent_own_embassy: s.consentOwnEmbassy,
    consent_organisation_ids: s.consentOrganisationIds, consent_statistics: s.consentStatistics, is_demo: s.isDemo,
  }))).execute();
}

export interface CaseInsert { id: string; survivorId: string; organisationId: string; status: string; riskLevel: string; assignedTo: string | null; openedAt: string }

export async function insertCases(trx: Queryable, rows: readonly CaseInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('cases').values(rows.map((c) => ({
    id: c.id, survivor_id: c.survivorId, organisation_id: c.organisationId, status: c.status, risk_level: c.riskLevel,
    assigned_to: c.assignedTo, opened_at: c.openedAt, updated_at: c.openedAt,
  }))).execute();
}

export interface OrganisationSummary {
  survivors: number;
  registeredLast7Days: number;
  casesByStatus: Record<string, number>;
  casesByRisk: Record<string, number>;
  topNationalities: { nationality: string; count: number }[];
}

/** Counts for the home page. Runs as the actor, so row-level security decides what is counted. */
export async function summariseVisible(trx: Queryable, now: Date): Promise<OrganisationSummary> {
  const since = new Date(now.getTime() - 7 * 86400_000).toISOString();
  const totals = await trx.selectFrom('survivors')
    .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`count(*) FILTER (WHERE registered_at >= ${since}::timestamptz)`.as('recent')])
    .executeTakeFirstOrThrow();
  const byStatus = await trx.selectFrom('cases').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const byRisk = await trx.selectFrom('cases').select(['risk_level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('risk_level').execute();
  const nat = await sql<{ nationality: string; n: number }>`SELECT unnest(nationalities) AS nationality, count(*)::int AS n FROM survivors GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5`.execute(trx);
  return {
    survivors: Number(totals.n), registeredLast7Days: Number(totals.recent),
    casesByStatus: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])),
    casesByRisk: Object.fromEntries(byRisk.map((r) => [r.risk_level, Number(r.n)])),
    topNationalities: nat.rows.map((r) => ({ nationality: r.nationality, count: Number(r.n) })),
  };
}
