/**
 * From uploaded bytes to article text: decode (UTF-8, or UTF-16 with a byte-order mark; anything else
 * is refused as the wrong encoding), refuse binary garbage, empty and enormous input, then read the
 * format: plain text, Markdown (syntax marks removed), HTML (htmlparser2: title, publication date,
 * site name, visible text) or e-mail (postal-mime: subject, sender, date, text or HTML body). PDF text
 * is read by the service (pdfjs) and then passes through `checkArticleText`.
 */
import { Parser } from 'htmlparser2';
import PostalMime from 'postal-mime';

export const ARTICLE_FORMATS = ['txt', 'md', 'html', 'eml', 'pdf'] as const;
export type ArticleFormat = (typeof ARTICLE_FORMATS)[number];
/** How an article arrived, as stored: a file format, a feed item, or pasted text. */
export const ARTICLE_SOURCE_FORMATS = [...ARTICLE_FORMATS, 'feed', 'paste'] as const;
export type ArticleSourceFormat = (typeof ARTICLE_SOURCE_FORMATS)[number];

/** Longest article text accepted (characters); a whole book is not an article. */
export const MAX_ARTICLE_CHARS = 200_000;
/** Largest upload accepted (bytes): PDFs and e-mails carry more than their text. */
export const MAX_ARTICLE_BYTES = 8 * 1024 * 1024;

export interface ArticleText {
  text: string;
  title: string | null;
  publishedAt: string | null;
  publisher: string | null;
}

export class ArticleRejected extends Error {
  constructor(
    readonly code: 'empty' | 'too_large' | 'binary' | 'wrong_encoding' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

/** Bytes → string, refusing what is not text in a known encoding. */
export function checkSize(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new ArticleRejected('empty', 'the article is empty');
  if (bytes.length > MAX_ARTICLE_BYTES)
    throw new ArticleRejected('too_large', `the article is larger than ${MAX_ARTICLE_BYTES} bytes`);
}

export function decodeText(bytes: Uint8Array): string {
  checkSize(bytes);
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    else text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ArticleRejected(
      'wrong_encoding',
      'the article is not valid UTF-8 (nor UTF-16 with a byte-order mark); save it as UTF-8 and try again',
    );
  }
  return text.replace(/^\uFEFF/, '');
}

/** Normalised, checked article text: NFC, Unix line ends, no control characters, not empty, not enormous. */
export function checkArticleText(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const controls = (raw.match(/[\u0000-\u0008\u000E-\u001F\u007F\uFFFD]/g) ?? []).length;
  if (raw.length > 0 && controls / raw.length > 0.01)
    throw new ArticleRejected('binary', 'this looks like binary data, not article text');
  const text = raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(text)) throw new ArticleRejected('empty', 'the article has no text');
  if (text.length > MAX_ARTICLE_CHARS)
    throw new ArticleRejected('too_large', `the article text is longer than ${MAX_ARTICLE_CHARS} characters`);
  return text;
}

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'pre',
  'figcaption',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'nav', 'head', 'iframe', 'form']);

export function htmlToArticle(html: string): ArticleText {
  const parts: string[] = [];
  let title: string | null = null;
  let publishedAt: string | null = null;
  let publisher: string | null = null;
  let skipDepth = 0;
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'title') inTitle = true;
        else if (SKIP.has(name)) skipDepth++;
        if (name === 'meta') {
          const key = (attrs.property ?? attrs.name ?? attrs.itemprop ?? '').toLowerCase();
          const content = attrs.content ?? '';
          if (/published_time|datepublished|pubdate|^date$/.test(key) && !publishedAt) publishedAt = content;
          if (key === 'og:site_name' && !publisher) publisher = content;
          if (key === 'og:title' && !title) title = content;
        }
        if (name === 'time' && attrs.datetime && !publishedAt) publishedAt = attrs.datetime;
        if (BLOCK.has(name)) parts.push('\n');
      },
      ontext(data) {
        if (inTitle) title = title ?? data.trim();
        else if (skipDepth === 0) parts.push(data);
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        else if (SKIP.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        if (BLOCK.has(name)) parts.push('\n');
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  const text = parts
    .join('')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n');
  return { text, title, publishedAt, publisher };
}

export function markdownToArticle(md: string): ArticleText {
  const title = /^#\s+(.+)$/m.exec(md)?.[1]?.trim() ?? null;
  const text = md
    .replace(/```[\s\S]*?```/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/^>\s?/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(?<![\w*])[*_](?!\s)([^*_\n]+?)[*_](?![\w*])/g, '$1')
    .replace(/`([^`]+)`/g, '$1');
  return { text, title, publishedAt: null, publisher: null };
}

export async function emailToArticle(bytes: Uint8Array): Promise<ArticleText> {
  let email;
  try {
    email = await PostalMime.parse(bytes);
  } catch {
    throw new ArticleRejected('unreadable', 'the e-mail could not be read');
  }
  const body = email.text ?? (email.html ? htmlToArticle(email.html).text : '');
  const from = email.from?.name || email.from?.address || null;
  const date = email.date && !Number.isNaN(Date.parse(email.date)) ? new Date(email.date).toISOString() : null;
  return { text: body, title: email.subject ?? null, publishedAt: date, publisher: from };
}

/** The format a file name or content type says, or null. */
export function formatOf(fileName: string | undefined, contentType: string | undefined): ArticleFormat | null {
  const ext = /\.([a-z]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  const byExt: Record<string, ArticleFormat> = {
    txt: 'txt',
    text: 'txt',
    md: 'md',
    markdown: 'md',
    html: 'html',
    htm: 'html',
    eml: 'eml',
    pdf: 'pdf',
  };
  if (ext && Object.hasOwn(byExt, ext)) return byExt[ext]!;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const byType: Record<string, ArticleFormat> = {
    'text/plain': 'txt',
    'text/markdown': 'md',
    'text/html': 'html',
    'message/rfc822': 'eml',
    'application/pdf': 'pdf',
  };
  return Object.hasOwn(byType, type) ? byType[type]! : null;
}

/** Read a text format (everything but PDF). */
export async function readArticle(bytes: Uint8Array, format: Exclude<ArticleFormat, 'pdf'>): Promise<ArticleText> {
  if (format === 'eml') {
    checkSize(bytes);
    const parsed = await emailToArticle(bytes);
    return { ...parsed, text: checkArticleText(parsed.text) };
  }
  const raw = decodeText(bytes);
  const read = format === 'html' ? htmlToArticle(raw) : format === 'md' ? markdownToArticle(raw) : plain(raw);
  return { ...read, text: checkArticleText(read.text) };
}

function plain(raw: string): ArticleText {
  checkArticleText(raw); // binary garbage is refused before anything else looks at it
  const firstLine = /^\s*([^\n]{1,200})\n/.exec(raw)?.[1]?.trim() ?? null;
  return { text: raw, title: firstLine, publishedAt: null, publisher: null };
}
