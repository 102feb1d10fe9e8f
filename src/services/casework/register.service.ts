import { ageAt, ageBandOf } from '../../core/age-band.ts';
import { applyConsentChange, type ConsentHistory } from '../../core/consent/versioned.ts';
import { timelineEvents } from '../../core/cases/timeline.ts';
import { nextFollowUpDue } from '../../core/followups/schedule.ts';
import type { RiskLevel } from '../../core/vocabulary.ts';
import type { RegisteredSurvivor, RegisterSurvivorRequest } from '../../contracts/casework/survivors.ts';
import { registerInBatch, type RegistrationChecks } from '../../db/repositories/casework/registration.repository.ts';
import { hitRateLimit } from '../../db/repositories/rate-limits.repository.ts';
import { REGISTRATION_RATE_LIMIT } from '../../core/matching/blind.ts';
import { auditEntry } from '../audit.service.ts';
import { keptAnswer, keyTaken, type OnceKey } from '../idempotency.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { forbidden, invalid, TooManyRequests, type ServiceError } from '../errors.ts';
import { authorise, caseEventRow } from './access.service.ts';
import { REGISTERING_KINDS } from '../../core/permissions/matrix.ts';
import { buildNeed } from './needs.service.ts';
import { careFirstNeeds, protectionFlags } from '../../core/triage/protection.ts';
import { sealIdentity, sealLocation } from './survivor-envelopes.service.ts';

const PLACE_KINDS = new Set(['shelter', 'clinic', 'embassy']);

/**
 * Registers a survivor and opens the registering organisation's case, in one transaction: the
 * survivor row (identity and location encrypted), the case, consent version 1, the first
 * follow-up (scheduled by risk), the care-first needs, the matching job, the timeline entries and
 * one audit event. Issue #13: one round trip to the database (refuge_register_survivor, migrations 0027, 0030, 0040:
 * actor, rate limit, the checks that read and every write in one statement); a request refused on its own words costs
 * one more (the rate-limit hit, so that it counts and a 429 still comes first), and so does one that concurrent
 * registrations of the same account pushed over the limit (its hit, counted last, rolled back with the rest).
 */
