import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { consent, register, survivorBody } from '../../../testing/casework-fixtures.ts';
import { asSystem } from '../../../db/transaction.ts';
import { recordStatements } from '../../../testing/sent-statements.ts';

/**
 * Issue #13: the hot writes of an exit day in few round trips to the database. Every statement the driver sends
 * (BEGIN and COMMIT included) is counted while one request is served; the session lookup of the request is part of
 * the count. A registration is one round trip after the lookup (refuge_register_survivor, migration 0027), not one per
 * row.
 */
describe.each(DATABASE_KINDS)('round trips of the hot writes on %s', (kind) => {
  let t: TestServer;
  let cw: TestClient;
  let shelter: TestClient;
  let embassy: TestClient;
  let embassyVn: TestClient;
  let shelterId: string;
  let recorder: ReturnType<typeof recordStatements>;
  let sent: string[] = [];

  beforeAll(async () => {
    t = await createTestServer(kind);
    cw = await t.userIn('ngo', 'caseworker');
    shelterId = await t.org('shelter', 'shelter');
    shelter = await t.userIn('shelter', 'caseworker');
    await t.org('emb-id', 'embassy', ['ID']);
    embassy = await t.userIn('emb-id', 'consular_officer');
    await t.org('emb-vn', 'embassy', ['VN']);
    embassyVn = await t.userIn('emb-vn', 'consular_officer');
    recorder = recordStatements();
    sent = recorder.sent;
  });
  afterAll(async () => {
    recorder?.stop();
    await t?.close();
  });

  const count = async (body: Record<string, unknown>) => (await sentFor(cw, 'POST', '/api/survivors', body, 201)).sent;

  /** The statements sent while one request was served, printed so a change in either direction is visible. */
  const sentFor = async (
    client: TestClient,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    body: Record<string, unknown> | undefined,
    status: number,
  ) => {
    sent.length = 0;
    const res = await client.request(method, url, body);
    expect(res.status, res.body).toBe(status);
    const statements = [...sent];
    console.log(`${kind} ${method} ${url.replace(/[0-9a-f-]{36}/g, ':id')}: ${statements.length} round trips`);
    console.log(statements.map((s) => `  ${s.replace(/\s+/g, ' ').slice(0, 110)}`).join('\n'));
    return { sent: statements, json: res.json };
  };

  it('registers in one round trip after the session lookup, whether or not care-first needs are opened', async () => {
    const plain = await count(survivorBody({ compound: undefined }));
    const withNeeds = await count(survivorBody({ ageBand: 'under_18', protection: { pregnant: true } }));
    // Printed so a change in either direction is visible in the test output.
    console.log(`${kind}: ${plain.length} round trips (${withNeeds.length} with care-first needs)`);
    console.log(plain.map((s) => `  ${s.replace(/\s+/g, ' ').slice(0, 90)}`).join('\n'));
    for (const sent of [plain, withNeeds]) {
      expect(sent).toHaveLength(2);
      expect(sent.filter((s) => /refuge_register_survivor/.test(s))).toHaveLength(1);
      // No transaction around it: the statement is its own.
      expect(sent.filter((s) => /^\s*(BEGIN|COMMIT)/i.test(s))).toEqual([]);
    }
  });

  it('reads a triage board page, names and audit entry included, in one round trip after the session lookup', async () => {
    const { caseId } = await register(cw, {});
    await cw.request('POST', `/api/cases/${caseId}/needs`, { kind: 'medical', priority: 'high' });
    const { sent, json } = await sentFor(cw, 'GET', '/api/triage?limit=20', undefined, 200);
    expect((json as { items: { preferredName: string | null }[] }).items[0]!.preferredName).not.toBeNull();
    expect(sent).toHaveLength(2);
    expect(sent.filter((s) => /refuge_board_page/.test(s))).toHaveLength(1);
    expect(sent.filter((s) => /^\s*(BEGIN|COMMIT)/i.test(s))).toEqual([]);
  });

  it('screens, adds and updates a need, records a check-in and moves a referral in a few round trips', async () => {
    const { caseId } = await register(cw, {
      consent: {
        shareWithOwnEmbassy: true,
        shareWithOrganisationIds: [shelterId],
        useInStatistics: false,
        method: 'verbal',
      },
    });
    const screening = await sentFor(
      cw,
      'PUT',
      `/api/cases/${caseId}/screening`,
      {
        answers: { forced_criminality: { answer: 'yes' }, deception: { answer: 'yes' } },
      },
      200,
    );
    const need = await sentFor(cw, 'POST', `/api/cases/${caseId}/needs`, { kind: 'shelter', priority: 'high' }, 201);
    const update = await sentFor(cw, 'PATCH', `/api/needs/${need.json.id}`, { priority: 'urgent' }, 200);
    const detail = (await cw.request('GET', `/api/cases/${caseId}`)).json;
    const checkIn = await sentFor(
      cw,
      'POST',
      `/api/followups/${detail.followUps[0].id}/checkins`,
      { outcome: 'reached' },
      200,
    );
    const referral = await sentFor(
      cw,
      'POST',
      '/api/referrals',
      { caseId, toOrganisationId: shelterId, needIds: [need.json.id] },
      201,
    );
    const accept = await sentFor(shelter, 'PATCH', `/api/referrals/${referral.json.id}`, { state: 'accepted' }, 200);
    const consular = await sentFor(embassy, 'PATCH', `/api/consular/cases/${caseId}`, { exitClearance: 'paid' }, 200);
    // Before (2026-12-01): 10, 10, 11, 16, 12, 10 and 16. Now: the lookup, BEGIN with the actor, the case with its
    // survivor and the actor's organisation, then the use case's own statements and COMMIT.
    const most = { screening: 5, need: 5, update: 6, checkIn: 8, referral: 7, accept: 8, consular: 6 };
    const counts = {
      screening: screening.sent.length,
      need: need.sent.length,
      update: update.sent.length,
      checkIn: checkIn.sent.length,
      referral: referral.sent.length,
      accept: accept.sent.length,
      consular: consular.sent.length,
    };
    for (const [write, n] of Object.entries(counts))
      expect(n, write).toBeLessThanOrEqual(most[write as keyof typeof most]);
    // The row, its timeline line and its audit entry travel as one statement.
    for (const { sent } of [screening, need, update, referral, consular]) {
      const together = sent.filter((s) => /^WITH w0 AS/.test(s));
      expect(together).toHaveLength(1);
      expect(together[0]).toMatch(/insert into "case_events"/);
      expect(together[0]).toMatch(/refuge_audit\(/);
    }
    // BEGIN travels with the actor's settings, never alone.
    const all = [screening, need, update, checkIn, referral, accept, consular].flatMap((r) => r.sent);
    expect(all.filter((s) => /^\s*begin\s*$/i.test(s))).toEqual([]);
    expect(all.filter((s) => /^BEGIN; SELECT set_config\('refuge.session_token'/.test(s))).toHaveLength(7);
  });
  it('answers a consular step on a case the embassy may not see exactly as on a case that does not exist', async () => {
    // The consular step now takes the actor's organisation from the case read: an embassy, a partner or another
    // embassy must learn nothing from it about a case outside its view, and nothing may be written.
    const MARKER = 'Zulkarnain Markerwati';
    const names = [{ value: MARKER, script: 'Latn', preferred: true }];
    const hidden = await register(cw, { names, consent: consent({ shareWithOwnEmbassy: false }) });
    const consenting = await register(cw, { names, consent: consent({ shareWithOwnEmbassy: true }) });
    const missing = '00000000-0000-4000-8000-000000000000';
    const answer = async (client: TestClient, caseId: string) => {
      const res = await client.request('PATCH', `/api/consular/cases/${caseId}`, { exitClearance: 'paid' });
      expect(res.body).not.toContain(MARKER);
      expect(res.body).not.toContain(caseId);
      return { status: res.status, code: (res.json as { code?: string } | null)?.code };
    };
    const nobody = await answer(embassy, missing);
    expect(nobody.status).toBe(404);
    // Its own nationality without consent; another embassy's nationality with consent.
    expect(await answer(embassy, hidden.caseId)).toEqual(nobody);
    expect(await answer(embassyVn, consenting.caseId)).toEqual(await answer(embassyVn, missing));
    // A partner organisation's caseworker is refused before any case is read, whatever the id.
    expect(await answer(shelter, consenting.caseId)).toEqual(await answer(shelter, missing));
    const written = await asSystem(t.database, (trx) =>
      trx
        .selectFrom('consular_records')
        .select('case_id')
        .where('case_id', 'in', [hidden.caseId, consenting.caseId])
        .execute(),
    );
    expect(written).toEqual([]);
  });
});
