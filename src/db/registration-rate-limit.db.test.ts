import { randomBytes, randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signedInActor, DATABASE_KINDS } from '../testing/test-harness.ts';
import { registrationRows, registrationWorld, type RegistrationWorld } from '../testing/registration-rows.ts';
import { registerInOneCall, type Registration } from './repositories/casework/registration.repository.ts';
import type { RequestActor } from '../services/context.ts';
import type { Schema } from './schema.ts';

/**
 * refuge_register_survivor's rate limit (migration 0030), called straight on the request connection as an attacker
 * would: the hit is counted last, so registrations of one account racing near the limit must never let more than the
 * limit through, a late refusal rolls back whole (its hit too), and the count read is only ever the caller's own.
 */
describe.each(DATABASE_KINDS)('the registration rate limit, counted last, on %s', (kind) => {
  let database: RegistrationWorld['database'];
  let app: RegistrationWorld['app'];
  let attacker: RequestActor; // a caseworker of ngo A
  let victim: RequestActor; // a caseworker of ngo B
  let owner: RegistrationWorld['owner'];
  let count: RegistrationWorld['count'];
  let hitsOf: RegistrationWorld['hitsOf'];
  const at = '2026-02-15T08:00:00.000Z';

  const registration = (token: string, org: string, userId: string, over: Partial<Registration> = {}) =>
    registrationRows(token, org, userId, over, at);
  const call = (r: Registration) => registerInOneCall(database.requestDb, r);

  beforeAll(async () => {
    ({ database, app, attacker, victim, owner, count, hitsOf } = await registrationWorld(kind));
    // B has registered before: its count must not move whatever A does.
    expect(await call(registration(victim.sessionToken, victim.organisationId, victim.userId))).toEqual({
      outcome: 'registered',
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

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
