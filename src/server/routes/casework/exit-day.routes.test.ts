import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { asActor, asSystem } from '../../../db/transaction.ts';
import { issueServiceSession } from '../../../services/sessions.service.ts';
import { receiverCaseEvent, receiverSetNeed } from '../../../db/repositories/casework/referrals.repository.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { consent, register } from '../../../testing/casework-fixtures.ts';

/**
 * Issue #10 §1: everyone who meets a survivor registers them, per organisation kind; the referral receiver records
 * and closes the care it gives through its curated view (never the case), and the referrer sees the loop close.
 */
describe.each(DATABASE_KINDS)('walk-ins everywhere and care across organisations on %s', (kind) => {
  let t: TestServer;
  let ngo: TestClient;
  let consul: TestClient;
  let medic: TestClient;
  let shelterCw: TestClient;
  let iom: TestClient;
  let analyst: TestClient;
  let coordinator: TestClient;
  let clinicId: string;
  const actorOf = async (email: string, slug: string) => {
    const ids = await asSystem(t.database, async (trx) => ({
      userId: (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id,
      organisationId: (
        await trx.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
      ).id,
    }));
    return (await issueServiceSession(t.app, { ...ids, minutes: 60 }))!;
  };

  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('emb-id', 'embassy', ['ID']);
    clinicId = await t.org('clinic', 'clinic');
    await t.org('shelter', 'shelter');
    await t.org('iom', 'international_org');
    await t.org('watch', 'monitor');
    await t.org('coord', 'coordination');
    ngo = await t.userIn('ngo', 'caseworker', 'cw@ngo.test');
    consul = await t.userIn('emb-id', 'consular_officer');
    medic = await t.userIn('clinic', 'medic', 'medic@clinic.test');
    shelterCw = await t.userIn('shelter', 'caseworker', 'cw@shelter.test');
    iom = await t.userIn('iom', 'caseworker');
    analyst = await t.userIn('watch', 'analyst');
    coordinator = await t.userIn('coord', 'admin');
  }, 600_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lets every kind that meets survivors register; the registering organisation owns and works the record', async () => {
    for (const c of [ngo, consul, medic, shelterCw, iom]) {
      const reg = await c.request('POST', '/api/survivors', {
        names: [{ value: 'Walk In', preferred: true }],
        sex: 'male',
        ageBand: '25_34',
        nationalities: ['TH'],
        documentStatus: 'lost',
        consent: consent(),
      });
      expect(reg.status).toBe(201);
      const own = await c.request('GET', `/api/cases/${reg.json.caseId}`);
      expect(own.status).toBe(200);
      expect(own.json.case.organisationId).not.toBeNull();
      // The owner works it: adds a need, moves its status.
      expect(
        (await c.request('POST', `/api/cases/${reg.json.caseId}/needs`, { kind: 'food', priority: 'high' })).status,
      ).toBe(201);
      // Nobody else opens it.
      for (const other of [ngo, consul, medic, shelterCw, iom].filter((x) => x !== c))
        expect((await other.request('GET', `/api/cases/${reg.json.caseId}`)).status).toBe(404);
    }
    // Organisations that do not meet survivors do not register them.
    for (const c of [analyst, coordinator])
      expect(
        (
          await c.request('POST', '/api/survivors', {
            names: [{ value: 'X', preferred: true }],
            sex: 'male',
            documentStatus: 'lost',
            consent: consent(),
          })
        ).status,
      ).toBe(403);
  });

  it("lists an embassy's own walk-ins beside the consenting nationals it serves, each disclosed to its audience", async () => {
    const walkIn = await register(consul, { nationalities: ['ID'], consent: consent({ shareWithOwnEmbassy: true }) });
    const national = await register(ngo, { nationalities: ['ID'], consent: consent({ shareWithOwnEmbassy: true }) });
    const unconsented = await register(ngo, { nationalities: ['ID'] });
    const list = await consul.request('GET', '/api/cases?limit=200');
    expect(list.status).toBe(200);
    const items = list.json.items as { id: string; organisationId: string | null }[];
    expect(items.find((i) => i.id === walkIn.caseId)?.organisationId).not.toBeNull();
    expect(items.find((i) => i.id === national.caseId)?.organisationId).toBeNull();
    expect(items.map((i) => i.id)).not.toContain(unconsented.caseId);
  });

  it('lets the clinic record and close the care it was asked for through the referral, and the referrer see it', async () => {
    const { caseId } = await register(ngo, { consent: consent({ shareWithOrganisationIds: [clinicId] }) });
    const med = (
      await ngo.request('POST', `/api/cases/${caseId}/needs`, { kind: 'medical_urgent', priority: 'urgent' })
    ).json.id;
    const psy = (await ngo.request('POST', `/api/cases/${caseId}/needs`, { kind: 'psychosocial', priority: 'normal' }))
      .json.id;
    const legal = (await ngo.request('POST', `/api/cases/${caseId}/needs`, { kind: 'legal', priority: 'normal' })).json
      .id;
    const ref = await ngo.request('POST', '/api/referrals', {
      caseId,
      toOrganisationId: clinicId,
      needIds: [med, psy],
    });
    expect(ref.status).toBe(201);
    const referralId = ref.json.id as string;

    // The clinic never opens the case or the need rows.
    expect((await medic.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
    expect((await medic.request('PATCH', `/api/needs/${med}`, { status: 'met' })).status).toBe(404);
    // It reads the referred needs, and only those, as id/kind/priority/status.
    const seen = await medic.request('GET', `/api/referrals/${referralId}`);
    expect(seen.status).toBe(200);
    expect(seen.json.referredNeeds).toEqual([
      { id: med, kind: 'medical_urgent', priority: 'urgent', status: 'open' },
      { id: psy, kind: 'psychosocial', priority: 'normal', status: 'open' },
    ]);
    expect(JSON.stringify(seen.json)).not.toContain(legal);
    expect(seen.json.caseId).toBeUndefined();
    // Not before accepting; not a need outside the referral; not a status only the owner sets.
    expect(
      (await medic.request('PATCH', `/api/referrals/${referralId}/needs/${med}`, { status: 'in_progress' })).status,
    ).toBe(409);
    expect((await medic.request('PATCH', `/api/referrals/${referralId}`, { state: 'accepted' })).status).toBe(200);
    expect(
      (await medic.request('PATCH', `/api/referrals/${referralId}/needs/${legal}`, { status: 'met' })).status,
    ).toBe(404);
    expect(
      (await medic.request('PATCH', `/api/referrals/${referralId}/needs/${med}`, { status: 'cancelled' })).status,
    ).toBe(400);
    const started = await medic.request('PATCH', `/api/referrals/${referralId}/needs/${med}`, {
      status: 'in_progress',
    });
    expect(started.status).toBe(200);
    expect(started.json.referredNeeds[0].status).toBe('in_progress');

    // Another organisation cannot touch the referral's needs, through the API or raw SQL as the app role.
    expect(
      (await shelterCw.request('PATCH', `/api/referrals/${referralId}/needs/${psy}`, { status: 'met' })).status,
    ).toBe(404);
    expect((await shelterCw.request('GET', `/api/referrals/${referralId}`)).status).toBe(404);
    const shelterActor = await actorOf('cw@shelter.test', 'shelter');
    await asActor(t.database, shelterActor, async (trx) => {
      expect(await receiverSetNeed(trx, referralId, psy, 'met', new Date().toISOString())).toBeNull();
      expect(
        await receiverCaseEvent(trx, referralId, {
          id: crypto.randomUUID(),
          kind: 'referral_updated',
          params: {},
          at: new Date().toISOString(),
        }),
      ).toBe(false);
    });
    // The sender itself cannot use the receiver's door either (it closes its own needs through /api/needs).
    const ngoActor = await actorOf('cw@ngo.test', 'ngo');
    await asActor(t.database, ngoActor, async (trx) => {
      expect(await receiverSetNeed(trx, referralId, psy, 'met', new Date().toISOString())).toBeNull();
    });
    // The clinic may not write other kinds of lines on the sender's timeline, even through its own door.
    const medicActor = await actorOf('medic@clinic.test', 'clinic');
    await asActor(t.database, medicActor, async (trx) => {
      expect(
        await receiverCaseEvent(trx, referralId, {
          id: crypto.randomUUID(),
          kind: 'status_changed',
          params: {},
          at: new Date().toISOString(),
        }),
      ).toBe(false);
    });

    // Completing closes every referred need still open, and leaves the rest alone.
    expect((await medic.request('PATCH', `/api/referrals/${referralId}`, { state: 'completed' })).status).toBe(200);
    const detail = await ngo.request('GET', `/api/cases/${caseId}`);
    const status = (id: string) =>
      (detail.json.needs as { id: string; status: string }[]).find((n) => n.id === id)?.status;
    expect([status(med), status(psy), status(legal)]).toEqual(['met', 'met', 'open']);
    // The referrer's timeline shows accepted, care started, completed and each closed need, by the clinic.
    const timeline = await ngo.request('GET', `/api/cases/${caseId}/timeline?limit=100`);
    expect(timeline.status).toBe(200);
    const lines = (
      timeline.json.items as {
        kind: string;
        params: Record<string, unknown>;
        organisationId: string | null;
        detail: string | null;
      }[]
    )
      .filter((e) => e.organisationId === clinicId)
      .map((e) => `${e.kind}:${String(e.params.state ?? e.params.need)}:${String(e.params.status ?? '')}`);
    expect(lines.sort()).toEqual(
      [
        'referral_updated:accepted:',
        'need_updated:medical_urgent:in_progress',
        'referral_updated:completed:',
        'need_updated:medical_urgent:met',
        'need_updated:psychosocial:met',
      ].sort(),
    );
    // After completion the clinic still reads what it closed, and can change nothing more.
    const after = await medic.request('GET', `/api/referrals/${referralId}`);
    expect(after.json.referredNeeds.map((n: { status: string }) => n.status)).toEqual(['met', 'met']);
    expect(
      (await medic.request('PATCH', `/api/referrals/${referralId}/needs/${psy}`, { status: 'in_progress' })).status,
    ).toBe(409);
  });

  it('a clinic without a referral for the case gets 404 everywhere, and a frozen referral stops the care', async () => {
    const { caseId, survivorId } = await register(ngo, { consent: consent({ shareWithOrganisationIds: [clinicId] }) });
    const need = (await ngo.request('POST', `/api/cases/${caseId}/needs`, { kind: 'medical', priority: 'high' })).json
      .id;
    expect((await medic.request('GET', `/api/cases/${caseId}`)).status).toBe(404);
    expect((await medic.request('PATCH', `/api/needs/${need}`, { status: 'met' })).status).toBe(404);
    const referralId = (
      await ngo.request('POST', '/api/referrals', { caseId, toOrganisationId: clinicId, needIds: [need] })
    ).json.id;
    expect((await medic.request('PATCH', `/api/referrals/${referralId}`, { state: 'accepted' })).status).toBe(200);
    // The survivor withdraws consent for the clinic: the referral freezes and the clinic reads and changes nothing.
    expect((await ngo.request('PUT', `/api/survivors/${survivorId}/consent`, consent())).status).toBe(200);
    const frozen = await medic.request('GET', `/api/referrals/${referralId}`);
    expect(frozen.json.frozen).toBe(true);
    expect(frozen.json.referredNeeds).toBeUndefined();
    expect((await medic.request('PATCH', `/api/referrals/${referralId}/needs/${need}`, { status: 'met' })).status).toBe(
      404,
    );
  });
});
