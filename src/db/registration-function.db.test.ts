import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../testing/test-harness.ts';
import { registerInOneCall, type Registration } from './repositories/casework/registration.repository.ts';
import type { RequestActor } from '../services/context.ts';
import { registrationRows, registrationWorld, type RegistrationWorld } from '../testing/registration-rows.ts';

/**
 * refuge_register_survivor (migrations 0027, 0030, 0040) called as an attacker would: straight on the request connection (on
 * PostgreSQL logged in as refuge_app), with any token and any rows. It must widen nothing: no row for another
 * organisation, no row of another survivor or case, nothing at all without a valid session, no count on another
 * account's rate limit, and an answer that says no more than refuge_app can select itself.
 */
describe.each(DATABASE_KINDS)('refuge_register_survivor against an attacker on %s', (kind) => {
  let database: RegistrationWorld['database'];
  let attacker: RequestActor; // a caseworker of ngo A
  let victim: RequestActor; // a caseworker of ngo B
  let count: RegistrationWorld['count'];
  let hitsOf: RegistrationWorld['hitsOf'];
  let victimSurvivor: string;
  const at = '2026-02-15T08:00:00.000Z';

  const registration = (token: string, org: string, userId: string, over: Partial<Registration> = {}) =>
    registrationRows(token, org, userId, over, at);
  const call = (r: Registration) => registerInOneCall(database.requestDb, r);

  beforeAll(async () => {
    ({ database, attacker, victim, count, hitsOf } = await registrationWorld(kind));
    const mine = registration(victim.sessionToken, victim.organisationId, victim.userId);
    expect(await call(mine)).toEqual({ outcome: 'registered' });
    victimSurvivor = mine.survivor.id;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('registers into the caller’s own organisation, every row and the audit entry together', async () => {
    // A deployment may lift the limit as far as a JavaScript number goes (bench:api does).
    const r = registration(attacker.sessionToken, attacker.organisationId, attacker.userId, {
      rateLimit: { windowSeconds: 60, hits: Number.MAX_SAFE_INTEGER },
    });
    expect(await call(r)).toEqual({ outcome: 'registered' });
    expect(await count('survivors', 'id = $1 AND organisation_id = $2', [r.survivor.id, attacker.organisationId])).toBe(
      1,
    );
    expect(await count('cases', 'id = $1', [r.kase.id])).toBe(1);
    expect(await count('follow_ups', 'case_id = $1', [r.kase.id])).toBe(1);
    expect(await count('case_events', 'case_id = $1', [r.kase.id])).toBe(1);
    expect(await count('jobs', 'id = $1', [r.job.id])).toBe(1);
    // Who did it comes from the session, not from the rows sent.
    expect(
      await count('audit_events', `resource_id = $1 AND actor_user_id = $2 AND organisation_id = $3`, [
        r.survivor.id,
        attacker.userId,
        attacker.organisationId,
      ]),
    ).toBe(1);
  });

  it('refuses to write into another organisation with the caller’s own session, and writes nothing', async () => {
    const b = victim.organisationId;
    const before = await count('survivors', 'organisation_id = $1', [b]);
    const auditBefore = await count('audit_events', 'true', []);
    const hitsBefore = await hitsOf(attacker.userId);
    // The checks are told the attacker's own organisation so that they pass; the rows name B.
    const r = registration(attacker.sessionToken, b, attacker.userId, {
      checks: {
        organisationId: attacker.organisationId,
        shareWithOrganisationIds: [],
        place: null,
        compoundId: null,
        assignedTo: null,
      },
    });
    await expect(call(r)).rejects.toMatchObject({ code: '42501' });
    // And told B as well: the same refusal.
    await expect(call(registration(attacker.sessionToken, b, attacker.userId))).rejects.toMatchObject({
      code: '42501',
    });
    expect(await count('survivors', 'organisation_id = $1', [b])).toBe(before);
    expect(await count('audit_events', 'true', [])).toBe(auditBefore);
    // The whole statement rolled back, its rate-limit hit too.
    expect(await hitsOf(attacker.userId)).toBe(hitsBefore);
  });

  it('refuses a registration with any one row in another organisation, and writes nothing', async () => {
    // The function writes as the owner and checks each row itself (migration 0040): every row is tried alone.
    const b = victim.organisationId;
    const own = () => registration(attacker.sessionToken, attacker.organisationId, attacker.userId);
    const need = (r: Registration, org: string): Registration['needs'][number] => ({
      id: randomUUID(),
      caseId: r.kase.id,
      organisationId: org,
      kind: 'medical_urgent',
      priority: 'urgent',
      status: 'open',
      noteEnc: null,
      createdBy: attacker.userId,
      createdAt: at,
      updatedAt: at,
      urgencyTier: 0,
      effectivePriority: 3,
      ageBand: '25_34',
      nationalities: ['ID'],
      locationKind: 'street',
      caseRisk: 'high',
    });
    const key = (userId: string, organisationId: string) => ({
      id: randomUUID(),
      userId,
      organisationId,
      key: `elsewhere-${randomUUID()}`,
      operation: 'POST /api/survivors',
      responseStatus: 201,
      recordEnc: 'sealed',
      createdAt: at,
    });
    const oneRowElsewhere: [string, (r: Registration) => void][] = [
      ['survivor', (r) => (r.survivor = { ...r.survivor, organisationId: b })],
      ['case', (r) => (r.kase = { ...r.kase, organisationId: b })],
      [
        'consent',
        (r) =>
          (r.consent = {
            survivorId: r.survivor.id,
            version: 1,
            organisationId: b,
            recordedBy: attacker.userId,
            at,
            method: 'verbal',
            shareWithOwnEmbassy: false,
            shareWithOrganisationIds: [],
            useInStatistics: false,
            changes: [],
          }),
      ],
      ['follow-up', (r) => (r.followUp = { ...r.followUp, organisationId: b })],
      ['second need', (r) => (r.needs = [need(r, attacker.organisationId), need(r, b)])],
      ['job', (r) => (r.job = { ...r.job, organisationId: b })],
      ['timeline entry', (r) => (r.events = [...r.events, { ...r.events[0]!, id: randomUUID(), organisationId: b }])],
      ['key of another account', (r) => (r.idempotency = key(victim.userId, attacker.organisationId))],
      ['key in another organisation', (r) => (r.idempotency = key(attacker.userId, b))],
    ];
    const auditBefore = await count('audit_events', 'true', []);
    const hitsBefore = await hitsOf(attacker.userId);
    for (const [row, elsewhere] of oneRowElsewhere) {
      const r = own();
      elsewhere(r);
      await expect(call(r), row).rejects.toMatchObject({ code: '42501' });
      expect(await count('survivors', 'id = $1', [r.survivor.id]), row).toBe(0);
      expect(await count('needs', 'case_id = $1', [r.kase.id]), row).toBe(0);
      expect(await count('jobs', 'id = $1', [r.job.id]), row).toBe(0);
    }
    expect(await count('audit_events', 'true', [])).toBe(auditBefore);
    expect(await hitsOf(attacker.userId)).toBe(hitsBefore);
    // The same registration with every row its own goes through: the refusals above were the one row each.
    const fine = own();
    fine.needs = [need(fine, attacker.organisationId)];
    fine.idempotency = key(attacker.userId, attacker.organisationId);
    expect(await call(fine)).toEqual({ outcome: 'registered' });
    expect(await count('needs', 'case_id = $1', [fine.kase.id])).toBe(1);
  });

  it('attributes its audit entry to the session’s actor, whatever the rows name', async () => {
    const r = registration(attacker.sessionToken, attacker.organisationId, attacker.userId);
    r.audit = { ...r.audit, actorUserId: victim.userId, organisationId: victim.organisationId };
    expect(await call(r)).toEqual({ outcome: 'registered' });
    expect(
      await count('audit_events', 'resource_id = $1 AND actor_user_id = $2 AND organisation_id = $3', [
        r.survivor.id,
        attacker.userId,
        attacker.organisationId,
      ]),
    ).toBe(1);
    expect(await count('audit_events', 'resource_id = $1', [r.survivor.id])).toBe(1);
  });

  it('refuses a case, consent, need or timeline entry on a survivor or case it is not registering', async () => {
    const own = () => registration(attacker.sessionToken, attacker.organisationId, attacker.userId);
    const onVictim = own();
    onVictim.kase = { ...onVictim.kase, survivorId: victimSurvivor };
    const consentElsewhere = own();
    consentElsewhere.consent = {
      survivorId: victimSurvivor,
      version: 1,
      organisationId: attacker.organisationId,
      recordedBy: attacker.userId,
      at,
      method: 'verbal',
      shareWithOwnEmbassy: false,
      shareWithOrganisationIds: [attacker.organisationId],
      useInStatistics: false,
      changes: [],
    };
    const eventElsewhere = own();
    eventElsewhere.events = [{ ...eventElsewhere.events[0]!, caseId: randomUUID() }];
    for (const r of [onVictim, consentElsewhere, eventElsewhere]) {
      await expect(call(r)).rejects.toMatchObject({ code: '22023' });
      expect(await count('survivors', 'id = $1', [r.survivor.id])).toBe(0);
    }
    expect(await count('cases', 'survivor_id = $1', [victimSurvivor])).toBe(1);
    expect(await count('consent_versions', 'survivor_id = $1', [victimSurvivor])).toBe(0);
  });

  it('does nothing without a valid session: no rows, no rate-limit count', async () => {
    const b = victim.organisationId;
    const before = await count('survivors', 'organisation_id = $1', [b]);
    const limitRows = await count('rate_limits', 'true', []);
    for (const token of ['', randomBytes(32).toString('base64url')])
      await expect(call(registration(token, b, victim.userId))).rejects.toMatchObject({ code: '42501' });
    expect(await count('survivors', 'organisation_id = $1', [b])).toBe(before);
    expect(await count('rate_limits', 'true', [])).toBe(limitRows);
    // The rate-limit helper on its own needs a session too.
    await expect(database.requestPool.query(`SELECT * FROM refuge_registration_hit(now(), 60)`)).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('counts a hit only on the caller’s own account, and answers 429 facts from the window', async () => {
    const victimHits = await hitsOf(victim.userId);
    const mine = await hitsOf(attacker.userId);
    // Rows of the victim's user, limit 0: refused on the rate limit before anything else.
    const answer = await call({
      ...registration(attacker.sessionToken, attacker.organisationId, victim.userId),
      rateLimit: { windowSeconds: 60, hits: 0 },
    });
    expect(answer).toMatchObject({ outcome: 'rate_limited', hits: mine + 1 });
    expect(await hitsOf(attacker.userId)).toBe(mine + 1);
    expect(await hitsOf(victim.userId)).toBe(victimHits);
  });

  it('tells a refused caller only what refuge_app can select for itself', async () => {
    // Asked about B's membership and B's kind: the answer equals the role's own reading of those tables.
    const answer = await call(
      registration(attacker.sessionToken, attacker.organisationId, attacker.userId, {
        checks: {
          organisationId: victim.organisationId,
          shareWithOrganisationIds: [victim.organisationId, randomUUID()],
          place: null,
          compoundId: randomUUID(),
          assignedTo: victim.userId,
        },
      }),
    );
    expect(answer).toEqual({
      outcome: 'refused',
      checks: {
        ownKind: 'ngo',
        organisations: new Map([[victim.organisationId, 'ngo']]),
        compoundFound: false,
        assigneeIsMember: true,
      },
    });
    const c = await database.requestPool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('role', 'refuge_app', true), set_config('refuge.session_token', $1, true)`, [
        attacker.sessionToken,
      ]);
      const { rows } = await c.query<{ kind: string; member: boolean }>(
        `SELECT (SELECT kind FROM organisations WHERE id = $1) AS kind,
          EXISTS (SELECT 1 FROM memberships WHERE user_id = $2 AND organisation_id = $1) AS member`,
        [victim.organisationId, victim.userId],
      );
      expect(rows[0]).toEqual({ kind: 'ngo', member: true });
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });

  it('keeps an Idempotency-Key once: a second registration with it rolls back whole', async () => {
    const key = {
      id: randomUUID(),
      userId: attacker.userId,
      organisationId: attacker.organisationId,
      key: 'once-key-registration-1',
      operation: 'POST /api/survivors',
      responseStatus: 201,
      recordEnc: 'sealed',
      createdAt: at,
    };
    const first = registration(attacker.sessionToken, attacker.organisationId, attacker.userId, { idempotency: key });
    expect(await call(first)).toEqual({ outcome: 'registered' });
    const hits = await hitsOf(attacker.userId);
    const second = registration(attacker.sessionToken, attacker.organisationId, attacker.userId, {
      idempotency: { ...key, id: randomUUID() },
    });
    expect(await call(second)).toEqual({ outcome: 'key_taken' });
    expect(await count('survivors', 'id = $1', [second.survivor.id])).toBe(0);
    expect(await count('audit_events', 'resource_id = $1', [second.survivor.id])).toBe(0);
    expect(await hitsOf(attacker.userId)).toBe(hits);
    // Another account's key of the same name is its own (row-level security: the key row is the caller's).
    const theirs = registration(attacker.sessionToken, attacker.organisationId, attacker.userId, {
      idempotency: { ...key, id: randomUUID(), userId: victim.userId, organisationId: victim.organisationId },
    });
    await expect(call(theirs)).rejects.toMatchObject({ code: '42501' });
    expect(await count('survivors', 'id = $1', [theirs.survivor.id])).toBe(0);
  });
});
