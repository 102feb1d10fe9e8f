import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { createCompound } from '../../testing/monitoring-fixtures.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { JobRunner } from '../../services/jobs.service.ts';
import { jobHandlers } from '../job-handlers.ts';

/** Fictional imported entities: a sanctioned person owning a company, a wallet he holds, someone unrelated. */
const IMPORTED = [
  { id: 'px-chen', schema: 'Person', properties: { name: ['陈志'], alias: ['Chen Zhi'], topics: ['sanction'] } },
  { id: 'px-lotus', schema: 'Company', properties: { name: ['Golden Lotus Holding Group'] } },
  { id: 'px-own', schema: 'Ownership', properties: { owner: ['px-chen'], asset: ['px-lotus'] } },
  { id: 'px-wallet', schema: 'CryptoWallet', properties: { publicKey: ['TSanctionedWallet1'], holder: ['px-chen'] } },
  { id: 'px-quiet', schema: 'Person', properties: { name: ['Somchai Jaidee'] } },
].map((l) => JSON.stringify(l));

describe.each(DATABASE_KINDS)('networks analysis on %s', (kind) => {
  let t: TestServer;
  let analyst: TestClient;
  let coordinator: TestClient;
  let caseworker: TestClient;
  let handPerson: string;
  let handOwnership: string;

  const post = (c: TestClient, url: string, body: string, type: string) =>
    t.server.inject({
      method: 'POST',
      url,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': type },
      payload: body,
    });
  const importFtm = async (body: string, dataset: string) => {
    const res = await post(analyst, `/api/networks/imports?dataset=${dataset}`, body, 'application/x-ndjson');
    const runner = new JobRunner(t.app, jobHandlers);
    while (await runner.runOnce()) {
      /* every queued job */
    }
    return (await analyst.request('GET', `/api/jobs/${(res.json() as { jobId: string }).jobId}`)).json;
  };
  const summary = async () => (await analyst.request('GET', '/api/networks/summary')).json;

  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('pa-watch', 'monitor');
    analyst = await t.userIn('pa-watch', 'analyst', 'analyst@pa.test');
    await t.org('pa-coord', 'coordination');
    coordinator = await t.userIn('pa-coord', 'admin', 'admin@pa.test');
    caseworker = await t.userIn('pa-ngo', 'caseworker', 'cw@pa.test');
    expect((await importFtm(IMPORTED.join('\n'), 'fixture')).result).toMatchObject({ imported: 5, rejected: 0 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an analyst adds a person and a relation to an imported company by hand, with sources, audited', async () => {
    const person = await analyst.request('POST', '/api/networks/entities', {
      schema: 'Person',
      properties: { name: ['Lin Baoshan'], nationality: ['cn'] },
      sources: ['https://news.example/compound-raid', 'Interview with a former worker, 2026-01'],
    });
    expect(person.status).toBe(201);
    handPerson = person.json.entity.id;
    expect(person.json.entity).toMatchObject({
      schema: 'Person',
      caption: 'Lin Baoshan',
      datasets: ['refuge-analysts'],
      properties: {
        name: ['Lin Baoshan'],
        sourceUrl: ['https://news.example/compound-raid'],
        publisher: ['Interview with a former worker, 2026-01'],
      },
    });
    const own = await coordinator.request('POST', '/api/networks/entities', {
      schema: 'Ownership',
      properties: { owner: [handPerson], asset: ['px-lotus'], percentage: ['40'] },
      sources: ['Company registry extract DEMO-17'],
    });
    expect(own.status).toBe(201);
    handOwnership = own.json.entity.id;
    const lotus = (await analyst.request('GET', '/api/networks/entities/px-lotus')).json;
    expect(lotus.relations.map((r: { other: { id: string } }) => r.other.id).sort()).toEqual(
      [handPerson, 'px-chen'].sort(),
    );
    const audited = await sql<{ action: string; resource_id: string }>`
      SELECT action, resource_id FROM audit_events WHERE action = 'entities.create' ORDER BY seq`.execute(
      t.database.db,
    );
    expect(audited.rows).toEqual([
      { action: 'entities.create', resource_id: handPerson },
      { action: 'entities.create', resource_id: handOwnership },
    ]);
    // Screening finds the hand-made person at once.
    const screened = (await analyst.request('POST', '/api/screen', { name: 'Lin Baoshan' })).json.results;
    expect(screened[0]).toMatchObject({ id: handPerson, match: true });
  });

  it('refuses bad input with a clear 400 and changes nothing', async () => {
    const before = await summary();
    const bad: [string, unknown, string][] = [
      ['no source', { schema: 'Person', properties: { name: ['X Y'] }, sources: [] }, 'sources'],
      ['an unknown property', { schema: 'Person', properties: { shoeSize: ['44'] }, sources: ['s'] }, 'shoeSize'],
      ['a person without a name', { schema: 'Person', properties: { nationality: ['kh'] }, sources: ['s'] }, 'name'],
      [
        'a relation missing an end',
        { schema: 'Ownership', properties: { owner: ['px-chen'] }, sources: ['s'] },
        'asset',
      ],
      [
        'a relation to an entity that is not stored',
        { schema: 'Ownership', properties: { owner: ['px-chen'], asset: ['nobody'] }, sources: ['s'] },
        'nobody',
      ],
      ['an unknown schema', { schema: 'Spaceship', properties: {}, sources: ['s'] }, 'schema'],
      ['an extra field', { schema: 'Person', properties: { name: ['A B'] }, sources: ['s'], id: 'mine' }, 'id'],
      [
        'sources set as properties',
        { schema: 'Person', properties: { name: ['A B'], sourceUrl: ['x'] }, sources: ['s'] },
        'sourceUrl',
      ],
    ];
    for (const [what, body, mentions] of bad) {
      const res = await analyst.request('POST', '/api/networks/entities', body);
      expect(res.status, what).toBe(400);
      expect(res.body, what).toContain(mentions);
    }
    expect(await summary()).toEqual(before);
  });

  it('edits a hand-made entity (audited), never an imported one, and never changes its schema', async () => {
    const edited = await analyst.request('PUT', `/api/networks/entities/${handPerson}`, {
      schema: 'Person',
      properties: { name: ['Lin Baoshan'], alias: ['林宝山'], nationality: ['cn'] },
      sources: ['https://news.example/compound-raid'],
    });
    expect(edited.status, edited.body).toBe(200);
    expect(edited.json.entity.properties.alias).toEqual(['林宝山']);
    expect(edited.json.entity.properties.publisher).toBeUndefined();
    const audited = await sql<{ details: unknown }>`
      SELECT details FROM audit_events WHERE action = 'entities.update' AND resource_id = ${handPerson}`.execute(
      t.database.db,
    );
    expect(audited.rows).toHaveLength(1);
    expect(audited.rows[0]!.details).toMatchObject({ changed: ['alias', 'publisher'] }); // the interview reference was dropped;
    expect((await analyst.request('POST', '/api/screen', { name: '林宝山' })).json.results[0].id).toBe(handPerson);
    const imported = await analyst.request('PUT', '/api/networks/entities/px-quiet', {
      schema: 'Person',
      properties: { name: ['Someone Else'] },
      sources: ['s'],
    });
    expect(imported.status).toBe(409);
    const schema = await analyst.request('PUT', `/api/networks/entities/${handPerson}`, {
      schema: 'Company',
      properties: { name: ['Lin Co'] },
      sources: ['s'],
    });
    expect(schema.status).toBe(400);
    expect((await analyst.request('GET', '/api/networks/entities/px-quiet')).json.entity.caption).toBe(
      'Somchai Jaidee',
    );
    expect(
      (
        await analyst.request('PUT', '/api/networks/entities/nope', {
          schema: 'Person',
          properties: { name: ['A'] },
          sources: ['s'],
        })
      ).status,
    ).toBe(404);
  });

  it('hand edits survive a re-import of the dataset, even one that reuses their ids', async () => {
    // The new copy of the dataset drops the ownership's imported party's other relation and tries to overwrite the
    // hand-made person under its id.
    const forged = JSON.stringify({ id: handPerson, schema: 'Person', properties: { name: ['Overwritten'] } });
    const job = await importFtm([...IMPORTED, forged].join('\n'), 'fixture');
    expect(job.status).toBe('succeeded');
    const person = (await analyst.request('GET', `/api/networks/entities/${handPerson}`)).json.entity;
    expect(person).toMatchObject({ caption: 'Lin Baoshan', datasets: ['refuge-analysts'], disappearedAt: null });
    // A delta import without px-lotus marks it disappeared but keeps the hand-made relation live.
    await importFtm(IMPORTED.filter((l) => !l.includes('px-lotus"')).join('\n'), 'fixture');
    const own = (await analyst.request('GET', `/api/networks/entities/${handOwnership}`)).json.entity;
    expect(own.disappearedAt).toBeNull();
    expect((await analyst.request('GET', '/api/networks/entities/px-lotus')).json.entity.disappearedAt).not.toBeNull();
    // No import may use the analysts' dataset.
    expect(
      (await post(analyst, '/api/networks/imports?dataset=refuge-analysts', forged, 'application/x-ndjson')).statusCode,
    ).toBe(422);
    await importFtm(IMPORTED.join('\n'), 'fixture'); // px-lotus back for the tests below
  });

  it('finds the shortest path between two entities through relations and wallets, bounded in hops', async () => {
    const res = await analyst.request('GET', `/api/networks/path?from=${encodeURIComponent(handPerson)}&to=px-wallet`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ found: true, hops: 3, path: [handPerson, 'px-lotus', 'px-chen', 'px-wallet'] });
    expect(res.json.nodes.map((n: { id: string }) => n.id)).toEqual(res.json.path);
    expect(
      res.json.edges.map((e: { id: string; source: string; target: string }) => [e.id, e.source, e.target]),
    ).toEqual([
      [handOwnership, handPerson, 'px-lotus'],
      ['px-own', 'px-lotus', 'px-chen'],
      ['px-chen>px-wallet', 'px-chen', 'px-wallet'],
    ]);
    const short = await analyst.request(
      'GET',
      `/api/networks/path?from=${encodeURIComponent(handPerson)}&to=px-wallet&maxHops=2`,
    );
    expect(short.json).toMatchObject({ found: false, reason: 'too_far', path: [] });
    const none = await analyst.request('GET', '/api/networks/path?from=px-quiet&to=px-chen');
    expect(none.json).toMatchObject({ found: false, reason: 'no_path' });
    expect((await analyst.request('GET', '/api/networks/path?from=px-quiet&to=nope')).status).toBe(404);
    expect((await analyst.request('GET', '/api/networks/path?from=px-quiet&to=px-chen&maxHops=50')).status).toBe(400);
  });

  it('imports transfers from CSV, reports bad lines by number, and skips what is already stored', async () => {
    const csv = [
      'chain,tx,from,to,amount,time,asset',
      'tron,tx1,TVictimWallet,TMuleWallet1,1500.25,2026-01-05T10:00:00Z,USDT',
      'tron,tx2,TMuleWallet1,TSanctionedWallet1,1000,2026-01-06T10:00:00Z,USDT',
      'tron,tx3,TMuleWallet1,TCompoundWallet,500,2026-01-06T11:00:00Z,USDT',
      'tron,tx4,TSanctionedWallet1,TExchange,999.5,1767787200,USDT',
      'tron,tx5,TMuleWallet1,TOther,-3,2026-01-06T12:00:00Z,USDT',
      '',
      'tron,tx6,TSomeoneElse,TOther,7,2026-01-07T12:00:00Z,USDT',
    ].join('\n');
    const first = await post(analyst, '/api/networks/transfers?dataset=case-417', csv, 'text/csv');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ lines: 8, imported: 5, duplicates: 0, rejected: 1 });
    expect(first.json().problems).toEqual([{ line: 6, error: 'amount must be a non-negative decimal number' }]);
    const again = await post(analyst, '/api/networks/transfers?dataset=case-417', csv, 'text/csv');
    expect(again.json()).toMatchObject({ imported: 0, duplicates: 5, rejected: 1 });
    expect((await analyst.request('GET', '/api/networks/transfers/summary')).json).toEqual({ count: 5 });
    const noHeader = await post(analyst, '/api/networks/transfers', 'tron,tx9,A,B,1,2026-01-01', 'text/csv');
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.body).toContain('header');
  });

  it('traces flows out from a wallet with amounts and flags transfers to sanctioned or compound-linked wallets', async () => {
    // The compound wallet: a hand-made wallet held by a company linked to a compound as its operator.
    const company = await analyst.request('POST', '/api/networks/entities', {
      schema: 'Company',
      properties: { name: ['Bay Park Services'] },
      sources: ['Field report 12'],
    });
    await analyst.request('POST', '/api/networks/entities', {
      schema: 'CryptoWallet',
      properties: { publicKey: ['TCompoundWallet'], holder: [company.json.entity.id] },
      sources: ['Field report 12'],
    });
    const compound = await createCompound(analyst, 'Trace Bay Park', 103.5, 10.6);
    await analyst.request('POST', '/api/networks/compound-links', {
      compoundId: compound,
      entityId: company.json.entity.id,
      role: 'operator',
    });

    const trace = await coordinator.request('GET', '/api/networks/transfers/trace?address=TVictimWallet&hops=2');
    expect(trace.status).toBe(200);
    expect(
      trace.json.transfers.map((x: { tx: string; hop: number; flags: string[] }) => [x.tx, x.hop, x.flags]),
    ).toEqual([
      ['tx1', 1, []],
      ['tx2', 2, ['sanctioned']],
      ['tx3', 2, ['compound']],
    ]);
    expect(trace.json.flagged).toBe(2);
    const mule = trace.json.wallets.find((w: { address: string }) => w.address === 'TMuleWallet1');
    expect(mule).toMatchObject({ hop: 1, received: '1500.25', sent: '1500' });
    const sanctioned = trace.json.wallets.find((w: { address: string }) => w.address === 'TSanctionedWallet1');
    expect(sanctioned.flag).toMatchObject({ sanctioned: true, entityId: 'px-wallet', holder: '陈志' });
    // One hop further reaches the exchange; tx6 never touches the flow.
    const three = await analyst.request('GET', '/api/networks/transfers/trace?address=TVictimWallet&hops=3');
    expect(three.json.transfers.map((x: { tx: string }) => x.tx)).toEqual(['tx1', 'tx2', 'tx3', 'tx4']);
    const into = await analyst.request('GET', '/api/networks/transfers/trace?address=TExchange&hops=1&direction=in');
    expect(into.json.transfers.map((x: { tx: string }) => x.tx)).toEqual(['tx4']);
    expect((await analyst.request('GET', '/api/networks/transfers/trace?address=bad%20address')).status).toBe(400);
  });

  it('a hand-made sanctioned company named as a compound operator raises a sanctions hit at once', async () => {
    const compound = await createCompound(analyst, 'Star Fiction Park', 103.6, 10.7, {
      operators: [{ name: 'Mekong Fictional Star Group', role: 'operator' }],
    });
    const hits = async () =>
      (
        (await analyst.request('GET', '/api/networks/alerts')).json.items as { compoundId: string; entityId: string }[]
      ).filter((a) => a.compoundId === compound);
    expect(await hits()).toEqual([]);
    const company = await analyst.request('POST', '/api/networks/entities', {
      schema: 'Company',
      properties: { name: ['Mekong Fictional Star Group'], topics: ['sanction'] },
      sources: ['https://sanctions.example/fictional-notice'],
    });
    expect(company.status).toBe(201);
    expect(await hits()).toEqual([expect.objectContaining({ entityId: company.json.entity.id })]);
  });

  it('refuses hand edits, paths and transfers to a caseworker', async () => {
    const refused: [string, string, unknown?][] = [
      ['POST', '/api/networks/entities', { schema: 'Person', properties: { name: ['A B'] }, sources: ['s'] }],
      [
        'PUT',
        `/api/networks/entities/${handPerson}`,
        { schema: 'Person', properties: { name: ['A B'] }, sources: ['s'] },
      ],
      ['GET', '/api/networks/path?from=px-chen&to=px-lotus'],
      ['GET', '/api/networks/transfers/trace?address=TVictimWallet'],
      ['GET', '/api/networks/transfers/summary'],
    ];
    for (const [method, url, body] of refused) {
      const res = await caseworker.request(method as 'GET', url, body);
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.body).not.toContain('Lin Baoshan');
    }
    expect(
      (await post(caseworker, '/api/networks/transfers', 'chain,tx,from,to,amount,time\n', 'text/csv')).statusCode,
    ).toBe(403);
    expect((await analyst.request('GET', `/api/networks/entities/${handPerson}`)).json.entity.caption).toBe(
      'Lin Baoshan',
    );
  });
});
