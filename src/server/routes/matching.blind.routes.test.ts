/**
 * Issue #8 §1 — matching must not be a location oracle. Each test performs the attack: a caseworker
 * at ngo-a registers probe records copying survivors held at a shelter and reads everything ngo-a
 * can read, looking for any trace of the shelter or its survivor. Before blind matching, about two
 * seconds after registration GET /api/matching/survivors/{id}/proposals named the shelter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { PROBE_ALERT_CANDIDATES } from '../../core/matching/blind.ts';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { asActor, asSystem } from '../../db/transaction.ts';
import { issueServiceSession } from '../../services/sessions.service.ts';
import { JobRunner } from '../../services/jobs.service.ts';
import { jobHandlers } from '../job-handlers.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { consent, register } from '../../testing/casework-fixtures.ts';

/** The text with every UUID masked: four digits of a phone number turn up inside random ids now and then. */
function withoutIds(text: string): string {
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>');
}

/** A distinct person (names, date of birth, phone) per call. */
function person(n: number) {
  const given = [
    'Ayu',
    'Bima',
    'Citra',
    'Dian',
    'Eka',
    'Fajar',
    'Gita',
    'Hadi',
    'Indah',
    'Joko',
    'Kartika',
    'Lestari',
    'Made',
    'Nur',
    'Putri',
    'Rizky',
  ][n % 16];
  const family = [
    'Wibowo',
    'Santoso',
    'Hartono',
    'Kusuma',
    'Pratama',
    'Saputra',
    'Halim',
    'Gunawan',
    'Siregar',
    'Nasution',
    'Tanjung',
    'Lubis',
    'Harahap',
  ][Math.floor(n / 16) % 13];
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  return {
    name: `${given} ${family}`,
    dateOfBirth: `19${80 + (n % 19)}-${month}-${day}`,
    phone: `+62 813 ${String(4000 + n).padStart(4, '0')} ${String(7000 + n * 7).slice(-4)}`,
  };
}
const body = (
  p: ReturnType<typeof person>,
  crossOrganisationMatching: boolean,
  extra: Record<string, unknown> = {},
) => ({
  names: [{ value: p.name, script: 'Latn', preferred: true }],
  nationalities: ['ID'],
  dateOfBirth: p.dateOfBirth,
  ageBand: undefined,
  contacts: [{ channel: 'phone', value: p.phone }],
  location: { kind: 'shelter' },
  consent: consent({ crossOrganisationMatching, ...extra }),
});

/** The shelter's records were registered before the probes (the test clock stands still otherwise). */
const later = (t: TestServer) => t.app.advance(60_000);

async function drain(t: TestServer): Promise<void> {
  const runner = new JobRunner(t.app, jobHandlers);
  while (await runner.runOnce()) {
    /* run every queued job, including the system's cross-organisation searches */
  }
}

/** Replaces the probe's own ids so that two answers about two probes can be compared. */
const normalise = (text: string, own: string[]) =>
  own
    .reduce((s, id) => s.split(id).join('<own>'), text)
    .replace(/"(createdAt|updatedAt|finishedAt|requestedAt|at)":"[^"]*"/g, '"$1":"<t>"')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');

