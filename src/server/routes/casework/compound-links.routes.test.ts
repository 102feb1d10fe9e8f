import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { asSystem } from '../../../db/transaction.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { consent, register, survivorBody } from '../../../testing/casework-fixtures.ts';
import { createCompound } from '../../../testing/monitoring-fixtures.ts';
import { SIGHTING_DESCRIPTION } from '../../../services/casework/compound-links.service.ts';

/** Issue 10, "Casework joined to monitoring": the compound link, its counts, and the sighting signal. */
describe.each(DATABASE_KINDS)('compound links on %s', (kind) => {
  let t: TestServer;
  let cw: TestClient;
  let otherCw: TestClient;
  let analyst: TestClient;
  let consul: TestClient;
  let harbour: string;
  let reed: string;
  beforeAll(async () => {
    t = await createTestServer(kind);
    cw = await t.userIn('ngo-a', 'caseworker');
    otherCw = await t.userIn('ngo-b', 'caseworker');
    await t.org('watch', 'monitor');
    analyst = await t.userIn('watch', 'analyst');
    await t.org('emb-id', 'embassy', ['ID']);
    consul = await t.userIn('emb-id', 'consular_officer');
    harbour = await createCompound(analyst, 'Harbour Lantern Estate', 103.6, 10.7, {
      names: [
        { name: 'Harbour Lantern Estate', lang: 'en' },
        { name: '金鼎园区', lang: 'zh' },
        { name: 'បរិវេណឆ្នាំងមាស', lang: 'km' },
      ],
      aliases: ['Jinding Yuanqu'],
    });
    reed = await createCompound(analyst, 'Copper Reed Park', 102.6, 13.6, { country: 'TH' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the picker finds a compound by any name in any script, for everyone who registers walk-ins; not signed out', async () => {
    for (const q of ['金鼎', 'jinding', 'Harbour lantern', 'បរិវេណឆ្នាំងមាស']) {
      const res = await cw.request('GET', `/api/compound-lookup?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(res.json.items[0]).toMatchObject({ id: harbour, name: 'Harbour Lantern Estate', country: 'KH' });
    }
    expect((await cw.request('GET', '/api/compound-lookup?q=reed')).json.items).toMatchObject([
      { id: reed, country: 'TH' },
    ]);
    expect((await cw.request('GET', '/api/compound-lookup?q=')).status).toBe(400);
    expect((await t.anonymous().request('GET', '/api/compound-lookup?q=reed')).status).toBe(401);
    // An embassy registers walk-ins too (issue #10), so its consul picks the compound they came from.
    expect((await consul.request('GET', '/api/compound-lookup?q=reed')).json.items).toMatchObject([{ id: reed }]);
  });

  it('registration links the compound; an unknown id is a 422 and registers nobody; free text stays the fallback', async () => {
    const { caseId } = await register(cw, { compoundId: harbour, compound: 'ignored words' });
    const detail = (await cw.request('GET', `/api/cases/${caseId}`)).json;
    expect(detail.survivor.compoundLink).toEqual({ id: harbour, name: 'Harbour Lantern Estate', country: 'KH' });
    expect(detail.survivor.compound).toBeNull();

    const before = await survivors(t);
    const bad = await cw.request('POST', '/api/survivors', {
      ...survivorBody(),
      compoundId: '00000000-0000-4000-8000-000000000000',
    });
    expect(bad.status).toBe(422);
    expect(bad.json.invalidParams.map((p: { name: string }) => p.name)).toEqual(['body.compoundId']);
    expect(await survivors(t)).toBe(before);

    const free = await register(cw, { compound: 'a place by the river' });
    const freeDetail = (await cw.request('GET', `/api/cases/${free.caseId}`)).json;
    expect(freeDetail.survivor).toMatchObject({ compound: 'a place by the river', compoundLink: null });
  });

  it('the compound counts exits and people in care across organisations, suppressed below 11, never who', async () => {
    const fresh = await createCompound(analyst, 'Salt Marsh Row', 104.1, 11.2);
    const view = async () => (await analyst.request('GET', `/api/monitoring/compounds/${fresh}`)).json.casework;
    expect(await view()).toEqual({ exits: 0, inCare: 0 });
    for (let i = 0; i < 3; i++)
      await register(i % 2 ? cw : otherCw, { compoundId: fresh, consent: consent({ useInStatistics: true }) });
    expect(await view()).toEqual({ exits: 'suppressed', inCare: 'suppressed' });
    // Not consented to statistics: not counted.
    await register(cw, { compoundId: fresh, consent: consent({ useInStatistics: false }) });
    for (let i = 0; i < 9; i++)
      await register(i % 2 ? cw : otherCw, { compoundId: fresh, consent: consent({ useInStatistics: true }) });
    expect(await view()).toEqual({ exits: 12, inCare: 12 });
    const body = JSON.stringify((await analyst.request('GET', `/api/monitoring/compounds/${fresh}`)).json);
    expect(body).not.toContain('Siti');
  });

  it('"seen in a compound" puts one anonymous reactivation on the compound timeline; never the case, the org or the instant', async () => {
    const { caseId } = await register(cw, { compoundId: harbour });
    const other = await register(otherCw, { compoundId: harbour });
    const fu = async (c: TestClient, id: string) =>
      (await c.request('GET', `/api/cases/${id}`)).json.followUps.find(
        (f: { completedAt: string | null }) => !f.completedAt,
      ).id as string;

    // A compound named with another outcome, or an unknown compound: 422 and nothing recorded.
    const f1 = await fu(cw, caseId);
    expect(
      (await cw.request('POST', `/api/followups/${f1}/checkins`, { outcome: 'reached', compoundId: reed })).status,
    ).toBe(422);
    expect(
      (
        await cw.request('POST', `/api/followups/${f1}/checkins`, {
          outcome: 'seen_in_compound',
          compoundId: '00000000-0000-4000-8000-000000000000',
        })
      ).status,
    ).toBe(422);
    expect(await events(t, harbour)).toBe(0);
    // Another organisation cannot record on this case.
    expect(
      (
        await otherCw.request('POST', `/api/followups/${f1}/checkins`, {
          outcome: 'seen_in_compound',
          compoundId: harbour,
        })
      ).status,
    ).toBe(404);

    const res = await cw.request('POST', `/api/followups/${f1}/checkins`, {
      outcome: 'seen_in_compound',
      compoundId: harbour,
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).not.toMatch(/reactivation/);
    // A second sighting the same day, by another organisation: still one event (how many is not told).
    expect(
      (
        await otherCw.request('POST', `/api/followups/${await fu(otherCw, other.caseId)}/checkins`, {
          outcome: 'seen_in_compound',
          compoundId: harbour,
        })
      ).status,
    ).toBe(200);
    expect(await events(t, harbour)).toBe(1);

    const list = (await analyst.request('GET', `/api/monitoring/compounds/${harbour}/events`)).json.items;
    expect(list).toHaveLength(1);
    const e = list[0];
    expect(e).toMatchObject({
      kind: 'reactivation',
      createdBy: null,
      nationalities: [],
      counts: {},
      description: SIGHTING_DESCRIPTION,
    });
    expect(e.createdAt.slice(11)).toMatch(/^00:00:00(\.000)?(Z|\+00:00)$/);
    const text = JSON.stringify(list);
    for (const secret of [caseId, other.caseId, await t.org('ngo-a'), await t.org('ngo-b')])
      expect(text).not.toContain(secret);
    // The compound's timeline carries the reactivation signal.
    const timeline = (await analyst.request('GET', `/api/monitoring/compounds/${harbour}/timeline`)).json;
    expect(JSON.stringify(timeline)).toContain('reactivat');
  });

  it('a relocation across a border links two compounds of different countries', async () => {
    const res = await analyst.request('POST', '/api/monitoring/events', {
      compoundId: harbour,
      kind: 'relocation',
      date: '2026-01-10',
      confidence: 'medium',
      relocatedToCompoundId: reed,
    });
    expect(res.status).toBe(201);
    const [from, to] = await Promise.all(
      [harbour, reed].map(async (id) => (await analyst.request('GET', `/api/monitoring/compounds/${id}`)).json.country),
    );
    expect([from, to]).toEqual(['KH', 'TH']);
    expect(res.json.event.relocatedToCompoundId).toBe(reed);
    expect((await analyst.request('PATCH', `/api/monitoring/compounds/${reed}`, { country: 'Thailand' })).status).toBe(
      400,
    );
    expect((await analyst.request('PATCH', `/api/monitoring/compounds/${reed}`, { country: 'LA' })).json.country).toBe(
      'LA',
    );
    expect((await cw.request('PATCH', `/api/monitoring/compounds/${reed}`, { country: 'MM' })).status).toBe(403);
  });
});

const survivors = async (t: TestServer) =>
  (await asSystem(t.database, (trx) => sql<{ n: number }>`SELECT count(*)::int AS n FROM survivors`.execute(trx)))
    .rows[0]!.n;
const events = async (t: TestServer, compoundId: string) =>
  (
    await asSystem(t.database, (trx) =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM compound_events WHERE compound_id = ${compoundId}`.execute(trx),
    )
  ).rows[0]!.n;
