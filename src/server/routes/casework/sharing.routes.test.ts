import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { REFERRAL_CONTACT_FIELDS, REFERRAL_FIELDS, REFERRAL_NEED_FIELDS } from '../../../core/disclosure/index.ts';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { asActor, asSystem } from '../../../db/transaction.ts';
import { issueServiceSession } from '../../../services/sessions.service.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { consent, register } from '../../../testing/casework-fixtures.ts';

const REFERRAL_VIEW_KEYS = [
  'id',
  'direction',
  'state',
  'fromOrganisation',
  'toOrganisation',
  'createdAt',
  'updatedAt',
  'stateReason',
  'frozen',
  'person',
  'nextStates',
];

describe.each(DATABASE_KINDS)('referrals, embassy scope and locations on %s', (kind) => {
  let t: TestServer;
  let cw: TestClient;
  let admin: TestClient;
  let medic: TestClient;
  let shelterCw: TestClient;
  let consul: TestClient;
  let consulVn: TestClient;
  let clinicId: string;
  let shelterId: string;
  let embassyId: string;
  beforeAll(async () => {
    t = await createTestServer(kind);
    clinicId = await t.org('clinic-c', 'clinic');
    shelterId = await t.org('shelter-s', 'shelter');
    embassyId = await t.org('emb-id', 'embassy', ['ID']);
    await t.org('emb-vn', 'embassy', ['VN']);
    cw = await t.userIn('ngo-a', 'caseworker');
    admin = await t.userIn('ngo-a', 'admin');
    medic = await t.userIn('clinic-c', 'medic');
    shelterCw = await t.userIn('shelter-s', 'caseworker');
    consul = await t.userIn('emb-id', 'consular_officer');
    consulVn = await t.userIn('emb-vn', 'consular_officer');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a referral without consent; an override needs the permission and a reason, and is audited', async () => {
    const { caseId } = await register(cw);
    const body = { caseId, toOrganisationId: clinicId };
    const refused = await cw.request('POST', '/api/referrals', body);
    expect(refused.status).toBe(403);
    expect(refused.json.detail).toMatch(/consent/);
    expect(
      (await cw.request('POST', '/api/referrals', { ...body, overrideReason: 'unconscious, needs surgery' })).status,
    ).toBe(403);
    expect((await admin.request('POST', '/api/referrals', body)).status).toBe(403);
    const overridden = await admin.request('POST', '/api/referrals', {
      ...body,
      overrideReason: 'unconscious, needs surgery',
    });
    expect(overridden.status).toBe(201);
    expect(overridden.json.consentBasis).toBe('override');
    const audits = await asSystem(t.database, (trx) =>
      trx
        .selectFrom('audit_events')
        .select(['details'])
        .where('action', '=', 'referral.consent_override')
        .where('resource_id', '=', overridden.json.id)
        .execute(),
    );
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0]!.details)).toContain('unconscious, needs surgery');
    const nothing = await asSystem(t.database, (trx) =>
      trx.selectFrom('referrals').select('id').where('case_id', '=', caseId).execute(),
    );
    expect(nothing).toHaveLength(1);
  });

  it('shows the receiver exactly the referral field set: no location, notes or other needs', async () => {
    const { caseId } = await register(cw, {
      consent: consent({ shareWithOrganisationIds: [clinicId] }),
      location: { kind: 'own_address', detail: 'Flat 3, Street 271' },
    });
    await cw.request('POST', `/api/cases/${caseId}/notes`, { body: 'CONFIDENTIAL NOTE' });
    const medical = (
      await cw.request('POST', `/api/cases/${caseId}/needs`, { kind: 'medical_urgent', priority: 'urgent' })
    ).json;
    await cw.request('POST', `/api/cases/${caseId}/needs`, { kind: 'legal', priority: 'normal' });
    const sent = await cw.request('POST', '/api/referrals', {
      caseId,
      toOrganisationId: clinicId,
      needIds: [medical.id],
      shareContactChannel: 'whatsapp',
    });
    expect(sent.status).toBe(201);
    expect(sent.json.consentBasis).toBe('named_organisation');
    const incoming = await medic.request('GET', '/api/referrals?direction=incoming');
    expect(incoming.status).toBe(200);
    const mine = incoming.json.items.find((r: { id: string }) => r.id === sent.json.id);
    for (const key of Object.keys(mine)) expect(REFERRAL_VIEW_KEYS).toContain(key);
    for (const key of Object.keys(mine.person)) expect(REFERRAL_FIELDS as readonly string[]).toContain(key);
    for (const need of mine.person.needs)
      for (const key of Object.keys(need)) expect(REFERRAL_NEED_FIELDS as readonly string[]).toContain(key);
    for (const key of Object.keys(mine.person.contact))
      expect(REFERRAL_CONTACT_FIELDS as readonly string[]).toContain(key);
    expect(mine.person.needs).toEqual([{ kind: 'medical_urgent', priority: 'urgent' }]);
    expect(mine.person.contact).toEqual({ channel: 'whatsapp', value: '+62 812 0000 0001' });
    const text = JSON.stringify(incoming.json);
    for (const secret of ['Street 271', 'CONFIDENTIAL', 'legal', caseId, '@siti_test'])
      expect(text).not.toContain(secret);
    expect((await medic.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
  });

  it('walks every referral state transition, refusing the wrong side, final states and missing reasons', async () => {
    const make = async () => {
      const { caseId } = await register(cw, { consent: consent({ shareWithOrganisationIds: [clinicId] }) });
      return (await cw.request('POST', '/api/referrals', { caseId, toOrganisationId: clinicId })).json.id as string;
    };
    const patch = (c: TestClient, id: string, state: string, reason?: string) =>
      c.request('PATCH', `/api/referrals/${id}`, reason ? { state, reason } : { state });
    const a = await make();
    expect((await patch(cw, a, 'accepted')).status).toBe(409); // sender cannot accept
    expect((await patch(medic, a, 'completed')).status).toBe(409); // not accepted yet
    expect((await patch(medic, a, 'accepted')).json.state).toBe('accepted');
    expect((await patch(medic, a, 'completed')).json.state).toBe('completed');
    expect((await patch(cw, a, 'revoked', 'consent withdrawn')).status).toBe(409); // final
    const b = await make();
    expect((await patch(medic, b, 'declined')).status).toBe(409); // needs a reason
    expect((await patch(medic, b, 'declined', 'no beds')).json.state).toBe('declined');
    const declined = await medic.request('GET', `/api/referrals/${b}`);
    expect(declined.json.person).toBeUndefined();
    const c = await make();
    expect((await patch(medic, c, 'revoked', 'x')).status).toBe(409); // receiver cannot revoke
    expect((await patch(cw, c, 'revoked', 'survivor changed their mind')).json.state).toBe('revoked');
    const d = await make();
    expect((await patch(medic, d, 'accepted')).status).toBe(200);
    expect((await patch(cw, d, 'revoked', 'moved to another clinic')).json.state).toBe('revoked');
    const outsider = await t.userIn('ngo-z', 'caseworker');
    expect((await patch(outsider, d, 'accepted')).status).toBe(404);
  });

  it('shows an embassy only consenting nationals it serves, through the API and under row-level security', async () => {
    const yes = await register(cw, { consent: consent({ shareWithOwnEmbassy: true }), nationalities: ['ID'] });
    const no = await register(cw, { consent: consent({ shareWithOwnEmbassy: false }), nationalities: ['ID'] });
    const vn = await register(cw, { consent: consent({ shareWithOwnEmbassy: true }), nationalities: ['VN'] });
    const queue = await consul.request('GET', '/api/consular/queue?limit=200');
    expect(queue.status).toBe(200);
    const ids = queue.json.items.map((i: { caseId: string }) => i.caseId);
    expect(ids).toContain(yes.caseId);
    expect(ids).not.toContain(no.caseId);
    expect(ids).not.toContain(vn.caseId);
    expect(queue.json.items.find((i: { caseId: string }) => i.caseId === yes.caseId).documentStatus).toBe(
      'confiscated',
    );
    expect((await consul.request('GET', `/api/cases/${no.caseId}`)).status).toBe(404);
    expect((await consul.request('GET', `/api/cases/${vn.caseId}`)).status).toBe(404);
    const seen = await consul.request('GET', `/api/cases/${yes.caseId}`);
    expect(seen.json.access).toBe('embassy');
    expect(seen.json.survivor.location).toBeNull(); // street: owner only
    expect(
      (await consulVn.request('GET', '/api/consular/queue')).json.items.map((i: { caseId: string }) => i.caseId),
    ).toEqual([vn.caseId]);
    const consulUser = await asSystem(t.database, (trx) =>
      trx
        .selectFrom('memberships')
        .select('user_id')
        .where('organisation_id', '=', embassyId)
        .executeTakeFirstOrThrow(),
    );
    const consulActor = await issueServiceSession(t.app, {
      userId: consulUser.user_id,
      organisationId: embassyId,
      minutes: 60,
    });
    const raw = await asActor(t.database, consulActor!, async (trx) => ({
      survivors: (await trx.selectFrom('survivors').select('id').execute()).map((r) => r.id),
      cases: (await trx.selectFrom('cases').select('id').execute()).map((r) => r.id),
      role: (await sql<{ r: string }>`SELECT current_user AS r`.execute(trx)).rows[0]!.r,
    }));
    expect(raw.role).toBe('refuge_app');
    expect(raw.survivors).toEqual([yes.survivorId]);
    expect(raw.cases).toEqual([yes.caseId]);
    // Withdrawing consent closes the door at once (a new version, audited).
    const withdrawn = await cw.request(
      'PUT',
      `/api/survivors/${yes.survivorId}/consent`,
      consent({ shareWithOwnEmbassy: false, method: 'written' }),
    );
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json.history.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(
      (
        await cw.request(
          'PUT',
          `/api/survivors/${yes.survivorId}/consent`,
          consent({ shareWithOwnEmbassy: false, method: 'written' }),
        )
      ).status,
    ).toBe(409);
    expect((await consul.request('GET', `/api/cases/${yes.caseId}`)).status).toBe(404);
  });

  it('shows a shelter location only to the shelter and to organisations with an accepted referral there', async () => {
    const { caseId } = await register(cw, {
      consent: consent({ shareWithOrganisationIds: [shelterId], shareWithOwnEmbassy: true }),
      location: { kind: 'shelter', placeOrganisationId: shelterId, detail: 'Room 7, safe house' },
    });
    expect((await cw.request('GET', `/api/cases/${caseId}`)).json.survivor.location).toBeNull();
    const ref = (await cw.request('POST', '/api/referrals', { caseId, toOrganisationId: shelterId })).json;
    expect((await cw.request('GET', `/api/cases/${caseId}`)).json.survivor.location).toBeNull(); // sent, not accepted
    expect((await shelterCw.request('PATCH', `/api/referrals/${ref.id}`, { state: 'accepted' })).status).toBe(200);
    const owner = await cw.request('GET', `/api/cases/${caseId}`);
    expect(owner.json.survivor.location).toEqual({
      kind: 'shelter',
      placeOrganisationId: shelterId,
      detail: 'Room 7, safe house',
    });
    expect((await consul.request('GET', `/api/cases/${caseId}`)).json.survivor.location).toBeNull();
    const incoming = await shelterCw.request('GET', '/api/referrals?direction=incoming');
    expect(JSON.stringify(incoming.json)).not.toContain('Room 7');
    const raw = await asSystem(t.database, (trx) =>
      trx
        .selectFrom('survivors')
        .select('location_enc')
        .where('location_organisation_id', '=', shelterId)
        .executeTakeFirstOrThrow(),
    );
    expect(raw.location_enc).not.toContain('Room 7');
  });
});
