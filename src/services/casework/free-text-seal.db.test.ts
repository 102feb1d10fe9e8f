import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { asSystem } from '../../db/transaction.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { consent, register } from '../../testing/casework-fixtures.ts';
import { sealClearFreeText } from './free-text-seal.service.ts';

/**
 * Migration 0009's start-up step: timeline summaries and referral reasons written in clear
 * before 0009 are moved into envelopes and the clear columns nulled; afterwards the database
 * refuses new clear text, and the owner still reads its old words while nobody else does.
 */
describe.each(DATABASE_KINDS)('sealing pre-0009 clear free text on %s', (kind) => {
  let t: TestServer;
  let cw: TestClient;
  let medic: TestClient;
  beforeAll(async () => {
    t = await createTestServer(kind);
    cw = await t.userIn('ngo-a', 'caseworker');
    medic = await t.userIn('clinic-c', 'medic');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('moves clear summaries and reasons into envelopes, once, and refuses new clear text', async () => {
    const clinicId = await t.org('clinic-c', 'clinic');
    const { caseId } = await register(cw, { consent: consent({ shareWithOrganisationIds: [clinicId] }) });
    const referral = (await cw.request('POST', '/api/referrals', { caseId, toOrganisationId: clinicId })).json;
    // Rewind to a pre-0009 database: rows carrying clear text, written before the checks existed.
    await asSystem(t.database, async (trx) => {
      await sql`ALTER TABLE case_events DROP CONSTRAINT case_events_no_clear_summary`.execute(trx);
      await sql`ALTER TABLE referrals DROP CONSTRAINT referrals_no_clear_reason`.execute(trx);
      await sql`UPDATE case_events SET summary = 'Referred to Harbour House — moved to her uncle''s flat, #12 Street 310', params = '{}' WHERE case_id = ${caseId} AND kind = 'referral_sent'`.execute(
        trx,
      );
      await sql`UPDATE referrals SET state = 'revoked', state_reason = 'moved to #12 Street 310' WHERE id = ${referral.id}`.execute(
        trx,
      );
      await sql`ALTER TABLE case_events ADD CONSTRAINT case_events_no_clear_summary CHECK (summary IS NULL) NOT VALID`.execute(
        trx,
      );
      await sql`ALTER TABLE referrals ADD CONSTRAINT referrals_no_clear_reason CHECK (state_reason IS NULL) NOT VALID`.execute(
        trx,
      );
    });
    const moved = await sealClearFreeText(t.app);
    expect(moved.caseEvents).toBeGreaterThanOrEqual(1);
    expect(moved.referrals).toBe(1);
    expect(await sealClearFreeText(t.app)).toEqual({ caseEvents: 0, referrals: 0 });

    const clear = await asSystem(t.database, (trx) =>
      sql<{ n: number }>`
      SELECT (SELECT count(*) FROM case_events WHERE summary IS NOT NULL OR detail_enc LIKE '%Street%')::int
           + (SELECT count(*) FROM referrals WHERE state_reason IS NOT NULL OR state_reason_enc LIKE '%Street%')::int AS n`.execute(
        trx,
      ),
    );
    expect(clear.rows[0]!.n).toBe(0);
    // The writing organisation still reads its words; the line itself is rendered from the kind.
    const entry = (await cw.request('GET', `/api/cases/${caseId}`)).json.timeline.find(
      (e: { kind: string }) => e.kind === 'referral_sent',
    );
    expect(entry.detail).toContain('#12 Street 310');
    expect(entry.summary).toBe('Referred to another organisation');
    expect((await cw.request('GET', `/api/referrals/${referral.id}`)).json.stateReason).toBe('moved to #12 Street 310');
    expect((await medic.request('GET', `/api/referrals/${referral.id}`)).body).not.toContain('Street 310');

    // New clear text is refused by the database itself.
    await expect(
      asSystem(t.database, (trx) => sql`UPDATE case_events SET summary = 'x' WHERE case_id = ${caseId}`.execute(trx)),
    ).rejects.toThrow(/case_events_no_clear_summary/);
    await expect(
      asSystem(t.database, (trx) =>
        sql`UPDATE referrals SET state_reason = 'x' WHERE id = ${referral.id}`.execute(trx),
      ),
    ).rejects.toThrow(/referrals_no_clear_reason/);
  });
});
