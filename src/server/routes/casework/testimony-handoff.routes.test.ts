import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { asSystem } from '../../../db/transaction.ts';
import { createOrganisation, createUser } from '../../../services/accounts.service.ts';
import { createTestServer, TEST_PASSWORD, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { consent, register } from '../../../testing/casework-fixtures.ts';
import { createCompound } from '../../../testing/monitoring-fixtures.ts';

// Planted markers: none may reach anything monitoring can read.
const NAME = 'Zephyrine Quillfeather';
const PHONE = '+232 76 555 0199';
const ORG_NAME = 'Quokka Harbour Relief';
const ACCOUNT =
  'On the fourth floor people were beaten when they missed their quotas. Guards took every phone on arrival.';

/** Issue 10: the consented, de-identified testimony hand-off from casework to monitoring. */
describe.each(DATABASE_KINDS)('testimony hand-off on %s', (kind) => {
  let t: TestServer;
  let cw: TestClient;
  let otherCw: TestClient;
  let analyst: TestClient;
  let compound: string;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestServer(kind);
    orgId = (await createOrganisation(t.app, { slug: 'quokka', name: ORG_NAME, kind: 'ngo' })).id;
    await createUser(t.app, {
      email: 'cw@quokka.test',
      displayName: 'cw',
      password: TEST_PASSWORD,
      memberships: [{ organisation: 'quokka', role: 'caseworker' }],
    });
    cw = await t.signIn('cw@quokka.test');
    otherCw = await t.userIn('ngo-b', 'caseworker');
    await t.org('watch', 'monitor');
    analyst = await t.userIn('watch', 'analyst');
    compound = await createCompound(analyst, 'Harbour Lantern Estate', 103.6, 10.7);
  });
  afterAll(async () => {
    await t?.close();
  });

  const person = (extra: Record<string, unknown> = {}) =>
    register(cw, {
      names: [{ value: NAME, script: 'Latn', preferred: true }],
      contacts: [{ channel: 'whatsapp', value: PHONE }],
      ...extra,
    });
  const testimonies = async () =>
    (
      await asSystem(t.database, (trx) =>
        sql<{ n: number }>`SELECT count(*)::int AS n FROM evidence WHERE kind = 'testimony'`.execute(trx),
      )
    ).rows[0]!.n;

  it('is refused without the consent purpose; nothing is stored', async () => {
    const { caseId } = await person({ consent: consent({ useInStatistics: true, crossOrganisationMatching: true }) });
    const res = await cw.request('POST', `/api/cases/${caseId}/testimony`, { compoundId: compound, text: ACCOUNT });
    expect(res.status).toBe(403);
    expect(res.json.detail).toMatch(/not consented/);
    expect(await testimonies()).toBe(0);
    // Posting testimony straight to monitoring stays refused to a caseworker.
    expect(
      (await cw.request('POST', '/api/monitoring/evidence', { kind: 'testimony', testimonyText: ACCOUNT })).status,
    ).toBe(403);
  });

  it('with consent: a restricted testimony on the compound, carrying no identifier of the survivor anywhere', async () => {
    const { caseId, survivorId } = await person({ consent: consent({ testimonyToMonitoring: true }) });
    // Attackers first: another organisation's caseworker, and an analyst, cannot hand off this case's testimony.
    expect(
      (await otherCw.request('POST', `/api/cases/${caseId}/testimony`, { compoundId: compound, text: ACCOUNT })).status,
    ).toBe(404);
    expect(
      (await analyst.request('POST', `/api/cases/${caseId}/testimony`, { compoundId: compound, text: ACCOUNT })).status,
    ).toBe(403);
    // An account that names the survivor, their phone or the organisation is refused, not rewritten.
    for (const text of [`${ACCOUNT} Zephyrine saw it.`, `${ACCOUNT} Call 23276 555 0199.`, `${ACCOUNT} ${ORG_NAME}.`]) {
      const bad = await cw.request('POST', `/api/cases/${caseId}/testimony`, { compoundId: compound, text });
      expect(bad.status, text).toBe(422);
      expect(bad.body).not.toContain('Zephyrine');
    }
    expect(await testimonies()).toBe(0);

    const res = await cw.request('POST', `/api/cases/${caseId}/testimony`, {
      compoundId: compound,
      text: ACCOUNT,
      from: '2025-11-01',
      to: '2026-01-20',
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ handedOff: true, compoundId: compound });

    // The row as stored (every column), its custody entries and the audit entries anchoring them.
    const dump = await asSystem(t.database, async (trx) => {
      const ev = await sql<Record<string, unknown>>`SELECT * FROM evidence WHERE kind = 'testimony'`.execute(trx);
      const id = ev.rows[0]!.id as string;
      const custody = await sql`SELECT * FROM evidence_custody WHERE evidence_id = ${id}`.execute(trx);
      const anchors =
        await sql`SELECT * FROM audit_events WHERE resource_type = 'evidence' AND resource_id = ${id}`.execute(trx);
      return { ev: ev.rows, custody: custody.rows, anchors: anchors.rows };
    });
    expect(dump.ev).toHaveLength(1);
    expect(dump.ev[0]).toMatchObject({
      sensitivity: 'restricted',
      compound_id: compound,
      organisation_id: null,
      acquired_by: null,
    });
    expect(String(dump.ev[0]!.testimony_enc)).not.toContain('fourth floor'); // encrypted at rest
    const userId = (
      await asSystem(t.database, (trx) =>
        sql<{
          id: string;
        }>`SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.organisation_id = ${orgId}`.execute(
          trx,
        ),
      )
    ).rows[0]!.id;
    const stored = JSON.stringify(dump);
    for (const marker of [NAME, 'Zephyrine', PHONE, ORG_NAME, caseId, survivorId, orgId, userId])
      expect(stored, marker).not.toContain(marker);

    // What a monitor's analyst reads: the account, the compound and dates, nobody.
    const list = (await analyst.request('GET', '/api/monitoring/evidence?kind=testimony')).json.items;
    expect(list).toHaveLength(1);
    const item = (await analyst.request('GET', `/api/monitoring/evidence/${list[0].id}`)).json;
    expect(item.testimonyText).toBe(ACCOUNT);
    expect(item.description).toContain('2025-11-01');
    const custody = await analyst.request('GET', `/api/monitoring/evidence/${list[0].id}/custody`);
    expect(custody.status).toBe(200);
    const seen = JSON.stringify([list, item, custody.json]);
    for (const marker of [NAME, PHONE, ORG_NAME, caseId, survivorId, orgId, userId])
      expect(seen, marker).not.toContain(marker);
    // The caseworker cannot read it back through monitoring (restricted testimony: monitor analysts only).
    expect((await cw.request('GET', `/api/monitoring/evidence/${list[0].id}`)).status).toBe(404);
    // The casework organisation keeps its own record that it handed off (its audit, not monitoring's).
    const own = await asSystem(t.database, (trx) =>
      sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'survivor.testimony_handoff' AND organisation_id = ${orgId} AND resource_id = ${caseId}`.execute(
        trx,
      ),
    );
    expect(own.rows[0]!.n).toBe(1);
  });

  it('withdrawing the consent stops further hand-offs', async () => {
    const { caseId, survivorId } = await person({ consent: consent({ testimonyToMonitoring: true }) });
    const before = await testimonies();
    expect(
      (await cw.request('PUT', `/api/survivors/${survivorId}/consent`, consent({ method: 'written' }))).status,
    ).toBe(200);
    expect(
      (await cw.request('POST', `/api/cases/${caseId}/testimony`, { compoundId: compound, text: ACCOUNT })).status,
    ).toBe(403);
    expect(await testimonies()).toBe(before);
    const history = (await cw.request('GET', `/api/survivors/${survivorId}/consent`)).json;
    expect(history.history.map((v: { testimonyToMonitoring: boolean }) => v.testimonyToMonitoring)).toEqual([
      true,
      false,
    ]);
  });
});
