/**
 * Reading articles' stories, claims and disagreements, and reviewing claims (issue #17). Quotes are
 * decrypted for the reader; every read is audited (monitoring data, no survivor data in it).
 */
import type {
  ClaimReviewInput,
  ClaimView,
  DisagreementList,
  FigureGroupView,
  StoryDetail,
  StoryList,
} from '../../contracts/monitoring/articles.ts';
import { FIGURE_KINDS, type ClaimKind } from '../../core/articles/claim-types.ts';
import type { Figure } from '../../core/articles/figures.ts';
import { reconcile, type FigureClaim, type FigureGroup } from '../../core/articles/reconcile.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import {
  listActors,
  listArticles,
  listClaims,
  listStories,
  lockClaim,
  reviewClaim,
  type ArticleRow,
  type ClaimRow,
} from '../../db/repositories/monitoring/articles.repository.ts';
import { findEvent } from '../../db/repositories/monitoring/events.repository.ts';
import { asActor, type Queryable } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { authoriseArticles } from './access.service.ts';

type Reader = Pick<AppContext, 'cipher'>;

const quoteOf = (app: Reader, c: ClaimRow) =>
  app.cipher.decrypt(c.quoteEnc, encryptionContext('article_claims', 'quote_enc', c.id));

type Sourced = FigureClaim & { row: ClaimRow };

function figureGroups(
  app: Reader,
  claims: readonly ClaimRow[],
  articles: readonly ArticleRow[],
  titles: Map<string, string | null>,
): FigureGroupView[] {
  const byArticle = new Map(articles.map((a) => [a.evidenceId, a]));
  const figures: Sourced[] = claims
    .filter((c) => FIGURE_KINDS.includes(c.kind))
    .map((c) => ({
      claimId: c.id,
      articleId: c.articleId,
      storyId: c.storyId,
      key: c.key,
      figure: c.value as Figure,
      rejected: c.status === 'rejected',
      row: c,
    }));
  return reconcile(figures).map((g: FigureGroup<Sourced>) => ({
    storyId: g.storyId,
    storyTitle: titles.get(g.storyId) ?? null,
    key: g.key,
    kind: g.claims[0]!.row.kind as 'people_count' | 'place_count' | 'money',
    agreement: g.agreement,
    sources: g.claims.map((c) => {
      const a = byArticle.get(c.articleId)!;
      return {
        claimId: c.claimId,
        articleId: c.articleId,
        publisher: a.publisher,
        title: a.title,
        publishedAt: a.publishedAt,
        quote: quoteOf(app, c.row),
        low: c.figure.low,
        high: c.figure.high,
        qualifier: c.figure.qualifier,
        status: c.row.status,
        conflictsWith: g.conflicts.flatMap(([x, y]) => (x === c.claimId ? [y] : y === c.claimId ? [x] : [])),
      };
    }),
  }));
}

/**
 * Figures that sources disagree on (compatible but different, or conflicting), across every story — the
 * situation report calls this too. Runs inside the caller's transaction.
 */
export async function disagreeingFigures(trx: Queryable, app: Reader, limit = 500): Promise<FigureGroupView[]> {
  const claims = await listClaims(trx, { kinds: FIGURE_KINDS as ClaimKind[], limit: 20_000 });
  const articles = await listArticles(trx, { ids: [...new Set(claims.map((c) => c.articleId))] });
  const titles = new Map((await listStories(trx, 1000)).map((s) => [s.id, s.title]));
  return figureGroups(app, claims, articles, titles)
    .filter((g) => g.agreement !== 'agree')
    .slice(0, limit);
}

export async function listStoriesView(app: AppContext, actor: RequestActor, q: { limit: number }): Promise<StoryList> {
  return asActor(app.database, actor, async (trx) => {
    await authoriseArticles(trx, actor, 'read');
    const stories = await listStories(trx, q.limit);
    const groups = await disagreeingFigures(trx, app, 10_000);
    await audit(trx, app, actor, 'article.stories.list', 'evidence', null, { count: stories.length });
    return {
      items: stories.map((s) => ({ ...s, disagreements: groups.filter((g) => g.storyId === s.id).length })),
    };
  });
}

