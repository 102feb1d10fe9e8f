/**
 * Ingesting articles (issue #17): bytes or pasted text → checked article text → an `article` evidence item
 * (original stored and hashed, custody: ingested) → claims extracted and resolved (compounds by name or
 * alias, people and organisations to actors through the names engine) → the article joins its story.
 * One transaction per article; the same text twice is the same article (nothing new is stored).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ActorBook, actorNameKeys, type ActorCandidate } from '../../core/articles/actors.ts';
import { resolveArticle } from '../../core/articles/analyse.ts';
import {
  ArticleRejected,
  checkArticleText,
  checkSize,
  formatOf,
  readArticle,
  type ArticleSourceFormat,
  type ArticleText,
} from '../../core/articles/article-text.ts';
import { extractClaims } from '../../core/articles/extract.ts';
import { detectLanguage } from '../../core/articles/language.ts';
import { PlaceIndex } from '../../core/articles/places.ts';
import { StoryIndex, WINDOW_DAYS } from '../../core/articles/stories.ts';
import { sha256Hex } from '../../core/evidence/sha256.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import {
  actorsWithKeys,
  findArticleByTextSha,
  insertArticle,
  insertClaims,
  insertStory,
  mergeStories,
  saveActor,
  storyCandidates,
} from '../../db/repositories/monitoring/articles.repository.ts';
import { listAllCompounds } from '../../db/repositories/monitoring/compounds.repository.ts';
import { findFirstWithSha } from '../../db/repositories/monitoring/evidence.repository.ts';
import { asActor, type Tx } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { invalid, ServiceError } from '../errors.ts';
import { storeFile } from '../files.service.ts';
import { authoriseArticles } from './access.service.ts';
import { recordArticleEvidence } from './evidence-upload.service.ts';

export interface ArticleSource {
  /** The original bytes as received (a file, a feed item's HTML, pasted text as UTF-8). */
  bytes: Uint8Array;
  format: ArticleSourceFormat;
  fileName: string;
  contentType: string;
  publisher?: string | null;
  url?: string | null;
  title?: string | null;
  /** ISO date or instant; else the file's own date (HTML meta, e-mail Date), else today. */
  publishedAt?: string | null;
  sensitivity?: 'public' | 'internal';
  acquiredFrom?: string | null;
  feed?: { id: string; itemKey: string } | null;
}

export interface IngestedArticle {
  evidenceId: string;
  storyId: string;
  language: string;
  claims: number;
  /** The same text was already ingested: nothing new was stored. */
  duplicate: boolean;
}

const CONTENT_TYPES: Record<ArticleSourceFormat, string> = {
  txt: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  eml: 'message/rfc822',
  pdf: 'application/pdf',
  feed: 'text/html',
  paste: 'text/plain',
};

function rejected(e: unknown): never {
  if (e instanceof ArticleRejected)
    throw new ServiceError(
      e.code === 'too_large' ? 413 : 422,
      `article_${e.code}`,
      `${e.message}; nothing was stored`,
      {
        body: e.message,
      },
    );
  throw e;
}

const STANDARD_FONTS = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/** A PDF's text layer (pdfjs, no rendering); scanned PDFs without text are refused as empty. */
async function pdfText(bytes: Uint8Array): Promise<ArticleText> {
  checkSize(bytes);
  if (!(bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46))
    throw new ArticleRejected('unreadable', 'this is not a PDF file');
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let pdf;
  try {
    pdf = await getDocument({ data: bytes.slice(), standardFontDataUrl: STANDARD_FONTS, isEvalSupported: false })
      .promise;
  } catch {
    throw new ArticleRejected('unreadable', 'the PDF could not be read');
  }
  const pages: string[] = [];
  for (let i = 1; i <= Math.min(pdf.numPages, 200); i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(
      content.items
        .map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : ''))
        .join('')
        .replace(/[ \t]+/g, ' '),
    );
  }
  const info = (await pdf.getMetadata().catch(() => null))?.info as { Title?: string } | undefined;
  await pdf.destroy();
  return { text: checkArticleText(pages.join('\n\n')), title: info?.Title || null, publishedAt: null, publisher: null };
}

/** Read an article's text from its bytes, refusing bad input with a 4xx problem. */
export async function readSource(src: ArticleSource): Promise<ArticleText> {
  try {
    if (src.format === 'pdf') return await pdfText(src.bytes);
    const format = src.format === 'feed' ? 'html' : src.format === 'paste' ? 'txt' : src.format;
    return await readArticle(src.bytes, format);
  } catch (e) {
    rejected(e);
  }
}

/** The format of an uploaded file, or a 415-style refusal. */
export function uploadFormat(fileName: string, contentType: string): Exclude<ArticleSourceFormat, 'feed' | 'paste'> {
  const f = formatOf(fileName, contentType);
  if (!f)
    throw new ServiceError(
      415,
      'article_format',
      'articles are .txt, .md, .html, .eml or .pdf files; nothing was stored',
      {
        'query.fileName': 'unknown article format',
      },
    );
  return f;
}

