/** Articles, their stories, claims, actors and feeds (migration 0016): the only SQL touching these tables. */
import { sql } from 'kysely';
import type { ActorKind } from '../../../core/articles/actors.ts';
import type { ArticleSourceFormat } from '../../../core/articles/article-text.ts';
import type { ClaimKind, ClaimStatus } from '../../../core/articles/claim-types.ts';
import type { Queryable } from '../../transaction.ts';

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());
const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

export interface ArticleInsert {
  evidenceId: string;
  storyId: string;
  textSha256: string;
  textEnc: string;
  charCount: number;
  format: ArticleSourceFormat;
  language: string;
  publishedAt: string;
  publisher: string | null;
  title: string | null;
  signature: number[];
  entityKeys: string[];
  numbers: string[];
  feedId: string | null;
  feedItemKey: string | null;
}

export async function findArticleByTextSha(
  trx: Queryable,
  sha: string,
): Promise<{ evidenceId: string; storyId: string } | null> {
  const r = await trx
    .selectFrom('articles')
    .select(['evidence_id', 'story_id'])
    .where('text_sha256', '=', sha)
    .executeTakeFirst();
  return r ? { evidenceId: r.evidence_id, storyId: r.story_id } : null;
}

export async function feedItemSeen(trx: Queryable, feedId: string, key: string): Promise<boolean> {
  const r = await trx
    .selectFrom('articles')
    .select('evidence_id')
    .where('feed_id', '=', feedId)
    .where('feed_item_key', '=', key)
    .executeTakeFirst();
  return !!r;
}

export interface StoryCandidateRow {
  id: string;
  storyId: string;
  day: string;
  signature: number[];
  entities: string[];
  numbers: string[];
}

/** Articles published within [from, to], for story grouping (newest first, at most `limit`). */
export async function storyCandidates(
  trx: Queryable,
  from: string,
  to: string,
  limit: number,
): Promise<StoryCandidateRow[]> {
  const rows = await trx
    .selectFrom('articles')
    .select(['evidence_id', 'story_id', 'published_at', 'signature', 'entity_keys', 'numbers'])
    .where('published_at', '>=', from)
    .where('published_at', '<=', to)
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.evidence_id,
    storyId: r.story_id,
    day: iso(r.published_at)!.slice(0, 10),
    signature: r.signature.map(Number),
    entities: r.entity_keys,
    numbers: r.numbers,
  }));
}

export async function insertStory(trx: Queryable, row: { id: string; title: string | null; firstPublishedAt: string }) {
  await trx
    .insertInto('article_stories')
    .values({ id: row.id, title: row.title, first_published_at: row.firstPublishedAt })
    .execute();
}

/** Stories `from` are the same story as `into`: their articles move, and each records where it went. */
export async function mergeStories(trx: Queryable, from: readonly string[], into: string): Promise<void> {
  if (!from.length) return;
  await trx.updateTable('articles').set({ story_id: into }).where('story_id', 'in', from).execute();
  await trx.updateTable('article_stories').set({ merged_into: into }).where('id', 'in', from).execute();
}

export async function insertArticle(trx: Queryable, a: ArticleInsert): Promise<void> {
  await trx
    .insertInto('articles')
    .values({
      evidence_id: a.evidenceId,
      story_id: a.storyId,
      text_sha256: a.textSha256,
      text_enc: a.textEnc,
      char_count: a.charCount,
      format: a.format,
      language: a.language,
      published_at: a.publishedAt,
      publisher: a.publisher,
      title: a.title,
      signature: a.signature,
      entity_keys: a.entityKeys,
      numbers: a.numbers,
      feed_id: a.feedId,
      feed_item_key: a.feedItemKey,
    })
    .execute();
}

export interface ActorRow {
  id: string;
  kind: ActorKind;
  names: string[];
  networkEntityId: string | null;
}

/** Actors sharing any name key with a mention (the candidates the names engine then compares). */
export async function actorsWithKeys(trx: Queryable, keys: readonly string[]): Promise<ActorRow[]> {
  if (!keys.length) return [];
  const rows = await trx
    .selectFrom('article_actors')
    .select(['id', 'kind', 'names', 'network_entity_id'])
    .where(sql<boolean>`name_keys && ${sql.val([...keys])}::text[]`)
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, names: r.names, networkEntityId: r.network_entity_id }));
}

