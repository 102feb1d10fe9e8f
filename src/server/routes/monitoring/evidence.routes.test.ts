import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { counts, createCompound, png, upload } from '../../../testing/monitoring-fixtures.ts';

describe.each(DATABASE_KINDS)('monitoring evidence API on %s', (kind) => {
  let t: TestServer;
  let analyst: TestClient;
  let second: TestClient;
  let caseworker: TestClient;
  let outsider: TestClient;
  let compoundId: string;

  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('watch', 'monitor');
    analyst = await t.userIn('watch', 'analyst');
    second = await t.userIn('watch', 'analyst');
    caseworker = await t.userIn('ngo', 'caseworker');
    outsider = await t.userIn('clinic', 'medic');
    compoundId = await createCompound(analyst, 'Test Park', 103.5, 10.6);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('hashes the original, stores the same bytes once and links the second upload to the first', async () => {
    const bytes = await png(1);
    const before = await counts(t);
    const first = await upload(
      t,
      analyst,
      bytes,
      { kind: 'photo', fileName: 'gate.png', publisher: 'Outlet A' },
      'image/png',
    );
    expect(first.status).toBe(201);
    expect(first.json.file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(first.json.file.hasThumbnail).toBe(true);
    expect(first.json.file.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
    expect(first.json.duplicateOf).toBeNull();
    const again = await upload(
      t,
      second,
      bytes,
      { kind: 'photo', fileName: 'repost.png', publisher: 'Outlet B' },
      'image/png',
    );
    expect(again.status).toBe(201);
    expect(again.json.duplicateOf).toBe(first.json.id);
    expect(again.json.file.sha256).toBe(first.json.file.sha256);
    expect(again.json.nearDuplicates.map((n: { evidenceId: string }) => n.evidenceId)).toContain(first.json.id);
    const after = await counts(t);
    // One original + one thumbnail blob, however many times the bytes arrive.
    expect(after.blobs - before.blobs).toBe(2);
    expect(after.evidence - before.evidence).toBe(2);
    const original = await t.server.inject({
      method: 'GET',
      url: `/api/monitoring/evidence/${again.json.id}/original`,
      headers: { cookie: analyst.cookie },
    });
    expect(original.statusCode).toBe(200);
    expect(Buffer.compare(original.rawPayload, bytes)).toBe(0);
    expect(original.headers['content-disposition']).toContain('attachment');
    const thumb = await t.server.inject({
      method: 'GET',
      url: `/api/monitoring/evidence/${first.json.id}/thumbnail`,
      headers: { cookie: analyst.cookie },
    });
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.rawPayload.subarray(8, 12).toString()).toBe('WEBP');
  });

  it('rejects bad uploads and stores nothing: wrong type, empty, traversal and RTL names, oversized', async () => {
    const before = await counts(t);
    const html = Buffer.from('<!doctype html><script>alert(1)</script>');
    const cases = [
      await upload(t, analyst, html, { kind: 'photo', fileName: 'cat.png' }, 'image/png'),
      await upload(t, analyst, Buffer.alloc(0), { kind: 'photo', fileName: 'empty.png' }, 'image/png'),
      await upload(t, analyst, await png(2), { kind: 'photo', fileName: '../../etc/passwd' }, 'image/png'),
      await upload(t, analyst, await png(3), { kind: 'photo', fileName: 'invoice\u202Egnp.exe' }, 'image/png'),
      await upload(t, analyst, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), {
        kind: 'video',
        fileName: 'clip.mp4',
      }),
    ];
    for (const res of cases) {
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json.invalidParams.length).toBeGreaterThan(0);
    }
    expect(cases[0]!.json.detail).toMatch(/type_mismatch|type_not_allowed/);
    expect(cases[2]!.json.invalidParams.map((p: { name: string }) => p.name)).toContain('query.fileName');
    const huge = await upload(
      t,
      analyst,
      Buffer.alloc(50 * 1024 * 1024 + 1, 0xff),
      { kind: 'photo', fileName: 'big.jpg' },
      'image/jpeg',
    );
    expect(huge.status).toBe(413);
    expect(await counts(t)).toEqual(before);
  });

  it('keeps a hash-chained custody log of ingest, access, export and change', async () => {
    const up = await upload(t, analyst, await png(4), { kind: 'photo', fileName: 'yard.png' }, 'image/png');
    const id = up.json.id;
    expect((await second.request('GET', `/api/monitoring/evidence/${id}`)).status).toBe(200);
    await t.server.inject({
      method: 'GET',
      url: `/api/monitoring/evidence/${id}/original`,
      headers: { cookie: second.cookie },
    });
    expect(
      (await analyst.request('PATCH', `/api/monitoring/evidence/${id}`, { title: 'Yard at dawn', compoundId })).status,
    ).toBe(200);
    const log = await analyst.request('GET', `/api/monitoring/evidence/${id}/custody`);
    expect(log.status).toBe(200);
    expect(log.json.entries.map((e: { action: string }) => e.action)).toEqual([
      'ingested',
      'accessed',
      'exported',
      'annotated',
    ]);
    expect(log.json.intact).toBe(true);
    expect(log.json.entries[1].previousHash).toBe(log.json.entries[0].hash);
    const audited = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('resource_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['evidence.ingest', 'evidence.read', 'evidence.export', 'evidence.update']),
    );
    // Tampering with a stored entry is impossible (append-only) …
    await expect(
      t.database.db.updateTable('evidence_custody').set({ actor_id: 'x' }).where('evidence_id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
    // … and evidence is never deleted, only retracted with a reason.
    await expect(t.database.db.deleteFrom('evidence').where('id', '=', id).execute()).rejects.toThrow(/never deleted/);
    const retracted = await analyst.request('POST', `/api/monitoring/evidence/${id}/retract`, {
      reason: 'posted by mistake',
    });
    expect(retracted.json.retraction.reason).toBe('posted by mistake');
    expect((await analyst.request('GET', `/api/monitoring/evidence/${id}/custody`)).json.entries.at(-1).action).toBe(
      'retracted',
    );
  });

  it('walks the verification workflow, assigns geolocated evidence to the containing footprint, and enforces the two-person rule', async () => {
    const a = await analyst.request('POST', '/api/monitoring/evidence', {
      kind: 'article',
      title: 'Report A',
      source: { publisher: 'Paper A', url: 'https://a.example/x' },
    });
    const b = await analyst.request('POST', '/api/monitoring/evidence', {
      kind: 'article',
      title: 'Report B',
      source: { publisher: 'Paper B', url: 'https://b.example/y' },
    });
    const repost = await analyst.request('POST', '/api/monitoring/evidence', {
      kind: 'social_post',
      source: { publisher: 'paper a', url: null },
    });
    expect(a.status).toBe(201);
    const id = a.json.id;
    const step = (c: TestClient, body: unknown) =>
      c.request('POST', `/api/monitoring/evidence/${id}/verification`, body);
    expect((await step(analyst, { kind: 'verify', reasoning: 'looks right' })).status).toBe(409);
    const geo = await step(analyst, {
      kind: 'geolocate',
      method: 'landmark_match',
      precision: '10m',
      point: { type: 'Point', coordinates: [103.5002, 10.6003] },
      reasoning: 'gate and water tower match',
    });
    expect(geo.status).toBe(200);
    expect(geo.json.verificationState).toBe('geolocated');
    expect(geo.json.compoundId).toBe(compoundId);
    expect(geo.json.proposedCompound).toMatchObject({
      compoundId,
      how: 'inside',
      confidence: 'asserted',
      basis: 'verified',
    });
    // A re-post of the same outlet is not an independent source.
    const weak = await step(analyst, {
      kind: 'corroborate',
      corroboratingEvidenceIds: [repost.json.id],
      reasoning: 'same story',
    });
    expect(weak.status).toBe(409);
    expect(weak.json.detail).toMatch(/independent sources/);
    expect(
      (
        await step(analyst, {
          kind: 'corroborate',
          corroboratingEvidenceIds: [b.json.id],
          reasoning: 'second outlet on site',
        })
      ).json.verificationState,
    ).toBe('corroborated');
    const self = await step(analyst, { kind: 'verify', reasoning: 'I checked it myself' });
    expect(self.status).toBe(409);
    expect(self.json.detail).toMatch(/Two-person rule/);
    expect((await step(caseworker, { kind: 'verify', reasoning: 'ok' })).status).toBe(403);
    const verified = await step(second, { kind: 'verify', reasoning: 'independent review of both sources' });
    expect(verified.status).toBe(200);
    expect(verified.json.verificationState).toBe('verified');
    expect(verified.json.verificationHistory.map((r: { kind: string }) => r.kind)).toEqual([
      'geolocate',
      'corroborate',
      'verify',
    ]);
    expect(verified.json.positionBasis).toBe('verified');
  });

  it('extracts EXIF metadata from an uploaded photo, keeping the original bytes untouched', async () => {
    const jpeg = await sharp({ create: { width: 80, height: 60, channels: 3, background: { r: 90, g: 140, b: 30 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'FieldCam', Model: 'FC-2' } })
      .toBuffer();
    const res = await upload(t, analyst, jpeg, { kind: 'photo', fileName: 'wall.jpg' }, 'image/jpeg');
    expect(res.status).toBe(201);
    expect(res.json.file.metadata).toMatchObject({ Make: 'FieldCam', Model: 'FC-2' });
    const original = await t.server.inject({
      method: 'GET',
      url: `/api/monitoring/evidence/${res.json.id}/original`,
      headers: { cookie: analyst.cookie },
    });
    expect(Buffer.compare(original.rawPayload, jpeg)).toBe(0);
  });

  it('proposes the nearest compound for a claimed point outside every footprint', async () => {
    const res = await upload(
      t,
      analyst,
      await png(5),
      { kind: 'photo', fileName: 'near.png', claimedLon: '103.5012', claimedLat: '10.6' },
      'image/png',
    );
    expect(res.status).toBe(201);
    expect(res.json.compoundId).toBeNull();
    expect(res.json.proposedCompound).toMatchObject({
      compoundId,
      how: 'nearest',
      confidence: 'proposed',
      basis: 'claimed',
    });
    expect(res.json.positionBasis).toBe('claimed');
  });

  it('keeps testimony encrypted and readable only by analysts and admins of monitor organisations', async () => {
    const created = await analyst.request('POST', '/api/monitoring/evidence', {
      kind: 'testimony',
      testimonyText: 'We were moved at night to the farm.',
    });
    expect(created.status).toBe(201);
    expect(created.json.sensitivity).toBe('sensitive');
    expect(created.json.testimonyText).toBe('We were moved at night to the farm.');
    const row = await t.database.db
      .selectFrom('evidence')
      .select('testimony_enc')
      .where('id', '=', created.json.id)
      .executeTakeFirstOrThrow();
    expect(row.testimony_enc).toMatch(/^v1\./);
    expect(row.testimony_enc).not.toContain('farm');
    expect((await caseworker.request('GET', `/api/monitoring/evidence/${created.json.id}`)).status).toBe(404);
    const list = await caseworker.request('GET', '/api/monitoring/evidence?kind=testimony');
    expect(list.json.items).toEqual([]);
    expect((await caseworker.request('POST', '/api/monitoring/evidence', { kind: 'article' })).status).toBe(403);
    expect(
      (await analyst.request('POST', '/api/monitoring/evidence', { kind: 'testimony', sensitivity: 'public' })).status,
    ).toBe(422);
    expect((await outsider.request('GET', '/api/monitoring/evidence')).status).toBe(403);
  });
});
