import { sql } from 'kysely';
import type { Queryable } from '../../transaction.ts';
import { insertCaseEvents, type CaseEventInsert } from './cases.repository.ts';
import type { FollowUpRow } from './followups.repository.ts';
import type { CaseInsert, ConsentVersionRow, SurvivorInsert } from '../survivors.repository.ts';

/**
 * A registration's rows — survivor, case, first consent version, first timeline entry and first
 * follow-up — in two statements (data-modifying CTEs), so registering costs two round trips to the
 * database instead of five. Foreign keys are checked at the end of the statement, row-level
 * security's WITH CHECK on every row as usual.
 */
export async function insertRegistration(
  trx: Queryable,
  r: {
    survivor: SurvivorInsert;
    kase: CaseInsert;
    consent: ConsentVersionRow | null;
    event: CaseEventInsert;
    followUp: FollowUpRow;
  },
): Promise<void> {
  const s = r.survivor;
  const c = r.kase;
  const v = r.consent;
  const e = r.event;
  const f = r.followUp;
  const consentCte = v
    ? sql`, v AS (INSERT INTO consent_versions (survivor_id, version, organisation_id, recorded_by, at, method, share_with_own_embassy, share_with_organisation_ids, use_in_statistics, cross_organisation_matching, testimony_to_monitoring, changes, embassy_nationalities)
        SELECT id, ${v.version}, ${v.organisationId}, ${v.recordedBy}, ${v.at}::timestamptz, ${v.method}, ${v.shareWithOwnEmbassy}, ${v.shareWithOrganisationIds}::uuid[], ${v.useInStatistics},
          ${v.crossOrganisationMatching ?? false}, ${v.testimonyToMonitoring ?? false}, ${JSON.stringify(v.changes)}::jsonb, ${v.embassyNationalities ?? null}::text[] FROM s)`
    : sql``;
  await sql`WITH s AS (
      INSERT INTO survivors (id, organisation_id, registered_by, registered_at, identity_enc, location_enc, sex, age_band, nationalities, languages, document_status, location_kind,
        location_organisation_id, compound_ref, compound_id, exit_mode, exit_date, consent_own_embassy, consent_organisation_ids, consent_statistics, is_demo, consent_version, consent_cross_org_matching,
        consent_testimony, consent_embassy_nationalities, protection_flags)
      VALUES (${s.id}, ${s.organisationId}, ${s.registeredBy}, ${s.registeredAt}::timestamptz, ${s.identityEnc}, ${s.locationEnc}, ${s.sex}, ${s.ageBand}, ${s.nationalities}::text[], ${s.languages}::text[],
        ${s.documentStatus}, ${s.locationKind}, ${s.locationOrganisationId}, ${s.compoundRef}, ${s.compoundId ?? null}, ${s.exitMode}, ${s.exitDate}::date, ${s.consentOwnEmbassy}, ${s.consentOrganisationIds}::uuid[],
        ${s.consentStatistics}, ${s.isDemo}, ${s.consentVersion ?? 0}, ${s.consentCrossOrgMatching ?? false}, ${s.consentTestimony ?? false},
        ${s.consentEmbassyNationalities ?? null}::text[], ${s.protectionFlags ?? []}::text[])
      RETURNING id
    ), c AS (
      INSERT INTO cases (id, survivor_id, organisation_id, status, risk_level, assigned_to, opened_at, updated_at)
      SELECT ${c.id}, id, ${c.organisationId}, ${c.status}, ${c.riskLevel}, ${c.assignedTo}, ${c.openedAt}::timestamptz, ${c.openedAt}::timestamptz FROM s
      RETURNING id
    )${consentCte}
    INSERT INTO follow_ups (id, case_id, organisation_id, due_at, completed_at, outcome, note_enc, recorded_by, created_at)
    SELECT ${f.id}, id, ${f.organisationId}, ${f.dueAt}::timestamptz, NULL, NULL, NULL, NULL, ${f.createdAt}::timestamptz FROM c`.execute(
    trx,
  );
  // Apart: the timeline's policy checks that the case is visible, which a row inserted earlier in the same statement is
  // not yet.
  await insertCaseEvents(trx, [e]);
}
