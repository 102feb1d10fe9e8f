import { sql, type RawBuilder } from 'kysely';
import type { CaseStatus, RiskLevel } from '../../core/vocabulary.ts';
import type { Queryable } from '../transaction.ts';

/**
 * The counting rules for every aggregate, in one query: people, not records. Records confirmed as
 * the same person (a match proposal in state `confirmed`, which a person decided; chains of
 * confirmations join into one cluster) count once. Each person gets one statistical nationality
 * (the one recorded, `multiple` for more than one, `unknown` for none) so that every table built
 * from these groups adds up exactly, and one current case (the most recently updated case in the
 * population; none when the person has no case in it).
 */
export interface PersonCountGroup {
  nationality: string;
  status: CaseStatus | null;
  risk: RiskLevel | null;
  /** First registered within the window given to the query. */
  recent: boolean;
  n: number;
}

/**
 * Whose people are counted.
 * - `organisation`: one organisation's own records, every one (its operational numbers: it sees
 *   each record anyway), run as the actor so row-level security agrees.
 * - `all`: every organisation; `cases`: the survivors of exactly these cases (what an embassy may
 *   see). Both cross an organisation boundary, so they count only people who consented to
 *   statistics; a person is left out if any of their confirmed records refused. These read across
 *   organisations and run as the system: the caller (services/statistics.service.ts) authorises first and
 *   returns only suppressed tables.
 */
export type StatisticsPopulation =
  { kind: 'organisation'; organisationId: string } | { kind: 'all' } | { kind: 'cases'; caseIds: readonly string[] };

/**
 * The people of a population, one row each (`person`), with their nationalities (`nationalities.nats`), first
 * registration (`people.first_registered`), sex and age band (the value all their confirmed records agree on, else
 * unknown), the kind of place of their latest registration (`people.location_kind`) and current case (`current_case`,
 * with its id and opening). Every count below selects from these.
 */
function peopleOf(population: StatisticsPopulation): RawBuilder<unknown> {
  let caseFilter: RawBuilder<unknown>;
  let survivorFilter: RawBuilder<unknown>;
  if (population.kind === 'organisation') {
    caseFilter = sql`c.organisation_id = ${population.organisationId}::uuid`;
    survivorFilter = sql`s.organisation_id = ${population.organisationId}::uuid`;
  } else if (population.kind === 'all') {
    caseFilter = sql`true`;
    survivorFilter = sql`true`;
  } else {
    caseFilter = sql`c.id = ANY(${sql.val([...population.caseIds])}::uuid[])`;
    survivorFilter = sql`s.id IN (SELECT survivor_id FROM scoped_cases)`;
  }
  const consentFilter =
    population.kind === 'organisation'
      ? sql`true`
      : sql`NOT EXISTS (SELECT 1 FROM refused f WHERE f.person = m.person)`;
  return sql`
    WITH RECURSIVE edges AS (
      SELECT survivor_a AS a, survivor_b AS b FROM match_proposals WHERE status = 'confirmed'
      UNION SELECT survivor_b, survivor_a FROM match_proposals WHERE status = 'confirmed'
    ), reach(id, node) AS (
      SELECT a, a FROM edges
      UNION SELECT r.id, e.b FROM reach r JOIN edges e ON e.a = r.node
    ), roots AS (
      SELECT id, min(node::text) AS root FROM reach GROUP BY id
    ), scoped_cases AS (
      SELECT c.id, c.survivor_id, c.status, c.risk_level, c.opened_at, c.updated_at FROM cases c WHERE ${caseFilter}
    ), members AS (
      SELECT s.id, coalesce(r.root, s.id::text) AS person, s.nationalities, s.registered_at, s.sex, s.age_band,
        s.location_kind
      FROM survivors s LEFT JOIN roots r ON r.id = s.id WHERE ${survivorFilter}
    ), refused AS (
      SELECT DISTINCT coalesce(r.root, s.id::text) AS person FROM survivors s LEFT JOIN roots r ON r.id = s.id WHERE NOT s.consent_statistics
    ), nationalities AS (
      SELECT m.person, array_agg(DISTINCT upper(btrim(x))) AS nats FROM members m, unnest(m.nationalities) AS x WHERE btrim(x) <> '' GROUP BY m.person
    ), people AS (
      SELECT m.person, min(m.registered_at) AS first_registered,
        CASE WHEN count(DISTINCT m.sex) = 1 THEN min(m.sex) ELSE 'unknown' END AS sex,
        CASE WHEN count(DISTINCT m.age_band) = 1 AND count(m.age_band) = count(*) THEN min(m.age_band) END AS age_band,
        (array_agg(m.location_kind ORDER BY m.registered_at DESC, m.id DESC))[1] AS location_kind
      FROM members m WHERE ${consentFilter} GROUP BY m.person
    ), current_case AS (
      SELECT DISTINCT ON (m.person) m.person, c.id AS case_id, c.status, c.risk_level, c.opened_at
      FROM members m JOIN scoped_cases c ON c.survivor_id = m.id ORDER BY m.person, c.updated_at DESC, c.id DESC
    )`;
}

