import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASE_KINDS,
  createTestApp,
  createTestDatabase,
  signedInActor,
  type TestDatabase,
} from '../testing/test-harness.ts';
import { asInjection as injected, countVisible as count } from '../testing/sql-injection.ts';
import { asActor } from './transaction.ts';
import { hashToken, issueServiceSession } from '../services/sessions.service.ts';
import { JobRunner } from '../services/jobs.service.ts';
import { loadDemo } from '../services/demo/load.ts';
import type { RequestActor } from '../services/context.ts';

/**
 * Who the request connection acts as, tried as an SQL injection would (database-trust.db.test.ts tries the tables):
 * it cannot mint or read sessions or call the lookup behind the actor functions, a background job acts through a
 * session of its own, and on PostgreSQL the connection is refuge_app and cannot become anyone else. On PGlite (one
 * superuser backend) an injected RESET ROLE escapes: README › Database trust; the last test pins that down.
 */
describe.each(DATABASE_KINDS)('the request role on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let victim: string; // the demo organisation holding the most survivors
  const tokens: Record<string, string> = {};
  const asInjection = <T>(setup: Parameters<typeof injected>[1], fn: Parameters<typeof injected<T>>[2]) =>
    injected(database, setup, fn);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = await createTestApp(database, { now: new Date('2026-02-20T08:00:00Z') });
    await loadDemo(app, { seed: 11, survivors: 40 });
    victim = (
      await database.pool.query<{ id: string }>(
        'SELECT organisation_id AS id FROM survivors GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
      )
    ).rows[0]!.id;
    tokens.victim = (await signedInActor(app, victim, ['admin'])).sessionToken;
  }, 600_000);
  afterAll(async () => {
    await database?.drop();
  });

  it('refuge_app cannot mint a session, read one, or call the lookup behind the actor functions', async () => {
    const token = randomBytes(32).toString('base64url');
    await expect(
      asInjection({}, (c) =>
        c.query(
          `INSERT INTO sessions(token_hash, user_id, organisation_id, csrf_token, expires_at) SELECT $1, user_id, organisation_id, 'x', now() + interval '1 day' FROM memberships LIMIT 1`,
          [hashToken(token)],
        ),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asInjection({ token: tokens.victim }, (c) => c.query('SELECT token_hash FROM sessions')),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asInjection({ token: tokens.victim }, (c) => c.query('SELECT * FROM refuge_session_actor()')),
    ).rejects.toThrow(/permission denied/);
    // Nor the owner's session lookup (migration 0033), which returns the session's CSRF token and the user's row.
    await expect(
      asInjection({ token: tokens.victim }, (c) =>
        c.query('SELECT * FROM refuge_session_bundle($1)', [hashToken(tokens.victim!)]),
      ),
    ).rejects.toThrow(/permission denied/);
    // A temporary table cannot stand in for sessions inside the SECURITY DEFINER lookup.
    const shadowed = await asInjection({ token }, async (c) => {
      await c
        .query(
          'CREATE TEMP TABLE sessions (token_hash text, user_id uuid, organisation_id uuid, second_factor_passed boolean, db_expires_at timestamptz)',
        )
        .catch(() => undefined);
      await c
        .query(
          `INSERT INTO pg_temp.sessions SELECT $1, user_id, organisation_id, true, now() + interval '1 day' FROM memberships WHERE organisation_id = $2 LIMIT 1`,
          [hashToken(token), victim],
        )
        .catch(() => undefined);
      return count(c, 'survivors');
    });
    expect(shadowed).toBe(0);
  });

  it('a background job acts for its creator through a session the runner issues and removes', async () => {
    const creator = await signedInActor(app, victim, ['caseworker']);
    const jobId = app.newId();
    await database.pool.query(
      `INSERT INTO jobs(id, kind, organisation_id, created_by) VALUES ($1, 'test.as-creator', $2, $3)`,
      [jobId, victim, creator.userId],
    );
    let seen = -1;
    let used: RequestActor | null = null;
    const runner = new JobRunner(app, {
      'test.as-creator': async (_job, tools) => {
        used = await tools.creator();
        seen = await asActor(
          app.database,
          used!,
          async (trx) => (await trx.selectFrom('survivors').select('id').execute()).length,
        );
      },
    });
    expect(await runner.runOnce()).toBe(true);
    expect(seen).toBeGreaterThan(0);
    expect(used!.sessionToken).not.toBe(creator.sessionToken);
    // The job's session is gone: its token now opens nothing.
    expect(await asInjection({ token: used!.sessionToken }, (c) => count(c, 'survivors'))).toBe(0);
    // A job queued by the system has no creator to act for.
    expect(await issueServiceSession(app, { userId: app.newId(), organisationId: victim, minutes: 5 })).toBeNull();
  });

  it.skipIf(kind === 'pglite')(
    'PostgreSQL: the request pool logs in as refuge_app, no superuser, no BYPASSRLS, and cannot become the owner',
    async () => {
      const c = await database.requestPool.connect();
      try {
        const who = (
          await c.query(`SELECT session_user AS s, current_user AS u, r.rolsuper AS sup, r.rolbypassrls AS bypass, r.rolinherit AS inherit,
          pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'public.survivors'::regclass), 'MEMBER') AS owner_member,
          (SELECT count(*)::int FROM pg_auth_members am WHERE am.member = r.oid) AS memberships
        FROM pg_roles r WHERE r.rolname = session_user`)
        ).rows[0];
        expect(who).toEqual({
          s: 'refuge_app',
          u: 'refuge_app',
          sup: false,
          bypass: false,
          inherit: false,
          owner_member: false,
          memberships: 0,
        });
        const owner = (
          await database.pool.query(
            `SELECT pg_get_userbyid(relowner) AS o FROM pg_class WHERE oid = 'public.survivors'::regclass`,
          )
        ).rows[0].o as string;
        for (const target of new Set([owner, 'postgres'])) {
          await expect(c.query(`SET ROLE ${target}`)).rejects.toThrow(/permission denied/);
          await expect(c.query(`SET SESSION AUTHORIZATION ${target}`)).rejects.toThrow(/permission denied/);
          await expect(c.query(`SELECT set_config('role', '${target}', false)`)).rejects.toThrow(/permission denied/);
        }
        await c.query('RESET ROLE');
        await c.query('RESET SESSION AUTHORIZATION');
        expect((await c.query('SELECT current_user AS u')).rows[0].u).toBe('refuge_app');
        await c.query(`SELECT set_config('refuge.org_id', $1, false)`, [victim]);
        expect(await count(c, 'survivors')).toBe(0);
        expect(await count(c, 'audit_events')).toBe(0);
        await expect(c.query('ALTER TABLE survivors NO FORCE ROW LEVEL SECURITY')).rejects.toThrow(/must be owner/);
        await expect(c.query('ALTER TABLE survivors DISABLE ROW LEVEL SECURITY')).rejects.toThrow(/must be owner/);
      } finally {
        await c.query('RESET ALL').catch(() => undefined);
        c.release();
      }
    },
  );

  it.skipIf(kind === 'postgresql')(
    'PGlite: one superuser backend, so an injected RESET ROLE escapes (the documented limitation)',
    async () => {
      // PGlite runs a single backend as its superuser; asActor can only SET LOCAL ROLE there. This pins
      // down what the README says PGlite cannot enforce: production belongs on PostgreSQL.
      const escaped = await asInjection({}, async (c) => {
        await c.query('RESET ROLE');
        return {
          user: (await c.query('SELECT current_user AS u')).rows[0].u as string,
          survivors: await count(c, 'survivors'),
        };
      });
      expect(escaped.user).toBe('postgres');
      expect(escaped.survivors).toBeGreaterThan(0);
    },
  );
});
