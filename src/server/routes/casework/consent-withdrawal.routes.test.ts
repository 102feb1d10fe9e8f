import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { asSystem } from '../../../db/transaction.ts';
import { createOrganisation, createUser } from '../../../services/accounts.service.ts';
import { createTestServer, TEST_PASSWORD, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { consent, register } from '../../../testing/casework-fixtures.ts';

/**
 * Issue #8 §3: withdrawing consent takes effect everywhere at once, and what an embassy or a
 * referral receiver reads carries no organisation and no free text of the other side.
 */
describe.each(DATABASE_KINDS)('consent withdrawal and curated views on %s', (kind) => {
  let t: TestServer;
  let cw: TestClient;
  let medic: TestClient;
  let consul: TestClient;
  let shelterCw: TestClient;
  let clinicId: string;
  let shelterId: string;
  beforeAll(async () => {
    t = await createTestServer(kind);
    clinicId = (
      await createOrganisation(t.app, { slug: 'harbour-clinic', name: 'Harbour House Clinic', kind: 'clinic' })
    ).id;
    shelterId = (
      await createOrganisation(t.app, { slug: 'harbour-shelter', name: 'Harbour House Shelter', kind: 'shelter' })
    ).id;
    await t.org('emb-id', 'embassy', ['ID']);
    cw = await t.userIn('ngo-a', 'caseworker');
    const member = async (organisation: string, role: 'medic' | 'caseworker') => {
      await createUser(t.app, {
        email: `${role}@${organisation}.test`,
        displayName: role,
        password: TEST_PASSWORD,
        memberships: [{ organisation, role }],
      });
      return t.signIn(`${role}@${organisation}.test`);
    };
    medic = await member('harbour-clinic', 'medic');
    shelterCw = await member('harbour-shelter', 'caseworker');
    consul = await t.userIn('emb-id', 'consular_officer');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('freezes a live referral the new consent no longer covers: the receiver loses contact and field set at once, and cannot act', async () => {
    const { caseId, survivorId } = await register(cw, {
      consent: consent({ shareWithOrganisationIds: [clinicId, shelterId] }),
    });
    const need = (await cw.request('POST', `/api/cases/${caseId}/needs`, { kind: 'medical', priority: 'high' })).json;
    const toClinic = (
      await cw.request('POST', '/api/referrals', {
        caseId,
        toOrganisationId: clinicId,
        needIds: [need.id],
        shareContactChannel: 'whatsapp',
      })
    ).json;
    const toShelter = (
      await cw.request('POST', '/api/referrals', { caseId, toOrganisationId: shelterId, needIds: [need.id] })
    ).json;
    expect((await medic.request('PATCH', `/api/referrals/${toClinic.id}`, { state: 'accepted' })).status).toBe(200);
    expect((await medic.request('GET', `/api/referrals/${toClinic.id}`)).json.person.contact.value).toBe(
      '+62 812 0000 0001',
    );

    // The survivor withdraws consent for the clinic only.
    expect(
      (
        await cw.request(
          'PUT',
          `/api/survivors/${survivorId}/consent`,
          consent({ shareWithOrganisationIds: [shelterId], method: 'written' }),
        )
      ).status,
    ).toBe(200);
    const frozen = await medic.request('GET', `/api/referrals/${toClinic.id}`);
    expect(frozen.status).toBe(200);
    expect(frozen.json.frozen).toBe(true);
    expect(frozen.json.person).toBeUndefined();
    expect(frozen.body).not.toContain('+62 812');
    expect(frozen.body).not.toContain('Siti');
    expect(frozen.json.nextStates).toEqual([]);
    const list = await medic.request('GET', '/api/referrals?direction=incoming');
    expect(list.body).not.toContain('+62 812');
    expect((await medic.request('PATCH', `/api/referrals/${toClinic.id}`, { state: 'completed' })).status).toBe(409);
    // The shelter's referral is still covered.
    const still = await shelterCw.request('GET', `/api/referrals/${toShelter.id}`);
    expect(still.json.frozen).toBe(false);
    expect(still.json.person.preferredName).toBe('Siti Rahayu');
    // The sender sees the freeze on its timeline and may still revoke.
    const detail = (await cw.request('GET', `/api/cases/${caseId}`)).json;
    expect(
      detail.timeline.some(
        (e: { kind: string; params: { frozen?: boolean } }) => e.kind === 'referral_frozen' && e.params.frozen === true,
      ),
    ).toBe(true);
    expect(
      (await cw.request('PATCH', `/api/referrals/${toClinic.id}`, { state: 'revoked', reason: 'consent withdrawn' }))
        .status,
    ).toBe(200);

    // Consent given again thaws a live referral (the shelter's was never frozen; re-consenting changes nothing there).
    const again = await register(cw, { consent: consent({ shareWithOrganisationIds: [clinicId] }) });
    const r2 = (await cw.request('POST', '/api/referrals', { caseId: again.caseId, toOrganisationId: clinicId })).json;
    await cw.request('PUT', `/api/survivors/${again.survivorId}/consent`, consent({ method: 'verbal' }));
    expect((await medic.request('GET', `/api/referrals/${r2.id}`)).json.person).toBeUndefined();
    await cw.request(
      'PUT',
      `/api/survivors/${again.survivorId}/consent`,
      consent({ shareWithOrganisationIds: [clinicId], method: 'verbal' }),
    );
    expect((await medic.request('GET', `/api/referrals/${r2.id}`)).json.person.preferredName).toBe('Siti Rahayu');
  });

  it('the embassy loses the case the moment own-embassy consent is withdrawn (row-level security and the service)', async () => {
    const { caseId, survivorId } = await register(cw, { consent: consent({ shareWithOwnEmbassy: true }) });
    expect((await consul.request('GET', `/api/cases/${caseId}`)).status).toBe(200);
    expect((await consul.request('GET', '/api/consular/queue')).body).toContain(caseId);
    await cw.request(
      'PUT',
      `/api/survivors/${survivorId}/consent`,
      consent({ shareWithOwnEmbassy: false, method: 'written' }),
    );
    expect((await consul.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
    expect((await consul.request('GET', `/api/cases/${caseId}/timeline`)).status).toBe(404);
    expect((await consul.request('GET', '/api/consular/queue')).body).not.toContain(caseId);
    expect((await consul.request('GET', '/api/cases')).body).not.toContain(caseId);
  });

  it('an embassy reads no shelter, no organisation and no free text: not in the timeline, the consent record or the reasons', async () => {
    const { caseId } = await register(cw, {
      consent: consent({ shareWithOwnEmbassy: true, shareWithOrganisationIds: [shelterId] }),
      location: {
        kind: 'shelter',
        placeOrganisationId: shelterId,
        detail: "moved to her uncle's flat, #12 Street 310",
      },
      compound: 'KK Park',
    });
    await cw.request('POST', '/api/referrals', { caseId, toOrganisationId: shelterId });
    await cw.request('PATCH', `/api/cases/${caseId}/status`, {
      status: 'lost_contact',
      reason: "moved to her uncle's flat, #12 Street 310",
    });
    const own = await cw.request('GET', `/api/cases/${caseId}`);
    expect(own.body).toContain('Referred to Harbour House Shelter');
    expect(own.json.timeline.find((e: { kind: string }) => e.kind === 'status_changed').detail).toContain(
      '#12 Street 310',
    );
    for (const url of [`/api/cases/${caseId}`, `/api/cases/${caseId}/timeline`, '/api/cases', '/api/consular/queue']) {
      const res = await consul.request('GET', url);
      expect(res.status).toBe(200);
      for (const secret of ['Harbour House', shelterId, 'Street 310', 'KK Park', await t.org('ngo-a')])
        expect(res.body, `${url} shows ${secret}`).not.toContain(secret);
    }
    const detail = (await consul.request('GET', `/api/cases/${caseId}`)).json;
    expect(detail.survivor.location).toBeNull();
    expect(detail.survivor.consent.shareWithOrganisationIds).toEqual([]);
    expect(detail.timeline.map((e: { kind: string }) => e.kind).sort()).toEqual(['opened', 'status_changed']);
  });

  it('a referral reason stays with the side that wrote it', async () => {
    const { caseId } = await register(cw, { consent: consent({ shareWithOrganisationIds: [clinicId] }) });
    const a = (await cw.request('POST', '/api/referrals', { caseId, toOrganisationId: clinicId })).json;
    await cw.request('PATCH', `/api/referrals/${a.id}`, { state: 'revoked', reason: 'she is now at #12 Street 310' });
    expect((await medic.request('GET', `/api/referrals/${a.id}`)).body).not.toContain('Street 310');
    expect((await cw.request('GET', `/api/referrals/${a.id}`)).json.stateReason).toBe('she is now at #12 Street 310');
    const b = (await cw.request('POST', '/api/referrals', { caseId, toOrganisationId: clinicId })).json;
    await medic.request('PATCH', `/api/referrals/${b.id}`, {
      state: 'declined',
      reason: 'our doctor knows her trafficker',
    });
    expect((await cw.request('GET', `/api/referrals/${b.id}`)).body).not.toContain('trafficker');
    expect((await medic.request('GET', `/api/referrals/${b.id}`)).json.stateReason).toBe(
      'our doctor knows her trafficker',
    );
    // At rest: no clear reason anywhere.
    const stored = await asSystem(t.database, (trx) =>
      sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM referrals WHERE state_reason IS NOT NULL OR state_reason_enc LIKE '%Street%'`.execute(
        trx,
      ),
    );
    expect(stored.rows[0]!.n).toBe(0);
  });
});
