/**
 * Issue #8 §3, attacks on shared monitoring objects, on both engines:
 * - photo metadata (EXIF GPS, device) and everything derived from it reach only the uploading
 *   organisation and permitted verifiers — read as an unrelated monitor's analyst, a caseworker,
 *   an embassy and a self-granted verifier of a partner organisation;
 * - another organisation's edits keep the previous values, visibly;
 * - a shared alert acknowledged by one organisation stays open for the others, and only the
 *   compound's owner or coordination can close it for everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import exifr from 'exifr';
import sharp from 'sharp';
import { sql } from 'kysely';
import { webpCarriesMetadata } from '../../../core/evidence/webp-chunks.ts';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { asActor } from '../../../db/transaction.ts';
import { issueServiceSession } from '../../../services/sessions.service.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { createCompound, square, upload } from '../../../testing/monitoring-fixtures.ts';

const GPS = { lon: 103.51, lat: 10.605 };
/** Anything of the photo's own metadata, or the point placed from it, in a response body. */
const LEAK = /FieldCam|FC-2|SerialCam|10\.605|103\.51|"latitude"|"longitude"|"Make"|"Model"/;

async function gpsPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 96, height: 64, channels: 3, background: { r: 120, g: 60, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'FieldCam', Model: 'FC-2', Software: 'SerialCam 7' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '10/1 36/1 18/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '103/1 30/1 36/1',
      },
    })
    .toBuffer();
}

