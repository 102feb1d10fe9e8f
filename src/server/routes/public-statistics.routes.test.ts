import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverByDifferencing } from '../../core/statistics/differencing.ts';
import { differencingFindings, releaseEntries, type ReleaseFigures } from '../../core/statistics/release.ts';
import { MINIMUM_CELL } from '../../core/statistics/suppression.ts';
import { asSystem } from '../../db/transaction.ts';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { register } from '../../testing/casework-fixtures.ts';
import { createCompound } from '../../testing/monitoring-fixtures.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';

/**
 * The public page's data: no session needed, only coordination publishes, and nothing about an individual ever
 * appears. Every survivor field that could identify someone carries a unique marker; the public response must
 * contain none of them, no count in (0, k), and nothing recoverable by subtraction, also across two releases.
 */
type Json = Record<string, any>;
const markers: string[] = [];
let serial = 0;
const mark = (what: string) => {
  const m = `PUBMARK${what}${++serial}x${(serial * 7919).toString(36)}`;
  markers.push(m);
  return m;
};
const person = (nationality: string, useInStatistics = true) => ({
  names: [{ value: `${mark('name')} ${mark('family')}`, script: 'Latn', preferred: true }],
  nationalities: [nationality],
  contacts: [{ channel: 'telegram', value: `@${mark('contact')}` }],
  location: { kind: 'street', detail: mark('location') },
  compound: mark('compound'),
  consent: { shareWithOwnEmbassy: false, shareWithOrganisationIds: [], useInStatistics, method: 'verbal' },
});

function expectPublicSafe(body: string, release: Json) {
  for (const m of markers) expect(body).not.toContain(m);
  const { published, lines } = releaseEntries(release as ReleaseFigures);
  for (const [key, v] of published)
    if (v !== 'suppressed') expect(v === 0 || v >= MINIMUM_CELL, `${key} = ${v}`).toBe(true);
  const learned = recoverByDifferencing(published, lines);
  expect([...published].filter(([k, v]) => v === 'suppressed' && learned.has(k))).toEqual([]);
}

describe.each(DATABASE_KINDS)('the public statistics release on %s', (kind) => {
  let t: TestServer;
  let ngo: TestClient;
  let ngoAdmin: TestClient;
  let lead: TestClient;
  let analyst: TestClient;
  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('pub-lead', 'coordination');
    ngo = await t.userIn('pub-ngo', 'caseworker');
    ngoAdmin = await t.userIn('pub-ngo', 'admin');
    lead = await t.userIn('pub-lead', 'admin');
    analyst = await t.userIn('pub-monitor', 'analyst');
    for (let i = 0; i < 24; i++) await register(ngo, person('ID'));
    for (let i = 0; i < 3; i++) await register(ngo, person('FJ'));
    for (let i = 0; i < 2; i++) await register(ngo, person('ID', false));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers without a session, and has no release before a coordinator publishes one', async () => {
    const res = await t.anonymous().request('GET', '/api/public/statistics');
    expect(res.status).toBe(200);
    expect(res.json.release).toBeNull();
  });

  it('lets only a coordination organisation publish a release', async () => {
    expect((await t.anonymous().request('POST', '/api/public/releases')).status).toBeGreaterThanOrEqual(401);
    expect((await ngo.request('POST', '/api/public/releases')).status).toBe(403);
    expect((await ngoAdmin.request('POST', '/api/public/releases')).status).toBe(403);
    expect((await analyst.request('POST', '/api/public/releases')).status).toBe(403);
    expect((await t.anonymous().request('GET', '/api/public/statistics')).json.release).toBeNull();
    const res = await lead.request('POST', '/api/public/releases');
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ seq: 1 });
  });

  it('publishes aggregates only: no marker, no rare nationality, no cell under k, nothing recoverable', async () => {
    const res = await t.anonymous().request('GET', '/api/public/statistics');
    const release = res.json.release;
    // 27 consented people (the two who refused statistics are not counted).
    expect(release).toMatchObject({ seq: 1, minimumCell: MINIMUM_CELL, total: 27 });
    expect(res.body).not.toMatch(/"FJ"/);
    const nationality = release.tables.find((x: Json) => x.id === 'nationality_status');
    expect(nationality.rows).toEqual(['ID', 'other']);
    expectPublicSafe(res.body, release);
  });

  it('refuses a release that would reveal a small change since the last one, and says why', async () => {
    for (let i = 0; i < 3; i++) await register(ngo, person('ID'));
    const res = await lead.request('POST', '/api/public/releases');
    expect(res.status).toBe(409);
    expect(res.json.detail ?? res.json.message ?? res.body).toMatch(/fewer than 11/);
    expect((await t.anonymous().request('GET', '/api/public/statistics')).json.release.seq).toBe(1);
  });

  it('publishes the next release once enough has changed, and the two cannot be differenced into a small cell', async () => {
    const first = (await t.anonymous().request('GET', '/api/public/statistics')).json.release;
    for (let i = 0; i < 12; i++) await register(ngo, person('ID'));
    const created = await lead.request('POST', '/api/public/releases');
    expect(created.status).toBe(201);
    const res = await t.anonymous().request('GET', '/api/public/statistics');
    const second = res.json.release;
    expect(second).toMatchObject({ seq: 2, total: 42 });
    expectPublicSafe(res.body, second);
    const now = releaseEntries(second as ReleaseFigures);
    expect(differencingFindings(now.published, releaseEntries(first).published, now.lines)).toEqual([]);
  });

  it('lists only compounds with verified published evidence, citing that evidence and nothing else', async () => {
    const verified = await createCompound(analyst, 'Golden Public Park', 102.5123456, 10.6123456);
    const unverified = await createCompound(analyst, mark('unverifiedcompound'), 103.1, 11.1);
    const testimonyPublisher = mark('testimony');
    const internalPublisher = mark('internal');
    await asSystem(t.database, async (trx) => {
      const row = (over: Record<string, unknown>) => ({
        id: crypto.randomUUID(),
        kind: 'article',
        acquired_at: new Date().toISOString(),
        sensitivity: 'public',
        verification_state: 'verified',
        compound_id: verified,
        ...over,
      });
      await trx
        .insertInto('evidence')
        .values([
          row({ source_publisher: 'Example News', source_url: 'https://news.example/raid' }),
          row({ kind: 'testimony', sensitivity: 'restricted', source_publisher: testimonyPublisher }),
          row({ sensitivity: 'internal', source_publisher: internalPublisher }),
          row({ compound_id: unverified, verification_state: 'corroborated', source_publisher: 'Other News' }),
        ] as never)
        .execute();
    });
    const res = await t.anonymous().request('GET', '/api/public/statistics');
    expect(res.json.compounds).toEqual([
      {
        id: verified,
        name: 'Golden Public Park',
        province: null,
        status: 'unknown',
        statusSince: null,
        point: [102.512, 10.612],
        sources: [{ publisher: 'Example News', url: 'https://news.example/raid' }],
      },
    ]);
    for (const m of markers) expect(res.body).not.toContain(m);
    expect(res.body).not.toContain('Other News');
  });
});
