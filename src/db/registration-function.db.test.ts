import { randomBytes, randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DATABASE_KINDS,
  createTestApp,
  createTestDatabase,
  signedInActor,
  type TestDatabase,
} from '../testing/test-harness.ts';
import { registerInOneCall, type Registration } from './repositories/casework/registration.repository.ts';
import type { RequestActor } from '../services/context.ts';
import { registrationRows } from '../testing/registration-rows.ts';
import type { Schema } from './schema.ts';

/**
 * refuge_register_survivor (migrations 0027, 0030) called as an attacker would: straight on the request connection (on
 * PostgreSQL logged in as refuge_app), with any token and any rows. It must widen nothing: no row for another
 * organisation, no row of another survivor or case, nothing at all without a valid session, no count on another
 * account's rate limit, and an answer that says no more than refuge_app can select itself.
 */
describe.each(DATABASE_KINDS)('refuge_register_survivor against an attacker on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let attacker: RequestActor; // a caseworker of ngo A
  let victim: RequestActor; // a caseworker of ngo B
  let victimSurvivor: string;
  const at = '2026-02-15T08:00:00.000Z';

  const owner = async <T extends object>(text: string, params: unknown[] = []) =>
    (await database.pool.query<T>(text, params)).rows;
  const count = async (table: string, where: string, params: unknown[]) =>
    Number((await owner<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0]!.n);
  const registration = (token: string, org: string, userId: string, over: Partial<Registration> = {}) =>
    registrationRows(token, org, userId, over, at);
  const call = (r: Registration) => registerInOneCall(database.requestDb, r);
  const hitsOf = async (userId: string) =>
    (await owner<{ hits: number }>(`SELECT hits FROM rate_limits WHERE key = $1`, [`register:user:${userId}`]))[0]
      ?.hits ?? 0;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = await createTestApp(database);
    const [a, b] = [randomUUID(), randomUUID()];
    await owner(
      `INSERT INTO organisations(id, slug, name, kind) VALUES ($1, 'ngo-a', 'A', 'ngo'), ($2, 'ngo-b', 'B', 'ngo')`,
      [a, b],
    );
    attacker = await signedInActor(app, a);
    victim = await signedInActor(app, b);
    const mine = registration(victim.sessionToken, b, victim.userId);
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

  describe('the rate limit, counted last (migration 0030)', () => {
    const limit = { windowSeconds: 60, hits: 5 };
    /** A fresh account of A, so that its count starts at zero. */
    const freshAccount = () => signedInActor(app, attacker.organisationId);
    const own = (me: RequestActor, over: Partial<Registration> = {}) =>
      registration(me.sessionToken, me.organisationId, me.userId, { rateLimit: limit, ...over });
    const written = (me: RequestActor) => count('survivors', 'registered_by = $1', [me.userId]);
    /** `n` registrations of `me` at once, each on its own connection as refuge_app (PGlite has one: it serialises). */
    async function race(me: RequestActor, n: number, whileStarted?: () => Promise<void>) {
      const pool =
        kind === 'postgresql' ? new pg.Pool({ ...database.requestPool.options, max: n }) : database.requestPool;
      const db =
        pool === database.requestPool
          ? database.requestDb
          : new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
      try {
        const sent = Array.from({ length: n }, () => own(me));
        const outcomes = Promise.all(sent.map((r) => registerInOneCall(db, r)));
        await whileStarted?.();
        return { sent, outcomes: await outcomes };
      } finally {
        if (db !== database.requestDb) await db.destroy();
      }
    }
    const tally = (outcomes: { outcome: string }[]) =>
      outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o.outcome]: (t[o.outcome] ?? 0) + 1 }), {});

    it('lets exactly the limit through; the next is refused with nothing written but its hit', async () => {
      const me = await freshAccount();
      const victimHits = await hitsOf(victim.userId);
      // A request the checks refuse counts as well (here the first of the window).
      const unknownCompound = () =>
        own(me, { checks: { ...own(me).checks, organisationId: me.organisationId, compoundId: randomUUID() } });
      expect(await call(unknownCompound())).toMatchObject({ outcome: 'refused', checks: { compoundFound: false } });
      expect(await hitsOf(me.userId)).toBe(1);
      for (let i = 1; i < limit.hits; i++) expect(await call(own(me))).toEqual({ outcome: 'registered' });
      expect(await hitsOf(me.userId)).toBe(limit.hits);
      const over = own(me);
      expect(await call(over)).toEqual({
        outcome: 'rate_limited',
        hits: limit.hits + 1,
        resetAt: '2026-02-15T08:01:00.000Z',
      });
      for (const [table, where] of [
        ['survivors', 'id = $1'],
        ['cases', 'survivor_id = $1'],
        ['jobs', `payload->>'survivorId' = $1`],
        ['audit_events', 'resource_id = $1'],
      ] as const)
        expect(await count(table, where, [over.survivor.id]), table).toBe(0);
      expect(await count('case_events', 'case_id = $1', [over.kase.id])).toBe(0);
      expect(await hitsOf(me.userId)).toBe(limit.hits + 1);
      // Over the limit, the 429 comes before what the checks would say, and counts.
      expect(await call(unknownCompound())).toMatchObject({ outcome: 'rate_limited', hits: limit.hits + 2 });
      expect(await written(me)).toBe(limit.hits - 1);
      expect(await hitsOf(victim.userId)).toBe(victimHits);
      // When the window has passed, the account registers again and the count starts over.
      expect(await call(own(me, { now: '2026-02-15T08:01:00.000Z' }))).toEqual({ outcome: 'registered' });
      expect(await hitsOf(me.userId)).toBe(1);
    });

    it('never lets more than the limit through when registrations of one account race near it', async () => {
      const me = await freshAccount();
      const victimHits = await hitsOf(victim.userId);
      for (let i = 0; i < limit.hits - 2; i++) expect(await call(own(me))).toEqual({ outcome: 'registered' });
      const { sent, outcomes } = await race(me, limit.hits + 5);
      const t = tally(outcomes);
      expect(t['registered']).toBe(2);
      expect((t['rate_limited'] ?? 0) + (t['rate_limited_late'] ?? 0)).toBe(limit.hits + 3);
      expect(await written(me)).toBe(limit.hits);
      // Every refused registration wrote nothing; a late refusal rolled its own hit back with it.
      const refused = sent.filter((_, i) => outcomes[i]!.outcome !== 'registered').map((r) => r.survivor.id);
      expect(await count('audit_events', 'resource_id = ANY($1)', [refused])).toBe(0);
      expect(await hitsOf(me.userId)).toBe(limit.hits + (t['rate_limited'] ?? 0));
      expect(await hitsOf(victim.userId)).toBe(victimHits);
    });

    it.runIf(kind === 'postgresql')(
      'rolls back whole a registration whose hit, counted last, goes over the limit',
      async () => {
        const me = await freshAccount();
        for (let i = 0; i < limit.hits - 2; i++) expect(await call(own(me))).toEqual({ outcome: 'registered' });
        // The account's row held elsewhere: every registration reads the count (3), writes its rows, and waits to
        // count its hit; released, they count one after another.
        const holder = await database.pool.connect();
        const n = limit.hits + 5;
        let result: Awaited<ReturnType<typeof race>>;
        try {
          await holder.query('BEGIN');
          await holder.query(`SELECT 1 FROM rate_limits WHERE key = $1 FOR UPDATE`, [`register:user:${me.userId}`]);
          result = await race(me, n, async () => {
            await vi.waitFor(
              async () => {
                const waiting = await owner<{ n: number }>(
                  `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                   WHERE NOT l.granted AND a.datname = current_database()`,
                );
                expect(waiting[0]!.n).toBe(n);
              },
              { timeout: 20_000, interval: 20 },
            );
            // While they wait, their rows are written but not committed: nobody else sees them.
            expect(await written(me)).toBe(limit.hits - 2);
            await holder.query('COMMIT');
          });
        } finally {
          await holder.query('ROLLBACK').catch(() => undefined);
          holder.release();
        }
        const { sent, outcomes } = result;
        expect(tally(outcomes)).toEqual({ registered: 2, rate_limited_late: n - 2 });
        expect(await written(me)).toBe(limit.hits);
        const late = sent.filter((_, i) => outcomes[i]!.outcome === 'rate_limited_late');
        for (const r of late) {
          expect(await count('survivors', 'id = $1', [r.survivor.id])).toBe(0);
          expect(await count('jobs', 'id = $1', [r.job.id])).toBe(0);
          expect(await count('follow_ups', 'id = $1', [r.followUp.id])).toBe(0);
          expect(await count('audit_events', 'resource_id = $1', [r.survivor.id])).toBe(0);
        }
        // The late ones' hits rolled back with them (the service counts each again: routes test).
        expect(await hitsOf(me.userId)).toBe(limit.hits);
        // The next one is refused early, and counted.
        expect(await call(own(me))).toMatchObject({ outcome: 'rate_limited', hits: limit.hits + 1 });
      },
    );

    it.runIf(kind === 'postgresql')(
      'registers, counted once, when the window turned over between its look at the count and its hit',
      async () => {
        const me = await freshAccount();
        for (let i = 0; i < limit.hits; i++) expect(await call(own(me))).toEqual({ outcome: 'registered' });
        const key = `register:user:${me.userId}`;
        // Another request starts a new window while this one is between its look (at the limit) and its hit.
        const holder = await database.pool.connect();
        let answer: Promise<unknown>;
        try {
          await holder.query('BEGIN');
          await holder.query(`UPDATE rate_limits SET hits = 1, window_start = '2026-02-15T08:00:20Z' WHERE key = $1`, [
            key,
          ]);
          answer = call(own(me, { now: '2026-02-15T08:00:30.000Z' }));
          await vi.waitFor(
            async () => {
              const waiting = await owner<{ n: number }>(
                `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                 WHERE NOT l.granted AND a.datname = current_database()`,
              );
              expect(waiting[0]!.n).toBe(1);
            },
            { timeout: 20_000, interval: 20 },
          );
          await holder.query('COMMIT');
        } finally {
          await holder.query('ROLLBACK').catch(() => undefined);
          holder.release();
        }
        expect(await answer).toEqual({ outcome: 'registered' });
        expect(await hitsOf(me.userId)).toBe(2);
        expect(await written(me)).toBe(limit.hits + 1);
      },
    );

    it('peeks only at the caller’s own count, and not without a session', async () => {
      const me = await freshAccount();
      await call(own(me));
      const peek = async (token: string) => {
        const c = await database.requestPool.connect();
        try {
          await c.query('BEGIN');
          await c.query(`SELECT set_config('refuge.session_token', $1, true)`, [token]);
          return (await c.query<{ hits: number }>(`SELECT hits FROM refuge_registration_peek($1, 60)`, [at])).rows[0];
        } finally {
          await c.query('ROLLBACK');
          c.release();
        }
      };
      expect(await peek(me.sessionToken)).toEqual({ hits: 1 });
      expect(await peek(victim.sessionToken)).toEqual({ hits: await hitsOf(victim.userId) });
      await expect(peek(randomBytes(32).toString('base64url'))).rejects.toMatchObject({ code: '42501' });
      // It only reads: the count is unchanged.
      expect(await hitsOf(me.userId)).toBe(1);
    });
  });
});
