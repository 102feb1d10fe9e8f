import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { upload } from '../../../testing/monitoring-fixtures.ts';

/** A file that sniffs as MP4: an ftyp box, then filler as the media data. */
function mp4(size = 4096): Buffer {
  const bytes = Buffer.alloc(size, 0x5a);
  Buffer.from('00000018667479706973366d000002006973366d69736f32', 'hex').copy(bytes, 0);
  return bytes;
}

describe.each(DATABASE_KINDS)('evidence viewer and custody names on %s', (kind) => {
  let t: TestServer;
  let analyst: TestClient;
  let colleague: TestClient;
  let caseworker: TestClient;
  let id: string;
  const bytes = mp4();

  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('watch', 'monitor');
    analyst = await t.userIn('watch', 'analyst', 'dara@watch.test');
    colleague = await t.userIn('watch', 'analyst', 'sokha@watch.test');
    caseworker = await t.userIn('ngo', 'caseworker', 'mai@ngo.test');
    const up = await upload(t, analyst, bytes, { kind: 'video', fileName: 'gate.mp4' }, 'video/mp4');
    expect(up.status).toBe(201);
    id = up.json.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const media = (c: TestClient, range?: string) =>
    t.server.inject({
      method: 'GET',
      url: `/api/monitoring/evidence/${id}/media`,
      headers: { cookie: c.cookie, ...(range ? { range } : {}) },
    });

  it('serves the original inline with byte ranges, each request a custody entry', async () => {
    const whole = await media(colleague);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-disposition']).toBe('inline');
    expect(Buffer.compare(whole.rawPayload, bytes)).toBe(0);
    const part = await media(colleague, 'bytes=100-199');
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.compare(part.rawPayload, bytes.subarray(100, 200))).toBe(0);
    const beyond = await media(colleague, `bytes=${bytes.length}-`);
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${bytes.length}`);
    const log = await analyst.request('GET', `/api/monitoring/evidence/${id}/custody`);
    const viewed = log.json.entries.filter((e: { details: { view?: string } }) => e.details.view === 'media');
    expect(viewed.map((e: { details: { range: string } }) => e.details.range)).toEqual(['all', '100-199']);
  });

  it('refuses the media to a reader who may not have the original, as the download does', async () => {
    const view = await caseworker.request('GET', `/api/monitoring/evidence/${id}`);
    expect(view.status).toBe(200);
    expect(view.json.file.originalDownloadable).toBe(false);
    expect((await media(caseworker)).statusCode).toBe(403);
    expect((await media(caseworker, 'bytes=0-')).statusCode).toBe(403);
  });

  it('names staff of the reader organisation and shows others only as their organisation', async () => {
    const step = await colleague.request('POST', `/api/monitoring/evidence/${id}/verification`, {
      kind: 'dispute',
      reasoning: 'The gate in the clip does not match the compound.',
    });
    expect(step.status).toBe(200);
    expect(step.json.verificationHistory[0]).toMatchObject({
      reviewerName: 'sokha@watch.test',
      reviewerOrganisationName: 'watch',
    });
    const own = await analyst.request('GET', `/api/monitoring/evidence/${id}/custody`);
    expect(own.json.entries[0]).toMatchObject({
      action: 'ingested',
      actorName: 'dara@watch.test',
      actorOrganisationName: 'watch',
    });
    const outside = await caseworker.request('GET', `/api/monitoring/evidence/${id}/custody`);
    expect(outside.status).toBe(200);
    const ingested = outside.json.entries[0];
    expect(ingested).toMatchObject({ action: 'ingested', actorName: null, actorOrganisationName: 'watch' });
    // The caseworker's own access (reading the item) carries their own name.
    expect(outside.json.entries).toContainEqual(
      expect.objectContaining({ action: 'accessed', actorName: 'mai@ngo.test', actorOrganisationName: 'ngo' }),
    );
    expect(JSON.stringify(outside.json)).not.toContain('dara@watch.test');
    const view = await caseworker.request('GET', `/api/monitoring/evidence/${id}`);
    expect(view.json.verificationHistory[0]).toMatchObject({ reviewerName: null, reviewerOrganisationName: 'watch' });
  });
});