describe.each(DATABASE_KINDS)('shared monitoring objects across organisations on %s', (kind) => {
  let t: TestServer;
  let uploader: TestClient;
  let verifier: TestClient;
  let otherAnalyst: TestClient;
  let caseworker: TestClient;
  let embassy: TestClient;
  let selfGranted: TestClient;
  let coordinator: TestClient;
  let orgs: Record<string, string>;

  const get = (c: TestClient, url: string) => t.server.inject({ method: 'GET', url, headers: { cookie: c.cookie } });

  beforeAll(async () => {
    t = await createTestServer(kind);
    orgs = {
      watch: await t.org('watch', 'monitor'),
      checkers: await t.org('checkers', 'monitor'),
      otherwatch: await t.org('otherwatch', 'monitor'),
      ngo: await t.org('ngo', 'ngo'),
      embassy: await t.org('embassy', 'embassy'),
      partner: await t.org('partner', 'ngo'),
      coord: await t.org('coord', 'coordination'),
    };
    uploader = await t.userIn('watch', 'analyst');
    verifier = await t.userIn('checkers', 'verifier');
    otherAnalyst = await t.userIn('otherwatch', 'analyst');
    caseworker = await t.userIn('ngo', 'caseworker');
    embassy = await t.userIn('embassy', 'consular_officer');
    selfGranted = await t.userIn('partner', 'verifier');
    coordinator = await t.userIn('coord', 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows EXIF GPS and device fields, and what was derived from them, only to the uploader and a permitted verifier', async () => {
    // A compound whose footprint holds the GPS point, so a compound proposal is derived from the EXIF.
    const compoundId = await createCompound(uploader, 'Gps Park', 103.525, 10.62, {
      footprint: square(103.525, 10.62, 0.02),
    });
    const bytes = await gpsPhoto();
    expect((await exifr.gps(bytes))?.latitude).toBeCloseTo(GPS.lat, 3); // the planted GPS is really there
    const up = await upload(t, uploader, bytes, { kind: 'photo', fileName: 'gate.jpg' }, 'image/jpeg');
    expect(up.status).toBe(201);
    const id = up.json.id as string;
    const mapUrl = '/api/monitoring/map?at=2100-01-01';

    for (const [who, c] of [
      ['uploader', uploader],
      ['verifier', verifier],
    ] as const) {
      const view = await get(c, `/api/monitoring/evidence/${id}`);
      expect(view.statusCode, who).toBe(200);
      expect(view.json().file.metadata).toMatchObject({
        Make: 'FieldCam',
        Model: 'FC-2',
        latitude: GPS.lat,
        longitude: GPS.lon,
      });
      expect(view.json().file.metadataStripped).toBe(false);
      expect(view.json().proposedCompound).toMatchObject({ compoundId, basis: 'claimed' });
      expect((await get(c, mapUrl)).json().evidence.id, who).toContain(id);
      const original = await get(c, `/api/monitoring/evidence/${id}/original`);
      expect(original.statusCode, who).toBe(200);
      expect(Buffer.compare(original.rawPayload, bytes)).toBe(0); // untouched: the integrity hash still holds
    }

    for (const [who, c] of [
      ['other monitor analyst', otherAnalyst],
      ['caseworker', caseworker],
      ['embassy', embassy],
      ['self-granted verifier', selfGranted],
    ] as const) {
      const reads = [
        `/api/monitoring/evidence/${id}`,
        '/api/monitoring/evidence?limit=100',
        `/api/monitoring/evidence?compoundId=${compoundId}`,
        mapUrl,
        `/api/monitoring/evidence/${id}/custody`,
        `/api/monitoring/evidence/${id}/history`,
        `/api/monitoring/compounds/${compoundId}`,
      ];
      for (const url of reads) {
        const res = await get(c, url);
        expect(res.body, `${who} ${url}`).not.toMatch(LEAK);
        if (url === mapUrl && res.statusCode === 200) expect(res.json().evidence.id, who).not.toContain(id);
      }
      const view = await get(c, `/api/monitoring/evidence/${id}`);
      if (view.statusCode === 200) {
        expect(view.json().file.metadataStripped, who).toBe(true);
        expect(view.json().file.originalDownloadable, who).toBe(false);
        expect(view.json().proposedCompound, who).toBeNull();
        expect(view.json().file.metadata).toEqual({
          ExifImageWidth: 96,
          ExifImageHeight: 64,
          Orientation: 'Horizontal (normal)',
        });
      } else expect(view.statusCode, who).toBe(403);
      const original = await get(c, `/api/monitoring/evidence/${id}/original`);
      expect(original.statusCode, who).toBe(403);
      expect(original.rawPayload.includes(Buffer.from('FieldCam'))).toBe(false);
      const thumb = await get(c, `/api/monitoring/evidence/${id}/thumbnail`);
      if (thumb.statusCode === 200) {
        expect(webpCarriesMetadata(thumb.rawPayload), who).toBe(false);
        expect(await exifr.gps(thumb.rawPayload).catch(() => undefined), who).toBeUndefined();
        expect(thumb.rawPayload.includes(Buffer.from('FieldCam')), who).toBe(false);
      } else expect(thumb.statusCode, who).toBe(403);
    }
    // The working copy served even to the uploader is the stripped re-encode.
    const own = await get(uploader, `/api/monitoring/evidence/${id}/thumbnail`);
    expect(webpCarriesMetadata(own.rawPayload)).toBe(false);
    // The check itself can fail: a WebP that keeps the EXIF is caught.
    expect(webpCarriesMetadata(await sharp(bytes).webp().keepExif().toBuffer())).toBe(true);
    // Once a verifier geolocates it, the verified point is nobody's photo metadata and shows on everyone's map.
    const geo = await verifier.request('POST', `/api/monitoring/evidence/${id}/verification`, {
      kind: 'geolocate',
      method: 'landmark_match',
      precision: '100m',
      point: { type: 'Point', coordinates: [103.4, 10.5] },
      reasoning: 'gate matches',
    });
    expect(geo.status).toBe(200);
    expect((await get(otherAnalyst, mapUrl)).json().evidence.id).toContain(id);
    expect((await get(otherAnalyst, `/api/monitoring/evidence/${id}`)).body).not.toMatch(LEAK);
  });

  it("keeps and shows the previous values when another organisation's analyst edits a compound or an evidence item", async () => {
    const compoundId = await createCompound(uploader, 'History Park', 104.2, 11.2, {
      notes: 'notes by the first monitor',
      province: 'Kandal',
    });
    const edit = await otherAnalyst.request('PATCH', `/api/monitoring/compounds/${compoundId}`, {
      notes: 'overwritten by another monitor',
      province: 'Kampot',
    });
    expect(edit.status).toBe(200);
    for (const reader of [uploader, caseworker]) {
      const history = await reader.request('GET', `/api/monitoring/compounds/${compoundId}/history`);
      expect(history.status).toBe(200);
      expect(history.json.entries).toHaveLength(1);
      expect(history.json.entries[0]).toMatchObject({
        action: 'update',
        fields: ['notes', 'province'],
        organisationId: orgs.otherwatch,
        organisationName: 'otherwatch',
        ownOrganisation: false,
        previous: { notes: 'notes by the first monitor', province: 'Kandal' },
        next: { notes: 'overwritten by another monitor', province: 'Kampot' },
      });
    }

    const item = await uploader.request('POST', '/api/monitoring/evidence', {
      kind: 'article',
      title: 'Original headline',
      description: 'first reading',
      source: { publisher: 'Paper', url: 'https://p.example/1' },
    });
    const id = item.json.id as string;
    expect(
      (
        await otherAnalyst.request('PATCH', `/api/monitoring/evidence/${id}`, {
          title: 'Rewritten headline',
          compoundId,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await otherAnalyst.request('POST', `/api/monitoring/evidence/${id}/verification`, {
          kind: 'geolocate',
          method: 'landmark_match',
          precision: '10m',
          point: { type: 'Point', coordinates: [104.2, 11.2] },
          reasoning: 'matches',
        })
      ).status,
    ).toBe(200);
    const history = (await uploader.request('GET', `/api/monitoring/evidence/${id}/history`)).json.entries;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['annotate', 'verification']);
    expect(history[0]).toMatchObject({
      organisationId: orgs.otherwatch,
      previous: { title: 'Original headline', compoundId: null },
      next: { title: 'Rewritten headline', compoundId },
    });
    expect(history[1].previous).toMatchObject({ verificationState: 'unverified', geolocation: null });

    // Stored encrypted and append-only, even for the table owner.
    const stored = await t.database.db
      .selectFrom('monitoring_edits')
      .select(['id', 'changes_enc'])
      .where('subject_id', '=', id)
      .execute();
    expect(stored.map((r) => r.changes_enc).join()).not.toMatch(/headline/);
    await expect(
      t.database.db
        .updateTable('monitoring_edits')
        .set({ fields: ['x'] })
        .where('id', '=', stored[0]!.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.database.db.deleteFrom('monitoring_edits').where('id', '=', stored[0]!.id).execute(),
    ).rejects.toThrow(/append-only/);

    // A testimony's history is as hidden as the testimony itself.
    const testimony = await uploader.request('POST', '/api/monitoring/evidence', {
      kind: 'testimony',
      title: 'Interview',
      testimonyText: 'We were moved at night.',
    });
    expect(
      (await uploader.request('PATCH', `/api/monitoring/evidence/${testimony.json.id}`, { title: 'Interview 2' }))
        .status,
    ).toBe(200);
    expect((await caseworker.request('GET', `/api/monitoring/evidence/${testimony.json.id}/history`)).status).toBe(404);
  });

  it('acknowledges a shared alert per organisation; only the owner or coordination closes it for everyone', async () => {
    const raise = async (name: string, lon: number) => {
      const compoundId = await createCompound(uploader, name, lon, 12.5);
      const res = await uploader.request('POST', '/api/monitoring/events', {
        compoundId,
        kind: 'mass_exit',
        date: '2025-05-01',
        confidence: 'high',
        counts: { peopleLeaving: 900 },
      });
      expect(res.status).toBe(201);
      return res.json.alerts.find((a: { kind: string }) => a.kind === 'mass_exit').id as string;
    };
    const alertId = await raise('Alert Park', 106.0);
    const openIds = async (c: TestClient) =>
      (await c.request('GET', '/api/monitoring/alerts')).json.items.map((a: { id: string }) => a.id);
    const globalStatus = async () =>
      (await t.database.db.selectFrom('alerts').select('status').where('id', '=', alertId).executeTakeFirstOrThrow())
        .status;

    const ack = await otherAnalyst.request('POST', `/api/monitoring/alerts/${alertId}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(ack.json).toMatchObject({ status: 'acknowledged', mayClose: false });
    expect(await openIds(otherAnalyst)).not.toContain(alertId);
    expect(await openIds(uploader)).toContain(alertId);
    expect(await openIds(caseworker)).toContain(alertId);
    const unified = (await uploader.request('GET', '/api/alerts?status=open')).json.items.find(
      (a: { id: string }) => a.id === alertId,
    );
    expect(unified?.status).toBe('open');
    expect(
      (await otherAnalyst.request('GET', '/api/alerts?status=acknowledged')).json.items.map(
        (a: { id: string }) => a.id,
      ),
    ).toContain(alertId);
    expect(await globalStatus()).toBe('open');

    // Closing for everyone as a non-owner, non-coordination organisation: 403 on both routes, nothing changes.
    expect((await otherAnalyst.request('POST', `/api/monitoring/alerts/${alertId}/close`)).status).toBe(403);
    expect((await otherAnalyst.request('PATCH', `/api/alerts/${alertId}`, { status: 'dismissed' })).status).toBe(403);
    expect((await caseworker.request('PATCH', `/api/alerts/${alertId}`, { status: 'dismissed' })).status).toBe(403);
    expect((await embassy.request('PATCH', `/api/alerts/${alertId}`, { status: 'dismissed' })).status).toBe(403);
    expect(await globalStatus()).toBe('open');
    expect(await openIds(uploader)).toContain(alertId);

    // The database refuses it too, for the application role signed in to the attacker's organisation.
    const users = await t.database.db
      .selectFrom('memberships')
      .select(['user_id'])
      .where('organisation_id', '=', orgs.otherwatch!)
      .executeTakeFirstOrThrow();
    const attacker = await issueServiceSession(t.app, {
      userId: users.user_id,
      organisationId: orgs.otherwatch!,
      minutes: 60,
    });
    if (!attacker) throw new Error('no membership at otherwatch');
    const refused = await asActor(t.database, attacker, (trx) =>
      sql`UPDATE alerts SET status = 'dismissed' WHERE id = ${alertId}`.execute(trx).then(
        (r) => `updated ${r.numAffectedRows}`,
        (e: Error) => e.message,
      ),
    ).catch((e: Error) => e.message);
    expect(refused).toMatch(/only the owner/);
    expect(await globalStatus()).toBe('open');

    // The organisation that registered the compound closes it for everyone.
    const closed = await uploader.request('POST', `/api/monitoring/alerts/${alertId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ status: 'dismissed', mayClose: true });
    expect(
      (await otherAnalyst.request('GET', `/api/monitoring/alerts?status=dismissed`)).json.items.map(
        (a: { id: string }) => a.id,
      ),
    ).toContain(alertId);
    expect((await otherAnalyst.request('PATCH', `/api/alerts/${alertId}`, { status: 'open' })).status).toBe(403);

    // Coordination may close any shared alert.
    const second = await raise('Second Park', 107.0);
    expect((await coordinator.request('PATCH', `/api/alerts/${second}`, { status: 'dismissed' })).status).toBe(200);
    expect(
      (await uploader.request('GET', '/api/monitoring/alerts?status=any')).json.items.find(
        (a: { id: string }) => a.id === second,
      ).status,
    ).toBe('dismissed');
  });
});
