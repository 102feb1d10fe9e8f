import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { asSystem } from '../../../db/transaction.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { consent, register } from '../../../testing/casework-fixtures.ts';

type Item = { id: string; survivorId: string; organisationId: string | null; preferredName: string | null };
const search = async (c: TestClient, q: string, extra = '') => {
  const res = await c.request('GET', `/api/cases?q=${encodeURIComponent(q)}${extra}`);
  expect(res.status).toBe(200);
  return res.json as { items: Item[]; nextCursor: string | null };
};
const ids = (page: { items: Item[] }) => page.items.map((i) => i.id).sort();

/** The newest case_search audit entry written by the actor's organisation, as stored. */
async function lastSearchAudit(t: TestServer, organisationId: string): Promise<{ text: string; details: any }> {
  const { rows } = await asSystem(t.database, (trx) =>
    sql<{ details: any }>`SELECT details FROM audit_events WHERE action = 'survivor.read'
      AND organisation_id = ${organisationId} AND details->>'view' = 'case_search' ORDER BY seq DESC LIMIT 1`.execute(
      trx,
    ),
  );
  const details = rows[0]!.details;
  return { text: JSON.stringify(details), details };
}

describe.each(DATABASE_KINDS)('finding a person on %s', (kind) => {
  let t: TestServer;
  let cwA: TestClient;
  let cwB: TestClient;
  let medic: TestClient;
  let consulVn: TestClient;
  let orgA: string;
  let orgB: string;
  // Three writings of one name the engine's reading tables cover: they share the surname class 陳 + M.
  let han: { survivorId: string; caseId: string };
  let viet: { survivorId: string; caseId: string };
  let other: { survivorId: string; caseId: string };
  beforeAll(async () => {
    t = await createTestServer(kind);
    orgA = await t.org('ngo-a');
    orgB = await t.org('ngo-b');
    const clinicId = await t.org('clinic-c', 'clinic');
    await t.org('emb-vn', 'embassy', ['VN']);
    cwA = await t.userIn('ngo-a', 'caseworker');
    cwB = await t.userIn('ngo-b', 'caseworker');
    medic = await t.userIn('clinic-c', 'medic');
    consulVn = await t.userIn('emb-vn', 'consular_officer');
    han = await register(cwA, {
      names: [{ value: '陈美玲', script: 'Hans', preferred: true }],
      nationalities: ['VN'],
      contacts: [{ channel: 'whatsapp', value: '+84 912 345 678' }],
      consent: consent({ shareWithOwnEmbassy: true, shareWithOrganisationIds: [clinicId] }),
    });
    viet = await register(cwA, {
      names: [{ value: 'Trần Mỹ Linh', script: 'Latn', preferred: true }],
      nationalities: ['VN'],
      contacts: [{ channel: 'phone', value: '+84 913 111 222' }],
      consent: consent({ shareWithOwnEmbassy: false }),
    });
    other = await register(cwA, {
      names: [{ value: 'Siti Rahayu', script: 'Latn', preferred: true }],
      contacts: [{ channel: 'phone', value: '+62 812 7777 4444' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('meets one name across scripts within the organisation, and not unrelated names', async () => {
    for (const q of ['Chen Meiling', '陈美玲', 'Trần Mỹ Linh']) {
      const page = await search(cwA, q);
      expect(ids(page)).toEqual([han.caseId, viet.caseId].sort());
      expect(ids(page)).not.toContain(other.caseId);
    }
    expect((await search(cwA, 'Chen Meiling')).items.find((i) => i.id === han.caseId)?.preferredName).toBe('陈美玲');
    // A term that finds nobody and is no case reference lists nothing, not the whole list.
    expect(await search(cwA, 'Zofia Wiśniewska')).toEqual({ items: [], nextCursor: null });
  });

  it('finds by phone however it is written, and by the start of a case reference', async () => {
    expect(ids(await search(cwA, '0912 345 678'))).toEqual([han.caseId]);
    expect(ids(await search(cwA, '+84912345678'))).toEqual([han.caseId]);
    expect(ids(await search(cwA, other.caseId.slice(0, 8)))).toEqual([other.caseId]);
    expect(ids(await search(cwA, other.caseId.slice(0, 8).toUpperCase()))).toEqual([other.caseId]);
  });

  it('pages a search like the case list', async () => {
    const first = await search(cwA, 'Chen Meiling', '&limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await search(cwA, 'Chen Meiling', `&limit=1&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect([...ids(first), ...ids(second)].sort()).toEqual([han.caseId, viet.caseId].sort());
  });

  it("gives another organisation exactly a miss's answer for A's name, phone and case reference", async () => {
    const miss = await search(cwB, 'Zofia Wiśniewska');
    expect(miss).toEqual({ items: [], nextCursor: null });
    for (const q of ['Chen Meiling', '陈美玲', '0912 345 678', han.caseId.slice(0, 8)]) {
      const res = await cwB.request('GET', `/api/cases?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body).toBe(JSON.stringify(miss));
    }
  });

  it('shows an embassy only consenting nationals it serves, and a clinic none of the list', async () => {
    const emb = await search(consulVn, 'Chen Meiling');
    expect(ids(emb)).toEqual([han.caseId]);
    expect(emb.items[0]!.organisationId).toBeNull();
    // The clinic was shared this person by consent, but the case list (and so its search) is an organisation's own.
    const res = await medic.request('GET', `/api/cases?q=${encodeURIComponent('Chen Meiling')}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ items: [], nextCursor: null });
  });

  describe('by travel document number', () => {
    // The number an embassy issued to a consenting national: recorded after registration, encrypted at rest.
    const NUMBER = 'B7391046';
    let consulId: TestClient;
    beforeAll(async () => {
      await t.org('emb-id', 'embassy', ['ID']);
      consulId = await t.userIn('emb-id', 'consular_officer');
      const issued = await consulVn.request('PATCH', `/api/consular/cases/${han.caseId}`, {
        emergencyDocument: { status: 'issued', number: NUMBER },
      });
      expect(issued.status).toBe(200);
    });
    const queue = async (c: TestClient, q: string) => {
      const res = await c.request('GET', `/api/consular/queue?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      return res;
    };

    it('finds the person for the owner and in the issuing embassy queue, however the number is written', async () => {
      for (const q of [NUMBER, 'b7391046', 'B 739 1046']) expect(ids(await search(cwA, q))).toEqual([han.caseId]);
      expect(ids(await search(consulVn, NUMBER))).toEqual([han.caseId]);
      const found = (await queue(consulVn, NUMBER)).json as { items: { caseId: string }[] };
      expect(found.items.map((i) => i.caseId)).toEqual([han.caseId]);
      // The queue holds this person, but a term that finds nobody lists nothing.
      expect((await queue(consulVn, 'Zofia Wiśniewska')).json).toMatchObject({ items: [] });
    });

    it("gives another organisation, a clinic and another country's embassy exactly a miss's answer", async () => {
      const miss = (await search(cwB, 'Z9999999')).items;
      expect(miss).toEqual([]);
      for (const c of [cwB, medic, consulId]) {
        const known = await c.request('GET', `/api/cases?q=${NUMBER}`);
        const unknown = await c.request('GET', '/api/cases?q=Z9999999');
        expect(known.status).toBe(200);
        expect(known.body).toBe(unknown.body);
        expect(known.json.items).toEqual([]);
      }
      expect((await queue(consulId, NUMBER)).body).toBe((await queue(consulId, 'Z9999999')).body);
    });

    it('audits a document search by its kind and the ids returned, never the number', async () => {
      await search(cwA, NUMBER);
      const found = await lastSearchAudit(t, orgA);
      expect(found.details.searchKinds).toContain('document');
      expect(found.details.survivorIds).toEqual([han.survivorId]);
      expect(found.text).not.toMatch(/7391046/);
      await search(cwB, NUMBER);
      const miss = await lastSearchAudit(t, orgB);
      expect(miss.details.survivorIds).toEqual([]);
      expect(miss.text).not.toMatch(/7391046/);
    });
  });

  it('audits each search with the kinds of its term and the ids returned, never the term', async () => {
    await search(cwA, 'Chen Meiling');
    const found = await lastSearchAudit(t, orgA);
    expect(found.details.searchKinds).toEqual(['name']);
    expect([...found.details.survivorIds].sort()).toEqual([han.survivorId, viet.survivorId].sort());
    expect(found.text).not.toMatch(/chen|meiling/i);
    await search(cwA, '0912 345 678');
    const phone = await lastSearchAudit(t, orgA);
    expect(phone.details.searchKinds).toEqual(['phone']);
    expect(phone.text).not.toMatch(/912\D?345\D?678/); // the number, not any three digits (ids are random hex)
    await search(cwB, '陈美玲');
    const miss = await lastSearchAudit(t, orgB);
    expect(miss.details.survivorIds).toEqual([]);
    expect(miss.text).not.toContain('陈');
  });
});
