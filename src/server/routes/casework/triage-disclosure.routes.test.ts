import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { asSystem } from '../../../db/transaction.ts';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { consent, register } from '../../../testing/casework-fixtures.ts';

/**
 * The triage board as the attacker: one survivor of the owner NGO carries a marker name (consenting to their own
 * embassy and referred to a clinic, so row-level security lets both see parts of the case), and the board is read
 * through every plan it takes — the whole board, one column's ranges, each (kind, location, age) combination's range,
 * a nationality, an absent nationality — by every audience (the plan for a page the walk cannot finish is tried as
 * the attacker in db/triage-board-one-call.db.test.ts, with a small walk budget the route does not take). Only the owner's
 * caseworker may see the marker or the survivor's ids, and only the owner's reads are audited as reading them.
 */
describe.each(DATABASE_KINDS)('the triage board as every audience on %s', (kind) => {
  let t: TestServer;
  let owner: TestClient;
  const others: Record<string, TestClient> = {};
  let marked: { survivorId: string; caseId: string; needId: string };
  const MARKER = 'Marker Triagewalk';
  const QUERIES = [
    '',
    '?kind=legal',
    '?kind=legal&locationKind=street&ageBand=60_plus',
    '?kind=legal,shelter&locationKind=street,clinic&ageBand=60_plus,18_24&nationality=ID',
    '?nationality=ID',
    '?nationality=ZZ',
    '?ageBand=60_plus&nationality=ID&limit=1',
  ];

  beforeAll(async () => {
    t = await createTestServer(kind);
    const clinicId = await t.org('clinic', 'clinic');
    await t.org('emb-id', 'embassy', ['ID']);
    owner = await t.userIn('ngo', 'caseworker');
    others.ownViewer = await t.userIn('ngo', 'viewer');
    others.clinic = await t.userIn('clinic', 'medic');
    others.embassy = await t.userIn('emb-id', 'consular_officer');
    others.unrelated = await t.userIn('other-ngo', 'caseworker');
    others.unrelatedAdmin = await t.userIn('other-ngo', 'admin');
    const { survivorId, caseId } = await register(owner, {
      names: [{ value: MARKER, script: 'Latn', preferred: true }],
      ageBand: '60_plus',
      nationalities: ['ID'],
      location: { kind: 'street' },
      consent: consent({ shareWithOwnEmbassy: true, shareWithOrganisationIds: [clinicId] }),
    });
    const need = await owner.request('POST', `/api/cases/${caseId}/needs`, { kind: 'legal', priority: 'high' });
    expect(need.status).toBe(201);
    expect((await owner.request('POST', '/api/referrals', { caseId, toOrganisationId: clinicId })).status).toBe(201);
    marked = { survivorId, caseId, needId: need.json.id };
    // The other organisations' boards are not empty: each has a need of its own on every plan's path.
    for (const c of [others.unrelated!]) {
      const own = await register(c, { ageBand: '60_plus', nationalities: ['ID'], location: { kind: 'street' } });
      await c.request('POST', `/api/cases/${own.caseId}/needs`, { kind: 'legal', priority: 'high' });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const reads = async () =>
    (
      await asSystem(t.database, (trx) =>
        sql<{ actor: string; ids: string[] }>`SELECT actor_user_id AS actor, details->'survivorIds' AS ids
          FROM audit_events WHERE action = 'survivor.read' AND details->>'view' = 'triage'`.execute(trx),
      )
    ).rows;

  it('shows the marked survivor to the owner on every plan that matches, and to no one else', async () => {
    for (const q of QUERIES) {
      const page = await owner.request('GET', `/api/triage${q}`);
      expect(page.status).toBe(200);
      if (q.includes('ZZ')) expect(page.json.items).toEqual([]);
      else expect(page.json.items.map((i: { preferredName: string }) => i.preferredName)).toContain(MARKER);
    }
    const before = (await reads()).length;
    for (const [who, c] of Object.entries(others))
      for (const q of QUERIES) {
        const page = await c.request('GET', `/api/triage${q}`);
        const text = page.body;
        // A role that may not read the board is refused; one that may reads its own organisation's needs only.
        expect([200, 403], `${who} ${q}`).toContain(page.status);
        for (const secret of [MARKER, marked.survivorId, marked.caseId, marked.needId])
          expect(text.includes(secret), `${who} ${q} shows ${secret}`).toBe(false);
      }
    // Their reads are audited as reads of their own survivors (the unrelated NGO names its own), never the marked one.
    const after = (await reads()).slice(before);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((r) => r.ids.includes(marked.survivorId))).toEqual([]);
  });
});
