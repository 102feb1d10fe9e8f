import { evaluateScreening, type ScreeningAnswers } from '../../core/screening/evaluate.ts';
import { presentForReferral } from '../../core/disclosure/index.ts';
import { timelineEvents, type TimelineEvent } from '../../core/cases/timeline.ts';
import { createRng, pickWeighted, type Rng } from '../../core/random.ts';
import {
  SCREENING_INDICATORS,
  type AgeBand,
  type CaseStatus,
  type DocumentStatus,
  type NeedKind,
  type NeedPriority,
  type ReferralState,
  type RiskLevel,
  type Sex,
} from '../../core/vocabulary.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import { insertCaseEvents, type CaseEventInsert } from '../../db/repositories/casework/case-events.repository.ts';
import { listDemoCasesWithSurvivors } from '../../db/repositories/casework/cases.repository.ts';
import { upsertConsularRecords, type ConsularRecordRow } from '../../db/repositories/casework/consular.repository.ts';
import { insertFollowUps, type FollowUpRow } from '../../db/repositories/casework/followups.repository.ts';
import { insertNeeds, type NeedInsert } from '../../db/repositories/casework/needs.repository.ts';
import { insertScreenings, type ScreeningRow } from '../../db/repositories/casework/records.repository.ts';
import { insertReferrals, type ReferralRow } from '../../db/repositories/casework/referrals.repository.ts';
import { findCaseWithSurvivor } from '../../db/repositories/casework/cases.repository.ts';
import {
  insertConsentVersions,
  setConsentVersion,
  type ConsentVersionRow,
} from '../../db/repositories/survivors.repository.ts';
import { evaluateCaseFollowUps } from '../casework/followups.service.ts';
import { buildNeed } from '../casework/needs.service.ts';
import type { DemoStep } from './load.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ACTIVE: readonly string[] = ['open', 'assessed', 'assisting', 'awaiting_documents', 'awaiting_travel'];
const NEED_MIX: readonly (readonly [NeedKind, number])[] = [
  ['medical_urgent', 4],
  ['medical', 12],
  ['psychosocial', 10],
  ['shelter', 12],
  ['food', 8],
  ['travel_document', 14],
  ['consular', 10],
  ['legal', 6],
  ['repatriation', 12],
  ['family_contact', 12],
];
const PRIORITY_MIX: readonly (readonly [NeedPriority, number])[] = [
  ['urgent', 10],
  ['high', 25],
  ['normal', 50],
  ['low', 15],
];
const REFERRAL_STATE_MIX: readonly (readonly [ReferralState, number])[] = [
  ['sent', 30],
  ['accepted', 30],
  ['declined', 10],
  ['completed', 20],
  ['revoked', 10],
];

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await write(rows.slice(i, i + 500));
}

function screeningAnswers(rng: Rng, status: string): ScreeningAnswers {
  // Later-stage cases were screened more fully; forced criminality is near-universal in scam compounds.
  const pYes = status === 'open' ? 0.25 : 0.45;
  const pUnknown = status === 'open' ? 0.5 : 0.15;
  return Object.fromEntries(
    SCREENING_INDICATORS.map((i) => {
      const r = rng.next();
      const answer =
        i === 'forced_criminality' && rng.chance(0.8)
          ? 'yes'
          : r < pYes
            ? 'yes'
            : r < pYes + pUnknown
              ? 'unknown'
              : 'no';
      return [i, { answer }];
    }),
  ) as ScreeningAnswers;
}

/**
 * Casework demo data on top of the survivors step's cases: consent versions, timelines,
 * screenings, needs (some urgent medical), referrals in every state, consular records (documents
 * issued, flights booked, repatriated) and follow-ups, some missed so that alerts are raised.
 */
/** The longest an open need of a demo case has waited at load time. */
export const DEMO_NEED_WINDOW_DAYS = 14;

