import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../testing/article-fixtures.ts';
import { DATABASE_KINDS, signedInActor } from '../../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { createCompound } from '../../../testing/monitoring-fixtures.ts';
import { asActor } from '../../../db/transaction.ts';

async function uploadArticle(t: TestServer, c: TestClient, bytes: Buffer, query: Record<string, string>, type: string) {
  const res = await t.server.inject({
    method: 'POST',
    url: `/api/monitoring/articles/upload?${new URLSearchParams(query).toString()}`,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': type },
    payload: bytes,
  });
  return { status: res.statusCode, json: res.json() };
}

async function tableCounts(t: TestServer) {
  const { rows } = await sql<{ evidence: number; articles: number; claims: number; blobs: number }>`SELECT
    (SELECT count(*) FROM evidence)::int AS evidence, (SELECT count(*) FROM articles)::int AS articles,
    (SELECT count(*) FROM article_claims)::int AS claims, (SELECT count(*) FROM blobs)::int AS blobs`.execute(
    t.database.db,
  );
  return rows[0]!;
}

describe.each(DATABASE_KINDS)('articles API on %s', (kind) => {
  let t: TestServer;
  let analyst: TestClient;
  let coordinator: TestClient;
  let caseworker: TestClient;
  let viewer: TestClient;
  let compoundId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('watch', 'monitor');
    await t.org('coord', 'coordination');
    await t.org('ngo', 'ngo');
    analyst = await t.userIn('watch', 'analyst');
    viewer = await t.userIn('watch', 'viewer');
    coordinator = await t.userIn('coord', 'analyst');
    caseworker = await t.userIn('ngo', 'caseworker');
    compoundId = await createCompound(analyst, 'Golden Reef', 103.52, 10.62, { aliases: ['Golden Reef Park'] });
    const paste = await analyst.request('POST', '/api/monitoring/articles', {
      text: FIXTURES.harbourWire,
      publisher: 'Harbour Wire',
      publishedAt: '2025-11-12',
    });
    expect(paste.status).toBe(201);
    ids.harbourWire = paste.json.evidenceId;
    const md = await uploadArticle(
      t,
      analyst,
      Buffer.from(FIXTURES.mekongDaily),
      { fileName: 'mekong.txt', publisher: 'Mekong Daily', publishedAt: '2025-11-12' },
      'text/plain',
    );
    expect(md.status).toBe(201);
    ids.mekongDaily = md.json.evidenceId;
    const html = `<html><head><meta property="og:site_name" content="Berita Mekong"><meta property="article:published_time" content="2025-11-13T02:00:00Z"></head><body><p>${FIXTURES.translationId.replace(/\n+/g, '</p><p>')}</p></body></html>`;
    const tr = await uploadArticle(t, coordinator, Buffer.from(html), { fileName: 'berita.html' }, 'text/html');
    expect(tr.status).toBe(201);
    expect(tr.json.language).toBe('id');
    ids.translationId = tr.json.evidenceId;
    const other = await analyst.request('POST', '/api/monitoring/articles', {
      text: FIXTURES.floodRelief,
      publishedAt: '2025-11-12',
    });
    ids.floodRelief = other.json.evidenceId;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('groups three tellings of one story and keeps the unrelated one apart', async () => {
    const list = await analyst.request('GET', '/api/monitoring/stories');
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(2);
    const story = list.json.items.find((s: { articles: number }) => s.articles === 3);
    expect(story.publishers.sort()).toEqual(['Berita Mekong', 'Harbour Wire', 'Mekong Daily']);
    expect(story.languages.sort()).toEqual(['en', 'id']);
    expect(story.disagreements).toBeGreaterThanOrEqual(2);
    ids.story = story.id;
  });

  it('keeps every claim with its exact quote span, resolved compounds and actors across spellings', async () => {
    const detail = await analyst.request('GET', `/api/monitoring/stories/${ids.story}`);
    expect(detail.status).toBe(200);
    const texts: Record<string, string> = {
      [ids.harbourWire!]: FIXTURES.harbourWire.trim(),
      [ids.mekongDaily!]: FIXTURES.mekongDaily.trim(),
    };
    const claims = detail.json.claims as {
      articleId: string;
      start: number;
      end: number;
      quote: string;
      kind: string;
      compoundId: string | null;
      actor: { id: string; names: string[] } | null;
    }[];
    const english = claims.filter((c) => texts[c.articleId]);
    expect(english.length).toBeGreaterThan(20);
    for (const c of english) expect(texts[c.articleId]!.slice(c.start, c.end)).toBe(c.quote);
    expect(claims.filter((c) => c.kind === 'place' && c.compoundId === compoundId).length).toBeGreaterThanOrEqual(3);
    const actorOf = (quote: string) => claims.find((c) => c.quote === quote)?.actor;
    expect(actorOf('Tran Chi')?.id).toBe(actorOf('Chen Zhi')?.id);
    expect(actorOf('Tran Chi')?.names.sort()).toEqual(['Chen Zhi', 'Tran Chi']);
    expect(actorOf('Monse Ferrer')?.id).toBe(actorOf('Montse Ferrer')?.id);
    expect(actorOf('Sok Vanna')?.id).not.toBe(actorOf('Chen Zhi')?.id);
  });

  it("shows each source's figure side by side and flags the disagreement", async () => {
    const res = await coordinator.request('GET', '/api/monitoring/article-disagreements');
    expect(res.status).toBe(200);
    const sites = res.json.items.find((g: { key: string }) => g.key === 'place_count:scam_site');
    expect(sites.agreement).toBe('compatible');
    expect(
      sites.sources.map((s: { publisher: string; low: number; quote: string }) => [s.publisher, s.low, s.quote]).sort(),
    ).toEqual([
      ['Harbour Wire', 10, 'at least 10 compounds'],
      ['Mekong Daily', 17, 'at least 17 scam zones'],
    ]);
    const indonesians = res.json.items.find((g: { key: string }) => g.key === 'people_count:person:ID');
    expect(indonesians.sources.map((s: { low: number }) => s.low)).toEqual(expect.arrayContaining([1440, 1401]));
  });

  it('records each article as article evidence with the hash of its original and a custody entry', async () => {
    const ev = await analyst.request('GET', `/api/monitoring/evidence/${ids.mekongDaily}`);
    expect(ev.status).toBe(200);
    expect(ev.json.kind).toBe('article');
    expect(ev.json.file.sha256).toBe(createHash('sha256').update(FIXTURES.mekongDaily).digest('hex'));
    const custody = await analyst.request('GET', `/api/monitoring/evidence/${ids.mekongDaily}/custody`);
    expect(custody.json.entries[0].action).toBe('ingested');
  });

  it('takes the same text again as the same article, storing nothing new', async () => {
    const before = await tableCounts(t);
    const again = await analyst.request('POST', '/api/monitoring/articles', {
      text: FIXTURES.harbourWire,
      publishedAt: '2025-11-12',
    });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ duplicate: true, evidenceId: ids.harbourWire });
    expect(await tableCounts(t)).toEqual(before);
  });

  it('refuses binary garbage, empty, enormous, wrongly encoded and unknown files with clear errors, storing nothing', async () => {
    const before = await tableCounts(t);
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const cases: [Buffer, string, string, number, RegExp][] = [
      [garbage, 'x.txt', 'text/plain', 422, /UTF-8/],
      [Buffer.from('\u0000\u0001\u0002\u0003abc'.repeat(100)), 'x.txt', 'text/plain', 422, /binary/],
      [Buffer.alloc(0), 'x.txt', 'text/plain', 422, /empty/],
      [Buffer.from('   \n\n '), 'x.md', 'text/markdown', 422, /no text/],
      [Buffer.from('word '.repeat(60_000)), 'x.txt', 'text/plain', 413, /longer than/],
      [Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]), 'latin1.txt', 'text/plain', 422, /UTF-8/],
      [Buffer.from('%PDF-1.4 not really'), 'x.pdf', 'application/pdf', 422, /PDF/],
      [Buffer.from('MZ\u0090\u0000'), 'x.exe', 'application/octet-stream', 415, /\.txt/],
    ];
    for (const [bytes, fileName, type, status, detail] of cases) {
      const res = await uploadArticle(t, analyst, bytes, { fileName }, type);
      expect([fileName, res.status]).toEqual([fileName, status]);
      expect(res.json.detail).toMatch(detail);
    }
    const blank = await analyst.request('POST', '/api/monitoring/articles', { text: '' });
    expect(blank.status).toBe(400);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('keeps articles to monitor and coordination organisations and reviewers to analysts', async () => {
    for (const [client, method, url, body] of [
      [caseworker, 'GET', '/api/monitoring/stories', undefined],
      [caseworker, 'GET', `/api/monitoring/stories/${ids.story}`, undefined],
      [caseworker, 'GET', '/api/monitoring/article-disagreements', undefined],
      [caseworker, 'POST', '/api/monitoring/articles', { text: FIXTURES.casinoCourt }],
      [viewer, 'GET', '/api/monitoring/stories', undefined],
      [viewer, 'POST', '/api/monitoring/articles', { text: FIXTURES.casinoCourt }],
    ] as const) {
      const res = await client.request(method, url, body);
      expect([url, res.status]).toEqual([url, 403]);
    }
    // And the database itself shows an NGO session nothing, whatever the service would say.
    const ngo = await signedInActor(t.app, await t.org('ngo'), ['caseworker', 'admin']);
    const seen = await asActor(
      t.database,
      ngo,
      async (trx) =>
        (
          await sql<{
            n: number;
          }>`SELECT (SELECT count(*) FROM articles)::int + (SELECT count(*) FROM article_claims)::int + (SELECT count(*) FROM article_stories)::int + (SELECT count(*) FROM article_actors)::int AS n`.execute(
            trx,
          )
        ).rows[0]!.n,
    );
    expect(seen).toBe(0);
    const watch = await signedInActor(t.app, await t.org('watch'), ['analyst']);
    const watched = await asActor(
      t.database,
      watch,
      async (trx) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM article_claims`.execute(trx)).rows[0]!.n,
    );
    expect(watched).toBeGreaterThan(0);
  });

  it('lets an analyst reject a claim, which ends the disagreement it made; others may not review', async () => {
    const detail = await analyst.request('GET', `/api/monitoring/stories/${ids.story}`);
    const ten = detail.json.claims.find((c: { quote: string }) => c.quote === 'at least 10 compounds');
    expect(
      (await caseworker.request('POST', `/api/monitoring/article-claims/${ten.id}/review`, { status: 'rejected' }))
        .status,
    ).toBe(403);
    expect(
      (await viewer.request('POST', `/api/monitoring/article-claims/${ten.id}/review`, { status: 'rejected' })).status,
    ).toBe(403);
    const bad = await analyst.request('POST', `/api/monitoring/article-claims/${ten.id}/review`, {
      status: 'rejected',
      eventId: compoundId,
    });
    expect(bad.status).toBe(422);
    const ok = await analyst.request('POST', `/api/monitoring/article-claims/${ten.id}/review`, { status: 'rejected' });
    expect(ok.status).toBe(200);
    expect(ok.json.status).toBe('rejected');
    const after = await analyst.request('GET', '/api/monitoring/article-disagreements');
    expect(after.json.items.find((g: { key: string }) => g.key === 'place_count:scam_site')).toBeUndefined();
  });
});
