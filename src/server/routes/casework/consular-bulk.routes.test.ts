import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { asSystem } from '../../../db/transaction.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { consent, register } from '../../../testing/casework-fixtures.ts';

/**
 * The consular bulk update (a group on one flight) is one transaction: when the database fails while the group is
 * half written (here a trigger refuses the last member's timeline entry), no member keeps the flight, no case moved,
 * no timeline entry and no audit entry of the booking remain.
 */
describe.each(DATABASE_KINDS)('a group flight that fails half-way on %s', (kind) => {
  let t: TestServer;
  let cw: TestClient, consul: TestClient;
  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('emb-id', 'embassy', ['ID']);
    cw = await t.userIn('ngo-a', 'caseworker');
    consul = await t.userIn('emb-id', 'consular_officer');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('leaves every member as it was', async () => {
    const caseIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { caseId } = await register(cw, {
        consent: consent({ shareWithOwnEmbassy: true }),
        documentStatus: 'held',
      });
      await cw.request('PUT', `/api/cases/${caseId}/screening`, {
        answers: { forced_criminality: { answer: 'yes' }, deception: { answer: 'yes' } },
      });
      expect((await cw.request('PATCH', `/api/cases/${caseId}/status`, { status: 'assessed' })).status).toBe(200);
      expect((await cw.request('PATCH', `/api/cases/${caseId}/status`, { status: 'awaiting_documents' })).status).toBe(
        200,
      );
      caseIds.push(caseId);
    }
    const flight = { date: '2026-03-01', flightNumber: 'QZ 273' };
    // The group is valid: a dry run says every member can go.
    const dry = await consul.request('POST', '/api/consular/flights', { caseIds, flight, dryRun: true });
    expect(dry.json.members.map((m: { ok: boolean }) => m.ok)).toEqual([true, true, true]);

    const snapshot = () =>
      asSystem(t.database, async (trx) => ({
        records: (
          await sql<{
            n: number;
          }>`SELECT count(*)::int AS n FROM consular_records WHERE case_id = ANY(${caseIds}::uuid[])`.execute(trx)
        ).rows[0]!.n,
        statuses: (
          await sql<{
            status: string;
          }>`SELECT status FROM cases WHERE id = ANY(${caseIds}::uuid[]) ORDER BY id`.execute(trx)
        ).rows.map((r) => r.status),
        events: (
          await sql<{
            n: number;
          }>`SELECT count(*)::int AS n FROM case_events WHERE case_id = ANY(${caseIds}::uuid[])`.execute(trx)
        ).rows[0]!.n,
        audit: (
          await sql<{
            n: number;
          }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'consular.group_flight'`.execute(trx)
        ).rows[0]!.n,
      }));
    const before = await snapshot();
    expect(before.statuses).toEqual(['awaiting_documents', 'awaiting_documents', 'awaiting_documents']);

    // The last member's timeline entry fails: the first two are already written inside the transaction.
    await t.database.pool.query(`
      CREATE FUNCTION test_fail_group() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full (test)'; END $$;
      CREATE TRIGGER test_fail_group BEFORE INSERT ON case_events FOR EACH ROW
        WHEN (NEW.case_id = '${caseIds[2]}'::uuid) EXECUTE FUNCTION test_fail_group();`);
    try {
      const failed = await consul.request('POST', '/api/consular/flights', { caseIds, flight });
      expect(failed.status).toBe(500);
      expect(failed.json.detail).toMatch(/nothing was changed/);
      expect(await snapshot()).toEqual(before);
    } finally {
      await t.database.pool.query(
        'DROP TRIGGER IF EXISTS test_fail_group ON case_events; DROP FUNCTION IF EXISTS test_fail_group()',
      );
    }

    // The same request, once the database is well again, books all three.
    const booked = await consul.request('POST', '/api/consular/flights', { caseIds, flight });
    expect(booked.status).toBe(200);
    expect(booked.json.applied).toBe(true);
    const after = await snapshot();
    expect(after.records).toBe(3);
    expect(after.statuses).toEqual(['awaiting_travel', 'awaiting_travel', 'awaiting_travel']);
    expect(after.audit).toBe(before.audit + 1);
  });
});
