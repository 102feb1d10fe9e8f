/** Small helpers shared by the monitoring route tests (not a test file itself). */
import sharp from 'sharp';
import { sql } from 'kysely';
import type { TestClient, TestServer } from './test-server.ts';

/** A closed square ring around (lon, lat), `half` degrees each side. */
export function square(lon: number, lat: number, half = 0.001) {
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
      ],
    ],
  };
}

/** A small PNG: a gradient whose direction depends on `variant`, so distinct variants hash far apart. */
export async function png(variant: number, size = 64): Promise<Buffer> {
  const pixels = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 3;
      const v = variant % 2 === 0 ? (x * 255) / size : ((size - x) * 255) / size;
      const w = variant % 3 === 0 ? (y * 255) / size : (Math.sin(x / 3 + variant) + 1) * 127;
      pixels[i] = v;
      pixels[i + 1] = w;
      pixels[i + 2] = (v + w) / 2;
    }
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
}

export async function upload(
  t: TestServer,
  c: TestClient,
  bytes: Buffer | string,
  query: Record<string, string>,
  contentType = 'application/octet-stream',
) {
  const qs = new URLSearchParams(query).toString();
  const res = await t.server.inject({
    method: 'POST',
    url: `/api/monitoring/evidence/upload?${qs}`,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': contentType },
    payload: bytes,
  });
  let json: any = null;
  try {
    json = res.json();
  } catch {
    /* not JSON */
  }
  return { status: res.statusCode, json, headers: res.headers };
}

export interface Counts {
  blobs: number;
  evidence: number;
  custody: number;
  audit: number;
  compounds: number;
  events: number;
  alerts: number;
}

/** Row counts of everything a monitoring request could write, in one statement. */
export async function counts(t: TestServer): Promise<Counts> {
  const { rows } = await sql<Counts>`SELECT
    (SELECT count(*) FROM blobs)::int AS blobs, (SELECT count(*) FROM evidence)::int AS evidence,
    (SELECT count(*) FROM evidence_custody)::int AS custody,
    (SELECT count(*) FROM audit_events WHERE action <> 'access.refused')::int AS audit,
    (SELECT count(*) FROM compounds)::int AS compounds, (SELECT count(*) FROM compound_events)::int AS events,
    (SELECT count(*) FROM alerts)::int AS alerts`.execute(t.database.db);
  const [r] = rows;
  if (!r) throw new Error('the count query returned no row');
  return r;
}

export async function createCompound(
  c: TestClient,
  name: string,
  lon: number,
  lat: number,
  extra: Record<string, unknown> = {},
) {
  const res = await c.request('POST', '/api/monitoring/compounds', {
    names: [{ name, lang: 'en' }],
    point: { type: 'Point', coordinates: [lon, lat] },
    footprint: square(lon, lat),
    ...extra,
  });
  if (res.status !== 201) throw new Error(`compound not created: ${res.status} ${res.body}`);
  return res.json.id as string;
}