export async function registerSurvivor(
  app: AppContext,
  actor: RequestActor,
  input: RegisterSurvivorRequest,
  once?: OnceKey,
): Promise<RegisteredSurvivor> {
  authorise(actor, 'create', 'survivor');
  authorise(actor, 'create', 'case');
  const now = app.now();
  const at = now.toISOString();
  // Per account, shared by every server process (core/matching/blind.ts: a scripted probe is slowed, an exit day is
  // not).
  const perWindow = app.limits?.registrationsPerWindow ?? REGISTRATION_RATE_LIMIT.hits;
  const fields: Record<string, string> = {};
  if (input.dateOfBirth && input.dateOfBirth > at.slice(0, 10))
    fields['body.dateOfBirth'] = 'a date of birth cannot be in the future';
  if (input.exitDate && input.exitDate > at.slice(0, 10))
    fields['body.exitDate'] = 'the exit date cannot be in the future';
  const held = new Set(input.nationalities.map((n) => n.toUpperCase()));
  input.consent.embassyNationalities?.forEach((n, i) => {
    if (!held.has(n.toUpperCase()))
      fields[`body.consent.embassyNationalities.${i}`] = 'not one of the survivor’s nationalities';
  });
  if (input.location.placeOrganisationId && !PLACE_KINDS.has(input.location.kind))
    fields['body.location.placeOrganisationId'] = 'only a shelter, clinic or embassy location names an organisation';
  if (Object.keys(fields).length) {
    const hit = await countHit(app, actor, now);
    if (hit.hits > perWindow) throw tooMany(hit.resetAt, now);
    throw invalid(fields);
  }

  // The compound: a link to the registry, or the words the survivor used, or unknown (neither).
  const compound = { id: input.compoundId ?? null, text: input.compoundId ? null : (input.compound ?? null) };
  const assignedTo = input.assignedTo ?? actor.userId;

  const survivorId = app.newId();
  const caseId = app.newId();
  const consent = applyConsentChange(
    [] as ConsentHistory,
    {
      shareWithOwnEmbassy: input.consent.shareWithOwnEmbassy,
      addOrganisationIds: input.consent.shareWithOrganisationIds,
      useInStatistics: input.consent.useInStatistics,
      crossOrganisationMatching: input.consent.crossOrganisationMatching,
      embassyNationalities: input.consent.embassyNationalities,
      testimonyToMonitoring: input.consent.testimonyToMonitoring,
      method: input.consent.method,
    },
    { userId: actor.userId, organisationId: actor.organisationId },
    now,
  );
  // "Nothing consented" is a valid answer at registration: no version is recorded then (NO_CONSENT).
  const version = consent.ok ? consent.current : null;
  const risk: RiskLevel = input.riskLevel;
  const ageBand = input.ageBand ?? (input.dateOfBirth ? ageBandOf(ageAt(input.dateOfBirth, now)) : null);

  const flags = protectionFlags({
    ageBand,
    pregnant: input.protection?.pregnant,
    sexualViolence: input.protection?.sexualViolence,
  });
  // Care first (core/triage protection): the protocols' needs are opened with the case, before any interview.
  const care = careFirstNeeds(flags).map((n) =>
    buildNeed({
      id: app.newId(),
      caseId,
      organisationId: actor.organisationId,
      kind: n.kind,
      priority: n.priority,
      noteEnc: null,
      createdBy: actor.userId,
      at,
      ageBand,
      nationalities: [...new Set(input.nationalities)],
      locationKind: input.location.kind,
      caseRisk: risk,
    }),
  );
  const answer = {
    survivorId,
    caseId,
    status: 'open' as const,
    riskLevel: risk,
    protection: flags,
  };
  const place = input.location.placeOrganisationId;
  const result = await registerInBatch(app.database.requestDb, {
    sessionToken: actor.sessionToken,
    now: at,
    rateLimit: { windowSeconds: REGISTRATION_RATE_LIMIT.windowSeconds, hits: perWindow },
    registeringKinds: REGISTERING_KINDS,
    checks: {
      organisationId: actor.organisationId,
      shareWithOrganisationIds: input.consent.shareWithOrganisationIds,
      place: place ? { id: place, kind: input.location.kind } : null,
      compoundId: compound.id,
      assignedTo: input.assignedTo ?? null,
    },
    survivor: {
      id: survivorId,
      organisationId: actor.organisationId,
      registeredBy: actor.userId,
      registeredAt: at,
      identityEnc: sealIdentity(app, survivorId, {
        names: input.names.map((n) => ({
          value: n.value,
          script: n.script ?? null,
          romanisation: n.romanisation,
          preferred: n.preferred,
        })),
        dateOfBirth: input.dateOfBirth ?? null,
        contacts: input.contacts,
        documentNumber: input.documentNumber ?? null,
      }),
      locationEnc: sealLocation(app, survivorId, input.location.detail),
      sex: input.sex,
      ageBand,
      nationalities: [...new Set(input.nationalities)],
      languages: [...new Set(input.languages)],
      documentStatus: input.documentStatus,
      locationKind: input.location.kind,
      locationOrganisationId: input.location.placeOrganisationId ?? null,
      compoundRef: compound.text,
      compoundId: compound.id,
      exitMode: input.exitMode,
      exitDate: input.exitDate ?? null,
      consentOwnEmbassy: version?.flags.shareWithOwnEmbassy ?? false,
      consentOrganisationIds: [...(version?.flags.shareWithOrganisationIds ?? [])],
      consentStatistics: version?.flags.useInStatistics ?? false,
      consentVersion: version?.version ?? 0,
      isDemo: false,
      consentCrossOrgMatching: version?.flags.crossOrganisationMatching ?? false,
      consentEmbassyNationalities: version?.flags.embassyNationalities ? [...version.flags.embassyNationalities] : null,
      protectionFlags: flags,
      consentTestimony: version?.flags.testimonyToMonitoring ?? false,
    },
    kase: {
      id: caseId,
      survivorId,
      organisationId: actor.organisationId,
      status: 'open',
      riskLevel: risk,
      assignedTo,
      openedAt: at,
    },
    consent: version
      ? {
          survivorId,
          version: version.version,
          organisationId: actor.organisationId,
          recordedBy: actor.userId,
          at: version.at,
          method: version.method,
          shareWithOwnEmbassy: version.flags.shareWithOwnEmbassy,
          shareWithOrganisationIds: [...version.flags.shareWithOrganisationIds],
          useInStatistics: version.flags.useInStatistics,
          changes: [...version.changes],
          crossOrganisationMatching: version.flags.crossOrganisationMatching,
          embassyNationalities: version.flags.embassyNationalities ? [...version.flags.embassyNationalities] : null,
          testimonyToMonitoring: version.flags.testimonyToMonitoring,
        }
      : null,
    followUp: {
      id: app.newId(),
      caseId,
      organisationId: actor.organisationId,
      dueAt: nextFollowUpDue(now, risk).toISOString(),
      completedAt: null,
      outcome: null,
      noteEnc: null,
      recordedBy: null,
      createdAt: at,
    },
    needs: care,
    // Look for duplicates in the background; queued in this transaction so no registration is ever missed.
    job: {
      id: app.newId(),
      kind: 'matching.check',
      payload: { survivorId },
      organisationId: actor.organisationId,
      createdBy: actor.userId,
    },
    events: [
      caseEventRow(app, actor, caseId, timelineEvents.opened(risk), at),
      ...care.map((n) => caseEventRow(app, actor, caseId, timelineEvents.needAdded(n.kind, n.priority), at)),
    ],
    audit: auditEntry(actor, 'survivor.create', 'survivor', survivorId, {
      caseId,
      consentVersion: version?.version ?? 0,
    }),
    idempotency: keptAnswer(app, actor, once, 201, answer),
  });
  switch (result.outcome) {
    case 'registered':
      return answer;
    case 'key_taken':
      throw keyTaken();
    case 'rate_limited':
      throw tooMany(result.resetAt, now);
    case 'rate_limited_late':
      // The database already found this account over its limit; the hit counts here so the refusal counts as every
      // other one does, and the answer is a 429 whatever the count says now.
      throw tooMany((await countHit(app, actor, now)).resetAt, now);
    case 'refused':
      throw refusal(result.checks, input);
  }
}