const STATISTICAL_NATIONALITY = sql`CASE WHEN coalesce(cardinality(nat.nats), 0) = 0 THEN 'unknown' WHEN cardinality(nat.nats) = 1 THEN nat.nats[1] ELSE 'multiple' END`;

export async function countPeople(
  trx: Queryable,
  population: StatisticsPopulation,
  recentSince: string,
): Promise<PersonCountGroup[]> {
  const { rows } = await sql<{
    nationality: string;
    status: CaseStatus | null;
    risk: RiskLevel | null;
    recent: boolean;
    n: number;
  }>`${peopleOf(population)}
    SELECT ${STATISTICAL_NATIONALITY} AS nationality,
      cc.status, cc.risk_level AS risk, p.first_registered >= ${recentSince}::timestamptz AS recent, count(*)::int AS n
    FROM people p LEFT JOIN nationalities nat ON nat.person = p.person LEFT JOIN current_case cc ON cc.person = p.person
    GROUP BY 1, 2, 3, 4`.execute(trx);
  return rows.map((r) => ({
    nationality: r.nationality,
    status: r.status,
    risk: r.risk,
    recent: r.recent === true || (r.recent as unknown) === 't',
    n: Number(r.n),
  }));
}

/**
 * People in the public release's attributes: statistical nationality, current case status, sex, age band, month first
 * registered (UTC).
 */
export interface ReleaseCountGroup {
  nationality: string;
  status: string | null;
  sex: string;
  ageBand: string | null;
  month: string;
  n: number;
}

/**
 * People of a population in the public release's attributes. `all` (the public release, a coordination dashboard) and
 * `cases` run as the system after the service authorised; `organisation` as the actor.
 */
export async function countReleasePeople(
  trx: Queryable,
  population: StatisticsPopulation = { kind: 'all' },
): Promise<ReleaseCountGroup[]> {
  const { rows } = await sql<{
    nationality: string;
    status: string | null;
    sex: string;
    age_band: string | null;
    month: string;
    n: number;
  }>`${peopleOf(population)}
    SELECT ${STATISTICAL_NATIONALITY} AS nationality, cc.status, p.sex, p.age_band,
      to_char(p.first_registered AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*)::int AS n
    FROM people p LEFT JOIN nationalities nat ON nat.person = p.person LEFT JOIN current_case cc ON cc.person = p.person
    GROUP BY 1, 2, 3, 4, 5`.execute(trx);
  return rows.map((r) => ({
    nationality: r.nationality,
    status: r.status,
    sex: r.sex,
    ageBand: r.age_band,
    month: r.month,
    n: Number(r.n),
  }));
}

/** The people of a population in the dashboard's attributes: the release's, and the kind of place (latest record). */
export interface DashboardCountGroup extends ReleaseCountGroup {
  location: string;
}

