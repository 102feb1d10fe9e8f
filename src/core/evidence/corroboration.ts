/**
 * Counting independent sources. Ten accounts re-posting one video are one source: items share
 * an origin when they have the same bytes, point to the same original upload, come from the
 * same publisher or URL, or are near-duplicate images. Origins are the connected groups of
 * that relation (union–find), so "A re-posts B, B re-posts C" is one origin too.
 */
import { isNearDuplicate, NEAR_DUPLICATE_MAX_DISTANCE } from './perceptual-hash.ts';

export interface SourceOrigin {
  evidenceId: string;
  sha256?: string | null;
  /** Hash of the original this item re-posts, when known. */
  originalSha256?: string | null;
  publisher?: string | null;
  url?: string | null;
  perceptualHash?: string | null;
}

export interface IndependentSources {
  count: number;
  /** Evidence ids grouped by shared origin, each group and the list in a stable order. */
  groups: string[][];
}

function normalisePublisher(publisher: string): string {
  return publisher.normalize('NFKC').trim().toLowerCase().replace(/^@/, '').replace(/\s+/g, ' ');
}

/** Same page whatever the tracking parameters, scheme, "www." or trailing slash. */
export function normaliseUrl(url: string): string {
  const trimmed = url.trim();
  try {
    const u = new URL(trimmed);
    const host = u.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
    const params = [...u.searchParams.entries()]
      .filter(([k]) => !/^(utm_|fbclid$|gclid$|si$|igshid$|s$|t$)/i.test(k))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
    return `${host}${u.pathname.replace(/\/+$/, '')}${query}`;
  } catch {
    return trimmed.toLowerCase();
  }
}

export function countIndependentSources(
  items: readonly SourceOrigin[],
  options: { maxPerceptualDistance?: number } = {},
): IndependentSources {
  const maxDistance = options.maxPerceptualDistance ?? NEAR_DUPLICATE_MAX_DISTANCE;
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  // Exact keys: the first item holding a key absorbs every later one with it.
  const firstWithKey = new Map<string, number>();
  const link = (key: string, i: number) => {
    const first = firstWithKey.get(key);
    if (first === undefined) firstWithKey.set(key, i);
    else union(first, i);
  };
  items.forEach((item, i) => {
    link(`id:${item.evidenceId}`, i);
    // A re-post's own bytes and the original's bytes are the same content family.
    if (item.sha256) link(`hash:${item.sha256.toLowerCase()}`, i);
    if (item.originalSha256) link(`hash:${item.originalSha256.toLowerCase()}`, i);
    if (item.publisher && item.publisher.trim() !== '') link(`publisher:${normalisePublisher(item.publisher)}`, i);
    if (item.url && item.url.trim() !== '') link(`url:${normaliseUrl(item.url)}`, i);
  });

  // Near-duplicate images: pairwise, fine for the tens of items behind one claim.
  for (let i = 0; i < items.length; i++) {
    const a = items[i]!.perceptualHash;
    if (!a) continue;
    for (let j = i + 1; j < items.length; j++) {
      const b = items[j]!.perceptualHash;
      if (b && isNearDuplicate(a, b, maxDistance)) union(i, j);
    }
  }

  const groups = new Map<number, string[]>();
  items.forEach((item, i) => {
    const root = find(i);
    const group = groups.get(root) ?? [];
    if (!group.includes(item.evidenceId)) group.push(item.evidenceId);
    groups.set(root, group);
  });
  // Groups are never empty; the default only satisfies the type.
  const list = [...groups.values()]
    .map((g) => [...g].sort())
    .sort(([a = ''], [b = '']) => (a < b ? -1 : a > b ? 1 : 0));
  return { count: list.length, groups: list };
}
