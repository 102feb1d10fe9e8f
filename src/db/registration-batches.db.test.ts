import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, signedInActor } from '../testing/test-harness.ts';
import { registrationRows, registrationWorld, type RegistrationWorld } from '../testing/registration-rows.ts';
import {
  registerInBatch,
  registerInOneCall,
  type Registration,
} from './repositories/casework/registration.repository.ts';
import type { RequestActor } from '../services/context.ts';

/**
 * Registrations sent together (registerInBatch: one statement, one transaction for whatever arrives while earlier
 * ones are written) must each be what it would be alone: its own actor, organisation, audit entry and answer — and one
 * registration that fails, whether by mistake or by an attacker's design, must cost the others nothing.
 * Calls made in the same turn of the event loop go out as one batch; rows one transaction wrote share its xmin, which
 * is how these tests know a batch happened.
 */
describe.each(DATABASE_KINDS)('registrations sent together on %s', (kind) => {
  let database: RegistrationWorld['database'];
  let attacker: RequestActor; // a caseworker of ngo A
  let victim: RequestActor; // a caseworker of ngo B
  let colleague: RequestActor; // another caseworker of ngo B
  let owner: RegistrationWorld['owner'];

  const rowsOf = (me: RequestActor, over: Partial<Registration> = {}) =>
    registrationRows(me.sessionToken, me.organisationId, me.userId, over);
  /** Per survivor id: the transaction that wrote it, its organisation and who registered it. */
  const written = async (ids: string[]) =>
    new Map(
      (
        await owner<{ id: string; tx: string; organisation_id: string; registered_by: string }>(
          `SELECT id, xmin::text AS tx, organisation_id, registered_by FROM survivors WHERE id = ANY($1)`,
          [ids],
        )
      ).map((r) => [r.id, r]),
    );
  const auditActors = async (ids: string[]) =>
    new Map(
      (
        await owner<{ resource_id: string; actor_user_id: string; organisation_id: string }>(
          `SELECT resource_id, actor_user_id, organisation_id FROM audit_events WHERE resource_id = ANY($1)`,
          [ids],
        )
      ).map((r) => [r.resource_id, r]),
    );

  beforeAll(async () => {
    let app: RegistrationWorld['app'];
    ({ database, app, attacker, victim, owner } = await registrationWorld(kind));
    colleague = await signedInActor(app, victim.organisationId);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('writes each registration of a batch as its own actor, in one transaction', async () => {
    const sent = [attacker, victim, colleague, attacker, victim, colleague, attacker, victim].map((me) => ({
      me,
      rows: rowsOf(me),
    }));
    const outcomes = await Promise.all(sent.map((s) => registerInBatch(database.requestDb, s.rows)));
    expect(outcomes).toEqual(sent.map(() => ({ outcome: 'registered' })));
    const ids = sent.map((s) => s.rows.survivor.id);
    const rows = await written(ids);
    const audit = await auditActors(ids);
    for (const { me, rows: r } of sent) {
      expect(rows.get(r.survivor.id)).toMatchObject({ organisation_id: me.organisationId, registered_by: me.userId });
      expect(audit.get(r.survivor.id)).toMatchObject({ actor_user_id: me.userId, organisation_id: me.organisationId });
    }
    // Sent in one turn, written in one transaction (one commit for all eight).
    expect(new Set([...rows.values()].map((r) => r.tx)).size).toBe(1);
    // Row-level security saw each under its own session: A's session reads none of B's new survivors.
    const c = await database.requestPool.connect();
    try {
      await c.query('BEGIN');
      // As the function sets it (on PGlite the connection is the owner's until then).
      await c.query(`SELECT set_config('refuge.session_token', $1, true), set_config('role', 'refuge_app', true)`, [
        attacker.sessionToken,
      ]);
      const seen = await c.query<{ id: string }>(`SELECT id FROM survivors WHERE id = ANY($1)`, [ids]);
      expect(new Set(seen.rows.map((r) => r.id))).toEqual(
        new Set(sent.filter((s) => s.me === attacker).map((s) => s.rows.survivor.id)),
      );
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });

  it('answers a refusal in a batch to that registration only, the others written with it', async () => {
    const refused = rowsOf(attacker, {
      checks: { ...rowsOf(attacker).checks, compoundId: randomUUID() }, // no such compound
    });
    const good = [rowsOf(victim), rowsOf(colleague)];
    const [first, ...rest] = await Promise.all([refused, ...good].map((r) => registerInBatch(database.requestDb, r)));
    expect(first).toMatchObject({ outcome: 'refused', checks: { compoundFound: false } });
    expect(rest).toEqual([{ outcome: 'registered' }, { outcome: 'registered' }]);
    const rows = await written([refused.survivor.id, ...good.map((r) => r.survivor.id)]);
    expect(rows.has(refused.survivor.id)).toBe(false);
    expect(new Set([...rows.values()].map((r) => r.tx)).size).toBe(1);
  });

  it("costs the others nothing when one registration fails the statement (an attacker's rows for B)", async () => {
    // A's session sending rows for B's organisation: row-level security refuses them (42501), alone or together.
    const forged = registrationRows(attacker.sessionToken, victim.organisationId, victim.userId);
    const alone = await registerInOneCall(database.requestDb, forged).catch((e: unknown) => e);
    expect(alone).toMatchObject({ code: '42501' });
    const forgedAgain = registrationRows(attacker.sessionToken, victim.organisationId, victim.userId);
    const good = [rowsOf(victim), rowsOf(attacker), rowsOf(colleague)];
    const settled = await Promise.allSettled(
      [good[0]!, forgedAgain, good[1]!, good[2]!].map((r) => registerInBatch(database.requestDb, r)),
    );
    expect(settled[1]).toMatchObject({ status: 'rejected', reason: { code: '42501' } });
    for (const i of [0, 2, 3]) expect(settled[i]).toEqual({ status: 'fulfilled', value: { outcome: 'registered' } });
    const rows = await written([forged.survivor.id, forgedAgain.survivor.id, ...good.map((r) => r.survivor.id)]);
    expect(rows.size).toBe(3);
    for (const r of good) expect(rows.get(r.survivor.id)).toMatchObject({ organisation_id: r.survivor.organisationId });
  });

  it('keeps an Idempotency-Key once when two registrations in one batch bring it', async () => {
    const key = {
      id: randomUUID(),
      userId: victim.userId,
      organisationId: victim.organisationId,
      key: `batch-${randomUUID()}`,
      operation: 'POST /api/survivors',
      responseStatus: 201,
      recordEnc: 'sealed',
      createdAt: '2026-02-15T08:00:00.000Z',
    };
    const twice = [rowsOf(victim, { idempotency: key }), rowsOf(victim, { idempotency: { ...key, id: randomUUID() } })];
    const outcomes = await Promise.all(
      [...twice, rowsOf(colleague)].map((r) => registerInBatch(database.requestDb, r)),
    );
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['key_taken', 'registered', 'registered']);
    const rows = await written(twice.map((r) => r.survivor.id));
    expect(rows.size).toBe(1);
  });

  it('inside a caller’s transaction, a registration is part of it (rolled back with it)', async () => {
    const r = rowsOf(victim);
    await database.requestDb
      .transaction()
      .execute(async (trx) => {
        expect(await registerInBatch(trx, r)).toEqual({ outcome: 'registered' });
        throw new Error('roll back');
      })
      .catch((e: unknown) => expect(e).toMatchObject({ message: 'roll back' }));
    expect((await written([r.survivor.id])).size).toBe(0);
  });
});