/** Statistical nationality, sex, age band and month first registered: the page filters' attributes, per group. */
const FILTER_ATTRIBUTES = sql`${STATISTICAL_NATIONALITY} AS nationality, p.sex, p.age_band,
      to_char(p.first_registered AT TIME ZONE 'UTC', 'YYYY-MM') AS month`;
const FROM_PEOPLE = sql`FROM people p LEFT JOIN nationalities nat ON nat.person = p.person`;

interface FilterAttributeRow {
  nationality: string;
  sex: string;
  age_band: string | null;
  month: string;
  n: number;
}
const filterAttributes = (r: FilterAttributeRow) => ({
  nationality: r.nationality,
  sex: r.sex,
  ageBand: r.age_band,
  month: r.month,
  n: Number(r.n),
});

/** People of a population by the release's attributes and location kind (run like countReleasePeople). */
export async function countDashboardPeople(
  trx: Queryable,
  population: StatisticsPopulation,
): Promise<DashboardCountGroup[]> {
  const { rows } = await sql<
    FilterAttributeRow & { status: string | null; location_kind: string }
  >`${peopleOf(population)}
    SELECT ${FILTER_ATTRIBUTES}, cc.status, p.location_kind, count(*)::int AS n
    ${FROM_PEOPLE} LEFT JOIN current_case cc ON cc.person = p.person
    GROUP BY 1, 2, 3, 4, 5, 6`.execute(trx);
  return rows.map((r) => ({ ...filterAttributes(r), status: r.status, location: r.location_kind }));
}

/**
 * People of a population with a need of each kind (recorded on one of their cases in the population, not cancelled),
 * each person once per kind.
 */
export async function countNeedPeople(
  trx: Queryable,
  population: StatisticsPopulation,
): Promise<(ReturnType<typeof filterAttributes> & { need: string })[]> {
  const { rows } = await sql<FilterAttributeRow & { need: string }>`${peopleOf(population)}, person_needs AS (
      SELECT DISTINCT m.person, nd.kind FROM members m JOIN scoped_cases c ON c.survivor_id = m.id
      JOIN needs nd ON nd.case_id = c.id WHERE nd.status <> 'cancelled'
    )
    SELECT ${FILTER_ATTRIBUTES}, pn.kind AS need, count(*)::int AS n
    ${FROM_PEOPLE} JOIN person_needs pn ON pn.person = p.person
    GROUP BY 1, 2, 3, 4, 5`.execute(trx);
  return rows.map((r) => ({ ...filterAttributes(r), need: r.need }));
}

/**
 * People whose current case waits for documents or travel, by whole days waited at `now`: since the case's latest
 * change into that status (timeline), else since the case was opened (a case created in it).
 */
export async function countConsularWaits(
  trx: Queryable,
  population: StatisticsPopulation,
  now: string,
): Promise<(ReturnType<typeof filterAttributes> & { stage: string; days: number })[]> {
  const { rows } = await sql<FilterAttributeRow & { stage: string; days: number }>`${peopleOf(population)}
    SELECT ${FILTER_ATTRIBUTES}, cc.status AS stage,
      greatest(0, floor(extract(epoch FROM (${now}::timestamptz - coalesce((
        SELECT max(e.at) FROM case_events e
        WHERE e.case_id = cc.case_id AND e.kind = 'status_changed' AND e.params->>'to' = cc.status::text
      ), cc.opened_at))) / 86400))::int AS days, count(*)::int AS n
    ${FROM_PEOPLE} JOIN current_case cc ON cc.person = p.person
    WHERE cc.status IN ('awaiting_documents', 'awaiting_travel')
    GROUP BY 1, 2, 3, 4, 5, 6`.execute(trx);
  return rows.map((r) => ({ ...filterAttributes(r), stage: r.stage, days: Number(r.days) }));
}

/** The ids of the cases the actor may see (row-level security decides); the population of an embassy's counts. */
export async function visibleCaseIds(trx: Queryable): Promise<string[]> {
  return (await trx.selectFrom('cases').select('id').execute()).map((r) => r.id);
}
