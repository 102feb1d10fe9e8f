import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { createCompound } from '../../testing/monitoring-fixtures.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { JobRunner } from '../../services/jobs.service.ts';
import { jobHandlers } from '../job-handlers.ts';
import { asActor } from '../../db/transaction.ts';
import { signedInActor } from '../../testing/test-harness.ts';

/** Fictional entities with cross-script aliases, a sanction and an ownership relation. */
const LINES = [
  {
    id: 'nx-chen',
    schema: 'Person',
    properties: {
      name: ['陈志'],
      alias: ['Trần Chí'],
      birthDate: ['1987-12-16'],
      nationality: ['kh'],
      topics: ['sanction'],
    },
    datasets: ['fixture'],
  },
  {
    id: 'nx-lotus',
    schema: 'Company',
    properties: { name: ['Golden Lotus Holding Group'], jurisdiction: ['kh'], topics: ['sanction'] },
  },
  { id: 'nx-own', schema: 'Ownership', properties: { owner: ['nx-chen'], asset: ['nx-lotus'], percentage: ['60'] } },
  {
    id: 'nx-san',
    schema: 'Sanction',
    properties: { entity: ['nx-chen'], authority: ['Fictional Treasury'], program: ['FICTION-1'] },
  },
  { id: 'nx-quiet', schema: 'Person', properties: { name: ['Somchai Jaidee'] } },
].map((l) => JSON.stringify(l));