export const caseworkSteps: readonly DemoStep[] = [
  {
    name: 'casework',
    async run({ app, trx, scenario, ids, seed }) {
      const rng = createRng(seed ^ 0xca5e);
      const now = app.now();
      const orgs = new Map(scenario.organisations.map((o) => [ids.organisations.get(o.key)!, o]));
      const embassyFor = new Map<string, string>();
      for (const [id, o] of orgs)
        if (o.kind === 'embassy') for (const n of o.nationalitiesServed) embassyFor.set(n, id);
      const clinicsAndShelters = [...orgs]
        .filter(([, o]) => o.kind === 'clinic' || o.kind === 'shelter')
        .map(([id]) => id);
      const rows = await listDemoCasesWithSurvivors(trx);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const consents: ConsentVersionRow[] = [];
      const events: CaseEventInsert[] = [];
      const screenings: ScreeningRow[] = [];
      const needs: NeedInsert[] = [];
      const referrals: ReferralRow[] = [];
      const consular: ConsularRecordRow[] = [];
      const followUps: FollowUpRow[] = [];
      const missed: string[] = [];

      for (const s of scenario.survivors) {
        const c = byId.get(ids.cases.get(s.key)!);
        if (!c) continue;
        const opened = Date.parse(c.opened_at);
        const at = (ms: number) => new Date(Math.min(opened + ms, now.getTime())).toISOString();
        const actor = c.assigned_to;
        const event = (e: TimelineEvent, when: string) =>
          events.push({
            id: app.newId(),
            caseId: c.id,
            organisationId: c.organisation_id,
            actorUserId: actor,
            at: when,
            kind: e.kind,
            params: { ...e.params },
            detailEnc: null,
          });
        event(timelineEvents.opened(c.risk_level as RiskLevel), c.opened_at);
        if (c.consent_own_embassy || c.consent_organisation_ids.length || c.consent_statistics) {
          consents.push({
            survivorId: c.survivor_id,
            version: 1,
            organisationId: c.organisation_id,
            recordedBy: actor,
            at: c.opened_at,
            method: rng.pick(['verbal', 'written'] as const),
            shareWithOwnEmbassy: c.consent_own_embassy,
            shareWithOrganisationIds: c.consent_organisation_ids,
            useInStatistics: c.consent_statistics,
            crossOrganisationMatching: c.consent_cross_org_matching,
            changes: ['consent recorded at registration'],
          });
        } else if (c.consent_cross_org_matching) {
          // Apart, without drawing from the generator, so the rest of the demo stays as it was.
          consents.push({
            survivorId: c.survivor_id,
            version: 1,
            organisationId: c.organisation_id,
            recordedBy: actor,
            at: c.opened_at,
            method: 'verbal',
            shareWithOwnEmbassy: false,
            shareWithOrganisationIds: [],
            useInStatistics: false,
            crossOrganisationMatching: true,
            changes: ['consent recorded at registration'],
          });
        }
        if (c.status !== 'open' || rng.chance(0.3)) {
          const answers = screeningAnswers(rng, c.status);
          const result = evaluateScreening(answers);
          const id = app.newId();
          screenings.push({
            id,
            caseId: c.id,
            organisationId: c.organisation_id,
            answers: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v!.answer])),
            notesEnc: null,
            outcome: result.outcome,
            ruleVersion: result.ruleVersion,
            rulesMet: result.rulesMet,
            recordedBy: actor,
            recordedAt: at(6 * HOUR),
          });
          event(timelineEvents.screeningRecorded(result.outcome, result.counts.yes), at(6 * HOUR));
        }
        const active = ACTIVE.includes(c.status);
        const caseNeeds: NeedInsert[] = [];
        // A case still being worked on has its open needs from its latest week (recorded at the last contact), so no
        // need waits longer than DEMO_NEED_WINDOW_DAYS whenever the demo is loaded.
        const recent =
          active && now.getTime() - opened > DEMO_NEED_WINDOW_DAYS * DAY ? now.getTime() - 7 * DAY - opened : 0;
        for (let i = 0, n = 1 + rng.int(3); i < n; i++) {
          const kind = pickWeighted(rng, NEED_MIX);
          const created = at(recent + (1 + i) * HOUR + rng.int(20) * HOUR);
          const need = buildNeed({
            id: app.newId(),
            caseId: c.id,
            organisationId: c.organisation_id,
            kind,
            priority: kind === 'medical_urgent' ? 'urgent' : pickWeighted(rng, PRIORITY_MIX),
            status: active ? (rng.chance(0.25) ? 'in_progress' : 'open') : rng.chance(0.85) ? 'met' : 'cancelled',
            noteEnc: null,
            createdBy: actor,
            at: created,
            ageBand: c.age_band,
            nationalities: c.nationalities,
            locationKind: c.location_kind,
            caseRisk: c.risk_level,
          });
          caseNeeds.push(need);
          event(timelineEvents.needAdded(kind, need.priority as NeedPriority), created);
        }
        needs.push(...caseNeeds);
        // Referrals, with the consent the survivor gave: a named clinic or shelter, or their own embassy.
        if (rng.chance(0.2)) {
          const named = c.consent_organisation_ids.filter((id) => clinicsAndShelters.includes(id));
          const embassy = c.nationalities.map((n) => embassyFor.get(n)).find(Boolean);
          const to = named.length ? rng.pick(named) : c.consent_own_embassy && embassy ? embassy : null;
          if (to && to !== c.organisation_id) {
            const id = app.newId();
            const state = pickWeighted(rng, REFERRAL_STATE_MIX);
            const referred = caseNeeds.slice(0, 1 + rng.int(caseNeeds.length));
            const identity = app.cipher.decryptJson<{
              names: { value: string; preferred: boolean }[];
              contacts: { channel: 'phone'; value: string }[];
            }>(c.identity_enc, encryptionContext('survivors', 'identity_enc', c.survivor_id));
            const person = presentForReferral(
              {
                preferredName: identity.names.find((x) => x.preferred)?.value ?? null,
                sex: c.sex as Sex,
                ageBand: c.age_band as AgeBand | null,
                nationalities: c.nationalities,
                languages: c.languages,
                contactChannels: identity.contacts,
                documentStatus: c.document_status as DocumentStatus,
              },
              {
                needs: caseNeeds.map((x) => ({
                  id: x.id,
                  kind: x.kind as NeedKind,
                  priority: x.priority as NeedPriority,
                })),
              },
              { id, needIds: referred.map((x) => x.id) },
            );
            const sent = at(12 * HOUR);
            referrals.push({
              id,
              caseId: c.id,
              survivorId: c.survivor_id,
              fromOrganisationId: c.organisation_id,
              toOrganisationId: to,
              needIds: referred.map((x) => x.id),
              state,
              consentBasis: named.includes(to) ? 'named_organisation' : 'own_embassy',
              shareContactChannel: null,
              viewEnc: app.cipher.encryptJson(person, encryptionContext('referrals', 'view_enc', id)),
              stateReasonEnc:
                state === 'declined' || state === 'revoked'
                  ? app.cipher.encrypt(
                      state === 'declined' ? 'no capacity this week' : 'survivor moved to another service',
                      encryptionContext('referrals', 'state_reason_enc', id),
                    )
                  : null,
              frozenAt: null,
              createdBy: actor,
              createdAt: sent,
              updatedAt: at(30 * HOUR),
            });
            event(timelineEvents.referralSent(to, false), sent);
          }
        }
        // Consular records for consenting nationals further along the way home.
        const embassy = c.consent_own_embassy ? c.nationalities.map((n) => embassyFor.get(n)).find(Boolean) : undefined;
        if (embassy && ['awaiting_documents', 'awaiting_travel', 'repatriated'].includes(c.status)) {
          const status = c.status as CaseStatus;
          const issued = status !== 'awaiting_documents' && c.document_status !== 'held';
          const flight = status === 'repatriated' || (status === 'awaiting_travel' && rng.chance(0.5));
          const flightDate = new Date(
            status === 'repatriated' ? opened + 20 * DAY : now.getTime() + (2 + rng.int(12)) * DAY,
          )
            .toISOString()
            .slice(0, 10);
          const id = app.newId();
          consular.push({
            id,
            caseId: c.id,
            embassyOrganisationId: embassy,
            caseOrganisationId: c.organisation_id,
            emergencyDocumentStatus: issued
              ? 'issued'
              : status === 'awaiting_documents' && rng.chance(0.6)
                ? 'requested'
                : 'not_requested',
            emergencyDocumentNumberEnc: issued
              ? app.cipher.encrypt(
                  `ETD-${100000 + rng.int(900000)}`,
                  encryptionContext('consular_records', 'emergency_document_number_enc', id),
                )
              : null,
            emergencyDocumentIssuedAt: issued ? at(10 * DAY) : null,
            exitClearance:
              status === 'repatriated'
                ? rng.pick(['paid', 'waived', 'not_needed'])
                : rng.pick(['pending', 'paid', 'waived', 'not_needed']),
            flightDate: flight ? flightDate : null,
            flightNumber: flight ? rng.pick(['QZ 273', 'VN 920', 'CZ 6060', 'PR 512', 'TG 585', 'AK 543']) : null,
            repatriatedAt: status === 'repatriated' ? at(20 * DAY) : null,
            updatedBy: null,
            updatedAt: at(10 * DAY),
          });
          event(
            timelineEvents.consularStep(
              status === 'repatriated' ? { repatriated: true } : { emergencyDocument: issued ? 'issued' : 'requested' },
            ),
            at(10 * DAY),
          );
        }
        // Follow-ups: a check-in done, the next one open; some next ones already missed.
        if (active || c.status === 'repatriated' || c.status === 'lost_contact') {
          // A missed check-in falls after the reached one (two days after opening), else it would be settled by it.
          const missedDue = now.getTime() - (2 + rng.int(9)) * DAY;
          const miss = rng.chance(0.08) && missedDue > opened + 2 * DAY;
          followUps.push({
            id: app.newId(),
            caseId: c.id,
            organisationId: c.organisation_id,
            dueAt: at(2 * DAY),
            completedAt: at(2 * DAY),
            outcome: 'reached',
            noteEnc: null,
            recordedBy: actor,
            createdAt: c.opened_at,
          });
          // The next check-in is ahead of the load instant, except the deliberately missed ones (each raises an alert).
          const due = miss ? missedDue : now.getTime() + rng.int(14) * DAY + HOUR;
          followUps.push({
            id: app.newId(),
            caseId: c.id,
            organisationId: c.organisation_id,
            dueAt: new Date(due).toISOString(),
            completedAt: null,
            outcome: null,
            noteEnc: null,
            recordedBy: null,
            createdAt: at(2 * DAY),
          });
          if (miss) missed.push(c.id);
        }
      }
      await inChunks(consents, (x) => insertConsentVersions(trx, x));
      await inChunks(consents, (x) =>
        setConsentVersion(
          trx,
          x.map((v) => v.survivorId),
          1,
        ),
      );
      await inChunks(events, (x) => insertCaseEvents(trx, x));
      await inChunks(screenings, (x) => insertScreenings(trx, x));
      await inChunks(needs, (x) => insertNeeds(trx, x));
      await inChunks(referrals, (x) => insertReferrals(trx, x));
      await inChunks(consular, (x) => upsertConsularRecords(trx, x));
      await inChunks(followUps, (x) => insertFollowUps(trx, x));
      // Missed check-ins go through the same evaluation as the background job: risk up, alerts for the owner.
      for (const caseId of missed) {
        const found = await findCaseWithSurvivor(trx, caseId);
        if (found) await evaluateCaseFollowUps(trx, app, null, found.kase);
      }
      return needs.length;
    },
  },
];