describe.each(DATABASE_KINDS)('blind cross-organisation matching on %s', (kind) => {
  let t: TestServer;
  let a: TestClient;
  let aAdmin: TestClient;
  let b: TestClient;
  let coord: TestClient;
  let ngoA: string;
  let shelter: string;
  const SHELTER = 'harbour-house-zq7';
  beforeAll(async () => {
    t = await createTestServer(kind);
    ngoA = await t.org('ngo-a');
    shelter = await t.org(SHELTER, 'shelter');
    await t.org('cluster-lead', 'coordination');
    a = await t.userIn('ngo-a', 'caseworker');
    aAdmin = await t.userIn('ngo-a', 'admin');
    b = await t.userIn(SHELTER, 'caseworker');
    coord = await t.userIn('cluster-lead', 'admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Everything ngo-a's caseworker can read about one of its probes, as raw response bodies. */
  async function everythingAReads(probe: { survivorId: string; caseId: string }): Promise<Record<string, string>> {
    const jobs = await a.request('GET', '/api/jobs');
    const out: Record<string, string> = {
      survivorProposals: (await a.request('GET', `/api/matching/survivors/${probe.survivorId}/proposals`)).body,
      proposals: (await a.request('GET', '/api/matching/proposals')).body,
      cross: (await a.request('GET', '/api/matching/proposals?scope=cross')).body,
      check: (await a.request('POST', `/api/matching/survivors/${probe.survivorId}/check`)).body,
      kase: (await a.request('GET', `/api/cases/${probe.caseId}`)).body,
      timeline: (await a.request('GET', `/api/cases/${probe.caseId}/timeline`)).body,
      alerts: (await a.request('GET', '/api/alerts')).body,
      adminAlerts: (await aAdmin.request('GET', '/api/alerts')).body,
      home: (await a.request('GET', '/api/home')).body,
      jobs: jobs.body,
    };
    for (const j of jobs.json.items ?? []) out[`job:${j.id}`] = (await a.request('GET', `/api/jobs/${j.id}`)).body;
    await drain(t); // the on-demand check queued another search: it must not change anything either
    return out;
  }

  /** What ngo-a can read with raw SQL under row-level security. */
  async function rowsAReads(): Promise<string> {
    const user = await asSystem(t.database, (trx) =>
      trx.selectFrom('memberships').select('user_id').where('organisation_id', '=', ngoA).executeTakeFirstOrThrow(),
    );
    const actor = await issueServiceSession(t.app, { userId: user.user_id, organisationId: ngoA, minutes: 60 });
    if (!actor) throw new Error('no membership at ngo-a');
    return asActor(t.database, actor, async (trx) =>
      JSON.stringify({
        proposals: (await sql`SELECT * FROM match_proposals`.execute(trx)).rows,
        links: (await sql`SELECT * FROM link_requests`.execute(trx)).rows,
        audit: (await sql`SELECT * FROM audit_events`.execute(trx)).rows,
        alerts: (await sql`SELECT * FROM alerts`.execute(trx)).rows,
        jobs: (await sql`SELECT * FROM jobs`.execute(trx)).rows,
      }),
    );
  }

  it("answers a probe of a survivor held elsewhere exactly as a probe of nobody, with or without that survivor's consent", async () => {
    const withConsent = person(1);
    const withoutConsent = person(2);
    const nobody = person(3);
    const heldC = await register(b, body(withConsent, true));
    const heldN = await register(b, body(withoutConsent, false));
    await drain(t);
    later(t);
    // The attacker ticks "cross-organisation matching" on every probe.
    const probeC = await register(a, body(withConsent, true));
    const probeN = await register(a, body(withoutConsent, true));
    const probe0 = await register(a, body(nobody, true));
    await drain(t);

    const secrets = [shelter, SHELTER, heldC.survivorId, heldC.caseId, heldN.survivorId, heldN.caseId];
    const reads = {
      c: await everythingAReads(probeC),
      n: await everythingAReads(probeN),
      zero: await everythingAReads(probe0),
    };
    for (const [which, r] of Object.entries(reads)) {
      for (const [route, text] of Object.entries(r))
        for (const s of secrets) expect(text, `${which} ${route} leaks ${s}`).not.toContain(s);
    }
    expect(JSON.parse(reads.c.survivorProposals!).items, reads.c.survivorProposals).toEqual([]);
    for (const route of ['survivorProposals', 'check', 'timeline']) {
      const zero = normalise(reads.zero[route]!, [probe0.survivorId, probe0.caseId]);
      expect(normalise(reads.c[route]!, [probeC.survivorId, probeC.caseId]), route).toBe(zero);
      expect(normalise(reads.n[route]!, [probeN.survivorId, probeN.caseId]), route).toBe(zero);
    }
    expect(JSON.parse(reads.c.survivorProposals!).items, reads.c.survivorProposals).toEqual([]);
    expect(JSON.parse(reads.c.check!)).toMatchObject({ proposals: 0, newProposals: 0 });
    // Every job ngo-a can read about a probe (the duplicate check) reports the same as for nobody.
    const checks = JSON.parse(reads.zero.jobs!).items.filter((j: { kind: string }) => j.kind === 'matching.check');
    expect(
      new Set(checks.map((j: { result: unknown }) => JSON.stringify({ ...(j.result as object), survivorId: null })))
        .size,
    ).toBe(1);
    expect(JSON.parse(reads.zero.jobs!).items.some((j: { kind: string }) => j.kind !== 'matching.check')).toBe(false);
    const rows = await rowsAReads();
    for (const s of secrets) expect(rows).not.toContain(s);

    // Both candidates are in the system audit (organisation NULL) with both record ids.
    const { rows: audited } = await asSystem(t.database, (trx) =>
      sql<{ organisation_id: string | null; details: { seekerSurvivorId: string; holderSurvivorId: string } }>`
      SELECT organisation_id, details FROM audit_events WHERE action = 'matching.cross_org_candidate'`.execute(trx),
    );
    const pairs = audited.map(
      (r) => `${r.details.seekerSurvivorId}|${r.details.holderSurvivorId}|${r.organisation_id}`,
    );
    expect(pairs).toContain(`${probeC.survivorId}|${heldC.survivorId}|null`);
    expect(pairs).toContain(`${probeN.survivorId}|${heldN.survivorId}|null`);

    // The shelter is asked about its consenting survivor only, and learns nothing of ngo-a.
    const forC = await b.request('GET', `/api/matching/survivors/${heldC.survivorId}/proposals`);
    expect(forC.json.items).toHaveLength(1);
    const p = forC.json.items[0];
    expect(p.candidate).toEqual({
      reveal: 'existence_only',
      organisationId: null,
      organisationName: null,
      survivor: null,
    });
    expect(p.actions).toEqual(['accept', 'decline']);
    expect(p.score.reasons.length).toBeGreaterThan(0);
    expect(p.score.reasons.every((r: { explanation: string | null }) => r.explanation === null)).toBe(true);
    for (const s of [ngoA, 'ngo-a', probeC.survivorId, probeC.caseId]) expect(forC.body).not.toContain(s);
    expect(withoutIds(forC.body)).not.toContain(withConsent.phone.slice(-4));
    expect((await b.request('GET', `/api/matching/survivors/${heldN.survivorId}/proposals`)).json.items).toEqual([]);
    const bAlerts = await b.request('GET', '/api/alerts?kind=possible_duplicate');
    expect(bAlerts.json.items.map((x: { subjectId: string }) => x.subjectId)).toEqual([heldC.survivorId]);
    expect(bAlerts.body).not.toContain('ngo-a');
  });

  it("after the shelter accepts, ngo-a sees only what the survivor's consent covers — and nothing if it does not cover ngo-a", async () => {
    const covered = person(4);
    const uncovered = person(5);
    const declined = person(6);
    const heldCovered = await register(b, body(covered, true, { shareWithOrganisationIds: [ngoA] }));
    const heldUncovered = await register(b, body(uncovered, true));
    const heldDeclined = await register(b, body(declined, true, { shareWithOrganisationIds: [ngoA] }));
    await drain(t);
    later(t);
    const probeCovered = await register(a, body(covered, true));
    const probeUncovered = await register(a, body(uncovered, true));
    const probeDeclined = await register(a, body(declined, true));
    await drain(t);
    const proposalOf = async (held: { survivorId: string }) =>
      (await b.request('GET', `/api/matching/survivors/${held.survivorId}/proposals`)).json.items[0];
    const pc = await proposalOf(heldCovered);
    const pu = await proposalOf(heldUncovered);
    const pd = await proposalOf(heldDeclined);
    // ngo-a cannot decide (or even find) the link requests raised on its behalf.
    expect((await a.request('PATCH', `/api/matching/link-requests/${pc.link.id}`, { state: 'accepted' })).status).toBe(
      404,
    );
    expect((await a.request('GET', `/api/matching/proposals/${pc.id}`)).status).toBe(404);

    expect(
      (await b.request('PATCH', `/api/matching/link-requests/${pc.link.id}`, { state: 'accepted' })).json.status,
    ).toBe('confirmed');
    expect(
      (await b.request('PATCH', `/api/matching/link-requests/${pu.link.id}`, { state: 'accepted' })).json.status,
    ).toBe('confirmed');
    expect(
      (await b.request('PATCH', `/api/matching/link-requests/${pd.link.id}`, { state: 'declined', reason: 'not her' }))
        .json.status,
    ).toBe('rejected');

    // Consent names ngo-a: it now sees the shared fields and the shelter — never contacts.
    const seen = await a.request('GET', `/api/matching/survivors/${probeCovered.survivorId}/proposals`);
    expect(seen.json.items).toHaveLength(1);
    const v = seen.json.items[0];
    expect(v.candidate).toMatchObject({
      reveal: 'shared_fields',
      organisationId: shelter,
      organisationName: SHELTER,
      survivor: { id: heldCovered.survivorId, names: [covered.name] },
    });
    expect(v.actions).toEqual([]);
    expect(v.link.reason).toBeNull();
    expect(withoutIds(seen.body)).not.toContain(covered.phone.slice(-4));
    // Consent does not cover ngo-a, or the shelter declined: still nothing at all.
    for (const probe of [probeUncovered, probeDeclined]) {
      const r = await a.request('GET', `/api/matching/survivors/${probe.survivorId}/proposals`);
      expect(r.json.items).toEqual([]);
    }
    const listed = await a.request('GET', '/api/matching/proposals?scope=cross');
    expect(listed.json.items.map((x: { id: string }) => x.id)).toEqual([pc.id]);
    const rows = await rowsAReads();
    for (const s of [heldUncovered.survivorId, heldDeclined.survivorId, pu.id, pd.id, 'not her'])
      expect(rows).not.toContain(s);

    // Withdrawing the consent that named ngo-a closes it again.
    const withdraw = await b.request(
      'PUT',
      `/api/survivors/${heldCovered.survivorId}/consent`,
      consent({ crossOrganisationMatching: true }),
    );
    expect(withdraw.status).toBe(200);
    expect((await a.request('GET', `/api/matching/survivors/${probeCovered.survivorId}/proposals`)).json.items).toEqual(
      [],
    );
  });

  it("proposes to the holder only once its survivor consented on the case's consent form", async () => {
    const p = person(7);
    const held = await register(b, body(p, false));
    await drain(t);
    later(t);
    const first = await register(a, body(p, true));
    await drain(t);
    expect((await b.request('GET', `/api/matching/survivors/${held.survivorId}/proposals`)).json.items).toEqual([]);
    const changed = await b.request(
      'PUT',
      `/api/survivors/${held.survivorId}/consent`,
      consent({ crossOrganisationMatching: true }),
    );
    expect(changed.status).toBe(200);
    expect(changed.json.current).toMatchObject({
      crossOrganisationMatching: true,
      changes: ['cross-organisation matching: yes'],
    });
    expect((await b.request('GET', `/api/cases/${held.caseId}`)).json.survivor.consent.crossOrganisationMatching).toBe(
      true,
    );
    const second = await register(a, body(p, true));
    await drain(t);
    const items = (await b.request('GET', `/api/matching/survivors/${held.survivorId}/proposals`)).json.items;
    expect(items).toHaveLength(1);
    expect([items[0].survivor.id]).toEqual([held.survivorId]);
    // ngo-a's two probes of one person are its own duplicate pair; nothing of the shelter's record shows.
    for (const probe of [first, second]) {
      const r = await a.request('GET', `/api/matching/survivors/${probe.survivorId}/proposals`);
      expect(r.json.items.filter((x: { sameOrganisation: boolean }) => !x.sameOrganisation)).toEqual([]);
      for (const s of [held.survivorId, held.caseId, shelter, SHELTER]) expect(r.body).not.toContain(s);
    }
  });

  it("alerts ngo-a's administrators and coordination — not the probing account — when one account's registrations keep finding candidates elsewhere", async () => {
    const prober = await t.userIn('ngo-a', 'caseworker', `prober-${kind}@ngo-a.test`);
    const base = 100;
    for (let i = 0; i <= PROBE_ALERT_CANDIDATES; i++) await register(b, body(person(base + i), i % 2 === 0));
    await drain(t);
    later(t);
    const probeAlerts = async (c: TestClient) =>
      (await c.request('GET', '/api/alerts?kind=matching_probe')).json.items as {
        title: string;
        subjectType: string;
        subjectId: string;
      }[];
    for (let i = 0; i < PROBE_ALERT_CANDIDATES; i++) await register(prober, body(person(base + i), true));
    await drain(t);
    expect(await probeAlerts(aAdmin)).toEqual([]);
    expect(await probeAlerts(coord)).toEqual([]);
    await register(prober, body(person(base + PROBE_ALERT_CANDIDATES), true));
    await drain(t);
    const proberId = (await prober.request('GET', '/api/session')).json.user.id;
    const adminSees = await probeAlerts(aAdmin);
    expect(adminSees).toHaveLength(1);
    expect(adminSees[0]).toMatchObject({ subjectType: 'user', subjectId: proberId });
    expect(JSON.stringify(adminSees)).not.toContain(SHELTER);
    expect((await probeAlerts(coord)).map((x) => x.subjectId)).toEqual([proberId]);
    expect(await probeAlerts(prober)).toEqual([]);
    expect(await probeAlerts(a)).toEqual([]);
    expect(await probeAlerts(b)).toEqual([]);
    const { rows } = await asSystem(t.database, (trx) =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM matching_candidates WHERE account_id = ${proberId}`.execute(
        trx,
      ),
    );
    expect(rows[0]!.n).toBe(PROBE_ALERT_CANDIDATES + 1);
  });
});
