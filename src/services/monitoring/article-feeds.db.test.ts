import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../testing/article-fixtures.ts';
import { DATABASE_KINDS, signedInActor } from '../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import type { RequestActor } from '../context.ts';
import { pollFeeds } from './article-feeds.service.ts';

const para = (text: string) => `<p>${text.trim().replace(/\n+/g, '</p><p>')}</p>`;
const escape = (html: string) => html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Wire</title>
<item><title>Police free Indonesians</title><link>https://harbour.example/a</link><guid>hw-1</guid>
<pubDate>Wed, 12 Nov 2025 08:00:00 GMT</pubDate><description>${escape(para(FIXTURES.harbourWire))}</description></item>
<item><title>Flood relief</title><link>https://harbour.example/b</link><guid>hw-2</guid>
<pubDate>Wed, 12 Nov 2025 09:00:00 GMT</pubDate><description>${escape(para(FIXTURES.floodRelief))}</description></item>
</channel></rss>`;
const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Mekong Daily</title>
<entry><id>urn:md:1</id><title>Over 1,400 leave</title><link rel="alternate" href="https://mekong.example/1"/>
<published>2025-11-12T10:00:00Z</published><content type="html">${escape(para(FIXTURES.mekongDaily))}</content></entry></feed>`;

describe.each(DATABASE_KINDS)('article feeds on %s', (kind) => {
  let t: TestServer;
  let feedServer: Server;
  let base: string;
  let analyst: TestClient;
  let actor: RequestActor;

  beforeAll(async () => {
    feedServer = createServer((req, res) => {
      if (req.url === '/rss.xml') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
      else if (req.url === '/atom.xml') res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(ATOM);
      else if (req.url === '/broken.xml') res.writeHead(200).end('<rss><channel><item>');
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
    t = await createTestServer(kind);
    const watch = await t.org('feed-watch', 'monitor');
    analyst = await t.userIn('feed-watch', 'analyst');
    actor = await signedInActor(t.app, watch, ['analyst']);
    for (const path of ['/rss.xml', '/atom.xml', '/broken.xml'])
      expect((await analyst.request('POST', '/api/monitoring/article-feeds', { url: `${base}${path}` })).status).toBe(
        201,
      );
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => feedServer?.close(resolve));
  });

  it('refuses to fetch a feed on this machine or a private network through the API', async () => {
    const res = await analyst.request('POST', '/api/monitoring/article-feeds/poll');
    expect(res.status).toBe(200);
    expect(res.json.articles).toBe(0);
    expect(res.json.errors).toHaveLength(3);
    for (const e of res.json.errors) expect(e.error).toMatch(/private network/);
  });

  it('polls RSS and Atom feeds on loopback when allowed, once per item, and records a broken feed', async () => {
    const first = await pollFeeds(t.app, actor, { allowPrivateHosts: true });
    expect(first).toMatchObject({ feeds: 3, articles: 3, duplicates: 0, rejected: 0 });
    expect(first.errors).toHaveLength(1);
    expect(first.errors[0]!.error).toMatch(/feed/);
    const again = await pollFeeds(t.app, actor, { allowPrivateHosts: true });
    expect(again).toMatchObject({ articles: 0, duplicates: 0 });
    const stories = await analyst.request('GET', '/api/monitoring/stories');
    const told = stories.json.items.find((s: { articles: number }) => s.articles === 2);
    expect(told.publishers.sort()).toEqual(['Harbour Wire', 'Mekong Daily']);
    const feeds = await analyst.request('GET', '/api/monitoring/article-feeds');
    const broken = feeds.json.items.find((f: { url: string }) => f.url.endsWith('/broken.xml'));
    expect(broken.lastError).toBeTruthy();
    expect(feeds.json.items.every((f: { lastPolledAt: string | null }) => f.lastPolledAt)).toBe(true);
  });

  it('keeps feeds to monitor and coordination organisations', async () => {
    const ngo = await t.userIn('feed-ngo', 'admin');
    expect((await ngo.request('POST', '/api/monitoring/article-feeds', { url: `${base}/x.xml` })).status).toBe(403);
    expect((await ngo.request('POST', '/api/monitoring/article-feeds/poll')).status).toBe(403);
    expect((await analyst.request('POST', '/api/monitoring/article-feeds', { url: 'file:///etc/passwd' })).status).toBe(
      400,
    );
  });
});
