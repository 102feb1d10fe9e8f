import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { asActor, asSystem } from '../../../db/transaction.ts';
import { issueServiceSession } from '../../../services/sessions.service.ts';
import { consent, register } from '../../../testing/casework-fixtures.ts';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';

const ASKED = 'ASK-MARKER assess the wound on the left arm';
const MESSAGE = 'MSG-MARKER she is afraid of men in uniform';
const CARE = 'CARE-MARKER wound cleaned, antibiotics for 7 days';

/** Two-way referrals: what was asked, replies and care, read only by the two organisations. */
describe.each(DATABASE_KINDS)('the exchange on a referral on %s', (kind) => {
  let t: TestServer;
  let cw: TestClient;
  let medic: TestClient;
  let shelterCw: TestClient;
  let consul: TestClient;
  let clinicId: string;
  let shelterId: string;
  let referralId: string;
  let survivorId: string;
  let caseId: string;

  const appActor = async (orgId: string) => {
    const user = await asSystem(t.database, (trx) =>
      trx.selectFrom('memberships').select('user_id').where('organisation_id', '=', orgId).executeTakeFirstOrThrow(),
    );
    return (await issueServiceSession(t.app, { userId: user.user_id, organisationId: orgId, minutes: 60 }))!;
  };

  beforeAll(async () => {
    t = await createTestServer(kind);
    clinicId = await t.org('clinic-x', 'clinic');
    shelterId = await t.org('shelter-x', 'shelter');
    await t.org('emb-id', 'embassy', ['ID']);
    cw = await t.userIn('ngo-x', 'caseworker');
    medic = await t.userIn('clinic-x', 'medic');
    shelterCw = await t.userIn('shelter-x', 'caseworker');
    consul = await t.userIn('emb-id', 'consular_officer');
    ({ caseId, survivorId } = await register(cw, {
      names: [{ value: 'Siti Aminah', preferred: true }],
      consent: consent({ shareWithOwnEmbassy: true, shareWithOrganisationIds: [clinicId, shelterId] }),
    }));
    const sent = await cw.request('POST', '/api/referrals', {
      caseId,
      toOrganisationId: clinicId,
      asked: ASKED,
      message: MESSAGE,
    });
    expect(sent.status).toBe(201);
    referralId = sent.json.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the receiver reads what was asked, accepts, records care and replies; the sender reads it all on its side', async () => {
    const inbox = await medic.request('GET', `/api/referrals/${referralId}/messages`);
    expect(inbox.status).toBe(200);
    expect(inbox.json.items).toEqual([
      expect.objectContaining({ kind: 'request', authorSide: 'sender', mine: false, asked: ASKED, text: MESSAGE }),
    ]);
    expect(inbox.json).toMatchObject({ canReply: true, canRecordCare: false });
    // Care is recorded only once accepted.
    const early = await medic.request('POST', `/api/referrals/${referralId}/messages`, {
      kind: 'care_record',
      careGiven: CARE,
    });
    expect(early.status).toBe(409);
    expect((await medic.request('PATCH', `/api/referrals/${referralId}`, { state: 'accepted' })).status).toBe(200);
    const care = await medic.request('POST', `/api/referrals/${referralId}/messages`, {
      kind: 'care_record',
      careGiven: CARE,
      outcome: 'care_given',
      nextStep: 'come back on Friday',
    });
    expect(care.status).toBe(201);
    expect(
      (await medic.request('POST', `/api/referrals/${referralId}/messages`, { kind: 'reply', text: 'REPLY-MARKER ok' }))
        .status,
    ).toBe(201);
    const sender = await cw.request('GET', `/api/referrals/${referralId}/messages`);
    expect(sender.json.items.map((m: { kind: string }) => m.kind)).toEqual(['request', 'care_record', 'reply']);
    expect(sender.json.items[1]).toMatchObject({
      authorSide: 'receiver',
      mine: false,
      careGiven: CARE,
      outcome: 'care_given',
      nextStep: 'come back on Friday',
    });
    expect(sender.json).toMatchObject({ canReply: true, canRecordCare: false });
    // The sender cannot record care; nobody writes a request after the referral was sent.
    expect(
      (await cw.request('POST', `/api/referrals/${referralId}/messages`, { kind: 'care_record', careGiven: 'x' }))
        .status,
    ).toBe(409);
    expect(
      (await cw.request('POST', `/api/referrals/${referralId}/messages`, { kind: 'request', text: 'x' })).status,
    ).toBe(400);
  });

  it('stores every entry sealed: no marker in clear in the database', async () => {
    const { rows } = await asSystem(t.database, (trx) =>
      sql<{ row: string }>`SELECT row_to_json(m)::text AS row FROM referral_messages m`.execute(trx),
    );
    expect(rows.length).toBe(3);
    for (const r of rows) expect(r.row).not.toMatch(/MARKER|Friday/);
    const audits = await asSystem(t.database, (trx) =>
      sql<{
        details: string;
      }>`SELECT row_to_json(a)::text AS details FROM audit_events a WHERE resource_id = ${referralId}`.execute(trx),
    );
    expect(audits.rows.length).toBeGreaterThan(0);
    for (const a of audits.rows) expect(a.details).not.toMatch(/MARKER|Friday/);
  });

  it('no other organisation reads or writes the exchange, through the API or in raw SQL as the app role', async () => {
    for (const other of [shelterCw, consul]) {
      expect((await other.request('GET', `/api/referrals/${referralId}/messages`)).status).toBe(404);
      expect(
        (await other.request('POST', `/api/referrals/${referralId}/messages`, { kind: 'reply', text: 'intruder' }))
          .status,
      ).toBe(404);
    }
    const shelterActor = await appActor(shelterId);
    const seen = await asActor(t.database, shelterActor, (trx) =>
      trx.selectFrom('referral_messages').select('id').execute(),
    );
    expect(seen).toEqual([]);
    // Writing an entry on someone else's referral straight into the table is refused by row-level security.
    const referral = await asSystem(t.database, (trx) =>
      trx.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow(),
    );
    await expect(
      asActor(t.database, shelterActor, (trx) =>
        trx
          .insertInto('referral_messages')
          .values({
            id: t.app.newId(),
            referral_id: referralId,
            from_organisation_id: referral.from_organisation_id,
            to_organisation_id: referral.to_organisation_id,
            author_organisation_id: shelterId,
            author_user_id: shelterActor.userId,
            kind: 'reply',
            body_enc: 'x',
            created_at: new Date().toISOString(),
          })
          .execute(),
      ),
    ).rejects.toThrow();
    const clinicActor = await appActor(clinicId);
    expect(
      (await asActor(t.database, clinicActor, (trx) => trx.selectFrom('referral_messages').select('id').execute()))
        .length,
    ).toBe(3);
  });

  it('once consent no longer covers the referral, the receiver keeps only what it wrote and can add nothing', async () => {
    expect(
      (
        await cw.request(
          'PUT',
          `/api/survivors/${survivorId}/consent`,
          consent({ shareWithOwnEmbassy: true, shareWithOrganisationIds: [shelterId] }),
        )
      ).status,
    ).toBe(200);
    const frozen = await medic.request('GET', `/api/referrals/${referralId}/messages`);
    expect(frozen.json.items.map((m: { kind: string }) => m.kind)).toEqual(['care_record', 'reply']);
    expect(JSON.stringify(frozen.json)).not.toMatch(/ASK-MARKER|MSG-MARKER/);
    expect(frozen.json).toMatchObject({ canReply: false, canRecordCare: false });
    expect(
      (await medic.request('POST', `/api/referrals/${referralId}/messages`, { kind: 'reply', text: 'still there?' }))
        .status,
    ).toBe(409);
    // The sender still reads everything on its case's referral.
    expect((await cw.request('GET', `/api/referrals/${referralId}/messages`)).json.items).toHaveLength(3);
  });

  it('lists show the preferred name to the owner organisation only (triage, follow-ups), audited', async () => {
    await cw.request('POST', `/api/cases/${caseId}/needs`, { kind: 'medical', priority: 'high' });
    const board = await cw.request('GET', '/api/triage?limit=200');
    expect(board.json.items.find((i: { caseId: string }) => i.caseId === caseId).preferredName).toBe('Siti Aminah');
    const due = await cw.request('GET', `/api/followups/due?before=${encodeURIComponent('2100-01-01T00:00:00Z')}`);
    for (const f of due.json.items as { caseId: string; preferredName: string | null }[])
      if (f.caseId === caseId) expect(f.preferredName).toBe('Siti Aminah');
    const { rows } = await asSystem(t.database, (trx) =>
      sql<{ details: any }>`SELECT details FROM audit_events WHERE action = 'survivor.read'
        AND details->>'view' = 'triage' ORDER BY seq DESC LIMIT 1`.execute(trx),
    );
    expect(rows[0]!.details.survivorIds).toContain(survivorId);
    // The clinic's own board never carries the referred person's name.
    expect(JSON.stringify((await medic.request('GET', '/api/triage?limit=200')).json)).not.toContain('Siti Aminah');
  });
});
