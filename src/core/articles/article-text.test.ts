import { describe, expect, it } from 'vitest';
import { ArticleRejected, MAX_ARTICLE_CHARS, formatOf, readArticle } from './article-text.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ArticleRejected) return e.code;
    throw e;
  }
  return 'accepted';
}

describe('article text from files', () => {
  it('reads HTML: visible text, title, publication date and site name; scripts and styles dropped', async () => {
    const html = `<!doctype html><html><head><title>Raid in Bavet</title>
      <meta property="article:published_time" content="2025-11-10T08:00:00Z"><meta property="og:site_name" content="Mekong Daily">
      <style>p{color:red}</style><script>alert("x")</script></head>
      <body><nav>Home | World</nav><article><h1>Raid in Bavet</h1><p>Police freed 40 workers &amp; arrested 3 suspects.</p></article></body></html>`;
    const a = await readArticle(bytes(html), 'html');
    expect(a).toMatchObject({ title: 'Raid in Bavet', publishedAt: '2025-11-10T08:00:00Z', publisher: 'Mekong Daily' });
    expect(a.text).toBe('Raid in Bavet\n\nPolice freed 40 workers & arrested 3 suspects.');
  });

  it('reads Markdown without its marks, and e-mail with subject, sender and date', async () => {
    const md = await readArticle(bytes('# Exits\n\nSome **400** people left [the park](http://x.test).\n'), 'md');
    expect(md.title).toBe('Exits');
    expect(md.text).toBe('Exits\n\nSome 400 people left the park.');
    const eml = [
      'From: Field Desk <desk@example.org>',
      'To: monitors@example.org',
      'Subject: Report from Poipet',
      'Date: Mon, 10 Nov 2025 09:00:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'About 60 Thai nationals crossed at Poipet today.',
    ].join('\r\n');
    const mail = await readArticle(bytes(eml), 'eml');
    expect(mail).toMatchObject({
      title: 'Report from Poipet',
      publisher: 'Field Desk',
      publishedAt: '2025-11-10T09:00:00.000Z',
    });
    expect(mail.text).toBe('About 60 Thai nationals crossed at Poipet today.');
  });

  it('decodes UTF-16 with a byte-order mark', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Raid in Poipet', 'utf16le')]);
    expect((await readArticle(le, 'txt')).text).toBe('Raid in Poipet');
  });

  it('refuses binary garbage, empty, enormous and wrongly encoded input with its reason', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect(await rejection(readArticle(garbage, 'txt'))).toBe('wrong_encoding');
    expect(await rejection(readArticle(bytes('\u0000\u0001\u0002binary\u0003\u0004'.repeat(50)), 'txt'))).toBe(
      'binary',
    );
    expect(await rejection(readArticle(new Uint8Array(0), 'txt'))).toBe('empty');
    expect(await rejection(readArticle(bytes('   \n\n  '), 'md'))).toBe('empty');
    expect(await rejection(readArticle(bytes('<html><script>x()</script></html>'), 'html'))).toBe('empty');
    expect(await rejection(readArticle(bytes('word '.repeat(MAX_ARTICLE_CHARS / 4)), 'txt'))).toBe('too_large');
    // Latin-1 bytes (é as 0xE9) are not UTF-8.
    expect(await rejection(readArticle(Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x61]), 'txt'))).toBe(
      'wrong_encoding',
    );
  });

  it('knows formats by extension or content type', () => {
    expect(formatOf('a.HTM', undefined)).toBe('html');
    expect(formatOf(undefined, 'message/rfc822')).toBe('eml');
    expect(formatOf('a.exe', 'application/octet-stream')).toBeNull();
  });

  it("reads a file's extension and type as names, never as members of Object.prototype", () => {
    expect(formatOf('notes.constructor', 'text/plain')).toBe('txt');
    expect(formatOf('notes.toString', undefined)).toBeNull();
    expect(formatOf(undefined, '__proto__')).toBeNull();
  });
});
