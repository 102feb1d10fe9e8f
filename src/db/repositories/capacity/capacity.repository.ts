import { sql } from 'kysely';
import type { BedGroup, Capacity, NeedCount, NeedCategory } from '../../../core/capacity/capacity.ts';
import { NEED_CATEGORIES, NEED_CATEGORY_KEYS } from '../../../core/capacity/capacity.ts';
import type { CoverageRow, ResidentEmbassy } from '../../../core/consular/coverage.ts';
import type { NeedKind } from '../../../core/vocabulary.ts';
import type { Queryable } from '../../transaction.ts';

/**
 * Capacity (0013): one row per shelter or clinic, read by every signed-in organisation (row-level security:
 * capacity_read), written by its own organisation only (capacity_publish / capacity_update). Its area is the
 * organisation's city.
 */
export async function listCapacity(trx: Queryable): Promise<(Capacity & { organisationName: string })[]> {
  const rows = await trx
    .selectFrom('capacity as k')
    .innerJoin('organisations as o', 'o.id', 'k.organisation_id')
    .select(['k.organisation_id', 'k.beds', 'k.services', 'k.languages', 'k.updated_at', 'o.kind', 'o.city', 'o.name'])
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    organisationKind: r.kind,
    organisationName: r.name,
    area: r.city,
    beds: r.beds as { group: BedGroup; free: number; total: number }[],
    services: r.services,
    languages: r.languages,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

/** The city an organisation works in: the area of its capacity and of the cases it works. */
export async function organisationCity(trx: Queryable, organisationId: string): Promise<string | null> {
  const r = await trx.selectFrom('organisations').select('city').where('id', '=', organisationId).executeTakeFirst();
  return r?.city ?? null;
}

export async function upsertCapacity(
  trx: Queryable,
  c: {
    organisationId: string;
    beds: { group: BedGroup; free: number; total: number }[];
    services: NeedKind[];
    languages: string[];
    updatedAt: string;
    updatedBy: string | null;
    isDemo?: boolean;
  },
): Promise<void> {
  const values = {
    organisation_id: c.organisationId,
    beds: JSON.stringify(c.beds),
    services: c.services,
    languages: c.languages,
    updated_at: c.updatedAt,
    updated_by: c.updatedBy,
    is_demo: c.isDemo ?? false,
  };
  await trx
    .insertInto('capacity')
    .values(values)
    .onConflict((oc) =>
      oc.column('organisation_id').doUpdateSet({
        beds: values.beds,
        services: values.services,
        languages: values.languages,
        updated_at: values.updated_at,
        updated_by: values.updated_by,
      }),
    )
    .execute();
}

const CATEGORY_SQL = sql.raw(
  `CASE ${NEED_CATEGORY_KEYS.map(
    (c) => `WHEN n.kind IN (${(NEED_CATEGORIES[c] as readonly string[]).map((k) => `'${k}'`).join(', ')}) THEN '${c}'`,
  ).join(' ')} END`,
);

/**
 * People with an open need per area (the city of the organisation working the case) and category: the viewer's
 * organisation's people all counted, every other organisation's only when the survivor consented to statistics.
 * Each person once per cell. Read as the system (it crosses organisations); the caller suppresses (core/capacity).
 */
export async function countOpenNeeds(trx: Queryable, viewerOrganisationId: string): Promise<NeedCount[]> {
  const r = await sql<{ area: string; category: NeedCategory; own: number; others: number }>`
    SELECT coalesce(o.city, 'unknown') AS area, ${CATEGORY_SQL} AS category,
      count(DISTINCT c.survivor_id) FILTER (WHERE n.organisation_id = ${viewerOrganisationId}::uuid)::int AS own,
      count(DISTINCT c.survivor_id) FILTER (WHERE n.organisation_id <> ${viewerOrganisationId}::uuid AND s.consent_statistics)::int AS others
    FROM needs n
    JOIN cases c ON c.id = n.case_id
    JOIN survivors s ON s.id = c.survivor_id
    JOIN organisations o ON o.id = n.organisation_id
    WHERE n.status IN ('open', 'in_progress') AND ${CATEGORY_SQL} IS NOT NULL
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(trx);
  return r.rows.filter((x) => x.own > 0 || x.others > 0);
}

/* ---------- Consular coverage ---------- */

export async function listCoverage(trx: Queryable): Promise<(CoverageRow & { organisationName: string })[]> {
  const rows = await trx
    .selectFrom('consular_coverage as cc')
    .innerJoin('organisations as o', 'o.id', 'cc.organisation_id')
    .select(['cc.nationality', 'cc.organisation_id', 'cc.mode', 'cc.seat', 'cc.rank', 'o.name'])
    .orderBy('cc.nationality')
    .orderBy('cc.rank')
    .execute();
  return rows.map((r) => ({
    nationality: r.nationality,
    organisationId: r.organisation_id,
    mode: r.mode,
    seat: r.seat,
    rank: r.rank,
    organisationName: r.name,
  }));
}

export async function insertCoverage(
  trx: Queryable,
  rows: readonly (CoverageRow & { isDemo?: boolean })[],
): Promise<void> {
  if (!rows.length) return;
  await trx
    .insertInto('consular_coverage')
    .values(
      rows.map((r) => ({
        nationality: r.nationality,
        organisation_id: r.organisationId,
        mode: r.mode,
        seat: r.seat,
        rank: r.rank,
        is_demo: r.isDemo ?? false,
      })),
    )
    .onConflict((oc) => oc.columns(['nationality', 'organisation_id']).doNothing())
    .execute();
}

export async function residentEmbassies(trx: Queryable): Promise<(ResidentEmbassy & { name: string })[]> {
  const rows = await trx
    .selectFrom('organisations')
    .select(['id', 'name', 'nationalities_served'])
    .where('kind', '=', 'embassy')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, nationalitiesServed: r.nationalities_served }));
}

/** Consenting survivors' nationalities (consent per nationality applied), grouped: the input of the no-path list. */
export async function consentingNationalityGroups(
  trx: Queryable,
): Promise<
  { organisationId: string; caseId: string; survivorId: string; nationalities: string[]; statistics: boolean }[]
> {
  const r = await sql<{
    organisation_id: string;
    case_id: string;
    survivor_id: string;
    nationalities: string[];
    statistics: boolean;
  }>`
    SELECT c.organisation_id, c.id AS case_id, s.id AS survivor_id, s.consent_statistics AS statistics,
      (SELECT coalesce(array_agg(x), '{}') FROM unnest(s.nationalities) x
        WHERE s.consent_embassy_nationalities IS NULL OR x = ANY (s.consent_embassy_nationalities)) AS nationalities
    FROM survivors s JOIN cases c ON c.survivor_id = s.id AND c.organisation_id = s.organisation_id
    WHERE s.consent_own_embassy AND c.status NOT IN ('repatriated', 'closed')`.execute(trx);
  return r.rows.map((x) => ({
    organisationId: x.organisation_id,
    caseId: x.case_id,
    survivorId: x.survivor_id,
    nationalities: x.nationalities,
    statistics: x.statistics,
  }));
}
