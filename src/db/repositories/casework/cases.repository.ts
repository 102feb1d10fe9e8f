import { sql, type CompiledQuery, type RawBuilder, type Selectable } from 'kysely';
import type {
  AgeBand,
  CaseStatus,
  DocumentStatus,
  OrganisationKind,
  RiskLevel,
  Sex,
} from '../../../core/vocabulary.ts';
import type { CasesTable, SurvivorsTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';
import type { RowOf } from '../rows.ts';
import type { SurvivorRow } from '../survivors.repository.ts';

/** Survivor and case rows as stored (identifying fields still encrypted). */
export type { SurvivorRow };
export type CaseRow = RowOf<CasesTable>;

export const SURVIVOR_COLUMNS = [
  's.id as s_id',
  's.organisation_id as s_organisation_id',
  's.registered_by',
  's.registered_at',
  's.identity_enc',
  's.location_enc',
  's.sex',
  's.age_band',
  's.nationalities',
  's.languages',
  's.document_status',
  's.location_kind',
  's.location_organisation_id',
  's.compound_ref',
  's.compound_id',
  's.exit_mode',
  's.exit_date',
  's.consent_own_embassy',
  's.consent_organisation_ids',
  's.consent_statistics',
  's.consent_version',
  's.consent_cross_org_matching',
  's.consent_embassy_nationalities',
  's.protection_flags',
  's.consent_testimony',
  's.is_demo',
] as const;
export const CASE_COLUMNS = [
  'c.id',
  'c.survivor_id',
  'c.organisation_id',
  'c.status',
  'c.risk_level',
  'c.assigned_to',
  'c.opened_at',
  'c.updated_at',
  'c.risk_at_last_contact',
  'c.version',
] as const;

/** The survivor's columns of a case × survivor join (SURVIVOR_COLUMNS; id and organisation renamed apart). */
type SurvivorColumns = Omit<Selectable<SurvivorsTable>, 'id' | 'organisation_id'> & {
  s_id: string;
  s_organisation_id: string;
};
export const survivorFrom = (r: SurvivorColumns): SurvivorRow => ({
  id: r.s_id,
  organisationId: r.s_organisation_id,
  registeredBy: r.registered_by,
  registeredAt: r.registered_at,
  identityEnc: r.identity_enc,
  locationEnc: r.location_enc,
  sex: r.sex,
  ageBand: r.age_band,
  nationalities: r.nationalities,
  languages: r.languages,
  documentStatus: r.document_status,
  locationKind: r.location_kind,
  locationOrganisationId: r.location_organisation_id,
  compoundRef: r.compound_ref,
  compoundId: r.compound_id,
  exitMode: r.exit_mode,
  exitDate: r.exit_date,
  consentOwnEmbassy: r.consent_own_embassy,
  consentOrganisationIds: r.consent_organisation_ids,
  consentStatistics: r.consent_statistics,
  consentVersion: r.consent_version,
  consentCrossOrgMatching: r.consent_cross_org_matching === true,
  consentEmbassyNationalities: r.consent_embassy_nationalities,
  protectionFlags: r.protection_flags,
  consentTestimony: r.consent_testimony === true,
  isDemo: r.is_demo,
});
export const caseFrom = (r: Selectable<CasesTable>): CaseRow => ({
  id: r.id,
  survivorId: r.survivor_id,
  organisationId: r.organisation_id,
  status: r.status,
  riskLevel: r.risk_level,
  assignedTo: r.assigned_to,
  openedAt: r.opened_at,
  updatedAt: r.updated_at,
  riskAtLastContact: r.risk_at_last_contact,
  version: r.version,
});

/** One case and its survivor, if row-level security lets the actor see both. */
export async function findCaseWithSurvivor(
  trx: Queryable,
  caseId: string,
  forUpdate = false,
): Promise<{ kase: CaseRow; survivor: SurvivorRow } | undefined> {
  let q = trx
    .selectFrom('cases as c')
    .innerJoin('survivors as s', 's.id', 'c.survivor_id')
    .select([...CASE_COLUMNS, ...SURVIVOR_COLUMNS])
    .where('c.id', '=', caseId);
  if (forUpdate) q = q.forNoKeyUpdate('c');
  const row = await q.executeTakeFirst();
  return row ? { kase: caseFrom(row), survivor: survivorFrom(row) } : undefined;
}

/**
 * A case with its survivor and the acting organisation (nationalities served as refuge_org_served() computes them for
 * row-level security) in one statement: what every case-scoped request checks before it acts. `org` is null when the
 * actor's organisation no longer exists.
 */
export async function findCaseForActor(
  trx: Queryable,
  caseId: string,
  organisationId: string,
  forUpdate = false,
): Promise<{ kase: CaseRow; survivor: SurvivorRow; org: OrganisationInfo | null } | undefined> {
  let q = trx
    .selectFrom('cases as c')
    .innerJoin('survivors as s', 's.id', 'c.survivor_id')
    .leftJoin('organisations as o', (join) => join.on('o.id', '=', organisationId))
    .select([
      ...CASE_COLUMNS,
      ...SURVIVOR_COLUMNS,
      'o.id as actor_org_id',
      'o.name as actor_org_name',
      'o.kind as actor_org_kind',
      sql<string[]>`refuge_org_served()`.as('actor_org_served'),
    ])
    .where('c.id', '=', caseId);
  if (forUpdate) q = q.forNoKeyUpdate('c');
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  const org =
    row.actor_org_id && row.actor_org_name && row.actor_org_kind
      ? {
          id: row.actor_org_id,
          name: row.actor_org_name,
          kind: row.actor_org_kind,
          nationalitiesServed: row.actor_org_served ?? [],
        }
      : null;
  return { kase: caseFrom(row), survivor: survivorFrom(row), org };
}

export async function findCaseBySurvivor(
  trx: Queryable,
  survivorId: string,
  organisationId: string,
): Promise<CaseRow | undefined> {
  const row = await trx
    .selectFrom('cases as c')
    .select([...CASE_COLUMNS])
    .where('c.survivor_id', '=', survivorId)
    .where('c.organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row ? caseFrom(row) : undefined;
}

export interface CaseListFilter {
  /**
   * The organisation's own cases, or (embassy, or any organisation covering nationalities) consenting survivors of
   * the covered nationalities, with the organisation's own registrations too when `organisationId` is given.
   */
  scope:
    | { kind: 'organisation'; organisationId: string }
    | { kind: 'embassy'; nationalities: string[]; organisationId?: string };
  statuses?: CaseStatus[];
  risks?: RiskLevel[];
  assignedTo?: string;
  documentStatuses?: DocumentStatus[];
  nationalities?: string[];
  sexes?: Sex[];
  ageBands?: AgeBand[];
  /** YYYY-MM (UTC), inclusive: the month the survivor was registered. */
  registeredFrom?: string;
  registeredTo?: string;
  search?: CaseSearch;
  limit: number;
  after?: { openedAt: string; id: string };
}

/** The nationalities whose consular service a survivor consented to (consent per nationality; null = all of theirs). */
export const EMBASSY_CONSENTED_SQL = sql<
  string[]
>`(SELECT coalesce(array_agg(x), '{}') FROM unnest(s.nationalities) x WHERE s.consent_embassy_nationalities IS NULL OR x = ANY (s.consent_embassy_nationalities))`;

/** A search: cases of these survivors, or whose id starts with this (lower-case hex) reference. */
export interface CaseSearch {
  survivorIds: readonly string[];
  idPrefix: string | null;
}

/** A search's condition on `cases` read as `c` (the case list and the consular queue); an empty one matches nothing. */
export function caseSearchCondition(search: CaseSearch): RawBuilder<boolean> {
  const parts = [
    ...(search.survivorIds.length ? [sql`c.survivor_id IN (${sql.join(search.survivorIds)})`] : []),
    ...(search.idPrefix ? [sql`c.id::text LIKE ${`${search.idPrefix}%`}`] : []),
  ];
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` OR `)})` : sql<boolean>`false`;
}

/** Newest first, keyset-paginated on (opened_at, id). */
export async function listCases(
  trx: Queryable,
  f: CaseListFilter,
): Promise<{ kase: CaseRow; survivor: SurvivorRow }[]> {
  let q = trx
    .selectFrom('cases as c')
    .innerJoin('survivors as s', 's.id', 'c.survivor_id')
    .select([...CASE_COLUMNS, ...SURVIVOR_COLUMNS]);
  if (f.scope.kind === 'organisation') q = q.where('c.organisation_id', '=', f.scope.organisationId);
  else {
    const { nationalities, organisationId } = f.scope;
    q = q.where((eb) =>
      eb.or([
        eb.and([
          eb('s.consent_own_embassy', '=', true),
          sql<boolean>`${EMBASSY_CONSENTED_SQL} && ${sql.val(nationalities)}::text[]`,
        ]),
        ...(organisationId ? [eb('c.organisation_id', '=', organisationId)] : []),
      ]),
    );
  }
  if (f.statuses?.length) q = q.where('c.status', 'in', f.statuses);
  if (f.risks?.length) q = q.where('c.risk_level', 'in', f.risks);
  if (f.assignedTo) q = q.where('c.assigned_to', '=', f.assignedTo);
  if (f.documentStatuses?.length) q = q.where('s.document_status', 'in', f.documentStatuses);
  if (f.nationalities?.length) q = q.where(sql<boolean>`s.nationalities && ${sql.val(f.nationalities)}::text[]`);
  if (f.sexes?.length) q = q.where('s.sex', 'in', f.sexes);
  if (f.ageBands?.length) q = q.where('s.age_band', 'in', f.ageBands);
  const month = sql<string>`to_char(s.registered_at AT TIME ZONE 'UTC', 'YYYY-MM')`;
  if (f.registeredFrom) q = q.where(month, '>=', f.registeredFrom);
  if (f.registeredTo) q = q.where(month, '<=', f.registeredTo);
  if (f.search) q = q.where(caseSearchCondition(f.search));
  if (f.after) q = q.where(sql<boolean>`(c.opened_at, c.id) < (${f.after.openedAt}::timestamptz, ${f.after.id}::uuid)`);
  const rows = await q.orderBy('c.opened_at', 'desc').orderBy('c.id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({ kase: caseFrom(r), survivor: survivorFrom(r) }));
}

interface CasePatch {
  status?: CaseStatus;
  riskLevel?: RiskLevel;
  assignedTo?: string | null;
  riskAtLastContact?: RiskLevel | null;
  at: string;
}

/** Changes one case; the number of rows changed (0 when row-level security hides it). */
export async function updateCase(trx: Queryable, id: string, patch: CasePatch): Promise<number> {
  return Number((await trx.executeQuery(caseUpdate(trx, id, patch))).numAffectedRows ?? 0);
}

/** The statement updateCase sends, for a caller that writes it together with others (db/write-together). */
export function caseUpdate(trx: Queryable, id: string, patch: CasePatch): CompiledQuery {
  return trx
    .updateTable('cases')
    .set({
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.riskLevel !== undefined ? { risk_level: patch.riskLevel } : {}),
      ...(patch.assignedTo !== undefined ? { assigned_to: patch.assignedTo } : {}),
      ...(patch.riskAtLastContact !== undefined ? { risk_at_last_contact: patch.riskAtLastContact } : {}),
      updated_at: patch.at,
    })
    .where('id', '=', id)
    .compile();
}

export async function isMember(trx: Queryable, userId: string, organisationId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('memberships')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

export interface OrganisationInfo {
  id: string;
  name: string;
  kind: OrganisationKind;
  nationalitiesServed: string[];
}

/** The acting organisation with the nationalities it serves (refuge_org_served(), as row-level security has them). */
export async function findActorOrganisation(
  trx: Queryable,
  organisationId: string,
): Promise<OrganisationInfo | undefined> {
  const r = await trx
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', sql<string[]>`refuge_org_served()`.as('served')])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  return r ? { id: r.id, name: r.name, kind: r.kind, nationalitiesServed: r.served ?? [] } : undefined;
}

export async function findOrganisations(
  trx: Queryable,
  ids: readonly string[],
): Promise<Map<string, OrganisationInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'nationalities_served'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [r.id, { id: r.id, name: r.name, kind: r.kind, nationalitiesServed: r.nationalities_served }]),
  );
}

/** A demo case with the survivor fields the demo's casework step builds its records from. */
export type DemoCaseWithSurvivor = Pick<
  Selectable<CasesTable>,
  'id' | 'survivor_id' | 'organisation_id' | 'status' | 'risk_level' | 'opened_at' | 'assigned_to'
> &
  Pick<
    Selectable<SurvivorsTable>,
    | 'age_band'
    | 'nationalities'
    | 'languages'
    | 'sex'
    | 'location_kind'
    | 'document_status'
    | 'consent_own_embassy'
    | 'consent_organisation_ids'
    | 'consent_statistics'
    | 'consent_cross_org_matching'
    | 'identity_enc'
  >;

/** Every case of a demo survivor (is_demo), with its survivor's fields: the demo loader's input. */
export async function listDemoCasesWithSurvivors(trx: Queryable): Promise<DemoCaseWithSurvivor[]> {
  return trx
    .selectFrom('cases as c')
    .innerJoin('survivors as s', 's.id', 'c.survivor_id')
    .select([
      'c.id',
      'c.survivor_id',
      'c.organisation_id',
      'c.status',
      'c.risk_level',
      'c.opened_at',
      'c.assigned_to',
      's.age_band',
      's.nationalities',
      's.languages',
      's.sex',
      's.location_kind',
      's.document_status',
      's.consent_own_embassy',
      's.consent_organisation_ids',
      's.consent_statistics',
      's.consent_cross_org_matching',
      's.identity_enc',
    ])
    .where('s.is_demo', '=', true)
    .execute();
}
