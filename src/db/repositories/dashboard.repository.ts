import { sql } from 'kysely';
import type { AgeBand, Sex } from '../../core/vocabulary.ts';
import type { Queryable } from '../transaction.ts';

/**
 * The dashboard's operational counts, read as the actor: row-level security limits every query to what the
 * organisation may see (its own needs, referrals it sent or received, shared monitoring data, its own and shared
 * alerts). None of these is about a person's attributes; survivor counts go through repositories/statistics.ts.
 */
export interface Count2 {
  a: string;
  b: string;
  n: number;
}

const rows2 = (rows: { a: unknown; b: unknown; n: unknown }[]): Count2[] =>
  rows.map((r) => ({ a: String(r.a), b: String(r.b), n: Number(r.n) }));

/** The page's filters as they apply to records: the survivor's attributes and the month (YYYY-MM, inclusive). */
export interface RecordFilter {
  nationalities?: readonly string[];
  sexes?: readonly Sex[];
  ageBands?: readonly AgeBand[];
  from?: string;
  to?: string;
}

/**
 * The organisation's needs by kind × status, only those of its survivors that fall under the filter (any of their
 * nationalities, sex, age band, month the survivor was registered).
 */
export async function countNeeds(trx: Queryable, organisationId: string, filter: RecordFilter): Promise<Count2[]> {
  let q = trx
    .selectFrom('needs as nd')
    .innerJoin('cases as c', 'c.id', 'nd.case_id')
    .innerJoin('survivors as s', 's.id', 'c.survivor_id')
    .select(['nd.kind as a', 'nd.status as b', sql<number>`count(*)::int`.as('n')])
    .where('nd.organisation_id', '=', organisationId);
  if (filter.nationalities?.length)
    q = q.where(sql<boolean>`s.nationalities && ${sql.val([...filter.nationalities])}::text[]`);
  if (filter.sexes?.length) q = q.where('s.sex', 'in', [...filter.sexes]);
  if (filter.ageBands?.length) q = q.where('s.age_band', 'in', [...filter.ageBands]);
  if (filter.from) q = q.where(sql<boolean>`to_char(s.registered_at AT TIME ZONE 'UTC', 'YYYY-MM') >= ${filter.from}`);
  if (filter.to) q = q.where(sql<boolean>`to_char(s.registered_at AT TIME ZONE 'UTC', 'YYYY-MM') <= ${filter.to}`);
  return rows2(await q.groupBy(['nd.kind', 'nd.status']).execute());
}

/**
 * Referrals the organisation sent or received in the period (month sent), by counterpart organisation (name) and
 * state.
 */
export async function countReferrals(
  trx: Queryable,
  organisationId: string,
  period: { from?: string; to?: string } = {},
): Promise<
  { direction: 'sent' | 'received'; organisationId: string; organisationName: string; state: string; n: number }[]
> {
  const { rows } = await sql<{
    direction: 'sent' | 'received';
    org_id: string;
    org_name: string;
    state: string;
    n: number;
  }>`
    SELECT CASE WHEN r.from_organisation_id = ${organisationId}::uuid THEN 'sent' ELSE 'received' END AS direction,
      o.id AS org_id, o.name AS org_name, r.state, count(*)::int AS n
    FROM referrals r
    JOIN organisations o ON o.id = CASE WHEN r.from_organisation_id = ${organisationId}::uuid THEN r.to_organisation_id ELSE r.from_organisation_id END
    WHERE (r.from_organisation_id = ${organisationId}::uuid OR r.to_organisation_id = ${organisationId}::uuid)
      AND to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM') BETWEEN ${period.from ?? '0000-00'} AND ${period.to ?? '9999-99'}
    GROUP BY 1, 2, 3, 4 ORDER BY 3, 1, 4`.execute(trx);
  return rows.map((r) => ({
    direction: r.direction,
    organisationId: r.org_id,
    organisationName: r.org_name,
    state: r.state,
    n: Number(r.n),
  }));
}

/** Compounds by current status, and compound events (not retracted) by month × kind. */
export async function countCompounds(trx: Queryable): Promise<{ byStatus: Count2[]; eventsByMonth: Count2[] }> {
  const byStatus = await trx
    .selectFrom('compounds')
    .select(['status as a', sql<string>`''`.as('b'), sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
  const { rows } = await sql<{ a: string; b: string; n: number }>`
    SELECT to_char(date, 'YYYY-MM') AS a, kind AS b, count(*)::int AS n FROM compound_events
    WHERE retracted_at IS NULL GROUP BY 1, 2 ORDER BY 1`.execute(trx);
  return { byStatus: rows2(byStatus), eventsByMonth: rows2(rows) };
}

/**
 * Evidence the actor may see (not retracted) by verification state, and verification steps reaching each state by
 * month.
 */
export async function countEvidence(trx: Queryable): Promise<{ byState: Count2[]; stepsByMonth: Count2[] }> {
  const byState = await trx
    .selectFrom('evidence')
    .select(['verification_state as a', sql<string>`''`.as('b'), sql<number>`count(*)::int`.as('n')])
    .where('retracted_at', 'is', null)
    .groupBy('verification_state')
    .execute();
  const { rows } = await sql<{ a: string; b: string; n: number }>`
    SELECT to_char((h->>'at')::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM') AS a, h->>'to' AS b, count(*)::int AS n
    FROM evidence e, jsonb_array_elements(e.verification_history) h
    WHERE e.retracted_at IS NULL AND h ? 'at' AND h ? 'to' GROUP BY 1, 2 ORDER BY 1`.execute(trx);
  return { byState: rows2(byState), stepsByMonth: rows2(rows) };
}

/** Open alerts the organisation sees (its own and shared ones it has not acknowledged), by severity × kind. */
export async function countOpenAlerts(trx: Queryable, organisationId: string): Promise<Count2[]> {
  const { rows } = await sql<{ a: string; b: string; n: number }>`
    SELECT severity AS a, kind AS b, count(*)::int AS n FROM alerts al
    WHERE al.status = 'open' AND NOT EXISTS (
      SELECT 1 FROM alert_acknowledgements k WHERE k.alert_id = al.id AND k.organisation_id = ${organisationId}::uuid)
    GROUP BY 1, 2`.execute(trx);
  return rows2(rows);
}
