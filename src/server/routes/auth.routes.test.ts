import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { currentTotpCode } from '../../services/second-factor.service.ts';
import { LOCKOUT_AFTER_FAILURES } from '../../services/auth.service.ts';
import { createTestServer, TEST_PASSWORD, type TestServer } from '../../testing/test-server.ts';
import { register } from '../../testing/casework-fixtures.ts';

describe.each(DATABASE_KINDS)('sign-in and sessions on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await createTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs in with an httpOnly SameSite=Strict cookie and returns the session', async () => {
    await t.userIn('ngo-one', 'caseworker', 'ana@ngo-one.test');
    const res = await t.server.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'ANA@ngo-one.test', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(res.json().secondFactor).toBe('not_needed');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('sends the security headers on every answer: JSON, a problem, an unknown path', async () => {
    const answers = [
      await t.server.inject({ method: 'GET', url: '/api/health' }),
      await t.server.inject({ method: 'GET', url: '/api/cases' }),
      await t.server.inject({ method: 'GET', url: '/api/no-such-thing' }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 404]);
    for (const res of answers) {
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("object-src 'none'");
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
    }
  });

  it('rotates the session token on sign-in and discards the old one', async () => {
    const first = await t.signIn('ana@ngo-one.test');
    const res = await t.server.inject({
      method: 'POST',
      url: '/api/session',
      headers: { cookie: first.cookie },
      payload: { email: 'ana@ngo-one.test', password: TEST_PASSWORD },
    });
    const second = String(res.headers['set-cookie']).split(';')[0];
    expect(second).not.toBe(first.cookie);
    expect((await first.request('GET', '/api/session')).status).toBe(401);
  });

  it('answers a wrong password with 401 and the same message as an unknown email', async () => {
    const wrong = await t.anonymous().request('POST', '/api/session', { email: 'ana@ngo-one.test', password: 'nope' });
    const unknown = await t
      .anonymous()
      .request('POST', '/api/session', { email: 'nobody@ngo-one.test', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.detail).toBe(unknown.json.detail);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    await t.userIn('ngo-one', 'caseworker', 'lock@ngo-one.test');
    for (let i = 0; i < LOCKOUT_AFTER_FAILURES; i++) {
      expect(
        (await t.anonymous().request('POST', '/api/session', { email: 'lock@ngo-one.test', password: 'wrong' })).status,
      ).toBe(401);
    }
    // Locked: the same answer as an unknown account (status and body), so the lock tells an attacker nothing.
    const locked = await t
      .anonymous()
      .request('POST', '/api/session', { email: 'lock@ngo-one.test', password: TEST_PASSWORD });
    const unknown = await t
      .anonymous()
      .request('POST', '/api/session', { email: 'nobody-at-all@ngo-one.test', password: TEST_PASSWORD });
    expect(locked.status).toBe(401);
    expect({ ...locked.json, requestId: null }).toEqual({ ...unknown.json, requestId: null });
    t.app.advance(16 * 60_000);
    expect(
      (await t.anonymous().request('POST', '/api/session', { email: 'lock@ngo-one.test', password: TEST_PASSWORD }))
        .status,
    ).toBe(200);
  });

  it('refuses state-changing requests without the CSRF token', async () => {
    const c = await t.signIn('ana@ngo-one.test');
    const res = await t.server.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: c.cookie } });
    expect(res.statusCode).toBe(403);
    expect((await c.request('GET', '/api/session')).status).toBe(200);
    expect((await c.request('DELETE', '/api/session')).status).toBe(200);
    expect((await c.request('GET', '/api/session')).status).toBe(401);
  });

  it('signs out everywhere', async () => {
    const a = await t.signIn('ana@ngo-one.test');
    const b = await t.signIn('ana@ngo-one.test');
    expect((await a.request('DELETE', '/api/session?everywhere=true')).status).toBe(200);
    expect((await b.request('GET', '/api/session')).status).toBe(401);
  });

  it('requires a TOTP code after enrolment, and only the right one opens the session', async () => {
    const c = await t.userIn('ngo-two', 'caseworker', 'totp@ngo-two.test');
    const enrol = await c.request('POST', '/api/session/totp/enrolment');
    expect(enrol.status).toBe(200);
    expect(enrol.json.uri).toMatch(/^otpauth:\/\/totp\//);
    expect((await c.request('POST', '/api/session/totp/enrolment/confirm', { code: '000000' })).status).toBe(422);
    const ok = await c.request('POST', '/api/session/totp/enrolment/confirm', {
      code: currentTotpCode(enrol.json.secret, t.app.now()),
    });
    expect(ok.status).toBe(200);

    t.app.advance(30_000); // the enrolment code was spent: the next sign-in needs the next code
    const fresh = await t.signIn('totp@ngo-two.test');
    expect((await fresh.request('GET', '/api/session')).json.secondFactor).toBe('required');
    expect((await fresh.request('GET', '/api/home')).status).toBe(403);
    expect((await fresh.request('POST', '/api/session/totp', { code: '12345' })).status).toBe(400);
    const wrongCode = String((Number(currentTotpCode(enrol.json.secret, t.app.now())) + 500_000) % 1_000_000).padStart(
      6,
      '0',
    );
    expect((await fresh.request('POST', '/api/session/totp', { code: wrongCode })).status).toBe(401);
    const passed = await fresh.request('POST', '/api/session/totp', {
      code: currentTotpCode(enrol.json.secret, t.app.now()),
    });
    expect(passed.json.secondFactor).toBe('passed');
    expect((await fresh.request('GET', '/api/home')).status).toBe(200);
  });

  it("makes a user of an organisation that requires TOTP enrol first; demo-style exempt users don't", async () => {
    const { setOrganisationRequireTotp } = await import('../../db/repositories/accounts.repository.ts');
    const { asSystem } = await import('../../db/transaction.ts');
    const id = await t.org('strict-ngo');
    await asSystem(t.database, (trx) => setOrganisationRequireTotp(trx, id, true));
    const c = await t.userIn('strict-ngo', 'caseworker');
    expect((await c.request('GET', '/api/session')).json.secondFactor).toBe('enrolment_required');
    expect((await c.request('GET', '/api/home')).status).toBe(403);
  });

  it('switches organisation only to one the user belongs to', async () => {
    const c = await t.signIn('ana@ngo-one.test');
    const other = await t.org('not-mine');
    const res = await c.request('PUT', '/api/session/organisation', { organisationId: other });
    expect(res.status).toBe(403);
  });

  it('names each bad field, and answers unknown routes 404, wrong methods 405, huge bodies 413', async () => {
    const bad = await t.anonymous().request('POST', '/api/session', { email: 'not-an-email', password: 7 });
    expect(bad.status).toBe(400);
    expect(bad.json.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['body.email', 'body.password']);
    expect((await t.anonymous().request('GET', '/api/nothing-here')).status).toBe(404);
    const wrongMethod = await t.anonymous().request('PATCH', '/api/health');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toContain('GET');
    const huge = await t.server.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2_000_000) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toContain('application/problem+json');
    const notJson = await t.server.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a',
    });
    expect(notJson.statusCode).toBe(415);
  });

  it('serves health and the OpenAPI description', async () => {
    const health = await t.anonymous().request('GET', '/api/health');
    expect(health.json).toMatchObject({ status: 'ok', database: kind, version: 'test' });
    // What a committed write survives is said, not assumed: PGlite has no fsync (README › Durability).
    expect(health.json.durability.processCrash).toBe(true);
    expect(health.json.durability.powerLoss).toBe(kind === 'postgresql');
    const spec = await t.anonymous().request('GET', '/api/openapi.json');
    expect(spec.json.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.json.paths)).toContain('/api/session');
    // Edits that take If-Match say so, with the 409 an old version gets; every operation documents the 503.
    const patchRisk = spec.json.paths['/api/cases/{id}/risk'].patch;
    expect(patchRisk.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toContain(
      'header:if-match',
    );
    expect(Object.keys(patchRisk.responses)).toEqual(expect.arrayContaining(['409', '503']));
  });
});

