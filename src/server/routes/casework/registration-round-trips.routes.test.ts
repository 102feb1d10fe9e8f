import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { survivorBody } from '../../../testing/casework-fixtures.ts';

/**
 * Issue #13: a registration is one round trip to the database (refuge_register_survivor, migration 0027), not one per
 * row. Every statement the driver sends (BEGIN and COMMIT included) is counted while one POST /api/survivors is
 * served; the session lookup of the request is part of the count, so two in all.
 */
describe.each(DATABASE_KINDS)('round trips of a registration on %s', (kind) => {
  let t: TestServer;
  let cw: TestClient;
  const sent: string[] = [];
  const original = pg.Client.prototype.query;

  beforeAll(async () => {
    t = await createTestServer(kind);
    cw = await t.userIn('ngo', 'caseworker');
    (pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
      const q = args[0];
      sent.push(typeof q === 'string' ? q : String((q as { text?: string }).text));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  });
  afterAll(async () => {
    pg.Client.prototype.query = original;
    await t?.close();
  });

  const count = async (body: Record<string, unknown>) => {
    sent.length = 0;
    const res = await cw.request('POST', '/api/survivors', body);
    expect(res.status, res.body).toBe(201);
    return [...sent];
  };

  it('registers in one round trip after the session lookup, whether or not care-first needs are opened', async () => {
    const plain = await count(survivorBody({ compound: undefined }));
    const withNeeds = await count(survivorBody({ ageBand: 'under_18', protection: { pregnant: true } }));
    // Printed so a change in either direction is visible in the test output.
    console.log(`${kind}: ${plain.length} round trips (${withNeeds.length} with care-first needs)`);
    console.log(plain.map((s) => `  ${s.replace(/\s+/g, ' ').slice(0, 90)}`).join('\n'));
    for (const sent of [plain, withNeeds]) {
      expect(sent).toHaveLength(2);
      expect(sent.filter((s) => /refuge_register_survivor/.test(s))).toHaveLength(1);
      // No transaction around it: the statement is its own.
      expect(sent.filter((s) => /^\s*(BEGIN|COMMIT)/i.test(s))).toEqual([]);
    }
  });
});