/**
 * The rate-limit hit on its own, for a request refused without the database's own count (per account, shared by every
 * server process: core/matching/blind.ts — a scripted probe is slowed, an exit day is not). The key is the one
 * refuge_registration_hit derives from the session (migration 0027).
 */
function countHit(app: AppContext, actor: RequestActor, now: Date): Promise<{ hits: number; resetAt: string }> {
  return hitRateLimit(app.database.db, `register:user:${actor.userId}`, REGISTRATION_RATE_LIMIT.windowSeconds, now);
}

function tooMany(resetAt: string, now: Date): TooManyRequests {
  return new TooManyRequests(
    Math.max(1, Math.ceil((Date.parse(resetAt) - now.getTime()) / 1000)),
    'too many registrations from this account; try again in a minute',
  );
}

/** The error for what the database's checks found: 403 for the organisation itself, field-keyed 400s otherwise. */
function refusal(checks: RegistrationChecks, input: RegisterSurvivorRequest): ServiceError {
  if (!checks.ownKind) return forbidden('your organisation no longer exists');
  if (!REGISTERING_KINDS.includes(checks.ownKind))
    return forbidden('survivors are registered by the organisations that meet them, not by monitors or coordination');
  const fields: Record<string, string> = {};
  const orgs = checks.organisations;
  input.consent.shareWithOrganisationIds.forEach((id, i) => {
    if (!orgs.has(id)) fields[`body.consent.shareWithOrganisationIds.${i}`] = 'no such organisation';
  });
  const place = input.location.placeOrganisationId;
  if (place && orgs.get(place) !== input.location.kind)
    fields['body.location.placeOrganisationId'] = `no such ${input.location.kind}`;
  if (checks.compoundFound === false) fields['body.compoundId'] = 'no such compound';
  if (checks.assigneeIsMember === false) fields['body.assignedTo'] = 'not a member of your organisation';
  if (Object.keys(fields).length === 0)
    throw new Error('the registration was refused without a reason the service knows');
  return invalid(fields);
}