export async function saveActor(
  trx: Queryable,
  a: { id: string; kind: ActorKind; names: string[]; nameKeys: string[] },
  isNew: boolean,
): Promise<void> {
  if (isNew)
    await trx
      .insertInto('article_actors')
      .values({ id: a.id, kind: a.kind, names: a.names, name_keys: a.nameKeys })
      .execute();
  else
    await trx
      .updateTable('article_actors')
      .set({ names: a.names, name_keys: a.nameKeys })
      .where('id', '=', a.id)
      .execute();
}

export interface ClaimInsert {
  id: string;
  articleId: string;
  kind: ClaimKind;
  start: number;
  end: number;
  quoteEnc: string;
  key: string;
  value: unknown;
  actorId: string | null;
  compoundId: string | null;
}

export async function insertClaims(trx: Queryable, rows: readonly ClaimInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('article_claims')
      .values(
        rows.slice(i, i + 500).map((c) => ({
          id: c.id,
          article_id: c.articleId,
          kind: c.kind,
          start_offset: c.start,
          end_offset: c.end,
          quote_enc: c.quoteEnc,
          key: c.key,
          value: JSON.stringify(c.value),
          actor_id: c.actorId,
          compound_id: c.compoundId,
        })),
      )
      .execute();
}

export interface StoryRow {
  id: string;
  title: string | null;
  firstPublishedAt: string | null;
  articles: number;
  publishers: string[];
  languages: string[];
  claims: number;
}

export async function listStories(trx: Queryable, limit: number): Promise<StoryRow[]> {
  const rows = await trx
    .selectFrom('article_stories as s')
    .innerJoin('articles as a', 'a.story_id', 's.id')
    .select([
      's.id',
      's.title',
      's.first_published_at',
      sql<number>`count(DISTINCT a.evidence_id)::int`.as('articles'),
      sql<string[]>`array_agg(DISTINCT coalesce(a.publisher, ''))`.as('publishers'),
      sql<string[]>`array_agg(DISTINCT a.language)`.as('languages'),
      sql<number>`(SELECT count(*)::int FROM article_claims c JOIN articles x ON x.evidence_id = c.article_id WHERE x.story_id = s.id)`.as(
        'claims',
      ),
    ])
    .where('s.merged_into', 'is', null)
    .groupBy(['s.id', 's.title', 's.first_published_at'])
    .orderBy('s.first_published_at', 'desc')
    .orderBy('s.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    firstPublishedAt: iso(r.first_published_at),
    articles: r.articles,
    publishers: r.publishers.filter(Boolean),
    languages: r.languages,
    claims: r.claims,
  }));
}

export interface ArticleRow {
  evidenceId: string;
  storyId: string;
  title: string | null;
  publisher: string | null;
  sourceUrl: string | null;
  language: string;
  publishedAt: string;
  format: ArticleSourceFormat;
  sha256: string | null;
  textSha256: string;
  charCount: number;
}

export async function listArticles(
  trx: Queryable,
  f: { storyId?: string; ids?: readonly string[] },
): Promise<ArticleRow[]> {
  let q = trx
    .selectFrom('articles as a')
    .innerJoin('evidence as e', 'e.id', 'a.evidence_id')
    .select([
      'a.evidence_id',
      'a.story_id',
      'a.title',
      'a.publisher',
      'e.source_url',
      'a.language',
      'a.published_at',
      'a.format',
      'e.sha256',
      'a.text_sha256',
      'a.char_count',
    ])
    .orderBy('a.published_at')
    .orderBy('a.evidence_id');
  if (f.storyId) q = q.where('a.story_id', '=', f.storyId);
  if (f.ids) q = f.ids.length ? q.where('a.evidence_id', 'in', [...f.ids]) : q.where(sql<boolean>`false`);
  return (await q.execute()).map((r) => ({
    evidenceId: r.evidence_id,
    storyId: r.story_id,
    title: r.title,
    publisher: r.publisher,
    sourceUrl: r.source_url,
    language: r.language,
    publishedAt: iso(r.published_at)!,
    format: r.format,
    sha256: r.sha256,
    textSha256: r.text_sha256,
    charCount: r.char_count,
  }));
}

export async function readArticleText(trx: Queryable, evidenceId: string): Promise<string | null> {
  const r = await trx
    .selectFrom('articles')
    .select('text_enc')
    .where('evidence_id', '=', evidenceId)
    .executeTakeFirst();
  return r?.text_enc ?? null;
}

export interface ClaimRow {
  id: string;
  articleId: string;
  storyId: string;
  kind: ClaimKind;
  start: number;
  end: number;
  quoteEnc: string;
  key: string;
  value: unknown;
  actorId: string | null;
  compoundId: string | null;
  status: ClaimStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
  eventId: string | null;
}

