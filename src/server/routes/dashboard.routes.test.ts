import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../db/transaction.ts';
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
  let viewer: TestClient;
  let consul: TestClient;
  const DAY = 86_400_000;
  /** Moves a case into a consular stage: `days` ago by its timeline, or (null) with no status change recorded. */
  const wait = async (caseId: string, status: string, days: number | null) =>
    asSystem(t.database, async (trx) => {
      const now = t.app.now().getTime();
      await sql`UPDATE cases SET status = ${status}, opened_at = ${new Date(now - 20 * DAY).toISOString()}::timestamptz
        WHERE id = ${caseId}::uuid`.execute(trx);
      if (days !== null)
        await sql`INSERT INTO case_events (id, case_id, organisation_id, at, kind, params)
          SELECT ${randomUUID()}::uuid, id, organisation_id, ${new Date(now - days * DAY).toISOString()}::timestamptz,
            'status_changed', ${JSON.stringify({ from: 'assisting', to: status })}::jsonb
          FROM cases WHERE id = ${caseId}::uuid`.execute(trx);
    });
  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('dash-lead', 'coordination');
    await t.org('dash-embassy', 'embassy', ['ID']);
    ngo = await t.userIn('dash-ngo', 'caseworker');
    viewer = await t.userIn('dash-ngo', 'viewer');
    lead = await t.userIn('dash-lead', 'admin');
    consul = await t.userIn('dash-embassy', 'consular_officer');
    const ids: string[] = [];
    for (let i = 0; i < 13; i++) ids.push((await register(ngo, person('ID'))).caseId);
    for (let i = 0; i < 3; i++) ids.push((await register(ngo, person('VN', 'male'))).caseId);
    // Four Indonesians wait for documents (two for 15 days by their timeline, two since their case opened 20 days
    // ago); one Vietnamese waits for travel (5 days).
    await wait(ids[0]!, 'awaiting_documents', 15);
    await wait(ids[1]!, 'awaiting_documents', 15);
    await wait(ids[2]!, 'awaiting_documents', null);
    await wait(ids[3]!, 'awaiting_documents', null);
    await wait(ids[13]!, 'awaiting_travel', 5);
    const need = await ngo.request('POST', `/api/cases/${ids[14]}/needs`, { kind: 'legal' });
    if (need.status !== 201) throw new Error(`need: ${need.status} ${need.body}`);
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

  it('shows the consular bottleneck with waiting times per stage, narrowed by the filters', async () => {
    const d = (await ngo.request('GET', '/api/reports/dashboard')).json;
    const row = (n: string) => d.consular.rows.find((r: Json) => r.nationality === n);
    expect(row('ID')).toMatchObject({ awaiting_documents: 4, awaiting_travel: 0, bottleneck: 'documents' });
    expect(row('ID').waits).toEqual({
      awaiting_documents: { median: 15, p90: 20 },
      awaiting_travel: { median: null, p90: null },
    });
    expect(row('VN').waits.awaiting_travel).toEqual({ median: 5, p90: 5 });
    expect(d.consular.totalWaits.awaiting_documents).toEqual({ median: 15, p90: 20 });
    const vn = (await ngo.request('GET', '/api/reports/dashboard?nationality=VN')).json;
    expect(vn.consular.rows.map((r: Json) => r.nationality)).toEqual(['VN']);
    expect(vn.consular.totalWaits.awaiting_documents).toEqual({ median: null, p90: null });
    const female = (await ngo.request('GET', '/api/reports/dashboard?sex=female')).json;
    expect(female.consular.totals).toMatchObject({ registered: 13, awaiting_travel: 0 });
  });

  it('counts people by location and by need over time for the organisation, each figure filtered alike', async () => {
    const d = (await ngo.request('GET', '/api/reports/dashboard')).json;
    expect(d.byLocation).toMatchObject({ rows: ['street'], rowTotals: [16] });
    expect(d.byNeed).not.toBeNull();
    const vn = (await ngo.request('GET', '/api/reports/dashboard?nationality=VN')).json;
    expect(vn.byLocation.rowTotals).toEqual([3]);
    expect(vn.unfiltered).toEqual(['referrals', 'compounds', 'events', 'verification', 'alerts']);
    const period = (await ngo.request('GET', '/api/reports/dashboard?from=2026-03')).json;
    expect(period.survivors.total).toBe(0);
    expect(period.byLocation.rows).toEqual([]);
    expect(period.consular.rows).toEqual([]);
    expect(period.unfiltered).toEqual(['compounds', 'alerts']);
    expect(d.unfiltered).toEqual([]);
    // A viewer reads reports but not needs.
    expect((await viewer.request('GET', '/api/reports/dashboard')).json.byNeed).toBeNull();
  });

  it("narrows needs (people by need, and the needs panel) by their survivors' attributes", async () => {
    const legal = async (qs: string) => {
      const d = (await ngo.request('GET', `/api/reports/dashboard${qs}`)).json;
      const row = d.byNeed.rows.indexOf('legal');
      const people = row < 0 ? 0 : d.byNeed.rowTotals[row];
      const needs = d.needs.filter((r: Json) => r.a === 'legal').reduce((a: number, r: Json) => a + r.n, 0);
      return { people, needs };
    };
    const all = await legal('');
    const male = await legal('?sex=male');
    const female = await legal('?sex=female');
    expect(male.people).toBeGreaterThanOrEqual(1);
    expect(male.people + female.people).toBe(all.people);
    expect(male.needs + female.needs).toBe(all.needs);
    expect(await legal('?from=2026-03')).toEqual({ people: 0, needs: 0 });
  });

  it("opens the case list on a figure's attributes (what the dashboard links to)", async () => {
    const items = async (qs: string) => (await ngo.request('GET', `/api/cases?${qs}`)).json.items as Json[];
    expect(await items('nationality=vn&sex=male&registeredFrom=2026-02&registeredTo=2026-02')).toHaveLength(3);
    expect(await items('nationality=VN&sex=female')).toHaveLength(0);
    expect(await items('status=awaiting_documents&nationality=ID')).toHaveLength(4);
    expect(await items('registeredFrom=2026-03')).toHaveLength(0);
    expect(await items('ageBand=25_34')).toHaveLength(16);
    expect(await items('ageBand=18_24,45_59')).toHaveLength(0);
  });

  it("gives an embassy no needs or locations of other organisations' survivors", async () => {
    const d = (await consul.request('GET', '/api/reports/dashboard')).json;
    expect(d).toMatchObject({ scope: 'visible', filtersApplied: false, byNeed: null, byLocation: null });
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
    // Waiting times only beside a published queue of at least k; where a person is, never.
    for (const r of [...d.consular.rows, { ...d.consular.totals, waits: d.consular.totalWaits }])
      for (const stage of ['awaiting_documents', 'awaiting_travel']) {
        const published = typeof r[stage] === 'number' && r[stage] >= MINIMUM_CELL;
        if (!published) expect([null, 'suppressed']).toContain(r.waits[stage].median);
      }
    expect(d.consular.totalWaits.awaiting_documents).toEqual({ median: 'suppressed', p90: 'suppressed' });
    expect(d.byLocation).toBeNull();
    expect(d.byNeed).not.toBeNull();
    expect(d.unfiltered).toEqual([]);
  });
});
