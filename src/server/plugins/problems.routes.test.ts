import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../testing/casework-fixtures.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The web's English wording of problem codes: read as data, a cross-check that every code sent is worded there. */
const enServer = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'web', 'i18n', 'server', 'en.json'), 'utf8'),
) as Record<'error' | 'field', Record<string, string>>;
const known = (group: 'error' | 'field', code: string) => {
  const words = enServer[group];
  return code in words || (`${code}_one` in words && `${code}_other` in words);
};

/**
 * Problems carry a stable `code` and its `params` beside the English detail and reasons, so clients can word them in
 * the reader's language (web namespace `server`: error.<code>, field.<code>).
 */
describe('problem codes', () => {
  let t: TestServer;
  let worker: TestClient;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestServer('pglite');
    worker = await t.userIn('codes-ngo', 'caseworker');
    ({ caseId } = await register(worker));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a validation error names each field reason by code, with its values, and keeps the English', async () => {
    const res = await worker.request('POST', `/api/cases/${caseId}/needs`, {
      priority: 'normal',
      note: 'x'.repeat(2001),
      colour: 'red',
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'validation', params: {}, detail: 'some fields are not valid' });
    const byName = Object.fromEntries(
      (res.json.invalidParams as { name: string; reason: string; code?: string; params?: object }[]).map((p) => [
        p.name,
        p,
      ]),
    );
    expect(byName['body.kind']).toMatchObject({ code: 'required', params: {} });
    expect(byName['body.note']).toMatchObject({ code: 'too_big_string', params: { count: 2000 } });
    expect(byName['body.note']!.reason).toMatch(/2000/);
    expect(byName.body).toMatchObject({ code: 'unrecognized_keys', params: { keys: ['colour'], count: 1 } });
    for (const p of Object.values(byName)) expect(known('field', p.code!), p.code).toBe(true);
  });

  it('the common refusals carry their codes (signed out, not found, no such route, stale version)', async () => {
    const signedOut = await t.anonymous().request('GET', `/api/cases/${caseId}`);
    expect(signedOut.status).toBe(401);
    expect(signedOut.json.code).toBe('unauthorized');
    const missing = await worker.request('GET', '/api/cases/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('not_found');
    const noRoute = await worker.request('GET', '/api/no-such-thing');
    expect(noRoute.json).toMatchObject({ status: 404, code: 'no_such_resource' });
    await worker.request('PATCH', `/api/cases/${caseId}/risk`, { riskLevel: 'high' }, { 'if-match': '"1"' });
    const stale = await worker.request(
      'PATCH',
      `/api/cases/${caseId}/risk`,
      { riskLevel: 'low' },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ code: 'version_conflict', params: { currentVersion: 2 }, currentVersion: 2 });
    for (const code of ['unauthorized', 'not_found', 'no_such_resource', 'version_conflict'])
      expect(known('error', code), code).toBe(true);
  });

  it('domain refusals with a fixed wording carry their own code (a role that may not)', async () => {
    await t.org('codes-watch', 'monitor');
    const analyst = await t.userIn('codes-watch', 'analyst');
    const res = await analyst.request('GET', '/api/cases');
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ code: 'role_may_not', params: {} });
    expect(res.json.detail).toMatch(/your role may not/);
    expect(known('error', res.json.code)).toBe(true);
  });

  it('a reason worded only in English carries no code, so no client words it otherwise', async () => {
    const res = await worker.request('PATCH', '/api/needs/00000000-0000-4000-8000-000000000000', {});
    expect(res.status).toBe(400);
    // The schema's own refinement ("give a status or a priority") has no code of its own.
    const reasons = res.json.invalidParams as { reason: string; code?: string }[];
    expect(reasons.find((p) => /give a status or a priority/.test(p.reason))?.code).toBeUndefined();
  });
});
