import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { asSystem } from '../../db/transaction.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { register } from '../../testing/casework-fixtures.ts';
import { createCompound } from '../../testing/monitoring-fixtures.ts';

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/**
 * Lost updates: two people edit the same record from the same version; the second is refused with 409 and the version
 * now stored, nothing of it is written, and a retry with that version goes through.
 */
describe.each(DATABASE_KINDS)('edits from a stale version on %s', (kind) => {
  let t: TestServer;
  let alice: TestClient, bob: TestClient, analyst: TestClient, analyst2: TestClient, embassy: TestClient;
  beforeAll(async () => {
    t = await createTestServer(kind);
    alice = await t.userIn('ngo-a', 'caseworker');
    bob = await t.userIn('ngo-a', 'caseworker');
    await t.org('watch', 'monitor');
    analyst = await t.userIn('watch', 'analyst');
    analyst2 = await t.userIn('watch', 'analyst');
    await t.org('emb-ph', 'embassy', ['PH']);
    embassy = await t.userIn('emb-ph', 'consular_officer');
  });
  afterAll(async () => {
    await t?.close();
  });

  const timelineCount = async (caseId: string) =>
    (
      await asSystem(t.database, (trx) =>
        sql<{ n: number }>`SELECT count(*)::int AS n FROM case_events WHERE case_id = ${caseId}`.execute(trx),
      )
    ).rows[0]!.n;

  it('a case: the second of two edits from one version gets 409 with the current version, and nothing changes', async () => {
    const { caseId } = await register(alice);
    const loaded = (await alice.request('GET', `/api/cases/${caseId}`)).json.case;
    expect(loaded.version).toBe(1);
    const first = await alice.request('PATCH', `/api/cases/${caseId}/risk`, { riskLevel: 'critical' }, ifMatch(1));
    expect(first.status).toBe(200);
    expect(first.json.version).toBe(2);
    const events = await timelineCount(caseId);
    const second = await bob.request(
      'PATCH',
      `/api/cases/${caseId}/risk`,
      { riskLevel: 'low', reason: 'assessed again at the shelter' },
      ifMatch(1),
    );
    expect(second.status).toBe(409);
    expect(second.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(second.json.currentVersion).toBe(2);
    expect(second.headers.etag).toBe('"2"');
    expect(second.json.detail).toMatch(/changed by someone else/);
    const after = (await alice.request('GET', `/api/cases/${caseId}`)).json.case;
    expect(after.riskLevel).toBe('critical');
    expect(after.version).toBe(2);
    expect(await timelineCount(caseId)).toBe(events);
    // Status and assignment are guarded the same way; with the current version the change goes through.
    expect(
      (await bob.request('PATCH', `/api/cases/${caseId}/assignment`, { assignedTo: null }, ifMatch(1))).status,
    ).toBe(409);
    expect(
      (await bob.request('PATCH', `/api/cases/${caseId}/status`, { status: 'closed', reason: 'x' }, ifMatch(1))).status,
    ).toBe(409);
    const retry = await bob.request(
      'PATCH',
      `/api/cases/${caseId}/risk`,
      { riskLevel: 'low', reason: 'assessed again at the shelter' },
      ifMatch(2),
    );
    expect(retry.status).toBe(200);
    expect(retry.json.version).toBe(3);
  });

  it('two concurrent edits from one version: exactly one wins', async () => {
    const { caseId } = await register(alice);
    const results = await Promise.all([
      alice.request('PATCH', `/api/cases/${caseId}/risk`, { riskLevel: 'high' }, ifMatch(1)),
      bob.request('PATCH', `/api/cases/${caseId}/risk`, { riskLevel: 'critical' }, ifMatch(1)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const after = (await alice.request('GET', `/api/cases/${caseId}`)).json.case;
    expect(after.riskLevel).toBe(winner.json.riskLevel);
    expect(after.version).toBe(2);
  });

  it('a need: a stale If-Match is refused, and the need keeps the first editor’s status', async () => {
    const { caseId } = await register(alice);
    const need = await alice.request('POST', `/api/cases/${caseId}/needs`, { kind: 'food', priority: 'normal' });
    expect(need.status).toBe(201);
    expect(need.json.version).toBe(1);
    const first = await alice.request('PATCH', `/api/needs/${need.json.id}`, { status: 'met' }, ifMatch(1));
    expect(first.status).toBe(200);
    expect(first.json.version).toBe(2);
    const second = await bob.request('PATCH', `/api/needs/${need.json.id}`, { priority: 'high' }, ifMatch(1));
    expect(second.status).toBe(409);
    expect(second.json.currentVersion).toBe(2);
    const stored = await asSystem(t.database, (trx) =>
      trx
        .selectFrom('needs')
        .select(['status', 'priority', 'version'])
        .where('id', '=', need.json.id)
        .executeTakeFirstOrThrow(),
    );
    expect(stored).toEqual({ status: 'met', priority: 'normal', version: 2 });
  });

  it('an evidence item and a compound: the stale annotation is refused and the edit history shows one change', async () => {
    const item = await analyst.request('POST', '/api/monitoring/evidence', {
      kind: 'article',
      title: 'Report',
      source: { publisher: 'Paper', url: 'https://paper.example/a' },
    });
    expect(item.status).toBe(201);
    const v = item.json.version as number;
    const first = await analyst.request(
      'PATCH',
      `/api/monitoring/evidence/${item.json.id}`,
      { title: 'First' },
      ifMatch(v),
    );
    expect(first.status).toBe(200);
    expect(first.json.version).toBe(v + 1);
    const second = await analyst2.request(
      'PATCH',
      `/api/monitoring/evidence/${item.json.id}`,
      { title: 'Second' },
      ifMatch(v),
    );
    expect(second.status).toBe(409);
    expect(second.json.currentVersion).toBe(v + 1);
    expect((await analyst.request('GET', `/api/monitoring/evidence/${item.json.id}`)).json.title).toBe('First');

    const compoundId = await createCompound(analyst, 'Versioned Park', 98.5, 16.7);
    const c = (await analyst.request('GET', `/api/monitoring/compounds/${compoundId}`)).json;
    const ok = await analyst.request(
      'PATCH',
      `/api/monitoring/compounds/${compoundId}`,
      { province: 'Tak' },
      ifMatch(c.version),
    );
    expect(ok.status).toBe(200);
    expect(ok.json.version).toBe(c.version + 1);
    const stale = await analyst2.request(
      'PATCH',
      `/api/monitoring/compounds/${compoundId}`,
      { province: 'Myawaddy' },
      ifMatch(c.version),
    );
    expect(stale.status).toBe(409);
    expect(stale.json.currentVersion).toBe(c.version + 1);
    const history = (await analyst.request('GET', `/api/monitoring/compounds/${compoundId}/history`)).json;
    expect(JSON.stringify(history)).not.toContain('Myawaddy');
  });

  it('a malformed If-Match is a 400 naming the header; none at all is an unconditional update', async () => {
    const { caseId } = await register(alice);
    const bad = await alice.request('PATCH', `/api/cases/${caseId}/risk`, { riskLevel: 'high' }, { 'if-match': 'abc' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.invalidParams)).toContain('if-match');
    expect((await alice.request('PATCH', `/api/cases/${caseId}/risk`, { riskLevel: 'high' })).status).toBe(200);
  });

  it('the version check does not open a door: another organisation gets 404 whatever version it sends', async () => {
    const { caseId } = await register(alice);
    const outsider = await t.userIn('ngo-b', 'caseworker');
    for (const v of [1, 2, 99]) {
      const res = await outsider.request('PATCH', `/api/cases/${caseId}/risk`, { riskLevel: 'high' }, ifMatch(v));
      expect(res.status).toBe(404);
      expect(res.json.currentVersion).toBeUndefined();
    }
    // An embassy reads a consenting national's case without its edit count.
    const { caseId: shared } = await register(alice, {
      nationalities: ['PH'],
      consent: { shareWithOwnEmbassy: true, shareWithOrganisationIds: [], useInStatistics: true, method: 'verbal' },
    });
    const seen = await embassy.request('GET', `/api/cases/${shared}`);
    expect(seen.status).toBe(200);
    expect(seen.json.case.version).toBeNull();
  });
});
