import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { asSystem } from '../../db/transaction.ts';
import { setOrganisationRequireTotp } from '../../db/repositories/accounts.repository.ts';
import { createUser } from '../../services/accounts.service.ts';
import { currentTotpCode } from '../../services/second-factor.service.ts';
import { LOGIN_LIMIT_PER_IP } from '../../services/auth.service.ts';
import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_HOURS } from '../../services/sessions.service.ts';
import { buildServer } from '../app.ts';
import { createTestServer, TEST_PASSWORD, type TestClient, type TestServer } from '../../testing/test-server.ts';

const NEW_PASSWORD = 'a river of quiet lanterns';

describe.each(DATABASE_KINDS)('production sign-in defaults on %s', (kind) => {
  let t: TestServer;
  let behindProxy: FastifyInstance;
  beforeAll(async () => {
    t = await createTestServer(kind);
    behindProxy = await buildServer({
      app: t.app,
      version: 'test',
      secureCookies: false,
      trustProxyHops: 1,
      webRoot: null,
    });
    await behindProxy.ready();
  });
  afterAll(async () => {
    await behindProxy?.close();
    await t?.close();
  });

  const signInVia = (
    server: FastifyInstance,
    email: string,
    password: string,
    headers: Record<string, string> = {},
    remoteAddress = '127.0.0.1',
  ) => server.inject({ method: 'POST', url: '/api/session', remoteAddress, headers, payload: { email, password } });

  it('sets Secure cookies over HTTPS reported by a trusted proxy, and ignores the header from anyone else', async () => {
    await t.userIn('ngo-cookie', 'caseworker', 'cookie@ngo-cookie.test');
    const spoofed = await signInVia(t.server, 'cookie@ngo-cookie.test', TEST_PASSWORD, {
      'x-forwarded-proto': 'https',
    });
    expect(String(spoofed.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
    const proxied = await signInVia(behindProxy, 'cookie@ngo-cookie.test', TEST_PASSWORD, {
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '198.51.100.4',
    });
    expect(proxied.statusCode).toBe(200);
    expect(String(proxied.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    expect(String(proxied.headers['set-cookie'])).toMatch(new RegExp(`Max-Age=${SESSION_ABSOLUTE_HOURS * 3600}`));
  });

  it('limits failed sign-ins per address only: successes do not count, and a forged X-Forwarded-For does not buy new addresses', async () => {
    await t.userIn('ngo-limit', 'caseworker', 'busy@ngo-limit.test');
    // A busy office behind one address signs in more often than the limit: all fine.
    for (let i = 0; i < LOGIN_LIMIT_PER_IP.hits + 5; i++) {
      expect((await signInVia(t.server, 'busy@ngo-limit.test', TEST_PASSWORD, {}, '192.0.2.10')).statusCode).toBe(200);
    }
    // A guesser writing a new X-Forwarded-For each time: not trusted without REFUGE_TRUST_PROXY, so one address.
    for (let i = 0; i < LOGIN_LIMIT_PER_IP.hits; i++) {
      expect(
        (
          await signInVia(
            t.server,
            `guess${i}@ngo-limit.test`,
            'wrong-password',
            { 'x-forwarded-for': `203.0.113.${i}` },
            '192.0.2.66',
          )
        ).statusCode,
      ).toBe(401);
    }
    expect(
      (
        await signInVia(
          t.server,
          'busy@ngo-limit.test',
          TEST_PASSWORD,
          { 'x-forwarded-for': '203.0.113.250' },
          '192.0.2.66',
        )
      ).statusCode,
    ).toBe(429);
    expect((await signInVia(t.server, 'busy@ngo-limit.test', TEST_PASSWORD, {}, '192.0.2.10')).statusCode).toBe(200);
  });

  it('behind one trusted proxy, takes the address that proxy saw and nothing a client wrote to the left of it', async () => {
    const proxy = '10.0.0.2';
    for (let i = 0; i < LOGIN_LIMIT_PER_IP.hits; i++) {
      const res = await signInVia(
        behindProxy,
        `guess${i}@ngo-limit.test`,
        'wrong-password',
        { 'x-forwarded-for': `198.18.0.${i}, 198.51.100.77` },
        proxy,
      );
      expect(res.statusCode).toBe(401);
    }
    expect(
      (
        await signInVia(
          behindProxy,
          'busy@ngo-limit.test',
          TEST_PASSWORD,
          { 'x-forwarded-for': '198.18.9.9, 198.51.100.77' },
          proxy,
        )
      ).statusCode,
    ).toBe(429);
    // Another client through the same proxy is not punished for the guesser.
    expect(
      (
        await signInVia(
          behindProxy,
          'busy@ngo-limit.test',
          TEST_PASSWORD,
          { 'x-forwarded-for': '198.51.100.78' },
          proxy,
        )
      ).statusCode,
    ).toBe(200);
  });

  it('accepts a TOTP code once: the same code replayed in another session is refused', async () => {
    const c = await t.userIn('ngo-totp', 'caseworker', 'once@ngo-totp.test');
    const enrol = await c.request('POST', '/api/session/totp/enrolment');
    expect(enrol.status).toBe(200);
    expect(
      (
        await c.request('POST', '/api/session/totp/enrolment/confirm', {
          code: currentTotpCode(enrol.json.secret, t.app.now()),
        })
      ).status,
    ).toBe(200);
    t.app.advance(30_000);
    const code = currentTotpCode(enrol.json.secret, t.app.now());
    const first = await t.signIn('once@ngo-totp.test');
    expect((await first.request('POST', '/api/session/totp', { code })).json.secondFactor).toBe('passed');
    const attacker = await t.signIn('once@ngo-totp.test');
    expect((await attacker.request('POST', '/api/session/totp', { code })).status).toBe(401);
    expect((await attacker.request('GET', '/api/home')).status).toBe(403);
  });

  it('does not let a password alone enrol a second factor where one is required: an administrator issues a one-time enrolment code', async () => {
    const orgId = await t.org('strict-shelter', 'shelter');
    await asSystem(t.database, (trx) => setOrganisationRequireTotp(trx, orgId, true));
    await createUser(t.app, {
      email: 'admin@strict-shelter.test',
      displayName: 'Admin',
      password: TEST_PASSWORD,
      memberships: [{ organisation: 'strict-shelter', role: 'admin' }],
      totpExempt: true,
    });
    const admin = await t.signIn('admin@strict-shelter.test');
    const { id: newcomerId } = await createUser(t.app, {
      email: 'new@strict-shelter.test',
      displayName: 'New',
      password: TEST_PASSWORD,
      memberships: [{ organisation: 'strict-shelter', role: 'caseworker' }],
    });

    const withPasswordOnly = await t.signIn('new@strict-shelter.test');
    expect((await withPasswordOnly.request('GET', '/api/session')).json.secondFactor).toBe('enrolment_required');
    expect((await withPasswordOnly.request('POST', '/api/session/totp/enrolment')).status).toBe(403);
    expect(
      (
        await withPasswordOnly.request('POST', '/api/session/totp/enrolment', {
          enrolmentCode: 'AAAA-BBBB-CCCC-DDDD-EEEE',
        })
      ).status,
    ).toBe(403);

    // Only an administrator of the user's own organisation can issue one.
    const outsider = await t.userIn('other-ngo', 'admin');
    expect(
      (await outsider.request('POST', `/api/members/${newcomerId}/account-codes`, { purpose: 'totp_enrolment' }))
        .status,
    ).toBe(404);
    const colleague = await t.userIn('strict-shelter', 'caseworker');
    expect(
      (await colleague.request('POST', `/api/members/${newcomerId}/account-codes`, { purpose: 'totp_enrolment' }))
        .status,
    ).toBe(403);

    const issued = await admin.request('POST', `/api/members/${newcomerId}/account-codes`, {
      purpose: 'totp_enrolment',
    });
    expect(issued.status).toBe(200);
    const enrol = await withPasswordOnly.request('POST', '/api/session/totp/enrolment', {
      enrolmentCode: issued.json.code.toLowerCase(),
    });
    expect(enrol.status).toBe(200);
    // Spent: a second use (say, by whoever read it over a shoulder) is refused.
    const again = await t.signIn('new@strict-shelter.test');
    expect(
      (await again.request('POST', '/api/session/totp/enrolment', { enrolmentCode: issued.json.code })).status,
    ).toBe(403);
    expect(
      (
        await withPasswordOnly.request('POST', '/api/session/totp/enrolment/confirm', {
          code: currentTotpCode(enrol.json.secret, t.app.now()),
        })
      ).json.secondFactor,
    ).toBe('passed');
  });

  it('refuses common and breached passwords and short ones, for new accounts and for changes', async () => {
    await expect(
      createUser(t.app, { email: 'weak@ngo-pw.test', displayName: 'Weak', password: 'password1234' }),
    ).rejects.toThrow(/not valid/);
    await expect(
      createUser(t.app, { email: 'weak@ngo-pw.test', displayName: 'Weak', password: 'Qwertyuiop123!' }),
    ).rejects.toThrow(/not valid/);
    await expect(
      createUser(t.app, { email: 'weak@ngo-pw.test', displayName: 'Weak', password: 'refuge-demo-2026' }),
    ).rejects.toThrow(/not valid/);
    await expect(
      createUser(t.app, { email: 'weak@ngo-pw.test', displayName: 'Weak', password: 'short' }),
    ).rejects.toThrow(/not valid/);
    const c = await t.userIn('ngo-pw', 'caseworker', 'pw@ngo-pw.test');
    const weak = await c.request('PUT', '/api/session/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'iloveyou2026',
    });
    expect(weak.status).toBe(422);
    expect(weak.json.invalidParams ?? weak.json.fields ?? weak.json).toBeTruthy();
  });

  it('changes a password only with the current one, and signs out every other session', async () => {
    const mine = await t.userIn('ngo-change', 'caseworker', 'change@ngo-change.test');
    const stolen = await t.signIn('change@ngo-change.test');
    expect(
      (
        await mine.request('PUT', '/api/session/password', {
          currentPassword: 'not-my-password',
          newPassword: NEW_PASSWORD,
        })
      ).status,
    ).toBe(422);
    const changed = await mine.request('PUT', '/api/session/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(200);
    expect(changed.json.endedSessions).toBe(1);
    expect((await stolen.request('GET', '/api/home')).status).toBe(401);
    expect((await mine.request('GET', '/api/home')).status).toBe(200);
    expect((await signInVia(t.server, 'change@ngo-change.test', TEST_PASSWORD, {}, '192.0.2.90')).statusCode).toBe(401);
    expect((await signInVia(t.server, 'change@ngo-change.test', NEW_PASSWORD, {}, '192.0.2.90')).statusCode).toBe(200);
  });

  it('resets a password with an administrator-issued one-time code, ends every session, and audits both steps', async () => {
    const admin = await t.userIn('ngo-reset', 'admin', 'admin@ngo-reset.test');
    const forgetful: TestClient = await t.userIn('ngo-reset', 'caseworker', 'forgot@ngo-reset.test');
    const me = (await forgetful.request('GET', '/api/session')).json.user.id;
    expect(
      (
        await t
          .anonymous()
          .request('POST', '/api/password-reset', { code: 'AAAA-BBBB-CCCC-DDDD-EEEE', newPassword: NEW_PASSWORD })
      ).status,
    ).toBe(422);
    const issued = await admin.request('POST', `/api/members/${me}/account-codes`, { purpose: 'password_reset' });
    expect(issued.status).toBe(200);
    expect(
      (
        await t
          .anonymous()
          .request('POST', '/api/password-reset', { code: issued.json.code, newPassword: 'password12345' })
      ).status,
    ).toBe(422);
    expect(
      (
        await t
          .anonymous()
          .request('POST', '/api/password-reset', { code: issued.json.code, newPassword: NEW_PASSWORD })
      ).status,
    ).toBe(200);
    expect((await forgetful.request('GET', '/api/session')).status).toBe(401);
    expect(
      (
        await t
          .anonymous()
          .request('POST', '/api/password-reset', { code: issued.json.code, newPassword: 'yet another fine phrase' })
      ).status,
    ).toBe(422);
    expect((await signInVia(t.server, 'forgot@ngo-reset.test', NEW_PASSWORD, {}, '192.0.2.91')).statusCode).toBe(200);
    const actions = await asSystem(t.database, (trx) =>
      trx.selectFrom('audit_events').select('action').where('resource_id', '=', me).execute(),
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['user.password_reset_issued', 'auth.password_reset']),
    );
    const stored = await asSystem(t.database, (trx) => trx.selectFrom('account_tokens').select('token_hash').execute());
    expect(JSON.stringify(stored)).not.toContain(issued.json.code);
  });

  it('ends a session at its absolute lifetime even while it is in use', async () => {
    const c = await t.userIn('ngo-life', 'caseworker');
    let elapsed = 0;
    while (elapsed + SESSION_IDLE_HOURS - 1 < SESSION_ABSOLUTE_HOURS) {
      t.app.advance((SESSION_IDLE_HOURS - 1) * 3600_000);
      elapsed += SESSION_IDLE_HOURS - 1;
      expect((await c.request('GET', '/api/session')).status).toBe(200);
    }
    t.app.advance((SESSION_ABSOLUTE_HOURS - elapsed) * 3600_000);
    expect((await c.request('GET', '/api/session')).status).toBe(401);
  });
});
