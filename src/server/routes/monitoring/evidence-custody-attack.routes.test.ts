import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { asSystem } from '../../../db/transaction.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { upload } from '../../../testing/monitoring-fixtures.ts';

/**
 * The evidence viewer's /media route and the custody log, attacked: the public, a caseworker of a casework
 * organisation (reads evidence, not originals), the monitor's own viewer (wrong role), an analyst of another monitor
 * (reads evidence, not this organisation's originals). None gets a byte of the original, a refused request leaves no
 * custody entry behind, a restricted item answers exactly like a made-up id whatever Range is asked (a 416 would give
 * its size away), and no custody, verification or history answer names the monitor's staff or carries their user id
 * to another organisation (core/permissions/attribution: a user id is never a substitute for a name).
 */

// The original's payload carries a marker no other answer can contain by chance.
const MARKER = 'ORIGINAL-BYTES-7f3a91c2';
function mp4(): Buffer {
  const bytes = Buffer.alloc(4096, 0x5a);
  Buffer.from('00000018667479706973366d000002006973366d69736f32', 'hex').copy(bytes, 0);
  Buffer.from(MARKER).copy(bytes, 2000);
  return bytes;
}
const withoutRequestId = (body: string) => body.replace(/"requestId":"[^"]*"/, '');

