import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { createTestServer, type TestServer } from '../../testing/test-server.ts';

const survivor = (name: string, useInStatistics = true) => ({
  names: [{ value: name, preferred: true }],
  sex: 'female',
  ageBand: '25_34',
  nationalities: ['PH'],
  languages: ['tl'],
  contacts: [],
  documentStatus: 'lost',
  location: { kind: 'street' },
  exitMode: 'released',
  consent: { shareWithOwnEmbassy: false, shareWithOrganisationIds: [], useInStatistics, method: 'verbal' },
});

describe.each(DATABASE_KINDS)('home numbers on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await createTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the numbers without a session', async () => {
    expect((await t.anonymous().request('GET', '/api/home')).status).toBe(401);
  });

  it("shows an NGO its own survivors exactly, and a coordination lead everyone's totals with small cells suppressed (and nothing else)", async () => {
    const a = await t.userIn('ngo-home-a', 'caseworker');
    const b = await t.userIn('ngo-home-b', 'viewer');
    const bWriter = await t.userIn('ngo-home-b', 'caseworker');
    await t.org('cluster-lead', 'coordination');
    const lead = await t.userIn('cluster-lead', 'admin');
    for (const [client, name, stats] of [
      [a, 'Maria Santos', true],
      [a, 'Ana Reyes', false],
      [bWriter, 'Liza Cruz', true],
    ] as const) {
      expect((await client.request('POST', '/api/survivors', survivor(name, stats))).status).toBe(201);
    }
    const homeA = await a.request('GET', '/api/home');
    expect(homeA.status).toBe(200);
    // Own records: exact, including the survivor who refused statistics (her organisation holds her record anyway).
    expect(homeA.json).toMatchObject({
      survivors: 2,
      registeredLast7Days: 2,
      cases: 2,
      highRisk: 0,
      scope: 'organisation',
      minimumCell: null,
      casesByStatus: { open: 2 },
      topNationalities: [{ nationality: 'PH', count: 2 }],
    });
    const homeB = await b.request('GET', '/api/home');
    expect(homeB.status).toBe(200);
    expect(homeB.json).toMatchObject({ survivors: 1, cases: 1, scope: 'organisation', organisation: { kind: 'ngo' } });
    const homeLead = await lead.request('GET', '/api/home');
    expect(homeLead.status).toBe(200);
    // Across organisations: two people consented to statistics, a count below 11, so suppressed; no nationality named.
    expect(homeLead.json).toMatchObject({
      survivors: 'suppressed',
      registeredLast7Days: 'suppressed',
      cases: 'suppressed',
      scope: 'all',
      minimumCell: 11,
      casesByStatus: { open: 'suppressed' },
      topNationalities: [],
    });
    expect(homeLead.body).not.toMatch(/Santos|Reyes|Cruz|"PH"/);
    // The lead still cannot open anyone's records.
    expect((await lead.request('GET', '/api/cases')).json.items ?? []).toHaveLength(0);
  });
});
