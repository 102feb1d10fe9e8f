/**
 * Articles, stories, claims and disagreements (issue #17). Endpoints (all under /api/monitoring):
 *
 *   POST   /articles                      ArticlePasteInput → IngestedArticleView (201; 200 when the text was known)
 *   POST   /articles/upload?…             raw bytes (.txt .md .html .eml .pdf) + ArticleUploadQuery → IngestedArticleView
 *   GET    /stories                       StoryListQuery → StoryList
 *   GET    /stories/:id                   → StoryDetail (articles, claims with sources, figure groups)
 *   GET    /article-disagreements         → DisagreementList (figures sources disagree on, every story)
 *   POST   /article-claims/:id/review     ClaimReviewInput → ClaimView
 *   GET    /article-feeds                 → FeedList
 *   POST   /article-feeds                 FeedInput → FeedView (201)
 *   POST   /article-feeds/poll            → FeedPollResult
 */
import { z } from 'zod';
import { AGREEMENTS } from '../../core/articles/reconcile.ts';
import { CLAIM_KINDS, CLAIM_STATUSES } from '../../core/articles/claim-types.ts';
import { ARTICLE_SOURCE_FORMATS, MAX_ARTICLE_CHARS } from '../../core/articles/article-text.ts';
import { QUALIFIERS } from '../../core/articles/figures.ts';

const When = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const Sensitivity = z.enum(['public', 'internal']);

/** What a person may say about an article's source, pasted or uploaded alike. */
const ArticleSource = z.object({
  title: z.string().max(500).optional(),
  publisher: z.string().max(200).optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  publishedAt: When.optional(),
  sensitivity: Sensitivity.optional(),
});

export const ArticlePasteInput = ArticleSource.extend({ text: z.string().min(1).max(MAX_ARTICLE_CHARS) });
export type ArticlePasteInput = z.infer<typeof ArticlePasteInput>;

export const ArticleUploadQuery = ArticleSource.extend({ fileName: z.string().min(1).max(255) });
export type ArticleUploadQuery = z.infer<typeof ArticleUploadQuery>;

export const IngestedArticleView = z.object({
  evidenceId: z.uuid(),
  storyId: z.uuid(),
  language: z.string(),
  claims: z.number().int(),
  duplicate: z.boolean(),
});
export type IngestedArticleView = z.infer<typeof IngestedArticleView>;

export const StoryListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const StorySummary = z.object({
  id: z.uuid(),
  title: z.string().nullable(),
  firstPublishedAt: z.string().nullable(),
  articles: z.number().int(),
  publishers: z.array(z.string()),
  languages: z.array(z.string()),
  claims: z.number().int(),
  disagreements: z.number().int(),
});
export const StoryList = z.object({ items: z.array(StorySummary) });
export type StoryList = z.infer<typeof StoryList>;

export const ArticleSummary = z.object({
  evidenceId: z.uuid(),
  title: z.string().nullable(),
  publisher: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  language: z.string(),
  publishedAt: z.string(),
  format: z.enum(ARTICLE_SOURCE_FORMATS),
  sha256: z.string().nullable(),
  textSha256: z.string(),
  charCount: z.number().int(),
});

export const ActorView = z.object({ id: z.uuid(), names: z.array(z.string()), networkEntityId: z.string().nullable() });

export const ClaimView = z.object({
  id: z.uuid(),
  articleId: z.uuid(),
  kind: z.enum(CLAIM_KINDS),
  start: z.number().int(),
  end: z.number().int(),
  quote: z.string(),
  key: z.string(),
  value: z.record(z.string(), z.unknown()),
  actor: ActorView.nullable(),
  compoundId: z.uuid().nullable(),
  status: z.enum(CLAIM_STATUSES),
  reviewedAt: z.string().nullable(),
  eventId: z.uuid().nullable(),
});
export type ClaimView = z.infer<typeof ClaimView>;

export const FigureSource = z.object({
  claimId: z.uuid(),
  articleId: z.uuid(),
  publisher: z.string().nullable(),
  title: z.string().nullable(),
  publishedAt: z.string(),
  quote: z.string(),
  low: z.number(),
  high: z.number().nullable(),
  qualifier: z.enum(QUALIFIERS),
  status: z.enum(CLAIM_STATUSES),
  conflictsWith: z.array(z.uuid()),
});
export const FigureGroupView = z.object({
  storyId: z.uuid(),
  storyTitle: z.string().nullable(),
  key: z.string(),
  kind: z.enum(['people_count', 'place_count', 'money']),
  agreement: z.enum(AGREEMENTS),
  sources: z.array(FigureSource),
});
export type FigureGroupView = z.infer<typeof FigureGroupView>;

export const StoryDetail = z.object({
  story: StorySummary,
  articles: z.array(ArticleSummary),
  claims: z.array(ClaimView),
  figures: z.array(FigureGroupView),
});
export type StoryDetail = z.infer<typeof StoryDetail>;

export const DisagreementList = z.object({ items: z.array(FigureGroupView) });
export type DisagreementList = z.infer<typeof DisagreementList>;

export const ClaimReviewInput = z.object({
  status: z.enum(['accepted', 'rejected', 'disputed']),
  /** When accepting: the compound event the claim supports (its article is added to the event's evidence). */
  eventId: z.uuid().optional(),
});
export type ClaimReviewInput = z.infer<typeof ClaimReviewInput>;

export const FeedInput = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  title: z.string().max(200).optional(),
});
export const FeedView = z.object({
  id: z.uuid(),
  url: z.string(),
  title: z.string().nullable(),
  lastPolledAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export const FeedList = z.object({ items: z.array(FeedView) });
export const FeedPollResult = z.object({
  feeds: z.number().int(),
  articles: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(z.object({ feedId: z.uuid(), error: z.string() })),
});
export type FeedPollResult = z.infer<typeof FeedPollResult>;
