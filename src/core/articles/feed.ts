/**
 * RSS 2.0 and Atom feeds → items (fast-xml-parser; no entity expansion beyond XML's own, no DTDs).
 * Each item: a stable key (guid / id / link / title), title, link, publication date and its HTML body
 * (content:encoded, content, description or summary).
 */
import { XMLParser } from 'fast-xml-parser';

export interface FeedItem {
  key: string;
  title: string | null;
  link: string | null;
  publishedAt: string | null;
  html: string;
}

export interface ParsedFeed {
  title: string | null;
  items: FeedItem[];
}

export class FeedUnreadable extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

const text = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (typeof v === 'object' && '#text' in (v as Record<string, unknown>))
    return String((v as Record<string, unknown>)['#text']);
  return null;
};

const date = (v: unknown): string | null => {
  const s = text(v);
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

export function parseFeed(xml: string): ParsedFeed {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml, true) as Record<string, unknown>;
  } catch (e) {
    throw new FeedUnreadable(`not a well-formed feed: ${(e as Error).message.split('\n')[0]}`);
  }
  const rss = doc.rss as { channel?: Record<string, unknown> } | undefined;
  if (rss?.channel) {
    const ch = rss.channel;
    const items = (ch.item as Record<string, unknown>[] | undefined) ?? [];
    return {
      title: text(ch.title),
      items: items.map((it) => {
        const link = text((it.link as unknown[] | undefined)?.[0]);
        const title = text(it.title);
        return {
          key: text(it.guid) ?? link ?? title ?? '',
          title,
          link,
          publishedAt: date(it.pubDate) ?? date(it['dc:date']),
          html: text(it['content:encoded']) ?? text(it.description) ?? '',
        };
      }),
    };
  }
  const feed = doc.feed as Record<string, unknown> | undefined;
  if (feed) {
    const entries = (feed.entry as Record<string, unknown>[] | undefined) ?? [];
    return {
      title: text(feed.title),
      items: entries.map((e) => {
        const links = (e.link as Record<string, unknown>[] | undefined) ?? [];
        const alt = links.find((l) => !l['@rel'] || l['@rel'] === 'alternate') ?? links[0];
        const link = alt ? text(alt['@href']) : null;
        const title = text(e.title);
        return {
          key: text(e.id) ?? link ?? title ?? '',
          title,
          link,
          publishedAt: date(e.published) ?? date(e.updated),
          html: text(e.content) ?? text(e.summary) ?? '',
        };
      }),
    };
  }
  throw new FeedUnreadable('neither an RSS nor an Atom feed');
}
