/**
 * Property-based bad input on every monitoring endpoint: generated garbage (and valid requests
 * with one field spoiled) never gets a 5xx, and a rejected request writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { counts, createCompound, png, square, upload } from '../../../testing/monitoring-fixtures.ts';

const RUNS = 15;
const garbage = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(null, -1, 1e308, '', '../../etc/passwd', '\u202Eexe.png', [], {}, 'NaN', '2025-02-30'),
);

/** A valid body with one field replaced by garbage (or removed). */
function spoiled(base: Record<string, unknown>) {
  return fc.tuple(fc.constantFrom(...Object.keys(base)), fc.option(garbage, { nil: undefined })).map(([key, value]) => {
    const copy: Record<string, unknown> = { ...base };
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  });
}

describe.each(DATABASE_KINDS)('monitoring endpoints under garbage on %s', (kind) => {
  let t: TestServer;
  let analyst: TestClient;
  let compoundId: string;
  let evidenceId: string;
  let eventId: string;

  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('watch', 'monitor');
    analyst = await t.userIn('watch', 'analyst');
    compoundId = await createCompound(analyst, 'Fuzz Park', 103.0, 10.0);
    evidenceId = (await upload(t, analyst, await png(9), { kind: 'photo', fileName: 'a.png' }, 'image/png')).json.id;
    eventId = (
      await analyst.request('POST', '/api/monitoring/events', {
        compoundId,
        kind: 'raid',
        date: '2025-01-01',
        confidence: 'high',
      })
    ).json.event.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Sends the request; a rejected one must leave every monitoring table (and the audit log) as it was. */
  async function check(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) {
    const before = await counts(t);
    const res = await analyst.request(method, url, body);
    expect(
      res.status,
      `${method} ${url} ${JSON.stringify(body)?.slice(0, 200)} → ${res.body.slice(0, 300)}`,
    ).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(await counts(t)).toEqual(before);
    }
  }

  const anyId = fc.oneof(fc.uuid(), fc.string({ maxLength: 20 }).map(encodeURIComponent));

  it('JSON bodies: compounds, evidence, verification, events, retractions', async () => {
    const bodies: [method: 'POST' | 'PATCH', url: () => string, arb: fc.Arbitrary<unknown>][] = [
      [
        'POST',
        () => '/api/monitoring/compounds',
        fc.oneof(
          garbage,
          spoiled({
            names: [{ name: 'N', lang: 'en' }],
            footprint: square(1, 1),
            point: { type: 'Point', coordinates: [1, 1] },
            operators: [],
          }),
        ),
      ],
      [
        'PATCH',
        () => `/api/monitoring/compounds/${compoundId}`,
        fc.oneof(
          garbage,
          spoiled({
            names: [{ name: 'N' }],
            footprint: {
              type: 'Polygon',
              coordinates: [
                [
                  [0, 0],
                  [1, 0],
                  [0, 0],
                ],
              ],
            },
          }),
        ),
      ],
      [
        'POST',
        () => '/api/monitoring/compounds/import',
        fc.oneof(
          garbage,
          spoiled({
            type: 'FeatureCollection',
            features: [
              { type: 'Feature', id: 'x', geometry: { type: 'Point', coordinates: [200, 1] }, properties: {} },
            ],
          }),
        ),
      ],
      [
        'POST',
        () => '/api/monitoring/evidence',
        fc.oneof(
          garbage,
          spoiled({
            kind: 'testimony',
            sensitivity: 'public',
            compoundId: '00000000-0000-4000-8000-000000000000',
            claimed: { point: { type: 'Point', coordinates: [1, 95] } },
          }),
        ),
      ],
      [
        'PATCH',
        () => `/api/monitoring/evidence/${evidenceId}`,
        fc.oneof(
          garbage,
          spoiled({ compoundId: '00000000-0000-4000-8000-000000000000', verifiedCapturedAt: 'yesterday' }),
        ),
      ],
      [
        'POST',
        () => `/api/monitoring/evidence/${evidenceId}/verification`,
        fc.oneof(
          garbage,
          spoiled({ kind: 'verify', reasoning: 'x' }),
          spoiled({ kind: 'corroborate', corroboratingEvidenceIds: [evidenceId], reasoning: 'x' }),
        ),
      ],
      [
        'POST',
        () => `/api/monitoring/evidence/${evidenceId}/retract`,
        fc.oneof(garbage, fc.record({ reason: fc.constantFrom('', ' ', 'x') })),
      ],
      [
        'POST',
        () => '/api/monitoring/events',
        fc.oneof(
          garbage,
          spoiled({
            compoundId,
            kind: 'raid',
            date: '2025-01-01',
            dateEnd: '2024-01-01',
            confidence: 2,
            evidenceIds: ['00000000-0000-4000-8000-000000000000'],
          }),
        ),
      ],
      [
        'PATCH',
        () => `/api/monitoring/events/${eventId}`,
        fc.oneof(garbage, spoiled({ date: '2025-13-01', relocatedToCompoundId: compoundId, dateEnd: '2000-01-01' })),
      ],
      [
        'POST',
        () => `/api/monitoring/events/${eventId}/retract`,
        fc.oneof(garbage, fc.record({ reason: fc.constantFrom('', 'ab') })),
      ],
    ];
    for (const [method, url, arb] of bodies) {
      await fc.assert(
        fc.asyncProperty(arb, async (body) => check(method, url(), body)),
        { numRuns: RUNS },
      );
    }
  });

  it('ids, query strings and cursors on every read and action', async () => {
    const reads = [
      '/api/monitoring/compounds/',
      '/api/monitoring/evidence/',
      '/api/monitoring/evidence/:id/custody',
      '/api/monitoring/evidence/:id/original',
      '/api/monitoring/evidence/:id/thumbnail',
      '/api/monitoring/compounds/:id/timeline',
      '/api/monitoring/compounds/:id/events',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...reads), anyId, async (path, id) =>
        check('GET', path.includes(':id') ? path.replace(':id', id) : `${path}${id}`),
      ),
      { numRuns: RUNS * 2 },
    );
    await fc.assert(
      fc.asyncProperty(anyId, async (id) => check('POST', `/api/monitoring/alerts/${id}/acknowledge`)),
      { numRuns: RUNS },
    );
    const lists = [
      '/api/monitoring/compounds',
      '/api/monitoring/evidence',
      '/api/monitoring/alerts',
      '/api/monitoring/map',
      `/api/monitoring/compounds/${compoundId}/events`,
    ];
    const params = fc.dictionary(
      fc.constantFrom(
        'limit',
        'cursor',
        'q',
        'status',
        'kind',
        'state',
        'at',
        'province',
        'compoundId',
        'includeRetracted',
        'asOf',
      ),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(
          '0',
          '201',
          '-5',
          'eyJjIjoiMjAyNSJ9',
          'eyJjIjoiMjAyNS0wMS0wMVQwMDowMDowMFoiLCJpIjoieCJ9',
          '2025-02-30',
          'operating',
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...lists), params, async (path, q) =>
        check('GET', `${path}?${new URLSearchParams(q).toString()}`),
      ),
      { numRuns: RUNS * 3 },
    );
  });

  it('uploads: garbage bytes, content types and metadata', async () => {
    const query = fc.record(
      {
        kind: fc.oneof(fc.constantFrom('photo', 'video', 'testimony', 'article'), fc.string({ maxLength: 10 })),
        fileName: fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.constantFrom('../../etc/passwd', 'a\u202Egnp.exe', 'CON', 'ok.png', ''),
        ),
        claimedLon: fc.oneof(fc.constant('181'), fc.double().map(String)),
      },
      { requiredKeys: [] },
    );
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.constantFrom(
        new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2]),
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9]),
      ),
    );
    const type = fc.constantFrom(
      'application/octet-stream',
      'image/png',
      'image/jpeg',
      'text/html',
      'application/json',
      'multipart/form-data',
    );
    await fc.assert(
      fc.asyncProperty(query, bytes, type, async (q, body, contentType) => {
        const before = await counts(t);
        const res = await upload(t, analyst, Buffer.from(body), q as Record<string, string>, contentType);
        expect(res.status, JSON.stringify(res.json)).toBeLessThan(500);
        if (res.status >= 400) expect(await counts(t)).toEqual(before);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
