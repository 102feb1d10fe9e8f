import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  ArticlePasteInput,
  ArticleUploadQuery,
  ClaimReviewInput,
  ClaimView,
  DisagreementList,
  FeedInput,
  FeedList,
  FeedPollResult,
  FeedView,
  IngestedArticleView,
  StoryDetail,
  StoryList,
  StoryListQuery,
} from '../../../contracts/monitoring/articles.ts';
import { MAX_ARTICLE_BYTES } from '../../../core/articles/article-text.ts';
import { addFeed, listFeedsView, pollFeeds } from '../../../services/monitoring/article-feeds.service.ts';
import { ingestArticle, ingestPasted, uploadFormat } from '../../../services/monitoring/articles-ingest.service.ts';
import {
  listDisagreements,
  listStoriesView,
  reviewArticleClaim,
  storyDetail,
} from '../../../services/monitoring/articles-read.service.ts';
import type { ServerDeps } from '../../deps.ts';
import { requireActor } from '../../plugins/session.ts';

/** Articles, stories, claims and disagreements (contracts/monitoring/articles.ts lists the endpoints). */
export const articleRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['monitoring'];
    const base = '/api/monitoring';

    app.post(
      `${base}/articles`,
      {
        schema: {
          tags,
          summary: 'Ingest pasted article text (201; 200 with duplicate=true when the same text is known)',
          body: ArticlePasteInput,
          response: { 200: IngestedArticleView, 201: IngestedArticleView },
        },
      },
      async (request, reply) => {
        const done = await ingestPasted(deps.app, requireActor(request), request.body);
        reply.code(done.duplicate ? 200 : 201);
        return done;
      },
    );

    // Raw-bytes upload, like evidence uploads: the file is the body, metadata in the query.
    await app.register(async (instance) => {
      const raw = instance.withTypeProvider<ZodTypeProvider>();
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_ARTICLE_BYTES }, (_request, body, done) =>
        done(null, body),
      );
      raw.post(
        `${base}/articles/upload`,
        {
          bodyLimit: MAX_ARTICLE_BYTES,
          schema: {
            tags,
            summary: 'Upload an article file (.txt, .md, .html, .eml, .pdf; raw bytes, metadata in the query)',
            querystring: ArticleUploadQuery,
            response: { 200: IngestedArticleView, 201: IngestedArticleView },
          },
        },
        async (request, reply) => {
          const actor = requireActor(request);
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const contentType = String(request.headers['content-type'] ?? '');
          const q = request.query;
          const done = await ingestArticle(deps.app, actor, {
            bytes: new Uint8Array(body.buffer, body.byteOffset, body.length),
            format: uploadFormat(q.fileName, contentType),
            fileName: q.fileName,
            contentType,
            title: q.title ?? null,
            publisher: q.publisher ?? null,
            url: q.url ?? null,
            publishedAt: q.publishedAt ?? null,
            sensitivity: q.sensitivity,
          });
          reply.code(done.duplicate ? 200 : 201);
          return done;
        },
      );
    });

    app.get(
      `${base}/stories`,
      {
        schema: {
          tags,
          summary: 'Stories (articles grouped), newest first',
          querystring: StoryListQuery,
          response: { 200: StoryList },
        },
      },
      async (request) => listStoriesView(deps.app, requireActor(request), request.query),
    );

    app.get(
      `${base}/stories/:id`,
      {
        schema: {
          tags,
          summary: "One story: its articles, every claim with its source quote, and each figure's sources side by side",
          params: IdParams,
          response: { 200: StoryDetail },
        },
      },
      async (request) => storyDetail(deps.app, requireActor(request), request.params.id),
    );

    app.get(
      `${base}/article-disagreements`,
      {
        schema: {
          tags,
          summary: 'Figures sources disagree on (compatible but different, or conflicting), every story',
          response: { 200: DisagreementList },
        },
      },
      async (request) => listDisagreements(deps.app, requireActor(request)),
    );

    app.post(
      `${base}/article-claims/:id/review`,
      {
        schema: {
          tags,
          summary: 'Accept (optionally supporting a compound event), reject or dispute a claim',
          params: IdParams,
          body: ClaimReviewInput,
          response: { 200: ClaimView },
        },
      },
      async (request) => reviewArticleClaim(deps.app, requireActor(request), request.params.id, request.body),
    );

    app.get(
      `${base}/article-feeds`,
      { schema: { tags, summary: "The organisation's RSS/Atom feeds", response: { 200: FeedList } } },
      async (request) => listFeedsView(deps.app, requireActor(request)),
    );

    app.post(
      `${base}/article-feeds`,
      { schema: { tags, summary: 'Add an RSS/Atom feed to poll', body: FeedInput, response: { 201: FeedView } } },
      async (request, reply) => {
        reply.code(201);
        return addFeed(deps.app, requireActor(request), request.body);
      },
    );

    app.post(
      `${base}/article-feeds/poll`,
      {
        schema: {
          tags,
          summary: "Poll the organisation's feeds once; new items become articles (private-network addresses refused)",
          response: { 200: FeedPollResult },
        },
      },
      async (request) => pollFeeds(deps.app, requireActor(request)),
    );
  };