describe.each(DATABASE_KINDS)('networks on %s', (kind) => {
  let t: TestServer;
  let analyst: TestClient;
  let coordinator: TestClient;
  let caseworker: TestClient;

  const upload = async (c: TestClient, body: string, dataset: string) => {
    const res = await t.server.inject({
      method: 'POST',
      url: `/api/networks/imports?dataset=${dataset}`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/x-ndjson' },
      payload: body,
    });
    return { status: res.statusCode, json: res.json() as { jobId: string } };
  };
  const runJobs = async () => {
    const runner = new JobRunner(t.app, jobHandlers);
    while (await runner.runOnce()) {
      /* every queued job */
    }
  };

  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('net-watch', 'monitor');
    analyst = await t.userIn('net-watch', 'analyst', 'analyst@net.test');
    await t.org('net-coord', 'coordination');
    coordinator = await t.userIn('net-coord', 'admin', 'admin@net-coord.test');
    caseworker = await t.userIn('net-ngo', 'caseworker', 'cw@net.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('imports an upload as a job with progress, reports malformed lines by number and imports the rest', async () => {
    const body = [
      LINES[0],
      '{not json',
      LINES[1],
      '',
      JSON.stringify({ id: 'x', schema: 'Spaceship', properties: {} }),
      ...LINES.slice(2),
    ].join('\n');
    const started = await upload(analyst, body, 'fixture');
    expect(started.status).toBe(202);
    await runJobs();
    const job = (await analyst.request('GET', `/api/jobs/${started.json.jobId}`)).json;
    expect(job.status).toBe('succeeded');
    expect(job.progress.done).toBe(8);
    expect(job.result).toMatchObject({ imported: 5, rejected: 2, disappeared: 0 });
    expect(job.result.problems).toEqual([
      { line: 2, error: 'not valid JSON' },
      { line: 5, error: 'unknown or abstract schema "Spaceship"' },
    ]);
    expect((await analyst.request('GET', '/api/networks/summary')).json).toEqual({ live: 5, disappeared: 0 });
  });

  it('round-trips: the export is the same FtM entities that were imported', async () => {
    const res = await analyst.request('GET', '/api/networks/entities.ftm.json');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/ndjson/);
    const out = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const given = LINES.map((l) => JSON.parse(l));
    expect(out.map((e) => e.id).sort()).toEqual(given.map((e) => e.id).sort());
    for (const g of given) {
      const e = out.find((x) => x.id === g.id);
      expect(e.schema).toBe(g.schema);
      expect(e.properties).toEqual(g.properties);
      expect(e.datasets).toContain('fixture');
    }
    // Re-importing the export into another dataset changes no entity's properties.
    const again = await upload(analyst, res.body, 'fixture-copy');
    await runJobs();
    expect((await analyst.request('GET', `/api/jobs/${again.json.jobId}`)).json.result).toMatchObject({
      imported: 5,
      rejected: 0,
    });
    const after = (await analyst.request('GET', '/api/networks/entities.ftm.json')).body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(after.map((e) => [e.id, e.properties])).toEqual(out.map((e) => [e.id, e.properties]));
  });

  it('a new import of a dataset marks entities it no longer holds as disappeared, and keeps them', async () => {
    // fixture-copy no longer holds nx-quiet; fixture still does, so it stays live.
    const copy = LINES.slice(0, 4).join('\n');
    await upload(analyst, copy, 'fixture-copy');
    await runJobs();
    expect((await analyst.request('GET', '/api/networks/summary')).json).toEqual({ live: 5, disappeared: 0 });
    // Now fixture drops it too: no dataset holds it any more.
    const started = await upload(analyst, copy, 'fixture');
    await runJobs();
    expect((await analyst.request('GET', `/api/jobs/${started.json.jobId}`)).json.result.disappeared).toBe(1);
    expect((await analyst.request('GET', '/api/networks/summary')).json).toEqual({ live: 4, disappeared: 1 });
    const quiet = (await analyst.request('GET', '/api/networks/entities/nx-quiet')).json.entity;
    expect(quiet.disappearedAt).not.toBeNull();
    expect(quiet.last_seen).toBeTruthy();
    const live = (await analyst.request('GET', '/api/networks/entities.ftm.json')).body;
    expect(live).not.toContain('nx-quiet');
    expect((await analyst.request('GET', '/api/networks/entities.ftm.json?includeDisappeared=true')).body).toContain(
      'nx-quiet',
    );
  });

  it('shows an entity with its sanctions and relations, and its neighbourhood as a graph', async () => {
    const detail = (await coordinator.request('GET', '/api/networks/entities/nx-chen')).json;
    expect(detail.entity).toMatchObject({ id: 'nx-chen', schema: 'Person', caption: '陈志', sanctioned: true });
    expect(detail.sanctions.map((s: { id: string }) => s.id)).toEqual(['nx-san']);
    expect(detail.relations).toEqual([
      expect.objectContaining({ direction: 'out', label: 'owns', other: expect.objectContaining({ id: 'nx-lotus' }) }),
    ]);
    const graph = (await analyst.request('GET', '/api/networks/entities/nx-lotus/graph')).json;
    expect(graph.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['nx-chen', 'nx-lotus']);
    expect(graph.edges).toEqual([
      expect.objectContaining({ source: 'nx-chen', target: 'nx-lotus', schema: 'Ownership' }),
    ]);
    expect((await analyst.request('GET', '/api/networks/entities/nope')).status).toBe(404);
  });

  it('screens Chen Zhi, 陳志 and Trần Chí to the same person, over the API, yente /match and reconciliation', async () => {
    for (const name of ['Chen Zhi', '陳志', 'Tran Chi']) {
      const res = await analyst.request('POST', '/api/screen', { name, birthDate: '1987-12-16' });
      expect(res.status).toBe(200);
      expect(res.json.results[0]).toMatchObject({ id: 'nx-chen', match: true });
      expect(res.json.results[0].features.map((f: { feature: string }) => f.feature)).toEqual(['name', 'birth_date']);
    }
    const yente = await analyst.request('POST', '/api/match/default?limit=3', {
      queries: {
        q1: { schema: 'Person', properties: { name: ['Chen Zhi'], birthDate: ['1987-12-16'] } },
        q2: { schema: 'Company', properties: { name: ['Golden Lotus Holding Group Co., Ltd.'] } },
        q3: { schema: 'Person', properties: {} },
      },
    });
    expect(yente.status).toBe(200);
    const r1 = yente.json.responses.q1.results[0];
    expect(r1).toMatchObject({ id: 'nx-chen', schema: 'Person', caption: '陈志', match: true, target: true });
    expect(r1.properties.alias).toEqual(['Trần Chí']);
    expect(r1.features.name).toBeGreaterThan(0.9);
    expect(yente.json.responses.q2.results[0]).toMatchObject({ id: 'nx-lotus' });
    expect(yente.json.responses.q3.status).toBe(400);
    expect(
      (
        await analyst.request('POST', '/api/match/other-dataset', {
          queries: { q: { schema: 'Person', properties: { name: ['Chen Zhi'] } } },
        })
      ).json.responses.q.results,
    ).toEqual([]);

    const manifest = (await analyst.request('GET', '/api/reconcile')).json;
    expect(manifest.versions).toContain('0.2');
    expect(manifest.defaultTypes.map((d: { id: string }) => d.id)).toContain('Person');
    const queries = JSON.stringify({ q0: { query: 'Trần Chí', type: 'Person' }, q1: { query: 'Nobody Atall Here' } });
    const rec = (await analyst.request('GET', `/api/reconcile?queries=${encodeURIComponent(queries)}`)).json;
    expect(rec.q0.result[0]).toMatchObject({
      id: 'nx-chen',
      name: '陈志',
      match: true,
      type: [{ id: 'Person', name: 'Person' }],
    });
    expect(rec.q1.result.every((r: { match: boolean }) => !r.match)).toBe(true);
    const posted = await analyst.request('POST', '/api/reconcile', { queries });
    expect(posted.json.q0.result[0].id).toBe('nx-chen');
    expect((await analyst.request('GET', '/api/reconcile?queries=%7Bnot')).status).toBe(422);
  });

  it("turns a compound operator's sanctioned match into one sanctions_hit alert, refreshed (not repeated) on re-screening", async () => {
    const compound = await createCompound(analyst, 'Fiction Bay Park', 103.5, 10.6, {
      operators: [
        { name: 'Chen Zhi', role: 'owner' },
        { name: 'Unrelated Security Ltd', role: 'security' },
      ],
    });
    const first = await coordinator.request('POST', '/api/networks/screen-compounds');
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ hits: 1, newAlerts: 1 });
    const again = await analyst.request('POST', '/api/networks/screen-compounds');
    expect(again.json).toMatchObject({ hits: 1, newAlerts: 0 });
    const alerts = (await analyst.request('GET', '/api/networks/alerts')).json.items;
    expect(alerts).toEqual([expect.objectContaining({ compoundId: compound, entityId: 'nx-chen' })]);
    // The title also as a message, for the web to word in the reader's language.
    expect(alerts[0].titleMessage).toEqual({
      key: 'networks.alert.sanctions_hit',
      params: { compound: 'Fiction Bay Park', operatorRole: 'owner', operator: 'Chen Zhi', entity: '陈志' },
    });
    // The one alert model: it is an ordinary alerts row of kind sanctions_hit.
    const rows = await sql<{ kind: string }>`SELECT kind FROM alerts WHERE subject_id = ${compound}`.execute(
      t.database.db,
    );
    expect(rows.rows).toEqual([{ kind: 'sanctions_hit' }]);
    // A person links the operator to the entity; the entity page shows the compound.
    const link = await analyst.request('POST', '/api/networks/compound-links', {
      compoundId: compound,
      entityId: 'nx-chen',
      role: 'owner',
    });
    expect(link.json).toEqual({ linked: true });
    const detail = (await analyst.request('GET', '/api/networks/entities/nx-chen')).json;
    expect(detail.compounds).toEqual([{ compoundId: compound, name: 'Fiction Bay Park', role: 'owner' }]);
    // The casework alert list shows it to the coordinator, never to a caseworker.
    const cwAlerts = (await caseworker.request('GET', '/api/alerts?status=open&limit=50')).json.items as {
      kind: string;
    }[];
    expect(cwAlerts.map((a) => a.kind)).not.toContain('sanctions_hit');
    const coordAlerts = (await coordinator.request('GET', '/api/alerts?status=open&limit=50')).json.items as {
      kind: string;
    }[];
    expect(coordAlerts.map((a) => a.kind)).toContain('sanctions_hit');
  });

  it('refuses network data to a caseworker on every route, and the database refuses it to their session too', async () => {
    const refused: [string, string, unknown?][] = [
      ['GET', '/api/networks/summary'],
      ['GET', '/api/networks/entities/nx-chen'],
      ['GET', '/api/networks/entities/nx-chen/graph'],
      ['GET', '/api/networks/entities.ftm.json'],
      ['GET', '/api/networks/alerts'],
      ['POST', '/api/networks/screen-compounds'],
      ['POST', '/api/screen', { name: 'Chen Zhi' }],
      ['POST', '/api/match/default', { queries: { q: { schema: 'Person', properties: { name: ['Chen Zhi'] } } } }],
      ['GET', '/api/reconcile'],
    ];
    for (const [method, url, body] of refused) {
      const res = await caseworker.request(method as 'GET', url, body);
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.body).not.toContain('陈志');
    }
    expect((await upload(caseworker, LINES[0]!, 'sneaky')).status).toBe(403);
    // Raw SQL as the caseworker's session (row-level security): no entity row, and no insert.
    const ngo = await t.org('net-ngo');
    const actor = await signedInActor(t.app, ngo, ['caseworker']);
    const seen = await asActor(t.database, actor, (trx) => trx.selectFrom('entities').select('id').execute());
    expect(seen).toEqual([]);
    await expect(
      asActor(t.database, actor, (trx) =>
        trx
          .insertInto('entities')
          .values({
            id: 'planted',
            schema: 'Person',
            caption: 'x',
            properties: '{}',
            datasets: [],
            refs: [],
            seen: '{}',
            first_seen: '2026-01-01',
            last_seen: '2026-01-01',
            disappeared_at: null,
            created_by: null,
          })
          .execute(),
      ),
    ).rejects.toThrow();
    // An analyst's session reads them.
    const watch = await t.org('net-watch');
    const analystActor = await signedInActor(t.app, watch, ['analyst']);
    expect(
      (await asActor(t.database, analystActor, (trx) => trx.selectFrom('entities').select('id').execute())).length,
    ).toBe(5);
  });

  it('rejects bad input with a 4xx and changes nothing', async () => {
    expect((await analyst.request('POST', '/api/screen', { name: '' })).status).toBe(400);
    expect((await analyst.request('POST', '/api/screen', { name: 'x', birthDate: 'yesterday' })).status).toBe(400);
    expect((await upload(analyst, '', 'empty')).status).toBe(422);
    expect((await upload(analyst, LINES[0]!, 'Bad Name!')).status).toBe(400);
  });
});
