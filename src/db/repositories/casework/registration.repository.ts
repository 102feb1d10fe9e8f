import { sql } from 'kysely';
import type { Queryable } from '../../transaction.ts';
import type { OrganisationKind } from '../../../core/vocabulary.ts';
import type { AuditAppend } from '../audit.repository.ts';
import type { CaseEventInsert } from './cases.repository.ts';
import type { FollowUpRow } from './followups.repository.ts';
import type { NeedInsert } from './needs.repository.ts';
import type { CaseInsert, ConsentVersionRow, SurvivorInsert } from '../survivors.repository.ts';

export interface RegistrationChecks {
  /** The registering organisation's kind; null when it no longer exists. */
  ownKind: OrganisationKind | null;
  /** Kinds of the referenced organisations that exist. */
  organisations: Map<string, OrganisationKind>;
  /** Null when no compound was named. */
  compoundFound: boolean | null;
  /** Null when no assignee was named. */
  assigneeIsMember: boolean | null;
}

/**
 * Everything a registration reads before it writes, in one round trip: the registering organisation's kind, the
 * organisations its consent and location name, the linked compound and the assignee's membership. Read as the actor
 * (row-level security applies as to the single lookups it replaces).
 */
export async function readRegistrationChecks(
  trx: Queryable,
  q: {
    organisationId: string;
    organisationIds: readonly string[];
    compoundId: string | null;
    assignedTo: string | null;
  },
): Promise<RegistrationChecks> {
  const { rows } = await sql<{
    own_kind: OrganisationKind | null;
    organisations: { id: string; kind: OrganisationKind }[];
    compound_found: boolean | null;
    assignee_is_member: boolean | null;
  }>`SELECT (SELECT kind FROM organisations WHERE id = ${q.organisationId}::uuid) AS own_kind,
      coalesce((SELECT json_agg(json_build_object('id', id, 'kind', kind)) FROM organisations
        WHERE id = ANY(${[...new Set(q.organisationIds)]}::uuid[])), '[]') AS organisations,
      CASE WHEN ${q.compoundId}::uuid IS NULL THEN NULL
        ELSE EXISTS (SELECT 1 FROM compounds WHERE id = ${q.compoundId}::uuid) END AS compound_found,
      CASE WHEN ${q.assignedTo}::uuid IS NULL THEN NULL
        ELSE EXISTS (SELECT 1 FROM memberships WHERE user_id = ${q.assignedTo}::uuid AND organisation_id = ${q.organisationId}::uuid)
      END AS assignee_is_member`.execute(trx);
  const r = rows[0]!;
  return {
    ownKind: r.own_kind,
    organisations: new Map(r.organisations.map((o) => [o.id, o.kind])),
    compoundFound: r.compound_found,
    assigneeIsMember: r.assignee_is_member,
  };
}

/**
 * A registration's rows in two statements (data-modifying CTEs), so registering costs two round trips to the
 * database however many rows it writes. The first writes the survivor, case, first consent version, first follow-up,
 * the care-first needs and the matching job; the second the timeline entries and the audit event. Apart because the
 * timeline's policy checks that the case is visible, which a row inserted earlier in the same statement is not yet.
 * Foreign keys are checked at the end of each statement, row-level security's WITH CHECK on every row as usual.
 */
export async function insertRegistration(
  trx: Queryable,
  r: {
    survivor: SurvivorInsert;
    kase: CaseInsert;
    consent: ConsentVersionRow | null;
    followUp: FollowUpRow;
    needs: readonly NeedInsert[];
    job: { id: string; kind: string; payload: unknown; organisationId: string | null; createdBy: string | null };
    /** The case's first timeline entries: opened, then one per care-first need. */
    events: readonly CaseEventInsert[];
    audit: AuditAppend;
  },
): Promise<void> {
  const s = r.survivor;
  const c = r.kase;
  const v = r.consent;
  const f = r.followUp;
  const j = r.job;
  const a = r.audit;
  const consentCte = v
    ? sql`, v AS (INSERT INTO consent_versions (survivor_id, version, organisation_id, recorded_by, at, method, share_with_own_embassy, share_with_organisation_ids, use_in_statistics, cross_organisation_matching, testimony_to_monitoring, changes, embassy_nationalities)
        SELECT id, ${v.version}, ${v.organisationId}, ${v.recordedBy}, ${v.at}::timestamptz, ${v.method}, ${v.shareWithOwnEmbassy}, ${v.shareWithOrganisationIds}::uuid[], ${v.useInStatistics},
          ${v.crossOrganisationMatching ?? false}, ${v.testimonyToMonitoring ?? false}, ${JSON.stringify(v.changes)}::jsonb, ${v.embassyNationalities ?? null}::text[] FROM s)`
    : sql``;
  const needsCte = r.needs.length
    ? sql`, n AS (INSERT INTO needs (id, case_id, organisation_id, kind, priority, status, note_enc, created_by, created_at, updated_at, urgency_tier, effective_priority, age_band, nationalities, location_kind, case_risk)
        VALUES ${sql.join(
          r.needs.map(
            (n) =>
              sql`(${n.id}, ${n.caseId}, ${n.organisationId}, ${n.kind}, ${n.priority}, ${n.status}, ${n.noteEnc}, ${n.createdBy}, ${n.createdAt}::timestamptz, ${n.updatedAt}::timestamptz,
                ${n.urgencyTier}, ${n.effectivePriority}, ${n.ageBand}, ${n.nationalities}::text[], ${n.locationKind}, ${n.caseRisk})`,
          ),
        )})`
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
    ), j AS (
      INSERT INTO jobs (id, kind, payload, organisation_id, created_by)
      VALUES (${j.id}, ${j.kind}, ${JSON.stringify(j.payload ?? {})}::jsonb, ${j.organisationId}, ${j.createdBy})
    )${consentCte}${needsCte}
    INSERT INTO follow_ups (id, case_id, organisation_id, due_at, completed_at, outcome, note_enc, recorded_by, created_at)
    SELECT ${f.id}, id, ${f.organisationId}, ${f.dueAt}::timestamptz, NULL, NULL, NULL, NULL, ${f.createdAt}::timestamptz FROM c`.execute(
    trx,
  );
  // The audit entry last, as refuge_audit appends it (audit.repository appendAudit).
  await sql`WITH e AS (
      INSERT INTO case_events (id, case_id, organisation_id, actor_user_id, at, kind, params, detail_enc)
      VALUES ${sql.join(
        r.events.map(
          (e) =>
            sql`(${e.id}, ${e.caseId}, ${e.organisationId}, ${e.actorUserId}, ${e.at}::timestamptz, ${e.kind}, ${JSON.stringify(e.params)}::jsonb, ${e.detailEnc})`,
        ),
      )}
    )
    SELECT refuge_audit(${a.actorUserId}::uuid, ${a.organisationId}::uuid, ${a.action}, ${a.resourceType},
      ${a.resourceId}, ${a.requestId}, ${JSON.stringify(a.details)}::jsonb) AS seq`.execute(trx);
}
