import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { survivorBody } from '../../../testing/casework-fixtures.ts';
import {
  IDEMPOTENCY_RETENTION_DAYS,
  IdempotencyPurger,
  purgeIdempotencyKeys,
} from '../../../services/idempotency.service.ts';

/** Idempotency-Key on registration, screening and needs (issue #15: the field app's offline queue replays writes). */
describe.each(DATABASE_KINDS)('Idempotency-Key on %s', (kind) => {
  let t: TestServer;
  let cw: TestClient;
  let other: TestClient;
  let sameOrg: TestClient;

  const send = async (c: TestClient, method: 'POST' | 'PUT', url: string, body: unknown, key?: string) => {
    const res = await t.server.inject({
      method,
      url,
      headers: {
        cookie: c.cookie,
        'x-csrf-token': c.csrf,
        'content-type': 'application/json',
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      payload: JSON.stringify(body),
    });
    return { status: res.statusCode, json: res.json(), replayed: res.headers['idempotent-replayed'] };
  };
  /** Counted as the database owner, so row-level security hides nothing from the count. */
  const rows = async (table: 'survivors' | 'needs' | 'screenings' | 'idempotency_keys') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestServer(kind);
    cw = await t.userIn('ngo-idem', 'caseworker');
    sameOrg = await t.userIn('ngo-idem', 'caseworker');
    other = await t.userIn('ngo-other', 'caseworker');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the same registration sent twice with one key makes one survivor and answers the same both times', async () => {
    const key = randomUUID();
    const before = await rows('survivors');
    const first = await send(cw, 'POST', '/api/survivors', survivorBody(), key);
    expect(first.status).toBe(201);
    expect(first.replayed).toBeUndefined();
    const again = await send(cw, 'POST', '/api/survivors', survivorBody(), key);
    expect(again.status).toBe(201);
    expect(again.replayed).toBe('true');
    expect(again.json).toEqual(first.json);
    expect(await rows('survivors')).toBe(before + 1);
    // Without a key, the same body is a second registration (as before this change).
    expect((await send(cw, 'POST', '/api/survivors', survivorBody())).status).toBe(201);
    expect(await rows('survivors')).toBe(before + 2);
  });

  it('the same key with another body is refused with a clear 422 and changes nothing', async () => {
    const key = randomUUID();
    expect((await send(cw, 'POST', '/api/survivors', survivorBody(), key)).status).toBe(201);
    const before = await rows('survivors');
    const reused = await send(
      cw,
      'POST',
      '/api/survivors',
      survivorBody({ names: [{ value: 'Somebody Else', preferred: true }] }),
      key,
    );
    expect(reused.status).toBe(422);
    expect(reused.json.detail).toMatch(/already used for a different request/);
    expect(await rows('survivors')).toBe(before);
  });

  it("another account's identical key is its own: no collision, no replay of someone else's answer", async () => {
    const key = randomUUID();
    const mine = await send(cw, 'POST', '/api/survivors', survivorBody(), key);
    const colleague = await send(sameOrg, 'POST', '/api/survivors', survivorBody(), key);
    const stranger = await send(other, 'POST', '/api/survivors', survivorBody(), key);
    for (const r of [mine, colleague, stranger]) {
      expect(r.status).toBe(201);
      expect(r.replayed).toBeUndefined();
    }
    expect(new Set([mine.json.caseId, colleague.json.caseId, stranger.json.caseId]).size).toBe(3);
  });

  it('screening and needs: a replay is applied once, and a key reused on another case is refused', async () => {
    const reg = await send(cw, 'POST', '/api/survivors', survivorBody(), randomUUID());
    const reg2 = await send(cw, 'POST', '/api/survivors', survivorBody(), randomUUID());
    const needKey = randomUUID();
    const need = { kind: 'medical_urgent', priority: 'urgent', note: 'cut on the left foot' };
    const needsBefore = await rows('needs');
    const n1 = await send(cw, 'POST', `/api/cases/${reg.json.caseId}/needs`, need, needKey);
    const n2 = await send(cw, 'POST', `/api/cases/${reg.json.caseId}/needs`, need, needKey);
    expect([n1.status, n2.status]).toEqual([201, 201]);
    expect(n2.json).toEqual(n1.json);
    expect(await rows('needs')).toBe(needsBefore + 1);
    const elsewhere = await send(cw, 'POST', `/api/cases/${reg2.json.caseId}/needs`, need, needKey);
    expect(elsewhere.status).toBe(422);
    expect(await rows('needs')).toBe(needsBefore + 1);

    const screeningKey = randomUUID();
    const screening = { answers: { deception: { answer: 'yes' } } };
    const screeningsBefore = await rows('screenings');
    const s1 = await send(cw, 'PUT', `/api/cases/${reg.json.caseId}/screening`, screening, screeningKey);
    const s2 = await send(cw, 'PUT', `/api/cases/${reg.json.caseId}/screening`, screening, screeningKey);
    expect(s1.status).toBe(200);
    expect(s2).toMatchObject({ status: 200, replayed: 'true', json: s1.json });
    expect(await rows('screenings')).toBe(screeningsBefore + 1);
  });

  it('a refused request keeps no key: fixed and sent again with the same key, it is applied', async () => {
    const key = randomUUID();
    const bad = await send(cw, 'POST', '/api/survivors', survivorBody({ dateOfBirth: '2999-01-01' }), key);
    expect(bad.status).toBe(422);
    const fixed = await send(cw, 'POST', '/api/survivors', survivorBody({ dateOfBirth: '1999-01-01' }), key);
    expect(fixed.status).toBe(201);
    expect(fixed.replayed).toBeUndefined();
  });

  it('a malformed key, or a key on a route that does not take one, is a 400', async () => {
    expect((await send(cw, 'POST', '/api/survivors', survivorBody(), 'short')).status).toBe(400);
    expect((await send(cw, 'POST', '/api/survivors', survivorBody(), 'has spaces in it')).status).toBe(400);
    const reg = await send(cw, 'POST', '/api/survivors', survivorBody());
    const note = await send(cw, 'POST', `/api/cases/${reg.json.caseId}/notes`, { body: 'x' }, randomUUID());
    expect(note.status).toBe(400);
    expect(note.json.detail).toMatch(/does not take an Idempotency-Key/);
  });

  it('two concurrent requests with one key apply once; the loser is told to retry and the retry replays', async () => {
    const key = randomUUID();
    const before = await rows('survivors');
    const results = await Promise.all([
      send(cw, 'POST', '/api/survivors', survivorBody(), key),
      send(cw, 'POST', '/api/survivors', survivorBody(), key),
    ]);
    expect(await rows('survivors')).toBe(before + 1);
    const statuses = results.map((r) => r.status).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const retry = await send(cw, 'POST', '/api/survivors', survivorBody(), key);
    expect(retry).toMatchObject({ status: 201, replayed: 'true' });
    expect(retry.json).toEqual(results.find((r) => r.status === 201)!.json);
  });

  it('the stored answer is encrypted, with no case id in clear', async () => {
    const key = randomUUID();
    const reg = await send(cw, 'POST', '/api/survivors', survivorBody(), key);
    const stored = await t.database.db
      .selectFrom('idempotency_keys')
      .select(['record_enc', 'idempotency_key'])
      .where('idempotency_key', '=', key)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.record_enc).not.toContain(reg.json.caseId);
    expect(stored[0]!.record_enc).toMatch(/^v1\./);
  });

  describe('retention', () => {
    const DAY = 86_400_000;
    /** Moves a key's creation back in time, as the database owner (nobody can through the API). */
    const age = async (key: string, days: number) =>
      t.database.db
        .updateTable('idempotency_keys')
        .set({ created_at: new Date(t.app.now().getTime() - days * DAY).toISOString() })
        .where('idempotency_key', '=', key)
        .execute();

    it('the purge forgets keys past the retention, of every account, and keeps the younger ones working', async () => {
      const [old, othersOld, young, edge] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      for (const [c, key] of [
        [cw, old],
        [other, othersOld],
        [cw, young],
        [cw, edge],
      ] as const)
        expect((await send(c, 'POST', '/api/survivors', survivorBody(), key)).status).toBe(201);
      await age(old, IDEMPOTENCY_RETENTION_DAYS + 1);
      await age(othersOld, IDEMPOTENCY_RETENTION_DAYS + 30);
      await age(edge, IDEMPOTENCY_RETENTION_DAYS - 1);
      const keys = await rows('idempotency_keys');

      expect(await purgeIdempotencyKeys(t.app)).toBe(2);
      expect(await rows('idempotency_keys')).toBe(keys - 2);
      expect(await purgeIdempotencyKeys(t.app)).toBe(0);

      // Younger keys still replay; nothing is applied twice.
      const survivors = await rows('survivors');
      for (const key of [young, edge])
        expect((await send(cw, 'POST', '/api/survivors', survivorBody(), key)).replayed).toBe('true');
      expect(await rows('survivors')).toBe(survivors);
      // A replay arriving after the retention is a new request: why the retention is far longer than any offline stretch.
      const late = await send(cw, 'POST', '/api/survivors', survivorBody(), old);
      expect(late.status).toBe(201);
      expect(late.replayed).toBeUndefined();
      expect(await rows('survivors')).toBe(survivors + 1);
    });

    it('the purger (started by every server process) runs the purge on its timer and stops cleanly', async () => {
      const key = randomUUID();
      expect((await send(cw, 'POST', '/api/survivors', survivorBody(), key)).status).toBe(201);
      await age(key, IDEMPOTENCY_RETENTION_DAYS + 2);
      const errors: Error[] = [];
      const purger = new IdempotencyPurger(t.app, (e) => errors.push(e), 20);
      purger.start();
      try {
        await expect
          .poll(async () =>
            Number(
              (
                await t.database.db
                  .selectFrom('idempotency_keys')
                  .select((eb) => eb.fn.countAll().as('n'))
                  .where('idempotency_key', '=', key)
                  .executeTakeFirstOrThrow()
              ).n,
            ),
          )
          .toBe(0);
      } finally {
        await purger.stop();
      }
      expect(errors).toEqual([]);
    });
  });
});
