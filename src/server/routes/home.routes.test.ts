import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../db/test-harness.ts';
import { createTestServer, type TestServer } from '../test-server.ts';

const survivor = (name: string) => ({
  names: [{ value: name, preferred: true }], sex: 'female', ageBand: '25_34', nationalities: ['PH'], languages: ['tl'],
  contacts: [], documentStatus: 'lost', location: { kind: 'street' }, exitMode: 'released',
  consent: { shareWithOwnEmbassy: false, shareWithOrganisationIds: [], useInStatistics: true, method: 'verbal' },
});

describe.each(DATABASE_KINDS)('home numbers on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => { t = await createTestServer(kind); });
  afterAll(async () => { await t?.close(); });

  it("shows an NGO its own survivors, and a coordination lead everyone's totals (and nothing else)", async () => {
    const a = await t.userIn('ngo-home-a', 'caseworker');
    const b = await t.userIn('ngo-home-b', 'caseworker');
    await t.org('cluster-lead', 'coordination');
    const lead = await t.userIn('cluster-lead', 'admin');
    for (const [client, name] of [[a, 'Maria Santos'], [a, 'Ana Reyes'], [b, 'Liza Cruz']] as const) {
      expect((await client.request('POST', '/api/survivors', survivor(name))).status).toBe(201);
    }
    const homeA = (await a.request('GET', '/api/home')).json;
    expect(homeA).toMatchObject({ survivors: 2, scope: 'organisation' });
    expect((await b.request('GET', '/api/home')).json.survivors).toBe(1);
    const homeLead = await lead.request('GET', '/api/home');
    expect(homeLead.json).toMatchObject({ survivors: 3, scope: 'all_organisations' });
    expect(homeLead.json.topNationalities).toEqual([{ nationality: 'PH', count: 3 }]);
    expect(homeLead.body).not.toMatch(/Santos|Reyes|Cruz/);
    // The lead still cannot open anyone's records.
    expect((await lead.request('GET', '/api/cases')).json.items ?? []).toHaveLength(0);
  });
});