function publicationDate(requested: string | null | undefined, read: string | null, today: string): string {
  for (const v of [requested, read]) {
    if (!v) continue;
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  return `${today}T00:00:00.000Z`;
}

/** Shared per batch: the compound registry as a place index, loaded once. */
export interface IngestBatch {
  places?: PlaceIndex;
}

async function placesFor(trx: Tx, batch: IngestBatch): Promise<PlaceIndex> {
  if (!batch.places)
    batch.places = new PlaceIndex(
      (await listAllCompounds(trx)).map((c) => ({ id: c.id, names: [...c.names.map((n) => n.name), ...c.aliases] })),
    );
  return batch.places;
}

const dayShift = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

/** Ingest one article as the actor. */
export async function ingestArticle(
  app: AppContext,
  actor: RequestActor,
  src: ArticleSource,
  batch: IngestBatch = {},
): Promise<IngestedArticle> {
  const read = await readSource(src);
  const text = read.text;
  const language = detectLanguage(text);
  const publishedAt = publicationDate(src.publishedAt, read.publishedAt, app.now().toISOString().slice(0, 10));
  const textSha = sha256Hex(new TextEncoder().encode(text));
  return asActor(app.database, actor, async (trx) => {
    await authoriseArticles(trx, actor, 'create');
    const existing = await findArticleByTextSha(trx, textSha);
    if (existing) return { ...existing, language, claims: 0, duplicate: true };
    const places = await placesFor(trx, batch);
    const claims = extractClaims(text, { publishedAt: publishedAt.slice(0, 10), language, places });
    // People and organisations: candidates by name key from the database, then the names engine decides.
    const named = claims.flatMap((c) =>
      c.kind === 'person' || c.kind === 'organisation' ? [{ name: c.value.name, kind: c.kind }] : [],
    );
    const known = await actorsWithKeys(trx, [...new Set(named.flatMap((n) => actorNameKeys(n.name, n.kind)))]);
    const book = new ActorBook(known.map((a) => ({ id: a.id, kind: a.kind, names: [...a.names] })));
    const before = new Map(known.map((a) => [a.id, a.names.length]));
    const analysed = resolveArticle(text, claims, book, app.newId, language);
    const touched = new Map<string, ActorCandidate>();
    for (const c of analysed.claims) if (c.actorId) touched.set(c.actorId, book.get(c.actorId)!);
    for (const a of touched.values()) {
      const isNew = !before.has(a.id);
      if (isNew || before.get(a.id) !== a.names.length)
        await saveActor(
          trx,
          {
            id: a.id,
            kind: a.kind,
            names: [...a.names],
            nameKeys: [...new Set(a.names.flatMap((n) => actorNameKeys(n, a.kind)))],
          },
          isNew,
        );
    }
    // The story: articles published within the window around this one.
    const index = new StoryIndex(
      await storyCandidates(trx, dayShift(publishedAt, -WINDOW_DAYS - 1), dayShift(publishedAt, WINDOW_DAYS + 1), 5000),
    );
    const decision = index.decide(analysed.features, publishedAt.slice(0, 10));
    let storyId = decision.storyId;
    if (!storyId) {
      storyId = app.newId();
      await insertStory(trx, { id: storyId, title: read.title ?? src.title ?? null, firstPublishedAt: publishedAt });
    }
    await mergeStories(trx, decision.alsoMatched, storyId);

    const original = await storeFile(app, trx, src.bytes, CONTENT_TYPES[src.format]);
    const first = await findFirstWithSha(trx, original.sha256);
    const evidenceId = await recordArticleEvidence(trx, app, actor, {
      title: src.title ?? read.title,
      sensitivity: src.sensitivity ?? 'internal',
      publisher: src.publisher ?? read.publisher,
      url: src.url ?? null,
      acquiredFrom: src.acquiredFrom ?? null,
      publishedAt,
      compoundId: null,
      file: {
        sha256: original.sha256,
        contentType: CONTENT_TYPES[src.format],
        sizeBytes: src.bytes.length,
        displayName: src.fileName,
        duplicateOf: first?.id ?? null,
      },
    });
    await insertArticle(trx, {
      evidenceId,
      storyId,
      textSha256: textSha,
      textEnc: app.cipher.encrypt(text, encryptionContext('articles', 'text_enc', evidenceId)),
      charCount: text.length,
      format: src.format,
      language,
      publishedAt,
      publisher: src.publisher ?? read.publisher,
      title: src.title ?? read.title,
      signature: analysed.features.signature,
      entityKeys: analysed.features.entities,
      numbers: analysed.features.numbers,
      feedId: src.feed?.id ?? null,
      feedItemKey: src.feed?.itemKey ?? null,
    });
    await insertClaims(
      trx,
      analysed.claims.map((c) => {
        const id = app.newId();
        return {
          id,
          articleId: evidenceId,
          kind: c.kind,
          start: c.start,
          end: c.end,
          quoteEnc: app.cipher.encrypt(c.quote, encryptionContext('article_claims', 'quote_enc', id)),
          key: c.key,
          value: c.value,
          actorId: c.actorId,
          compoundId: c.kind === 'place' ? c.value.compoundId : null,
        };
      }),
    );
    await audit(trx, app, actor, 'article.ingest', 'evidence', evidenceId, {
      claims: analysed.claims.length,
      language,
      storyId,
      merged: decision.alsoMatched.length,
    });
    return { evidenceId, storyId, language, claims: analysed.claims.length, duplicate: false };
  });
}

/** Pasted text (the web form): validated like a .txt file. */
export async function ingestPasted(
  app: AppContext,
  actor: RequestActor,
  input: {
    text: string;
    title?: string;
    publisher?: string;
    url?: string;
    publishedAt?: string;
    sensitivity?: 'public' | 'internal';
  },
): Promise<IngestedArticle> {
  if (!input.text.trim()) throw invalid({ 'body.text': 'the article has no text' });
  return ingestArticle(app, actor, {
    bytes: new TextEncoder().encode(input.text),
    format: 'paste',
    fileName: 'pasted.txt',
    contentType: 'text/plain',
    title: input.title ?? null,
    publisher: input.publisher ?? null,
    url: input.url ?? null,
    publishedAt: input.publishedAt ?? null,
    sensitivity: input.sensitivity,
  });
}
