import type { Insertable } from 'kysely';
import type { ConsentMethod } from '../../core/consent/versioned.ts';
import type { CasesTable, ConsentVersionsTable, SurvivorsTable } from '../schema.ts';
import type { Queryable } from '../transaction.ts';
import type { RowOf } from './rows.ts';

/** A survivor as stored: identifying fields already encrypted by the service. One shape for reads and writes. */
export type SurvivorRow = RowOf<SurvivorsTable>;
/**
 * What a write supplies: consent version (0 = none recorded) and cross-organisation matching (opt-in) may be omitted.
 */
export type SurvivorInsert = Omit<
  SurvivorRow,
  | 'consentVersion'
  | 'consentCrossOrgMatching'
  | 'consentEmbassyNationalities'
  | 'protectionFlags'
  | 'consentTestimony'
  | 'compoundId'
> &
  Partial<
    Pick<
      SurvivorRow,
      | 'consentVersion'
      | 'consentCrossOrgMatching'
      | 'consentEmbassyNationalities'
      | 'protectionFlags'
      | 'consentTestimony'
      | 'compoundId'
    >
  >;

/** A survivor as its columns (one mapping for every insert: bulk, demo and the one-call registration). */
export function survivorColumns(s: SurvivorInsert): Insertable<SurvivorsTable> {
  return {
    id: s.id,
    organisation_id: s.organisationId,
    registered_by: s.registeredBy,
    registered_at: s.registeredAt,
    identity_enc: s.identityEnc,
    location_enc: s.locationEnc,
    sex: s.sex,
    age_band: s.ageBand,
    nationalities: s.nationalities,
    languages: s.languages,
    document_status: s.documentStatus,
    location_kind: s.locationKind,
    location_organisation_id: s.locationOrganisationId,
    compound_ref: s.compoundRef,
    compound_id: s.compoundId ?? null,
    exit_mode: s.exitMode,
    exit_date: s.exitDate,
    consent_own_embassy: s.consentOwnEmbassy,
    consent_organisation_ids: s.consentOrganisationIds,
    consent_statistics: s.consentStatistics,
    is_demo: s.isDemo,
    consent_version: s.consentVersion ?? 0,
    consent_cross_org_matching: s.consentCrossOrgMatching ?? false,
    consent_embassy_nationalities: s.consentEmbassyNationalities ?? null,
    protection_flags: s.protectionFlags ?? [],
    consent_testimony: s.consentTestimony ?? false,
  };
}

export async function insertSurvivors(trx: Queryable, rows: readonly SurvivorInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('survivors').values(rows.map(survivorColumns)).execute();
}

export type CaseInsert = Omit<RowOf<CasesTable>, 'updatedAt' | 'riskAtLastContact' | 'version'>;

/** A new case as its columns. */
export function caseColumns(c: CaseInsert): Insertable<CasesTable> {
  return {
    id: c.id,
    survivor_id: c.survivorId,
    organisation_id: c.organisationId,
    status: c.status,
    risk_level: c.riskLevel,
    assigned_to: c.assignedTo,
    opened_at: c.openedAt,
    updated_at: c.openedAt,
  };
}

export async function insertCases(trx: Queryable, rows: readonly CaseInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('cases').values(rows.map(caseColumns)).execute();
}

/** One recorded consent version (core/consent ConsentVersion), as stored. */
export interface ConsentVersionRow {
  survivorId: string;
  version: number;
  organisationId: string;
  recordedBy: string | null;
  at: string;
  method: ConsentMethod;
  shareWithOwnEmbassy: boolean;
  shareWithOrganisationIds: string[];
  useInStatistics: boolean;
  changes: string[];
  /** False when omitted (versions recorded before the flag existed). */
  crossOrganisationMatching?: boolean;
  /** Consent per nationality (0013); null or omitted: every nationality the survivor holds. */
  embassyNationalities?: string[] | null;
  /** Handing a de-identified testimony to monitoring (migration 0014); false when omitted. */
  testimonyToMonitoring?: boolean;
}

/**
 * A consent version as its columns (the bulk insert and the one-call registration); `changes` stays a value, as each
 * sends JSON its own way.
 */
export function consentColumns(
  v: ConsentVersionRow,
): Omit<Insertable<ConsentVersionsTable>, 'changes'> & { changes: ConsentVersionRow['changes'] } {
  return {
    survivor_id: v.survivorId,
    version: v.version,
    organisation_id: v.organisationId,
    recorded_by: v.recordedBy,
    at: v.at,
    method: v.method,
    share_with_own_embassy: v.shareWithOwnEmbassy,
    share_with_organisation_ids: v.shareWithOrganisationIds,
    use_in_statistics: v.useInStatistics,
    cross_organisation_matching: v.crossOrganisationMatching ?? false,
    embassy_nationalities: v.embassyNationalities ?? null,
    testimony_to_monitoring: v.testimonyToMonitoring ?? false,
    changes: v.changes,
  };
}

