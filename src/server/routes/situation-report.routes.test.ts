import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { asSystem } from '../../db/transaction.ts';
import { register } from '../../testing/casework-fixtures.ts';
import { createCompound } from '../../testing/monitoring-fixtures.ts';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const STANDARD_FONTS = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/** Opens a PDF with PDF.js: the text of every page, and (optionally) each page rendered to a PNG file. */
async function readPdf(bytes: Buffer, pngPrefix?: string): Promise<{ pages: number; text: string }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: STANDARD_FONTS }).promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    text += `${content.items.map((i) => ('str' in i ? i.str : '')).join(' ')}\n`;
    if (pngPrefix) {
      const viewport = page.getViewport({ scale: 1.5 });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, `${pngPrefix}-${n}.png`), canvas.toBuffer('image/png'));
    }
  }
  await pdf.destroy();
  return { pages: pdf.numPages, text };
}

describe.each(DATABASE_KINDS)('situation report PDF, on %s', (kind) => {
  let t: TestServer;
  let admin: TestClient;
  let coordinator: TestClient;
  let analyst: TestClient;

  const pdf = async (c: TestClient) =>
    t.server.inject({ method: 'GET', url: '/api/exports/situation-report.pdf', headers: { cookie: c.cookie } });

  beforeAll(async () => {
    t = await createTestServer(kind);
    admin = await t.userIn('sit-ngo', 'admin');
    analyst = await t.userIn('sit-ngo', 'analyst');
    await t.org('sit-coord', 'coordination');
    coordinator = await t.userIn('sit-coord', 'admin');
    const caseworker = await t.userIn('sit-ngo', 'caseworker');
    for (let i = 0; i < 4; i++)
      await register(caseworker, {
        names: [{ value: `Planted Survivorname${i}`, script: 'Latn', preferred: true }],
        nationalities: [i === 3 ? 'VN' : 'ID'],
      });
    const park = await createCompound(analyst, 'Golden Fortune Park', 102.61, 13.66, { province: 'Koh Kong' });
    await createCompound(analyst, 'Jinshui Compound', 102.9, 13.2, { province: 'Koh Kong' });
    await createCompound(analyst, '金木棉 Kim Mo Min', 103.3, 12.9, { province: 'Pursat' });
    const exit = await analyst.request('POST', '/api/monitoring/events', {
      compoundId: park,
      kind: 'mass_exit',
      date: '2025-10-02',
      counts: { peopleLeaving: 400 },
      confidence: 0.9,
    });
    expect(exit.status).toBe(201);
    const article = await analyst.request('POST', '/api/monitoring/evidence', {
      kind: 'article',
      title: 'Hundreds walk out of Koh Kong compound',
      source: {
        publisher: 'Example Daily',
        url: 'https://news.example/koh-kong-exit',
        originalSha256: null,
        acquiredFrom: null,
      },
      sensitivity: 'public',
      compoundId: park,
    });
    expect(article.status).toBe(201);
    // Corroboration goes through the verification workflow elsewhere; here the state is set directly.
    await asSystem(t.database, (trx) =>
      trx
        .updateTable('evidence')
        .set({ verification_state: 'corroborated' })
        .where('id', '=', article.json.id)
        .execute(),
    );
    // Two articles disagreeing on a figure (issue #17): coordination reads articles, an NGO does not.
    for (const [publisher, n] of [
      ['Harbour Wire', 10],
      ['Mekong Daily', 17],
    ] as const) {
      const res = await coordinator.request('POST', '/api/monitoring/articles', {
        text: `Exits at Golden Fortune Park. Police in Koh Kong said exits were seen at at least ${n} scam zones since March; 400 Indonesian nationals left Golden Fortune Park.`,
        publisher,
        publishedAt: '2025-10-03',
      });
      expect(res.status).toBe(201);
    }
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  it('renders key figures, the compound map, alerts and sources; rendered to PNG and read back as text', async () => {
    const res = await pdf(admin);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, text } = await readPdf(res.rawPayload, kind === DATABASE_KINDS[0] ? 'situation-report' : undefined);
    expect(pages).toBeGreaterThanOrEqual(1);
    for (const expected of [
      'Situation report',
      "Your organisation's own records, exact.",
      'Key figures',
      'Progress by nationality',
      'Compounds',
      'Golden Fortune Park',
      'Kim Mo Min',
      'Top alerts',
      'Sources',
      'Example Daily',
      'Hundreds walk out of Koh Kong compound',
    ])
      expect(text, expected).toContain(expected);
    // The organisation's own figures are exact: four survivors, three of them Indonesian.
    expect(text).toMatch(/Survivors/);
    expect(text).toMatch(/\bID\s+3\b/);
    expect(text).not.toContain('Survivorname');
    // Articles are monitoring data for monitor and coordination organisations: no such section for an NGO.
    expect(text).not.toContain('Disagreeing figures');
    const recorded = await asSystem(t.database, (trx) =>
      trx.selectFrom('audit_events').select('details').where('action', '=', 'export.create').execute(),
    );
    expect(recorded.map((r) => r.details)).toContainEqual(
      expect.objectContaining({ dataset: 'situation_report', format: 'pdf', scope: 'organisation' }),
    );
  });

  it('gives a coordination organisation suppressed figures, through the same suppression code', async () => {
    const res = await pdf(coordinator);
    expect(res.statusCode).toBe(200);
    const { text } = await readPdf(
      res.rawPayload,
      kind === DATABASE_KINDS[0] ? 'situation-report-coordination' : undefined,
    );
    expect(text).toContain('small cells suppressed');
    expect(text).toContain('hidden: fewer than 11 people');
    // Four people in all: every count is under 11, so no number of people is printed.
    expect(text).not.toMatch(/\bID\s+3\b/);
    expect(text).toContain('Disagreeing figures');
    expect(text).toMatch(/Harbour Wire \(2025-10-03\): at least 10/);
    expect(text).toMatch(/Mekong Daily \(2025-10-03\): at least 17/);
  });

  it('is refused to roles that may not export reports', async () => {
    const caseworker = await t.userIn('sit-ngo', 'caseworker');
    expect((await pdf(caseworker)).statusCode).toBe(403);
  });
});