describe.each(DATABASE_KINDS)('evidence media and custody under attack on %s', (kind) => {
  let t: TestServer;
  let dara: TestClient;
  let sokha: TestClient;
  let daraId: string;
  let sokhaId: string;
  let open: string;
  let restricted: string;
  const attackers: Record<string, TestClient> = {};

  const media = (c: TestClient, id: string, range?: string) =>
    t.server.inject({
      method: 'GET',
      url: `/api/monitoring/evidence/${id}/media`,
      headers: { ...(c.cookie ? { cookie: c.cookie } : {}), ...(range ? { range } : {}) },
    });
  const custodyCount = async (id: string) =>
    Number(
      (
        await asSystem(t.database, (trx) =>
          sql<{ n: string }>`SELECT count(*)::text AS n FROM evidence_custody WHERE evidence_id = ${id}`.execute(trx),
        )
      ).rows[0]!.n,
    );
  const userIdOf = async (email: string) =>
    (await asSystem(t.database, (trx) => sql<{ id: string }>`SELECT id FROM users WHERE email = ${email}`.execute(trx)))
      .rows[0]!.id;

  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('watch', 'monitor');
    await t.org('other-watch', 'monitor');
    dara = await t.userIn('watch', 'analyst', 'dara.uploader@watch.test');
    sokha = await t.userIn('watch', 'analyst', 'sokha.reviewer@watch.test');
    attackers.public = t.anonymous();
    attackers['caseworker of an NGO'] = await t.userIn('ngo', 'caseworker', 'mai@ngo.test');
    attackers['admin of an NGO'] = await t.userIn('ngo', 'admin', 'boss@ngo.test');
    attackers['viewer of the monitor'] = await t.userIn('watch', 'viewer', 'viewer@watch.test');
    attackers['analyst of another monitor'] = await t.userIn('other-watch', 'analyst', 'spy@other.test');
    daraId = await userIdOf('dara.uploader@watch.test');
    sokhaId = await userIdOf('sokha.reviewer@watch.test');
    const up = await upload(t, dara, mp4(), { kind: 'video', fileName: 'gate.mp4' }, 'video/mp4');
    expect(up.status).toBe(201);
    open = up.json.id;
    const hidden = await upload(
      t,
      dara,
      mp4(),
      { kind: 'video', fileName: 'witness.mp4', sensitivity: 'restricted' },
      'video/mp4',
    );
    expect(hidden.status).toBe(201);
    restricted = hidden.json.id;
    const step = await sokha.request('POST', `/api/monitoring/evidence/${open}/verification`, {
      kind: 'dispute',
      reasoning: 'The gate does not match.',
    });
    expect(step.status).toBe(200);
    expect((await media(sokha, open, 'bytes=0-99')).statusCode).toBe(206);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('gives no byte of the original to anyone not allowed it, and a refused request leaves no custody entry', async () => {
    for (const [who, c] of Object.entries(attackers))
      for (const range of [undefined, 'bytes=0-', 'bytes=2000-2100', 'bytes=-100', 'bytes=999999-']) {
        const before = await custodyCount(open);
        const res = await media(c, open, range);
        expect([401, 403], `${who} ${range}`).toContain(res.statusCode);
        expect(res.headers['content-range'], `${who} ${range}`).toBeUndefined();
        expect(res.rawPayload.includes(MARKER), `${who} ${range}`).toBe(false);
        expect(await custodyCount(open), `${who} ${range}: custody grew on a refusal`).toBe(before);
      }
  });

  it('answers every Range on a restricted item exactly like a made-up id (no size, no 416)', async () => {
    const nowhere = randomUUID();
    // Analysts of any monitor read restricted items (T10); everyone else must not learn this one exists.
    const outsiders = Object.entries(attackers).filter(([who]) => who !== 'analyst of another monitor');
    for (const [who, c] of outsiders)
      for (const range of [undefined, 'bytes=0-', 'bytes=999999-', 'bytes=5-1']) {
        const hidden = await media(c, restricted, range);
        const made = await media(c, nowhere, range);
        expect(`${hidden.statusCode} ${withoutRequestId(hidden.body)}`, `${who} ${range}`).toBe(
          `${made.statusCode} ${withoutRequestId(made.body)}`,
        );
        expect(hidden.headers['content-range']).toBeUndefined();
      }
    for (const path of ['custody', 'proof', 'history', 'original', 'thumbnail', ''])
      for (const [who, c] of outsiders) {
        const url = (id: string) => `/api/monitoring/evidence/${id}${path ? `/${path}` : ''}`;
        const hidden = await c.request('GET', url(restricted));
        const made = await c.request('GET', url(nowhere));
        expect(`${hidden.status} ${withoutRequestId(hidden.body)}`, `${who} ${path}`).toBe(
          `${made.status} ${withoutRequestId(made.body)}`,
        );
      }
  });

  it("never names the monitor's staff, nor carries their user ids, to another organisation", async () => {
    const secrets = ['dara.uploader', 'sokha.reviewer', daraId, sokhaId];
    for (const [who, c] of Object.entries(attackers)) {
      if (who === 'viewer of the monitor') continue; // own organisation: may know its colleagues
      for (const path of ['', '/custody', '/history']) {
        const res = await c.request('GET', `/api/monitoring/evidence/${open}${path}`);
        if (res.status !== 200) continue;
        for (const s of secrets) expect(res.body, `${who} GET ${path || '/'} shows ${s}`).not.toContain(s);
      }
    }
    const caseworker = attackers['caseworker of an NGO']!;
    const custody = (await caseworker.request('GET', `/api/monitoring/evidence/${open}/custody`)).json;
    // Still a chain of custody: each entry says which organisation acted, and the chain's check still holds.
    expect(custody.intact).toBe(true);
    expect(custody.entries[0]).toMatchObject({ action: 'ingested', actorName: null, actorOrganisationName: 'watch' });
    // The reader's own entries keep their own id and name.
    expect(custody.entries).toContainEqual(
      expect.objectContaining({ action: 'accessed', actorName: 'mai@ngo.test', actorOrganisationName: 'ngo' }),
    );
    // Own staff see their colleagues by name and id.
    const own = (await dara.request('GET', `/api/monitoring/evidence/${open}/custody`)).json;
    expect(own.entries[0]).toMatchObject({ actorId: daraId, actorName: 'dara.uploader@watch.test' });
  });

  it("exports the custody proof (every actor's ids, as recorded) to the uploading organisation only", async () => {
    for (const [who, c] of Object.entries(attackers)) {
      const before = await custodyCount(open);
      const res = await c.request('GET', `/api/monitoring/evidence/${open}/proof`);
      expect([401, 403], who).toContain(res.status);
      for (const s of [daraId, sokhaId]) expect(res.body, `${who} proof shows ${s}`).not.toContain(s);
      expect(await custodyCount(open), `${who}: custody grew on a refusal`).toBe(before);
    }
    const own = await sokha.request('GET', `/api/monitoring/evidence/${open}/proof`);
    expect(own.status).toBe(200);
    expect(own.body).toContain(daraId);
  });

  it('answers a custody read for a made-up id and a bad id without a 5xx or an echo', async () => {
    for (const c of Object.values(attackers)) {
      const res = await c.request('GET', `/api/monitoring/evidence/not-a-uuid'--/custody`);
      expect(res.status).toBeLessThan(500);
      expect(res.body).not.toContain("not-a-uuid'--");
    }
  });
});