export async function insertConsentVersions(trx: Queryable, rows: readonly ConsentVersionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('consent_versions')
    .values(
      rows.map((v): Insertable<ConsentVersionsTable> => ({ ...consentColumns(v), changes: JSON.stringify(v.changes) })),
    )
    .execute();
}

export async function listConsentVersions(trx: Queryable, survivorId: string): Promise<ConsentVersionRow[]> {
  const rows = await trx
    .selectFrom('consent_versions')
    .selectAll()
    .where('survivor_id', '=', survivorId)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    survivorId: r.survivor_id,
    version: r.version,
    organisationId: r.organisation_id,
    recordedBy: r.recorded_by,
    at: r.at,
    method: r.method,
    shareWithOwnEmbassy: r.share_with_own_embassy,
    shareWithOrganisationIds: r.share_with_organisation_ids,
    useInStatistics: r.use_in_statistics,
    changes: r.changes,
    crossOrganisationMatching: r.cross_organisation_matching,
    embassyNationalities: r.embassy_nationalities,
    testimonyToMonitoring: r.testimony_to_monitoring,
  }));
}

/** Copies the current consent version onto the survivor row (what policies and lists read). */
export async function setSurvivorConsent(
  trx: Queryable,
  survivorId: string,
  v: Pick<
    ConsentVersionRow,
    | 'version'
    | 'shareWithOwnEmbassy'
    | 'shareWithOrganisationIds'
    | 'useInStatistics'
    | 'crossOrganisationMatching'
    | 'embassyNationalities'
    | 'testimonyToMonitoring'
  >,
): Promise<void> {
  await trx
    .updateTable('survivors')
    .set({
      consent_version: v.version,
      consent_own_embassy: v.shareWithOwnEmbassy,
      consent_organisation_ids: v.shareWithOrganisationIds,
      consent_statistics: v.useInStatistics,
      consent_cross_org_matching: v.crossOrganisationMatching ?? false,
      consent_embassy_nationalities: v.embassyNationalities ?? null,
      consent_testimony: v.testimonyToMonitoring ?? false,
    })
    .where('id', '=', survivorId)
    .execute();
}

/**
 * The survivor's registering organisation, if the reader may see the row (row-level security decides), else undefined.
 */
export async function findSurvivorOrganisation(
  trx: Queryable,
  survivorId: string,
): Promise<{ id: string; organisationId: string } | undefined> {
  const row = await trx
    .selectFrom('survivors')
    .select(['id', 'organisation_id'])
    .where('id', '=', survivorId)
    .executeTakeFirst();
  return row ? { id: row.id, organisationId: row.organisation_id } : undefined;
}

/** Whether the reader may see the survivor (row-level security decides). */
export async function survivorVisible(trx: Queryable, survivorId: string): Promise<boolean> {
  return !!(await trx.selectFrom('survivors').select('id').where('id', '=', survivorId).executeTakeFirst());
}

/** Serialises changes to one survivor's consent (the row lock is held until commit). */
export async function lockSurvivor(trx: Queryable, survivorId: string): Promise<void> {
  await trx.selectFrom('survivors').select('id').where('id', '=', survivorId).forNoKeyUpdate().execute();
}

/** Sets consent_version to `version` on many survivors at once (the demo's bulk load). */
export async function setConsentVersion(
  trx: Queryable,
  survivorIds: readonly string[],
  version: number,
): Promise<void> {
  if (survivorIds.length === 0) return;
  await trx
    .updateTable('survivors')
    .set({ consent_version: version })
    .where('id', 'in', [...survivorIds])
    .execute();
}

/** The sealed identities of the organisation's own survivors among these ids (row-level security decides the rest). */
export async function findOwnSurvivorIdentities(
  trx: Queryable,
  organisationId: string,
  survivorIds: readonly string[],
): Promise<{ id: string; identityEnc: string }[]> {
  if (survivorIds.length === 0) return [];
  const rows = await trx
    .selectFrom('survivors')
    .select(['id', 'identity_enc'])
    .where('id', 'in', [...new Set(survivorIds)])
    .where('organisation_id', '=', organisationId)
    .execute();
  return rows.map((r) => ({ id: r.id, identityEnc: r.identity_enc }));
}
