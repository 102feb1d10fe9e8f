import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { counts, createCompound, square } from '../../../testing/monitoring-fixtures.ts';

describe.each(DATABASE_KINDS)('monitoring compounds, events, alerts and map on %s', (kind) => {
  let t: TestServer;
  let analyst: TestClient;
  let viewer: TestClient;
  let raidPark: string;
  let exitPark: string;
  let newPark: string;

  const event = async (body: Record<string, unknown>) => {
    const res = await analyst.request('POST', '/api/monitoring/events', body);
    if (res.status !== 201) throw new Error(`${res.status} ${res.body}`);
    return res.json;
  };

  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('watch', 'monitor');
    analyst = await t.userIn('watch', 'analyst');
    viewer = await t.userIn('ngo', 'viewer');
    raidPark = await createCompound(analyst, 'Raid Park', 104.0, 11.0, {
      names: [
        { name: 'Raid Park', lang: 'en' },
        { name: '突袭园区', lang: 'zh' },
      ],
      province: 'Kandal',
    });
    exitPark = await createCompound(analyst, 'Exit Park', 105.0, 12.0);
    newPark = await createCompound(analyst, 'New Park', 105.02, 12.0);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('derives the timeline from events, including reactivation after a raid, and raises the raid alerts', async () => {
    const raid = await event({ compoundId: raidPark, kind: 'raid', date: '2025-06-01', confidence: 'high' });
    expect(raid.timeline.status).toBe('raided');
    expect(raid.alerts.map((a: { kind: string }) => a.kind)).toEqual(['raid_without_rescues']);
    const evidence = await analyst.request('POST', '/api/monitoring/evidence', {
      kind: 'social_post',
      source: { publisher: 'Local page', url: 'https://x.example/p/1' },
    });
    const activity = await event({
      compoundId: raidPark,
      kind: 'operating',
      date: '2025-07-01',
      confidence: 0.8,
      evidenceIds: [evidence.json.id],
      nationalities: ['ID', 'VN'],
    });
    expect(activity.timeline.entries.map((e: { status: string }) => e.status)).toEqual(['raided', 'reactivated']);
    expect(activity.timeline.entries[1].evidenceIds).toEqual([evidence.json.id]);
    const theatre = activity.alerts.find((a: { kind: string }) => a.kind === 'possible_theatre_raid');
    expect(theatre).toBeDefined();
    expect(theatre.evidenceIds).toContain(evidence.json.id);
    const compound = await viewer.request('GET', `/api/monitoring/compounds/${raidPark}`);
    expect(compound.status).toBe(200);
    expect(compound.json.status).toBe('reactivated');
    expect(compound.json.names.map((n: { lang: string }) => n.lang)).toEqual(['en', 'zh']);
    const timeline = await viewer.request('GET', `/api/monitoring/compounds/${raidPark}/timeline`);
    expect(timeline.json.entries.map((e: { status: string }) => e.status)).toEqual(['raided', 'reactivated']);
    expect((await viewer.request('GET', `/api/monitoring/compounds/${raidPark}/events`)).json.items).toHaveLength(2);
    expect(
      (await analyst.request('GET', '/api/monitoring/compounds?status=reactivated')).json.items.map(
        (c: { id: string }) => c.id,
      ),
    ).toEqual([raidPark]);
  });

  it('raises mass-exit and relocation alerts, once per key however often the rules run', async () => {
    const exit = await event({
      compoundId: exitPark,
      kind: 'mass_exit',
      date: '2025-05-01',
      confidence: 'high',
      counts: { peopleLeaving: 800 },
    });
    const massExit = exit.alerts.find((a: { kind: string }) => a.kind === 'mass_exit');
    expect(massExit.severity).toBe('urgent');
    // Thirty quiet days after the exit: emptied (derived up to today).
    expect(exit.timeline.entries.map((e: { status: string }) => e.status)).toEqual(['mass_exit', 'emptied']);
    const moved = await event({ compoundId: newPark, kind: 'operating', date: '2025-06-15', confidence: 'medium' });
    const relocation = moved.alerts.find((a: { kind: string }) => a.kind === 'possible_relocation');
    expect(relocation).toMatchObject({ compoundId: exitPark, relatedCompoundIds: [newPark] });

    const before = await counts(t);
    const rerun = await analyst.request('PATCH', `/api/monitoring/events/${moved.event.id}`, {
      description: 'seen from the road',
    });
    expect(rerun.status).toBe(200);
    expect((await counts(t)).alerts).toBe(before.alerts);

    const alerts = await viewer.request('GET', '/api/monitoring/alerts');
    const kinds = alerts.json.items.map((a: { kind: string }) => a.kind);
    expect(new Set(kinds)).toEqual(
      new Set(['mass_exit', 'raid_without_rescues', 'possible_theatre_raid', 'possible_relocation']),
    );
    const ranks = alerts.json.items.map((a: { rank: number }) => a.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(alerts.json.items[0].kind).toBe('mass_exit');
    // Each title also as a key and values, stored with the alert, for the reader's language.
    for (const a of alerts.json.items as { kind: string; titleMessage: { key: string } }[])
      expect(a.titleMessage.key).toMatch(new RegExp(`^compounds\\.alert\\.${a.kind}`));

    expect((await viewer.request('POST', `/api/monitoring/alerts/${massExit.id}/acknowledge`)).status).toBe(403);
    const ack = await analyst.request('POST', `/api/monitoring/alerts/${massExit.id}/acknowledge`);
    expect(ack.json.status).toBe('acknowledged');
    // Acknowledged for the analyst's organisation only (issue #8): the other organisation still sees it open.
    expect(
      (await analyst.request('GET', '/api/monitoring/alerts')).json.items.map((a: { id: string }) => a.id),
    ).not.toContain(massExit.id);
    expect(
      (await viewer.request('GET', '/api/monitoring/alerts')).json.items.map((a: { id: string }) => a.id),
    ).toContain(massExit.id);
  });

  it('serves map data with each compound status on the slider day', async () => {
    const statusOn = async (day: string) => {
      const res = await viewer.request('GET', `/api/monitoring/map?at=${day}`);
      expect(res.status).toBe(200);
      return Object.fromEntries(res.json.compounds.map((c: { id: string; status: string }) => [c.id, c.status]));
    };
    expect((await statusOn('2025-04-01'))[raidPark]).toBe('unknown');
    expect(await statusOn('2025-06-10')).toMatchObject({ [raidPark]: 'raided', [exitPark]: 'emptied' });
    expect(await statusOn('2025-07-02')).toMatchObject({ [raidPark]: 'reactivated', [newPark]: 'operating' });
    expect((await statusOn('2025-05-10'))[exitPark]).toBe('mass_exit');
    const located = await analyst.request('POST', '/api/monitoring/evidence', {
      kind: 'photo',
      claimed: { capturedAt: '2025-06-20T10:00:00Z', point: { type: 'Point', coordinates: [104.0001, 11.0001] } },
    });
    const map = await analyst.request('GET', '/api/monitoring/map?at=2025-06-30');
    const i = map.json.evidence.id.indexOf(located.json.id);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(map.json.evidence.lon[i]).toBe(Math.round(104.0001 * 1e5));
    expect(map.json.evidenceKinds[map.json.evidence.kind[i]]).toBe('photo');
    expect((await analyst.request('GET', '/api/monitoring/map?at=2025-06-19')).json.evidence.id).not.toContain(
      located.json.id,
    );
    // A viewer may see compounds but not evidence.
    expect((await viewer.request('GET', '/api/monitoring/map')).json.evidence.id).toEqual([]);
  });

  it('round-trips compounds through GeoJSON export and import, and imports all or nothing', async () => {
    const exported = await viewer.request('GET', '/api/monitoring/compounds.geojson');
    expect(exported.status).toBe(200);
    expect(exported.json.features).toHaveLength(3);
    const dry = await analyst.request('POST', '/api/monitoring/compounds/import?dryRun=true', exported.json);
    expect(dry.json).toMatchObject({ dryRun: true, ok: true, created: 0, updated: 3 });
    const real = await analyst.request('POST', '/api/monitoring/compounds/import', exported.json);
    expect(real.json).toMatchObject({ ok: true, created: 0, updated: 3 });
    expect((await viewer.request('GET', '/api/monitoring/compounds.geojson')).json).toEqual(exported.json);

    const external = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'qgis-7',
          geometry: square(102.6, 13.66),
          properties: { name: 'Border Site', province: 'Banteay Meanchey', operators: ['Northgate Ltd'] },
        },
      ],
    };
    const created = await analyst.request('POST', '/api/monitoring/compounds/import', external);
    expect(created.json).toMatchObject({ created: 1, updated: 0 });
    expect((await analyst.request('POST', '/api/monitoring/compounds/import', external)).json).toMatchObject({
      created: 0,
      updated: 1,
    });

    const before = await counts(t);
    const broken = {
      type: 'FeatureCollection',
      features: [
        external.features[0],
        {
          type: 'Feature',
          id: 'bad',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [1, 1],
                [2, 1],
                [2, 2],
                [1, 2],
              ],
            ],
          },
          properties: { name: 'Open ring' },
        },
      ],
    };
    const refused = await analyst.request('POST', '/api/monitoring/compounds/import', broken);
    expect(refused.status).toBe(422);
    expect(refused.json.invalidParams.map((p: { name: string }) => p.name)).toContain(
      'body.features[1].geometry.coordinates[0]',
    );
    expect(await counts(t)).toEqual(before);
    const report = await analyst.request('POST', '/api/monitoring/compounds/import?dryRun=true', broken);
    expect(report.json.ok).toBe(false);
    expect(report.json.problems[0].code).toBe('ring_not_closed');
  });

  it('refuses writes by read-only roles and unclosed footprints, naming the field', async () => {
    expect((await viewer.request('POST', '/api/monitoring/compounds', { names: [{ name: 'X' }] })).status).toBe(403);
    const open = await analyst.request('POST', '/api/monitoring/compounds', {
      names: [{ name: 'X' }],
      footprint: {
        type: 'Polygon',
        coordinates: [
          [
            [1, 1],
            [2, 1],
            [2, 2],
            [1, 2],
          ],
        ],
      },
    });
    expect(open.status).toBe(422);
    expect(open.json.invalidParams[0].name).toMatch(/^body\.footprint/);
  });
});
