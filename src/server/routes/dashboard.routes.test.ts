import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINIMUM_CELL } from '../../core/statistics/suppression.ts';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { register } from '../../testing/casework-fixtures.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';

/**
 * The reports dashboard follows the statistics audiences: an organisation's own records exact and filterable; a
 * coordination organisation's cross-organisation figures suppressed, unfiltered (two filtered answers could be
 * subtracted into a small count) and without a second copy of the nationality × status table.
 */
type Json = Record<string, any>;
let serial = 0;
const person = (nationality: string, sex = 'female') => ({
  names: [{ value: `DASHMARK${++serial}x${serial * 7919}`, script: 'Latn', preferred: true }],
  nationalities: [nationality],
  sex,
  contacts: [],
  location: { kind: 'street', detail: `DASHLOC${serial}` },
  consent: { shareWithOwnEmbassy: false, shareWithOrganisationIds: [], useInStatistics: true, method: 'verbal' },
});

/** Every count in the response's survivor tables and consular rows. */
function counts(d: Json): unknown[] {
  const out: unknown[] = [d.survivors.total];
  for (const t of d.survivors.tables)
    out.push(...(t.id === 'month' ? t.cells : [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals]));
  for (const r of d.consular.rows) out.push(r.registered, r.awaiting_documents, r.awaiting_travel);
  return out;
}

describe.each(DATABASE_KINDS)('the reports dashboard on %s', (kind) => {
  let t: TestServer;
  let ngo: TestClient;
  let lead: TestClient;
  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('dash-lead', 'coordination');
    ngo = await t.userIn('dash-ngo', 'caseworker');
    lead = await t.userIn('dash-lead', 'admin');
    for (let i = 0; i < 13; i++) await register(ngo, person('ID'));
    for (let i = 0; i < 3; i++) await register(ngo, person('VN', 'male'));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('needs a session', async () => {
    expect((await t.anonymous().request('GET', '/api/reports/dashboard')).status).toBe(401);
  });

  it('shows an organisation its own records exactly, and the filters narrow them', async () => {
    const all = (await ngo.request('GET', '/api/reports/dashboard')).json;
    expect(all).toMatchObject({
      scope: 'organisation',
      minimumCell: null,
      filtersApplied: true,
      survivors: { total: 16 },
    });
    expect(all.needs).not.toBeNull();
    const vn = (await ngo.request('GET', '/api/reports/dashboard?nationality=VN')).json;
    expect(vn.survivors.total).toBe(3);
    const male = (await ngo.request('GET', '/api/reports/dashboard?sex=male&sex=female')).json;
    expect(male.survivors.total).toBe(16);
  });

  it('suppresses cross-organisation figures for coordination, ignores filters there, and names nobody', async () => {
    const res = await lead.request('GET', '/api/reports/dashboard?nationality=VN');
    const d = res.json;
    expect(d).toMatchObject({
      scope: 'all',
      minimumCell: MINIMUM_CELL,
      filtersApplied: false,
      survivors: { total: 16 },
    });
    expect(d.survivors.tables.map((x: Json) => x.id)).toEqual(['sex_age', 'month']);
    for (const c of counts(d))
      expect(c === 'suppressed' || c === 0 || (c as number) >= MINIMUM_CELL, String(c)).toBe(true);
    expect(res.body).not.toMatch(/DASHMARK|DASHLOC|"VN"/);
  });
});
