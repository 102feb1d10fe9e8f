import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../db/transaction.ts';
import { DATABASE_KINDS } from '../testing/test-harness.ts';
import { consent, register, survivorBody } from '../testing/casework-fixtures.ts';
import { createTestServer, type TestClient, type TestServer } from '../testing/test-server.ts';

/**
 * Structured problems (`code` + `params`, core/message.ts) attacked: a refusal must not echo a survivor's value, nor
 * tell another organisation that a record exists. The paths the authorisation matrix does not take: an If-Match
 * version on another organisation's case (a version conflict would give its version, so its existence, away), a bulk
 * consular step naming another organisation's case among made-up ones, and a refused registration whose bad value
 * would be echoed back.
 */

const withoutRequestId = (body: string) => body.replace(/"requestId":"[^"]*"/g, '');

describe.each(DATABASE_KINDS)('problem responses as an oracle on %s', (kind) => {
  let t: TestServer;
  let owner: TestClient;
  let hidden: { survivorId: string; caseId: string };
  const attackers: Record<string, TestClient> = {};

  beforeAll(async () => {
    t = await createTestServer(kind);
    owner = await t.userIn('ngo-a', 'caseworker');
    await t.org('emb-id', 'embassy', ['ID']);
    await t.org('emb-th', 'embassy', ['TH']);
    attackers['caseworker of another NGO'] = await t.userIn('ngo-b', 'caseworker');
    attackers['admin of another NGO'] = await t.userIn('ngo-b', 'admin');
    attackers['her embassy without her consent'] = await t.userIn('emb-id', 'consular_officer');
    attackers["another nationality's embassy"] = await t.userIn('emb-th', 'consular_officer');
    // An ID national who did not consent to her embassy: no one but ngo-a may learn she exists.
    hidden = await register(owner, { consent: consent() });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers an If-Match on another organisation's case exactly like one on a made-up id (no version)", async () => {
    const nowhere = randomUUID();
    for (const [who, c] of Object.entries(attackers))
      for (const version of ['"1"', '"2"', '"99"']) {
        const body = { riskLevel: 'high' };
        const real = await c.request('PATCH', `/api/cases/${hidden.caseId}/risk`, body, { 'if-match': version });
        const made = await c.request('PATCH', `/api/cases/${nowhere}/risk`, body, { 'if-match': version });
        expect(real.status, `${who} ${version}`).not.toBe(409);
        expect(real.json.currentVersion, `${who} ${version}`).toBeUndefined();
        expect(`${real.status} ${withoutRequestId(real.body)}`, `${who} ${version}`).toBe(
          `${made.status} ${withoutRequestId(made.body)}`,
        );
      }
  });

  it("reports another organisation's case in a bulk consular step exactly like a made-up id", async () => {
    for (const who of ['her embassy without her consent', "another nationality's embassy"]) {
      const c = attackers[who]!;
      const nowhere = randomUUID();
      for (const step of ['travel_document_issued', 'exit_clearance_paid']) {
        const real = await c.request('POST', '/api/consular/steps', { caseIds: [hidden.caseId], step, dryRun: true });
        const made = await c.request('POST', '/api/consular/steps', { caseIds: [nowhere], step, dryRun: true });
        expect(real.status, who).toBe(made.status);
        expect(withoutRequestId(real.body).replaceAll(hidden.caseId, 'ID'), `${who} ${step}`).toBe(
          withoutRequestId(made.body).replaceAll(nowhere, 'ID'),
        );
        expect(real.body).not.toContain('Siti');
      }
    }
  });

  it('never echoes a refused value of a survivor field back, and stores nothing', async () => {
    const count = async () =>
      Number(
        (
          await asSystem(t.database, (trx) =>
            sql<{ n: string }>`SELECT count(*)::text AS n FROM survivors`.execute(trx),
          )
        ).rows[0]!.n,
      );
    const before = await count();
    for (const bad of [
      { documentNumber: '#8263-5517!' },
      { documentNumber: '8263551700000000000000000000000000000000000000' },
      { dateOfBirth: '8263-55-17' },
      { contacts: [{ channel: 'pigeon', value: '+62 8263 5517' }] },
      { nationalities: ['8263X5517'] },
      { names: [{ value: 'Siti 82635517', script: 'Latn', preferred: 'yes' }] },
    ]) {
      const res = await owner.request('POST', '/api/survivors', survivorBody(bad));
      expect(res.status, JSON.stringify(bad)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body, JSON.stringify(bad)).not.toMatch(/8263.?55.?17/);
      expect(res.body).not.toContain('Siti');
    }
    expect(await count()).toBe(before);
  });
});
