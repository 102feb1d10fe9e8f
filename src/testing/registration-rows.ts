import { randomUUID } from 'node:crypto';
import { REGISTERING_KINDS } from '../core/permissions/matrix.ts';
import type { DatabaseKind } from '../db/database.ts';
import type { Registration } from '../db/repositories/casework/registration.repository.ts';
import type { RequestActor } from '../services/context.ts';
import { createTestApp, createTestDatabase, signedInActor, type TestDatabase } from './test-harness.ts';

/**
 * What the registration db tests share: a fresh database with two NGOs, A and B, a caseworker signed in at each (the
 * attacker at A, the victim at B), and reads as the owner, past row-level security.
 */
export interface RegistrationWorld {
  database: TestDatabase;
  app: Awaited<ReturnType<typeof createTestApp>>;
  attacker: RequestActor;
  victim: RequestActor;
  owner<T extends object>(text: string, params?: unknown[]): Promise<T[]>;
  count(table: string, where: string, params: unknown[]): Promise<number>;
  /** The account's registrations counted in the current rate-limit window (0 before the first). */
  hitsOf(userId: string): Promise<number>;
}

export async function registrationWorld(kind: DatabaseKind): Promise<RegistrationWorld> {
  const database = await createTestDatabase(kind);
  const app = await createTestApp(database);
  const owner = async <T extends object>(text: string, params: unknown[] = []) =>
    (await database.pool.query<T>(text, params)).rows;
  const [a, b] = [randomUUID(), randomUUID()];
  await owner(
    `INSERT INTO organisations(id, slug, name, kind) VALUES ($1, 'ngo-a', 'A', 'ngo'), ($2, 'ngo-b', 'B', 'ngo')`,
    [a, b],
  );
  return {
    database,
    app,
    attacker: await signedInActor(app, a),
    victim: await signedInActor(app, b),
    owner,
    count: async (table, where, params) =>
      Number((await owner<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0]!.n),
    hitsOf: async (userId) =>
      (await owner<{ hits: number }>(`SELECT hits FROM rate_limits WHERE key = $1`, [`register:user:${userId}`]))[0]
        ?.hits ?? 0,
  };
}

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