describe('compression', () => {
  // The server is made in a hook (hookTimeout): a new PGlite database takes long on a loaded machine.
  let t: TestServer;
  beforeAll(async () => {
    t = await createTestServer('pglite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('compresses large JSON when the client accepts it', async () => {
    const res = await t.server.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('compresses a page of the triage board in one piece: a Content-Length, not a chunked stream', async () => {
    const cw = await t.userIn('compress-ngo', 'caseworker');
    // Care-first needs: each registration opens some, so the first page is well above the 8 KiB where the plugin
    // would otherwise switch to a compression stream on two cores.
    for (let i = 0; i < 20; i++) await register(cw, { ageBand: 'under_18', protection: { pregnant: true } });
    const res = await t.server.inject({
      method: 'GET',
      url: '/api/triage?limit=50',
      headers: { cookie: cw.cookie, 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const json = gunzipSync(res.rawPayload).toString('utf8');
    expect(json.length).toBeGreaterThan(8 * 1024);
    expect(JSON.parse(json).items.length).toBeGreaterThan(0);
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
  });
});

describe.each(DATABASE_KINDS)('organisation directory on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('clinic-a', 'clinic');
    await t.org('clinic-b', 'clinic');
    await t.org('embassy-id', 'embassy', ['ID']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists organisations by kind and name, paginated, only to signed-in users', async () => {
    expect((await t.anonymous().request('GET', '/api/organisations')).status).toBe(401);
    const c = await t.userIn('ngo-x', 'caseworker');
    const clinics = await c.request('GET', '/api/organisations?kind=clinic&limit=1');
    expect(clinics.status).toBe(200);
    expect(clinics.json.items.map((o: { name: string }) => o.name)).toEqual(['clinic-a']);
    const next = await c.request('GET', `/api/organisations?kind=clinic&limit=1&cursor=${clinics.json.nextCursor}`);
    expect(next.json.items.map((o: { name: string }) => o.name)).toEqual(['clinic-b']);
    expect(next.json.nextCursor).toBeNull();
    const embassies = await c.request('GET', '/api/organisations?kind=embassy');
    expect(embassies.json.items[0].nationalitiesServed).toEqual(['ID']);
    expect((await c.request('GET', '/api/organisations?q=clinic-b')).json.items).toHaveLength(1);
    expect((await c.request('GET', '/api/organisations?cursor=garbage')).status).toBe(422);
    expect(Object.keys(clinics.json.items[0]).sort()).toEqual(['city', 'id', 'kind', 'name', 'nationalitiesServed']);
  });
});
