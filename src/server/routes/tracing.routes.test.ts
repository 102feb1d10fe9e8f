/**
 * Issue #10: tracing requests matched blind in both directions, and deaths as restricted events. Each test performs
 * the attack: the requester polls and searches for a trace of the survivor or its holder; another organisation reads
 * and decides what is not its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { asActor, asSystem } from '../../db/transaction.ts';
import { issueServiceSession } from '../../services/sessions.service.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { consent, register } from '../../testing/casework-fixtures.ts';
import { createCompound } from '../../testing/monitoring-fixtures.ts';
import { drainJobs } from '../../testing/jobs.ts';

const HOLDER = 'lantern-refuge-qz';
const REQUESTER = 'family-desk-qz';
const REQUESTER_CONTACT = '+62 899 7777 4242';

const PEOPLE = {
  consenting: { name: 'Ayu Wibowo', dob: '1994-03-12', phone: '+62 813 4001 7007' },
  notSearchable: { name: 'Bima Santoso', dob: '1990-07-02', phone: '+62 813 4002 7014' },
  notThePerson: { name: 'Citra Hartono', dob: '1997-11-23', phone: '+62 813 4003 7021' },
  shares: { name: 'Dian Kusuma', dob: '1989-01-30', phone: '+62 813 4004 7028' },
  later: { name: 'Eka Pratama', dob: '1999-05-05', phone: '+62 813 4005 7035' },
} as const;
type Who = keyof typeof PEOPLE;

const survivor = (p: (typeof PEOPLE)[Who], crossOrganisationMatching: boolean) => ({
  names: [{ value: p.name, script: 'Latn', preferred: true }],
  nationalities: ['ID'],
  dateOfBirth: p.dob,
  ageBand: undefined,
  contacts: [{ channel: 'phone', value: p.phone }],
  location: { kind: 'shelter' },
  consent: consent({ crossOrganisationMatching }),
});

const request = (p: { name: string; dob: string; phone: string | null }) => ({
  requesterKind: 'family',
  consentBasis: 'requester_verbal',
  requester: { name: 'Wati Lestari', relationship: 'mother', contact: REQUESTER_CONTACT },
  sought: {
    names: [p.name],
    dateOfBirth: p.dob,
    nationalities: ['ID'],
    ...(p.phone ? { phone: p.phone } : {}),
    lastKnown: 'called from Sihanoukville in January',
  },
});

describe.each(DATABASE_KINDS)('tracing requests and deaths on %s', (kind) => {
  let t: TestServer;
  let holder: TestClient;
  let requester: TestClient;
  let other: TestClient;
  let coord: TestClient;
  let analyst: TestClient;
  let viewer: TestClient;
  let requesterOrg: string;
  const held: Partial<Record<Who, { survivorId: string; caseId: string }>> = {};
  const requests: Partial<Record<Who | 'nobody', string>> = {};

  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org(HOLDER, 'shelter');
    requesterOrg = await t.org(REQUESTER, 'ngo');
    await t.org('other-ngo-qz', 'ngo');
    await t.org('cluster-qz', 'coordination');
    await t.org('watch-qz', 'monitor');
    holder = await t.userIn(HOLDER, 'caseworker');
    requester = await t.userIn(REQUESTER, 'caseworker');
    other = await t.userIn('other-ngo-qz', 'caseworker');
    coord = await t.userIn('cluster-qz', 'admin');
    analyst = await t.userIn('watch-qz', 'analyst');
    viewer = await t.userIn(REQUESTER, 'viewer');
    held.consenting = await register(holder, survivor(PEOPLE.consenting, true));
    held.notSearchable = await register(holder, survivor(PEOPLE.notSearchable, false));
    held.notThePerson = await register(holder, survivor(PEOPLE.notThePerson, true));
    held.shares = await register(holder, survivor(PEOPLE.shares, true));
    await drainJobs(t);
    for (const who of ['consenting', 'notSearchable', 'notThePerson', 'shares'] as const) {
      const res = await requester.request('POST', '/api/tracing/requests', request(PEOPLE[who]));
      expect(res.status, res.body).toBe(201);
      requests[who] = res.json.id;
    }
    const nobody = await requester.request(
      'POST',
      '/api/tracing/requests',
      request({ name: 'Zebulon Quartermain', dob: '1980-02-02', phone: null }),
    );
    requests.nobody = nobody.json.id;
    await drainJobs(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const proposalsOf = async (c: TestClient) => (await c.request('GET', '/api/tracing/proposals')).json.items as any[];
  const proposalFor = async (who: Who) =>
    (await proposalsOf(holder)).find((p) => p.survivorId === held[who]!.survivorId);

  it('proposes to the holder only survivors who allowed being searched for, with what it needs to decide', async () => {
    const res = await holder.request('GET', '/api/tracing/proposals');
    expect(res.status).toBe(200);
    const bySurvivor = new Map(res.json.items.map((p: any) => [p.survivorId, p]));
    expect(bySurvivor.has(held.consenting!.survivorId)).toBe(true);
    expect(bySurvivor.has(held.notThePerson!.survivorId)).toBe(true);
    expect(bySurvivor.has(held.shares!.survivorId)).toBe(true);
    expect(bySurvivor.has(held.notSearchable!.survivorId)).toBe(false);
    const p = bySurvivor.get(held.consenting!.survivorId) as any;
    expect(p).toMatchObject({
      survivorName: PEOPLE.consenting.name,
      caseId: held.consenting!.caseId,
      state: 'proposed',
      request: {
        soughtNames: [PEOPLE.consenting.name],
        dateOfBirth: PEOPLE.consenting.dob,
        phoneGiven: true,
        requesterKind: 'family',
        requesterRelationship: 'mother',
        requesterGivenName: 'Wati',
      },
    });
    expect(p.reasons.length).toBeGreaterThan(0);
    // Never who recorded the request, the requester's contact or family name, or the phone number as given.
    for (const marker of [REQUESTER, REQUESTER_CONTACT, 'Lestari', requesterOrg, requests.consenting!])
      expect(res.body).not.toContain(marker);
    // The holder's alert says someone is sought, about its own survivor.
    const alerts = (await holder.request('GET', '/api/alerts?kind=tracing_request')).json.items as any[];
    expect(alerts.map((a) => a.subjectId)).toContain(held.consenting!.survivorId);
    // Reading proposals is audited.
    const audited = await asSystem(t.database, (trx) =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'tracing.proposal_list'`.execute(
        trx,
      ),
    );
    expect(audited.rows[0]!.n).toBeGreaterThan(0);
  });

  it('another organisation and the requester can neither see nor decide a proposal, nor touch the request', async () => {
    const p = await proposalFor('consenting');
    expect(await proposalsOf(other)).toEqual([]);
    expect(await proposalsOf(requester)).toEqual([]);
    for (const c of [other, requester]) {
      const res = await c.request('POST', `/api/tracing/proposals/${p.id}/decision`, { decision: 'not_the_person' });
      expect(res.status).toBe(404);
    }
    expect((await other.request('GET', '/api/tracing/requests')).json.items).toEqual([]);
    expect((await other.request('POST', `/api/tracing/requests/${requests.nobody}/close`)).status).toBe(404);
    expect((await holder.request('POST', `/api/tracing/requests/${requests.nobody}/close`)).status).toBe(404);
    // Roles without the permission, and organisations that hold no survivors, are refused.
    expect((await viewer.request('GET', '/api/tracing/requests')).status).toBe(403);
    expect((await analyst.request('POST', '/api/tracing/requests', request(PEOPLE.later))).status).toBe(403);
    expect((await coord.request('POST', '/api/tracing/requests', request(PEOPLE.later))).status).toBe(403);
    expect((await proposalFor('consenting')).state).toBe('proposed');
  });

  it('the requester cannot tell no candidate from a decline, a withheld answer or a survivor not searchable', async () => {
    const withheld = await proposalFor('consenting');
    const declined = await proposalFor('notThePerson');
    expect(
      (await holder.request('POST', `/api/tracing/proposals/${withheld.id}/decision`, { decision: 'withheld' })).status,
    ).toBe(200);
    expect(
      (await holder.request('POST', `/api/tracing/proposals/${declined.id}/decision`, { decision: 'not_the_person' }))
        .status,
    ).toBe(200);
    // A decision is taken once.
    expect(
      (await holder.request('POST', `/api/tracing/proposals/${declined.id}/decision`, { decision: 'withheld' })).status,
    ).toBe(409);
    // "Shared" with nothing to share would be a withheld answer that looks different: refused.
    const shares = await proposalFor('shares');
    expect(
      (await holder.request('POST', `/api/tracing/proposals/${shares.id}/decision`, { decision: 'shared', share: {} }))
        .status,
    ).toBe(422);

    const items = (await requester.request('GET', '/api/tracing/requests')).json.items as any[];
    const statusOf = (id: string) => {
      const r = items.find((i) => i.id === id)!;
      return { status: r.status, answer: r.answer, answeredAt: r.answeredAt, keys: Object.keys(r).sort() };
    };
    const nobody = statusOf(requests.nobody!);
    expect(nobody).toMatchObject({ status: 'searching', answer: null, answeredAt: null });
    for (const who of ['consenting', 'notSearchable', 'notThePerson'] as const)
      expect(statusOf(requests[who]!), who).toEqual(nobody);
    // The stored rows too: matching and decisions left every column of the request as it was written.
    const rows = await asSystem(t.database, (trx) =>
      sql<Record<string, unknown>>`SELECT * FROM tracing_requests WHERE organisation_id = ${requesterOrg}`.execute(trx),
    );
    const volatile = new Set(['id', 'details_enc', 'created_at']);
    const shape = (r: Record<string, unknown>) => JSON.stringify(Object.entries(r).filter(([k]) => !volatile.has(k)));
    const byId = new Map(rows.rows.map((r) => [r.id as string, shape(r)]));
    for (const who of ['consenting', 'notSearchable', 'notThePerson'] as const)
      expect(byId.get(requests[who]!)).toBe(byId.get(requests.nobody!));
    // Encrypted at rest: no name, contact or place in clear.
    for (const r of rows.rows)
      for (const marker of ['Wati', REQUESTER_CONTACT, 'Sihanoukville', 'Wibowo'])
        expect(String(r.details_enc)).not.toContain(marker);
  });

  it('a search by the requester reveals nothing of the survivor, the holder or the matching', async () => {
    const user = await asSystem(t.database, (trx) =>
      trx
        .selectFrom('memberships')
        .select('user_id')
        .where('organisation_id', '=', requesterOrg)
        .executeTakeFirstOrThrow(),
    );
    const actor = await issueServiceSession(t.app, { userId: user.user_id, organisationId: requesterOrg, minutes: 60 });
    const raw = await asActor(t.database, actor!, async (trx) =>
      JSON.stringify({
        proposals: (await sql`SELECT * FROM tracing_proposals`.execute(trx)).rows,
        survivors: (await sql`SELECT * FROM survivors`.execute(trx)).rows,
        audit: (await sql`SELECT * FROM audit_events`.execute(trx)).rows,
        alerts: (await sql`SELECT * FROM alerts`.execute(trx)).rows,
        jobs: (await sql`SELECT * FROM jobs`.execute(trx)).rows,
      }),
    );
    const http = [
      await requester.request('GET', `/api/cases?q=${encodeURIComponent(PEOPLE.consenting.name)}`),
      await requester.request('GET', `/api/cases?q=${encodeURIComponent(PEOPLE.consenting.phone)}`),
      await requester.request('GET', '/api/matching/proposals'),
      await requester.request('GET', '/api/alerts'),
      await requester.request('GET', '/api/jobs'),
      await requester.request('GET', '/api/tracing/proposals'),
    ]
      .map((r) => r.body)
      .join('\n');
    for (const text of [raw, http])
      for (const marker of [
        HOLDER,
        held.consenting!.survivorId,
        held.consenting!.caseId,
        'tracing.candidate',
        '"kind":"tracing_request"',
      ])
        expect(text).not.toContain(marker);
  });

  it('the survivor who consents lets the requester learn exactly what they agreed to share', async () => {
    const p = await proposalFor('shares');
    const res = await holder.request('POST', `/api/tracing/proposals/${p.id}/decision`, {
      decision: 'shared',
      share: { aliveAndSafe: true, contactRoute: 'ask for Dian at the family desk on Thursday' },
    });
    expect(res.status, res.body).toBe(200);
    const mine = (await requester.request('GET', '/api/tracing/requests')).json.items.find(
      (i: any) => i.id === requests.shares,
    );
    expect(mine).toMatchObject({
      status: 'answered',
      answer: { aliveAndSafe: true, contactRoute: 'ask for Dian at the family desk on Thursday', message: null },
    });
    // Still nothing about who holds the survivor or where they are.
    expect(JSON.stringify(mine)).not.toContain(HOLDER);
    expect(JSON.stringify(mine)).not.toContain(held.shares!.survivorId);
    // Closing keeps the answer but stops matching.
    const closed = await requester.request('POST', `/api/tracing/requests/${requests.shares}/close`);
    expect(closed.json.status).toBe('closed');
  });

  it('a survivor registered after the request is proposed to its holder', async () => {
    const r = await requester.request('POST', '/api/tracing/requests', request(PEOPLE.later));
    await drainJobs(t);
    expect((await proposalsOf(holder)).some((p) => p.request.soughtNames[0] === PEOPLE.later.name)).toBe(false);
    t.app.advance(60_000);
    const s = await register(holder, survivor(PEOPLE.later, true));
    await drainJobs(t);
    const p = (await proposalsOf(holder)).find((x) => x.survivorId === s.survivorId);
    expect(p?.request.soughtNames).toEqual([PEOPLE.later.name]);
    expect(r.json.status).toBe('searching');
  });

  it('deaths are restricted to the recording organisation and counted across organisations only suppressed', async () => {
    const compound = await createCompound(analyst, 'Saffron Quay Estate', 103.5, 10.6);
    const after = await holder.request('POST', '/api/deaths', {
      context: 'after_exit',
      day: '2026-01-15',
      survivorId: held.notSearchable!.survivorId,
      nationality: 'ID',
      details: 'Died in hospital; reported by the shelter nurse Quimby.',
    });
    expect(after.status, after.body).toBe(201);
    const inCompound = await analyst.request('POST', '/api/deaths', {
      context: 'in_compound',
      day: '2026-01-10',
      compoundId: compound,
      details: 'Two sources report a death on the fourth floor (source Quimby-2).',
    });
    expect(inCompound.status, inCompound.body).toBe(201);
    // A death in a compound names the compound; a survivor of another organisation cannot be linked; viewers refused.
    expect((await analyst.request('POST', '/api/deaths', { context: 'in_compound', day: '2026-01-10' })).status).toBe(
      422,
    );
    expect(
      (
        await other.request('POST', '/api/deaths', {
          context: 'after_exit',
          day: '2026-01-15',
          survivorId: held.consenting!.survivorId,
        })
      ).status,
    ).toBe(404);
    expect((await viewer.request('POST', '/api/deaths', { context: 'after_exit', day: '2026-01-15' })).status).toBe(
      403,
    );
    // Read back by its organisation alone.
    const own = await holder.request('GET', '/api/deaths');
    expect(own.json.items).toHaveLength(1);
    expect(own.json.items[0].details).toContain('Quimby');
    for (const c of [other, coord, requester]) {
      const res = await c.request('GET', '/api/deaths');
      expect(res.status === 403 || res.json.items.length === 0).toBe(true);
      expect(res.body).not.toContain('Quimby');
    }
    const stored = await asSystem(t.database, (trx) =>
      sql<{ d: string }>`SELECT details_enc AS d FROM death_reports`.execute(trx),
    );
    for (const r of stored.rows) expect(r.d).not.toContain('Quimby');
    // Counts: own exact; coordination suppressed while small, published once every cell reaches 11.
    expect((await holder.request('GET', '/api/deaths/counts')).json).toMatchObject({
      scope: 'organisation',
      afterExit: 1,
      inCompound: 0,
      total: 1,
    });
    expect((await coord.request('GET', '/api/deaths/counts')).json).toMatchObject({
      scope: 'all',
      afterExit: 'suppressed',
      inCompound: 'suppressed',
      total: 'suppressed',
      minimumCell: 11,
    });
    for (let i = 0; i < 10; i++) {
      await holder.request('POST', '/api/deaths', { context: 'after_exit', day: '2026-01-16' });
      await analyst.request('POST', '/api/deaths', { context: 'in_compound', day: '2026-01-11', compoundId: compound });
    }
    const counts = (await coord.request('GET', '/api/deaths/counts')).json;
    expect(counts).toMatchObject({ afterExit: 11, inCompound: 11, total: 22 });
    // The dashboard carries the same counts for coordination.
    expect((await coord.request('GET', '/api/reports/dashboard')).json.deaths).toMatchObject({ total: 22 });
  });
});
