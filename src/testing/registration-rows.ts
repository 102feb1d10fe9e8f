import { randomUUID } from 'node:crypto';
import { REGISTERING_KINDS } from '../core/permissions/matrix.ts';
import type { Registration } from '../db/repositories/casework/registration.repository.ts';

/**
 * Everything one registration of organisation `org` by user `userId` writes, as refuge_register_survivor receives it
 * (the db tests call the function straight, as an attacker on the request connection would); the caller's session is
 * `token`, and `over` replaces any part.
 */
export function registrationRows(
  token: string,
  org: string,
  userId: string,
  over: Partial<Registration> = {},
  at = '2026-02-15T08:00:00.000Z',
): Registration {
  const survivorId = randomUUID();
  const caseId = randomUUID();
  return {
    sessionToken: token,
    now: at,
    rateLimit: { windowSeconds: 60, hits: 1000 },
    registeringKinds: REGISTERING_KINDS,
    checks: { organisationId: org, shareWithOrganisationIds: [], place: null, compoundId: null, assignedTo: null },
    survivor: {
      id: survivorId,
      organisationId: org,
      registeredBy: userId,
      registeredAt: at,
      identityEnc: 'sealed',
      locationEnc: 'sealed',
      sex: 'female',
      ageBand: '25_34',
      nationalities: ['ID'],
      languages: ['id'],
      documentStatus: 'confiscated',
      locationKind: 'street',
      locationOrganisationId: null,
      compoundRef: null,
      exitMode: 'escaped',
      exitDate: null,
      consentOwnEmbassy: false,
      consentOrganisationIds: [],
      consentStatistics: false,
      isDemo: false,
    },
    kase: {
      id: caseId,
      survivorId,
      organisationId: org,
      status: 'open',
      riskLevel: 'high',
      assignedTo: userId,
      openedAt: at,
    },
    consent: null,
    followUp: {
      id: randomUUID(),
      caseId,
      organisationId: org,
      dueAt: at,
      completedAt: null,
      outcome: null,
      noteEnc: null,
      recordedBy: null,
      createdAt: at,
    },
    needs: [],
    job: {
      id: randomUUID(),
      kind: 'matching.check',
      payload: { survivorId },
      organisationId: org,
      createdBy: userId,
    },
    events: [
      {
        id: randomUUID(),
        caseId,
        organisationId: org,
        actorUserId: userId,
        at,
        kind: 'opened',
        params: {},
        detailEnc: null,
      },
    ],
    audit: {
      actorUserId: userId,
      organisationId: org,
      action: 'survivor.create',
      resourceType: 'survivor',
      resourceId: survivorId,
      requestId: null,
      details: {},
    },
    idempotency: null,
    ...over,
  };
}