export async function storyDetail(app: AppContext, actor: RequestActor, id: string): Promise<StoryDetail> {
  return asActor(app.database, actor, async (trx) => {
    await authoriseArticles(trx, actor, 'read');
    const story = (await listStories(trx, 10_000)).find((s) => s.id === id);
    if (!story) throw notFound('story');
    const articles = await listArticles(trx, { storyId: id });
    const claims = await listClaims(trx, { storyId: id, limit: 20_000 });
    const actors = new Map(
      (await listActors(trx, [...new Set(claims.flatMap((c) => (c.actorId ? [c.actorId] : [])))])).map((a) => [
        a.id,
        a,
      ]),
    );
    const figures = figureGroups(app, claims, articles, new Map([[id, story.title]]));
    await audit(trx, app, actor, 'article.story.read', 'evidence', null, { storyId: id, claims: claims.length });
    return {
      story: { ...story, disagreements: figures.filter((g) => g.agreement !== 'agree').length },
      articles,
      claims: claims.map((c) => claimView(app, c, actors)),
      figures,
    };
  });
}

function claimView(
  app: Reader,
  c: ClaimRow,
  actors: Map<string, { id: string; names: string[]; networkEntityId: string | null }>,
): ClaimView {
  const a = c.actorId ? actors.get(c.actorId) : undefined;
  return {
    id: c.id,
    articleId: c.articleId,
    kind: c.kind,
    start: c.start,
    end: c.end,
    quote: quoteOf(app, c),
    key: c.key,
    value: c.value as Record<string, unknown>,
    actor: a ? { id: a.id, names: a.names, networkEntityId: a.networkEntityId } : null,
    compoundId: c.compoundId,
    status: c.status,
    reviewedAt: c.reviewedAt,
    eventId: c.eventId,
  };
}

export async function listDisagreements(app: AppContext, actor: RequestActor): Promise<DisagreementList> {
  return asActor(app.database, actor, async (trx) => {
    await authoriseArticles(trx, actor, 'read');
    const items = await disagreeingFigures(trx, app);
    await audit(trx, app, actor, 'article.disagreements.list', 'evidence', null, { count: items.length });
    return { items };
  });
}

/** Accept (optionally as support for a compound event), reject or dispute a claim. */
export async function reviewArticleClaim(
  app: AppContext,
  actor: RequestActor,
  id: string,
  input: ClaimReviewInput,
): Promise<ClaimView> {
  return asActor(app.database, actor, async (trx) => {
    await authoriseArticles(trx, actor, 'update');
    await lockClaim(trx, id);
    const [claim] = await listClaims(trx, { ids: [id], limit: 1 });
    if (!claim) throw notFound('claim');
    if (input.eventId && input.status !== 'accepted')
      throw invalid({ 'body.eventId': 'only an accepted claim supports an event' });
    if (input.eventId && !(await findEvent(trx, input.eventId))) throw invalid({ 'body.eventId': 'no such event' });
    await reviewClaim(trx, id, {
      status: input.status,
      by: actor.userId,
      at: app.now().toISOString(),
      eventId: input.eventId ?? null,
    });
    await audit(trx, app, actor, 'article.claim.review', 'evidence', claim.articleId, {
      claimId: id,
      from: claim.status,
      to: input.status,
    });
    const [updated] = await listClaims(trx, { ids: [id], limit: 1 });
    const actors = new Map((await listActors(trx, updated!.actorId ? [updated!.actorId] : [])).map((a) => [a.id, a]));
    return claimView(app, updated!, actors);
  });
}

const SITREP_INTERVAL = (low: number, high: number | null) =>
  high === null
    ? `at least ${low.toLocaleString('en')}`
    : low === high
      ? low.toLocaleString('en')
      : low === 0
        ? `at most ${high.toLocaleString('en')}`
        : `${low.toLocaleString('en')}-${high.toLocaleString('en')}`;

/**
 * Disagreeing figures for the situation report, as lines of text; null when the reader's organisation
 * may not read articles (the report then has no such section).
 */
export async function disagreementsForReport(
  app: AppContext,
  actor: RequestActor,
  limit = 10,
): Promise<{ quantity: string; agreement: string; figures: string[] }[] | null> {
  return asActor(app.database, actor, async (trx) => {
    try {
      await authoriseArticles(trx, actor, 'read');
    } catch {
      return null;
    }
    const groups = await disagreeingFigures(trx, app, limit);
    return groups.map((g) => ({
      quantity: `${g.storyTitle ?? 'Untitled story'}: ${g.key.replace(/:/g, ' ')}`,
      agreement: g.agreement,
      figures: g.sources.map(
        (s) =>
          `${s.publisher ?? s.title ?? 'Unknown source'} (${s.publishedAt.slice(0, 10)}): ${SITREP_INTERVAL(s.low, s.high)} - "${s.quote}"`,
      ),
    }));
  });
}
