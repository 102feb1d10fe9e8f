import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REGISTRATION_RATE_LIMIT } from '../../../core/matching/blind.ts';
import { asSystem } from '../../../db/transaction.ts';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { survivorBody } from '../../../testing/casework-fixtures.ts';

/**
 * The per-account registration limit over HTTP (REGISTRATION_RATE_LIMIT: it also keeps one account from probing the
 * matching engine with registrations): a 429 problem+json with Retry-After past the limit, for the account alone, and
 * the same 429 for registrations that concurrent ones pushed over it (the hit is counted last, migration 0030).
 */
describe.each(DATABASE_KINDS)('the registration rate limit over HTTP on %s', (kind) => {
  let t: TestServer;
  let a: TestClient;
  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('ngo-a');
    a = await t.userIn('ngo-a', 'caseworker');
  });
  afterAll(async () => {
    await t?.close();
  });
  /** A registration of person `n` (a name of its own). */
  const registration = (n: number) =>
    survivorBody({ names: [{ value: `Rate Person ${n}`, script: 'Latn', preferred: true }] });

  it('refuses the registration after the per-account limit with 429 problem+json and Retry-After', async () => {
    const fast = await t.userIn('ngo-a', 'caseworker', `fast-${kind}@ngo-a.test`);
    for (let i = 0; i < REGISTRATION_RATE_LIMIT.hits; i++) {
      const res = await fast.request('POST', '/api/survivors', registration(1000 + i));
      expect(res.status, res.body).toBe(201);
    }
    const refused = await fast.request('POST', '/api/survivors', registration(5000));
    expect(refused.status).toBe(429);
    expect(String(refused.headers['content-type'])).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another account of the same organisation is not held up.
    expect((await a.request('POST', '/api/survivors', registration(5001))).status).toBe(201);
    // A minute later the account may register again.
    t.app.advance(REGISTRATION_RATE_LIMIT.windowSeconds * 1000);
    expect((await fast.request('POST', '/api/survivors', registration(5002))).status).toBe(201);
  });

  // The hit is counted last (migration 0030), so registrations of one account can pass the database's first look at
  // the count together; the ones whose hit then goes over the limit roll back and are the same 429.
  it.runIf(kind === 'postgresql')(
    'answers 429 with Retry-After to registrations that the account’s concurrent ones pushed over the limit',
    async () => {
      const email = `racer-${kind}@ngo-a.test`;
      const racer = await t.userIn('ngo-a', 'caseworker', email);
      const { id } = await asSystem(t.database, (trx) =>
        trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow(),
      );
      const registered = async () =>
        (
          await t.database.pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM survivors WHERE registered_by = $1`,
            [id],
          )
        ).rows[0]!.n;
      const hits = async () =>
        (
          await t.database.pool.query<{ hits: number }>(`SELECT hits FROM rate_limits WHERE key = $1`, [
            `register:user:${id}`,
          ])
        ).rows[0]!.hits;
      const limits = t.app.limits;
      Object.assign(t.app, { limits: { registrationsPerWindow: 2 } });
      const holder = await t.database.pool.connect();
      /** Registrations (calls of the function, alone or together in one statement) waiting for a lock. */
      const waiting = (n: number, what: string) =>
        vi.waitFor(
          async () => {
            const { rows } = await t.database.pool.query<{ n: number }>(
              `SELECT coalesce(sum(array_length(string_to_array(a.query, 'refuge_register_survivor('), 1) - 1), 0)::int AS n
               FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
               WHERE NOT l.granted AND a.datname = current_database()`,
            );
            expect(rows[0]!.n, what).toBe(n);
          },
          // Generous: on a loaded machine the requests take seconds to reach the held row.
          { timeout: 60_000, interval: 20 },
        );
      try {
        expect((await racer.request('POST', '/api/survivors', registration(6000))).status).toBe(201);
        // The account's row held. Two registrations go out as statements of their own (registrations arriving while
        // others are written wait to be written together; two statements are in flight at a time): each reads the
        // count (1, under the limit of 2), writes its rows and waits to count its hit. Two more wait behind them.
        await holder.query('BEGIN');
        await holder.query(`SELECT 1 FROM rate_limits WHERE key = $1 FOR UPDATE`, [`register:user:${id}`]);
        const send = (i: number) => racer.request('POST', '/api/survivors', registration(6000 + i));
        const first = send(1);
        await waiting(1, 'the first registration waits for the account’s row');
        const second = send(2);
        await waiting(2, 'the second waits too, in a statement of its own (two in flight)');
        const rest = [send(3), send(4)];
        await holder.query('COMMIT');
        // One of the two counts its hit and registers; the other's hit, counted last, goes over the limit, so it
        // rolls back whole and is the same 429 (the service counts its hit again); the last two are refused early.
        const answers = await Promise.all([first, second, ...rest]);
        expect(answers.map((r) => r.status).sort()).toEqual([201, 429, 429, 429]);
        for (const refused of answers.filter((r) => r.status === 429)) {
          expect(String(refused.headers['content-type'])).toContain('application/problem+json');
          expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        }
        expect(await registered()).toBe(2);
        // Two registered, and all three refusals counted.
        expect(await hits()).toBe(5);
      } finally {
        await holder.query('ROLLBACK').catch(() => undefined);
        holder.release();
        Object.assign(t.app, { limits });
      }
    },
    120_000,
  );
});