export async function listClaims(
  trx: Queryable,
  f: {
    storyId?: string;
    articleIds?: readonly string[];
    kinds?: readonly ClaimKind[];
    ids?: readonly string[];
    limit: number;
  },
): Promise<ClaimRow[]> {
  let q = trx
    .selectFrom('article_claims as c')
    .innerJoin('articles as a', 'a.evidence_id', 'c.article_id')
    .select([
      'c.id',
      'c.article_id',
      'a.story_id',
      'c.kind',
      'c.start_offset',
      'c.end_offset',
      'c.quote_enc',
      'c.key',
      'c.value',
      'c.actor_id',
      'c.compound_id',
      'c.status',
      'c.reviewed_by',
      'c.reviewed_at',
      'c.event_id',
    ])
    .orderBy('a.published_at')
    .orderBy('c.article_id')
    .orderBy('c.start_offset')
    .limit(f.limit);
  if (f.storyId) q = q.where('a.story_id', '=', f.storyId);
  if (f.articleIds)
    q = q.where(
      'c.article_id',
      'in',
      f.articleIds.length ? [...f.articleIds] : ['00000000-0000-0000-0000-000000000000'],
    );
  if (f.kinds) q = q.where('c.kind', 'in', [...f.kinds]);
  if (f.ids) q = q.where('c.id', 'in', f.ids.length ? [...f.ids] : ['00000000-0000-0000-0000-000000000000']);
  return (await q.execute()).map((r) => ({
    id: r.id,
    articleId: r.article_id,
    storyId: r.story_id,
    kind: r.kind,
    start: r.start_offset,
    end: r.end_offset,
    quoteEnc: r.quote_enc,
    key: r.key,
    value: json(r.value),
    actorId: r.actor_id,
    compoundId: r.compound_id,
    status: r.status,
    reviewedBy: r.reviewed_by,
    reviewedAt: iso(r.reviewed_at),
    eventId: r.event_id,
  }));
}

export async function lockClaim(trx: Queryable, id: string): Promise<void> {
  await sql`SELECT id FROM article_claims WHERE id = ${id} FOR UPDATE`.execute(trx);
}

export async function reviewClaim(
  trx: Queryable,
  id: string,
  r: { status: ClaimStatus; by: string; at: string; eventId: string | null },
): Promise<void> {
  await trx
    .updateTable('article_claims')
    .set({ status: r.status, reviewed_by: r.by, reviewed_at: r.at, event_id: r.eventId })
    .where('id', '=', id)
    .execute();
}

export async function listActors(trx: Queryable, ids: readonly string[]): Promise<ActorRow[]> {
  if (!ids.length) return [];
  const rows = await trx
    .selectFrom('article_actors')
    .select(['id', 'kind', 'names', 'network_entity_id'])
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, names: r.names, networkEntityId: r.network_entity_id }));
}

export interface FeedRow {
  id: string;
  url: string;
  title: string | null;
  organisationId: string;
  lastPolledAt: string | null;
  lastError: string | null;
}

export async function insertFeed(
  trx: Queryable,
  f: { id: string; url: string; title: string | null; organisationId: string; createdBy: string },
): Promise<void> {
  await trx
    .insertInto('article_feeds')
    .values({ id: f.id, url: f.url, title: f.title, organisation_id: f.organisationId, created_by: f.createdBy })
    .execute();
}

export async function findFeedByUrl(trx: Queryable, url: string): Promise<FeedRow | null> {
  return (await listFeeds(trx)).find((f) => f.url === url) ?? null;
}

export async function listFeeds(trx: Queryable, organisationId?: string): Promise<FeedRow[]> {
  let q = trx
    .selectFrom('article_feeds')
    .select(['id', 'url', 'title', 'organisation_id', 'last_polled_at', 'last_error'])
    .orderBy('created_at')
    .orderBy('id');
  if (organisationId) q = q.where('organisation_id', '=', organisationId);
  return (await q.execute()).map((r) => ({
    id: r.id,
    url: r.url,
    title: r.title,
    organisationId: r.organisation_id,
    lastPolledAt: iso(r.last_polled_at),
    lastError: r.last_error,
  }));
}

export async function markFeedPolled(trx: Queryable, id: string, at: string, error: string | null): Promise<void> {
  await trx.updateTable('article_feeds').set({ last_polled_at: at, last_error: error }).where('id', '=', id).execute();
}
