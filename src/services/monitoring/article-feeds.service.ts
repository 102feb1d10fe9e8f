/**
 * RSS/Atom feeds an organisation polls for articles (issue #17). Polling fetches each of the
 * organisation's feeds (http/https only, 5 MB and 20 s at most, no address on this machine or a private
 * network unless the deployment allows it: a feed URL must not become a way to reach internal services),
 * and ingests every item not seen before as an article.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { FeedUnreadable, parseFeed } from '../../core/articles/feed.ts';
import type { FeedPollResult } from '../../contracts/monitoring/articles.ts';
import {
  feedItemSeen,
  findFeedByUrl,
  insertFeed,
  listFeeds,
  markFeedPolled,
  type FeedRow,
} from '../../db/repositories/monitoring/articles.repository.ts';
import { asActor } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, ServiceError } from '../errors.ts';
import { authoriseArticles } from './access.service.ts';
import { ingestArticle, type IngestBatch } from './articles-ingest.service.ts';

const MAX_FEED_BYTES = 5 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 20_000;

export interface FeedFetchPolicy {
  /** Allow loopback and private-network addresses (tests serve feeds on loopback). Default: refused. */
  allowPrivateHosts?: boolean;
}

function privateAddress(ip: string): boolean {
  if (isIP(ip) === 6) {
    const v = ip.toLowerCase();
    if (v.startsWith('::ffff:')) return privateAddress(v.slice(7));
    return v === '::1' || v === '::' || v.startsWith('fc') || v.startsWith('fd') || v.startsWith('fe80');
  }
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

async function fetchFeed(url: string, policy: FeedFetchPolicy): Promise<string> {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('only http and https feeds are fetched');
  if (!policy.allowPrivateHosts) {
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
    if (addresses.some(privateAddress)) throw new Error('the feed address is on a private network; refused');
  }
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`the feed answered ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_FEED_BYTES) throw new Error('the feed is larger than 5 MB');
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.length > MAX_FEED_BYTES) throw new Error('the feed is larger than 5 MB');
  return new TextDecoder('utf-8').decode(body);
}

const feedView = (f: FeedRow) => ({
  id: f.id,
  url: f.url,
  title: f.title,
  lastPolledAt: f.lastPolledAt,
  lastError: f.lastError,
});

export async function addFeed(app: AppContext, actor: RequestActor, input: { url: string; title?: string }) {
  return asActor(app.database, actor, async (trx) => {
    await authoriseArticles(trx, actor, 'create');
    if (await findFeedByUrl(trx, input.url)) throw conflict('this feed is already configured');
    const id = app.newId();
    await insertFeed(trx, {
      id,
      url: input.url,
      title: input.title ?? null,
      organisationId: actor.organisationId,
      createdBy: actor.userId,
    });
    await audit(trx, app, actor, 'article.feed.add', 'evidence', null, { feedId: id });
    return feedView((await listFeeds(trx, actor.organisationId)).find((f) => f.id === id)!);
  });
}

export async function listFeedsView(app: AppContext, actor: RequestActor) {
  return asActor(app.database, actor, async (trx) => {
    await authoriseArticles(trx, actor, 'read');
    return { items: (await listFeeds(trx, actor.organisationId)).map(feedView) };
  });
}

/** Poll every feed of the actor's organisation once. */
export async function pollFeeds(
  app: AppContext,
  actor: RequestActor,
  policy: FeedFetchPolicy = {},
): Promise<FeedPollResult> {
  const feeds = await asActor(app.database, actor, async (trx) => {
    await authoriseArticles(trx, actor, 'create');
    return listFeeds(trx, actor.organisationId);
  });
  const result: FeedPollResult = { feeds: feeds.length, articles: 0, duplicates: 0, rejected: 0, errors: [] };
  const batch: IngestBatch = {};
  for (const feed of feeds) {
    let error: string | null = null;
    try {
      const parsed = parseFeed(await fetchFeed(feed.url, policy));
      for (const item of parsed.items) {
        if (!item.key || !item.html.trim()) continue;
        const seen = await asActor(app.database, actor, (trx) => feedItemSeen(trx, feed.id, item.key));
        if (seen) continue;
        try {
          const done = await ingestArticle(
            app,
            actor,
            {
              bytes: new TextEncoder().encode(
                item.title ? `<h1>${escapeHtml(item.title)}</h1>${item.html}` : item.html,
              ),
              format: 'feed',
              fileName: 'feed-item.html',
              contentType: 'text/html',
              title: item.title,
              url: item.link && /^https?:/.test(item.link) ? item.link : null,
              publisher: feed.title ?? parsed.title,
              publishedAt: item.publishedAt,
              acquiredFrom: feed.url,
              feed: { id: feed.id, itemKey: item.key.slice(0, 2000) },
            },
            batch,
          );
          if (done.duplicate) result.duplicates++;
          else result.articles++;
        } catch (e) {
          if (e instanceof ServiceError && e.status < 500) result.rejected++;
          else throw e;
        }
      }
    } catch (e) {
      error =
        e instanceof FeedUnreadable || e instanceof Error ? e.message.slice(0, 500) : 'the feed could not be read';
      result.errors.push({ feedId: feed.id, error });
    }
    await asActor(app.database, actor, (trx) => markFeedPolled(trx, feed.id, app.now().toISOString(), error));
  }
  await asActor(app.database, actor, (trx) =>
    audit(trx, app, actor, 'article.feeds.poll', 'evidence', null, { ...result, errors: result.errors.length }),
  );
  return result;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
