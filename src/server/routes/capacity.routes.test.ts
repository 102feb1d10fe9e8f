import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { asSystem } from '../../db/transaction.ts';
import { insertCoverage } from '../../db/repositories/capacity/capacity.repository.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { consent, register } from '../../testing/casework-fixtures.ts';

/**
 * Issue #10 §2–3 through HTTP: consular coverage for nationals with no embassy here (each fallback, consent per
 * nationality, the "no consular path" list), capacity published and read across organisations, room for a case,
 * needs against capacity for coordination without identifying anyone, and the protection protocols at registration.
 */
describe.each(DATABASE_KINDS)('consular coverage and capacity on %s', (kind) => {
  let t: TestServer;
  let ngo: TestClient;
  let ngoB: TestClient;
  let embId: TestClient;
  let slBangkok: TestClient;
  let lrHonorary: TestClient;
  let iom: TestClient;
  let shelter: TestClient;
  let clinic: TestClient;
  let coordinator: TestClient;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await createTestServer(kind);
    ids = {
      embId: await t.org('emb-id', 'embassy', ['ID']),
      slBangkok: await t.org('sl-bkk', 'embassy', ['SL']),
      lrHonorary: await t.org('lr-hon', 'embassy', ['LR']),
      iom: await t.org('iom', 'international_org'),
      shelter: await t.org('shelter', 'shelter'),
      clinic: await t.org('clinic', 'clinic'),
    };
    await t.org('coord', 'coordination');
    await asSystem(t.database, async (trx) => {
      await insertCoverage(trx, [
        { nationality: 'SL', organisationId: ids.slBangkok!, mode: 'non_resident', seat: 'Bangkok', rank: 0 },
        { nationality: 'SL', organisationId: ids.iom!, mode: 'international_org', seat: 'Phnom Penh', rank: 0 },
        { nationality: 'LR', organisationId: ids.lrHonorary!, mode: 'honorary', seat: 'Phnom Penh', rank: 0 },
        { nationality: 'LR', organisationId: ids.iom!, mode: 'international_org', seat: 'Phnom Penh', rank: 0 },
        { nationality: 'GN', organisationId: ids.iom!, mode: 'international_org', seat: 'Phnom Penh', rank: 0 },
        // A non-resident row never wins over a resident embassy.
        { nationality: 'ID', organisationId: ids.slBangkok!, mode: 'non_resident', seat: 'Bangkok', rank: 0 },
      ]);
    });
    ngo = await t.userIn('ngo', 'caseworker');
    ngoB = await t.userIn('ngo-b', 'caseworker');
    embId = await t.userIn('emb-id', 'consular_officer');
    slBangkok = await t.userIn('sl-bkk', 'consular_officer');
    lrHonorary = await t.userIn('lr-hon', 'consular_officer');
    iom = await t.userIn('iom', 'consular_officer');
    shelter = await t.userIn('shelter', 'caseworker');
    clinic = await t.userIn('clinic', 'medic');
    coordinator = await t.userIn('coord', 'admin');
    await asSystem(t.database, (trx) =>
      trx
        .updateTable('organisations')
        .set({ city: 'Phnom Penh' })
        .where('slug', 'in', ['shelter', 'clinic', 'ngo', 'ngo-b'])
        .execute(),
    );
  }, 600_000);
  afterAll(async () => {
    await t?.close();
  });

  const queue = async (c: TestClient) => {
    const res = await c.request('GET', '/api/consular/queue?limit=200');
    expect(res.status).toBe(200);
    return (res.json.items as { caseId: string }[]).map((i) => i.caseId);
  };
  const consenting = (nationalities: string[], extra: Record<string, unknown> = {}) =>
    register(ngo, { nationalities, consent: consent({ shareWithOwnEmbassy: true, ...extra }) });

  it('lands each consenting national in exactly the covering queue: non-resident, honorary, fallback, resident', async () => {
    const sl = await consenting(['SL']);
    const lr = await consenting(['LR']);
    const gn = await consenting(['GN']);
    const id = await consenting(['ID']);
    const slNoConsent = await register(ngo, { nationalities: ['SL'] });
    expect(await queue(slBangkok)).toEqual([sl.caseId]);
    expect(await queue(lrHonorary)).toEqual([lr.caseId]);
    expect(await queue(iom)).toEqual([gn.caseId]);
    expect(await queue(embId)).toEqual([id.caseId]);
    // The covering organisation opens the case as an embassy (no owner, no location); nobody else does.
    const opened = await slBangkok.request('GET', `/api/cases/${sl.caseId}`);
    expect(opened.status).toBe(200);
    expect(opened.json.case.organisationId).toBeNull();
    expect((await iom.request('GET', `/api/cases/${sl.caseId}`)).status).toBe(404);
    expect((await slBangkok.request('GET', `/api/cases/${slNoConsent.caseId}`)).status).toBe(404);
    expect((await slBangkok.request('GET', `/api/cases/${id.caseId}`)).status).toBe(404);
    // Coverage as everyone reads it.
    const coverage = await shelter.request('GET', '/api/consular/coverage');
    expect(coverage.status).toBe(200);
    const byNat = Object.fromEntries(
      (coverage.json.items as { nationality: string; mode: string; seat: string | null }[]).map((i) => [
        i.nationality,
        `${i.mode}@${i.seat}`,
      ]),
    );
    expect(byNat).toEqual({
      GN: 'international_org@Phnom Penh',
      ID: 'resident@null',
      LR: 'honorary@Phnom Penh',
      SL: 'non_resident@Bangkok',
    });
  });

  it('dual nationals: only the consented nationality’s service sees them', async () => {
    const dual = await consenting(['ID', 'SL'], { embassyNationalities: ['SL'] });
    expect(await queue(slBangkok)).toContain(dual.caseId);
    expect(await queue(embId)).not.toContain(dual.caseId);
    expect((await embId.request('GET', `/api/cases/${dual.caseId}`)).status).toBe(404);
    // A nationality they do not hold is refused at registration.
    const bad = await ngo.request('POST', '/api/survivors', {
      names: [{ value: 'A', preferred: true }],
      sex: 'male',
      nationalities: ['ID'],
      documentStatus: 'lost',
      consent: consent({ shareWithOwnEmbassy: true, embassyNationalities: ['TH'] }),
    });
    expect(bad.status).toBe(422);
  });

  it('puts consenting nationals nobody covers on the no-path list: own cases for the holder, suppressed counts for coordination', async () => {
    const er = await consenting(['ER'], { useInStatistics: true });
    const other = await register(ngoB, {
      nationalities: ['ER'],
      consent: consent({ shareWithOwnEmbassy: true, useInStatistics: true }),
    });
    const mine = await ngo.request('GET', '/api/consular/no-path');
    expect(mine.status).toBe(200);
    expect(mine.json.ownCases.map((c: { caseId: string }) => c.caseId)).toEqual([er.caseId]);
    expect(mine.json.byNationality).toEqual([]);
    const theirs = await ngoB.request('GET', '/api/consular/no-path');
    expect(theirs.json.ownCases.map((c: { caseId: string }) => c.caseId)).toEqual([other.caseId]);
    const coord = await coordinator.request('GET', '/api/consular/no-path');
    expect(coord.status).toBe(200);
    expect(coord.json.ownCases).toEqual([]);
    expect(coord.json.byNationality).toEqual([{ nationality: 'ER', count: 'suppressed' }]);
    expect(JSON.stringify(coord.json)).not.toContain(er.caseId);
    // Once k of them wait, the count is published.
    for (let i = 0; i < 9; i++) await consenting(['ER'], { useInStatistics: true });
    expect((await coordinator.request('GET', '/api/consular/no-path')).json.byNationality).toEqual([
      { nationality: 'ER', count: 11 },
    ]);
  });

  it('publishes capacity for shelters and clinics only, readable by every working organisation', async () => {
    const put = await shelter.request('PUT', '/api/capacity', {
      beds: [
        { group: 'women', free: 2, total: 10 },
        { group: 'men', free: 0, total: 10 },
      ],
      services: ['shelter', 'food'],
      languages: ['id', 'km'],
    });
    expect(put.status).toBe(200);
    expect(put.json.updatedAt).toBe(t.app.now().toISOString());
    expect((await clinic.request('PUT', '/api/capacity', { services: ['medical_urgent'] })).status).toBe(200);
    expect((await ngo.request('PUT', '/api/capacity', { beds: [] })).status).toBe(403);
    expect((await embId.request('PUT', '/api/capacity', { beds: [] })).status).toBe(403);
    expect(
      (await shelter.request('PUT', '/api/capacity', { beds: [{ group: 'women', free: 3, total: 2 }] })).status,
    ).toBe(422);
    for (const c of [ngo, embId, clinic, coordinator]) {
      const list = await c.request('GET', '/api/capacity');
      expect(list.status).toBe(200);
      expect(list.json.items.find((i: { organisationId: string }) => i.organisationId === ids.shelter)?.beds).toEqual([
        { group: 'women', free: 2, total: 10 },
        { group: 'men', free: 0, total: 10 },
      ]);
    }
  });

  it('shows the referring caseworker where there is room for the survivor, and only for its own case', async () => {
    const woman = await register(ngo, { sex: 'female', ageBand: '25_34', languages: ['id'] });
    await ngo.request('POST', `/api/cases/${woman.caseId}/needs`, { kind: 'shelter', priority: 'urgent' });
    const room = await ngo.request('GET', `/api/capacity/room?caseId=${woman.caseId}`);
    expect(room.status).toBe(200);
    expect(room.json.items).toEqual([
      expect.objectContaining({
        organisationId: ids.shelter,
        freeBeds: 2,
        sameArea: true,
        sharedLanguages: ['id'],
        stale: false,
      }),
    ]);
    const man = await register(ngo, { sex: 'male', ageBand: '25_34' });
    await ngo.request('POST', `/api/cases/${man.caseId}/needs`, { kind: 'shelter', priority: 'urgent' });
    expect((await ngo.request('GET', `/api/capacity/room?caseId=${man.caseId}`)).json.items).toEqual([]);
    expect((await ngoB.request('GET', `/api/capacity/room?caseId=${woman.caseId}`)).status).toBe(404);
  });

  it('gives coordination needs against capacity without identifying anyone, and nobody else', async () => {
    const res = await coordinator.request('GET', '/api/coordination/needs');
    expect(res.status).toBe(200);
    const bed = res.json.rows.find(
      (r: { area: string; category: string }) => r.area === 'Phnom Penh' && r.category === 'bed',
    );
    // Two people of other organisations need a bed (fewer than k): suppressed; the shelter's 2 free beds exactly.
    expect(bed).toMatchObject({ own: 0, capacity: 2, suggested: { id: ids.shelter } });
    expect(bed.others === 'suppressed' || bed.others === 0).toBe(true);
    for (const r of res.json.rows as { others: number | 'suppressed' }[])
      expect(r.others === 'suppressed' || r.others === 0 || r.others >= 11).toBe(true);
    expect((await ngo.request('GET', '/api/coordination/needs')).status).toBe(403);
    expect((await shelter.request('GET', '/api/coordination/needs')).status).toBe(403);
  });

  it('keeps the violence question out of intake under a protection protocol; a clinician may record it', async () => {
    const flagged = { protection: { sexualViolence: true }, consent: consent() };
    const { caseId } = await register(ngo, flagged);
    const answers = (answer: string, note?: string) => ({
      answers: { deception: { answer: 'yes' }, physical_sexual_violence: { answer, ...(note ? { note } : {}) } },
    });
    for (const body of [answers('yes'), answers('no'), answers('unknown', 'she said…')]) {
      const refused = await ngo.request('PUT', `/api/cases/${caseId}/screening`, body);
      expect(refused.status).toBe(422);
      expect(refused.json.invalidParams.map((p: { name: string }) => p.name)).toEqual([
        'body.answers.physical_sexual_violence',
      ]);
    }
    // Nothing was recorded by the refusals; leaving the question unknown is accepted.
    expect((await ngo.request('GET', `/api/cases/${caseId}`)).json.screening).toBeNull();
    expect((await ngo.request('PUT', `/api/cases/${caseId}/screening`, answers('unknown'))).status).toBe(200);
    // Without the flag the same caseworker records the answer as before.
    const plain = await register(ngo, { consent: consent() });
    expect((await ngo.request('PUT', `/api/cases/${plain.caseId}/screening`, answers('yes'))).status).toBe(200);
    // The clinic's medic records it for the clinic's own flagged survivor.
    const atClinic = await register(clinic, flagged);
    expect((await clinic.request('PUT', `/api/cases/${atClinic.caseId}/screening`, answers('yes'))).status).toBe(200);
  });

  it('opens care first for protection flags and keeps the flags from the embassy', async () => {
    const reg = await ngo.request('POST', '/api/survivors', {
      names: [{ value: 'Protected', preferred: true }],
      sex: 'female',
      ageBand: '18_24',
      nationalities: ['ID'],
      documentStatus: 'lost',
      protection: { sexualViolence: true, pregnant: true },
      consent: consent({ shareWithOwnEmbassy: true }),
    });
    expect(reg.status).toBe(201);
    expect(reg.json.protection).toEqual(['pregnancy', 'sexual_violence']);
    const own = await ngo.request('GET', `/api/cases/${reg.json.caseId}`);
    expect(
      (own.json.needs as { kind: string; priority: string }[]).map((n) => `${n.kind}:${n.priority}`).sort(),
    ).toEqual(['medical:urgent', 'medical_urgent:urgent', 'psychosocial:high']);
    expect(own.json.survivor.protection).toEqual(['pregnancy', 'sexual_violence']);
    const board = await ngo.request('GET', '/api/triage?limit=200');
    expect(board.json.items.find((i: { caseId: string }) => i.caseId === reg.json.caseId).survivor.protection).toEqual([
      'pregnancy',
      'sexual_violence',
    ]);
    const embassy = await embId.request('GET', `/api/cases/${reg.json.caseId}`);
    expect(embassy.status).toBe(200);
    expect(embassy.json.survivor.protection).toEqual([]);
    expect(JSON.stringify(embassy.json)).not.toContain('sexual_violence');
  });
});
