import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../db/test-harness.ts';
import { asActor, asSystem } from '../../db/transaction.ts';
import { issueServiceSession } from '../../services/auth.ts';
import { JobRunner } from '../../services/jobs.ts';
import { checkSurvivorForDuplicates } from '../../services/matching/check.ts';
import { jobHandlers } from '../jobs.ts';
import { createTestServer, type TestClient, type TestServer } from '../test-server.ts';
import { consent, register } from './casework/fixtures.ts';

const person = (name: string, nationality: string, dateOfBirth: string, phone: string, extra: Record<string, unknown> = {}) => ({
  names: [{ value: name, script: 'Latn', preferred: true }], nationalities: [nationality], dateOfBirth, ageBand: undefined,
  contacts: [{ channel: 'phone', value: phone }], consent: consent(), ...extra,
});

async function count(t: TestServer, table: 'match_proposals' | 'link_requests' | 'survivors', where = sql`true`): Promise<number> {
  const { rows } = await asSystem(t.database, (trx) => sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${where}`.execute(trx));
  return Number(rows[0].n);
}

describe.each(DATABASE_KINDS)('matching through the API on %s', (kind) => {
  let t: TestServer;
  let a: TestClient; let aAdmin: TestClient; let b: TestClient; let c: TestClient;
  let ngoB: string;
  beforeAll(async () => {
    t = await createTestServer(kind);
    a = await t.userIn('ngo-a', 'caseworker');
    aAdmin = await t.userIn('ngo-a', 'admin');
    ngoB = await t.org('ngo-b');
    b = await t.userIn('ngo-b', 'caseworker');
    c = await t.userIn('ngo-c', 'caseworker');
  });
  afterAll(async () => { await t?.close(); });

  it('proposes a near-duplicate within the organisation with field-by-field reasons, and alerts', async () => {
    const first = await register(a, person('Dewi Lestari', 'ID', '1995-03-12', '+62 812 3456 7890'));
    const second = await register(a, person('DEWI LESTARI', 'ID', '1995-12-03', '0812 3456 7890'));
    const started = performance.now();
    const summary = await checkSurvivorForDuplicates(t.app, null, second.survivorId);
    const ms = performance.now() - started;
    expect(summary.newProposals).toBe(1);
    console.log(`[matching] check of one registration on ${kind}: ${ms.toFixed(1)} ms (index build included)`);
    const res = await a.request('GET', `/api/matching/survivors/${second.survivorId}/proposals`);
    expect(res.status).toBe(200);
    const [p] = res.json.items;
    expect(p.sameOrganisation).toBe(true);
    expect(p.survivor.id).toBe(second.survivorId);
    expect(p.candidate.reveal).toBe('full');
    expect(p.candidate.survivor.id).toBe(first.survivorId);
    expect(p.candidate.survivor.names).toEqual(['Dewi Lestari']);
    expect(p.score.matchProbability).toBeGreaterThanOrEqual(p.score.threshold);
    const reasons = Object.fromEntries(p.score.reasons.map((r: { comparison: string; level: string }) => [r.comparison, r]));
    expect(reasons.dob.level).toBe('day_month_swapped');
    expect(reasons.phone.level).toBe('same_number');
    expect(reasons.name.explanation).toMatch(/DEWI LESTARI|Dewi Lestari/);
    expect(p.actions).toEqual(['confirm', 'reject']);
    // Provenance, but no identifying text, in the stored row.
    const row = await asSystem(t.database, (trx) => trx.selectFrom('match_proposals').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow());
    expect(row.settings_id).toBe('survivor-dedup');
    expect(row.levels).toMatchObject({ dob: 1, phone: 0 });
    expect(JSON.stringify(row)).not.toMatch(/Dewi|DEWI|3456|1995/);
    const alerts = (await a.request('GET', '/api/alerts?kind=possible_duplicate')).json.items;
    expect(alerts.some((al: { subjectId: string }) => al.subjectId === second.survivorId)).toBe(true);
    // A second check finds the same pair and stores nothing new.
    expect((await checkSurvivorForDuplicates(t.app, null, second.survivorId)).newProposals).toBe(0);
  });

  it('confirms, undoes and re-decides a pair within the organisation, deleting nothing', async () => {
    await register(a, person('Rina Wulandari', 'ID', '1999-05-04', '+62 813 1111 2222'));
    const dup = await register(a, person('Rina Wulandarii', 'ID', '1999-05-04', '+62 813 1111 2222'));
    await checkSurvivorForDuplicates(t.app, null, dup.survivorId);
    const id = (await a.request('GET', `/api/matching/survivors/${dup.survivorId}/proposals`)).json.items[0].id;
    const survivorsBefore = await count(t, 'survivors');
    expect((await a.request('PATCH', `/api/matching/proposals/${id}`, { decision: 'undo' })).status).toBe(409);
    const confirmed = await a.request('PATCH', `/api/matching/proposals/${id}`, { decision: 'confirm' });
    expect(confirmed.json.status).toBe('confirmed');
    expect(confirmed.json.actions).toEqual(['undo']);
    const undone = await a.request('PATCH', `/api/matching/proposals/${id}`, { decision: 'undo' });
    expect(undone.json.status).toBe('undone');
    expect((await a.request('PATCH', `/api/matching/proposals/${id}`, { decision: 'reject' })).json.status).toBe('rejected');
    expect(await count(t, 'survivors')).toBe(survivorsBefore);
    expect(await count(t, 'match_proposals', sql`id = ${id}`)).toBe(1);
    // Other organisations cannot see or decide it.
    expect((await b.request('PATCH', `/api/matching/proposals/${id}`, { decision: 'confirm' })).status).toBe(404);
    const { rows } = await asSystem(t.database, (trx) => sql<{ action: string }>`SELECT action FROM audit_events WHERE resource_id = ${id} ORDER BY seq`.execute(trx));
    expect(rows.map((r) => r.action).filter((x) => x.startsWith('match.') && x !== 'match.read')).toEqual(['match.confirm', 'match.undo', 'match.reject']);
  });

  it('across organisations reveals only "a possible match at X" until a link is accepted, and then only with consent', async () => {
    const held = await register(a, person('Nguyen Van Minh', 'VN', '1990-07-21', '+84 912 345 678', { consent: consent({ shareWithOrganisationIds: [ngoB] }) }));
    const mine = await register(b, person('Nguyễn Văn Minh', 'VN', '1990-07-21', '0912 345 678'));
    await checkSurvivorForDuplicates(t.app, null, mine.survivorId);
    const res = await b.request('GET', `/api/matching/survivors/${mine.survivorId}/proposals`);
    const [p] = res.json.items;
    expect(p.sameOrganisation).toBe(false);
    expect(p.candidate).toEqual({ reveal: 'existence_only', organisationId: expect.any(String), organisationName: 'ngo-a', survivor: null });
    expect(p.score).toBeNull();
    expect(p.actions).toEqual(['request_link']);
    for (const secret of ['Nguyen Van Minh', '912 345', held.survivorId, held.caseId]) expect(res.body).not.toContain(secret);
    const listed = await b.request('GET', '/api/matching/proposals?scope=cross');
    expect(listed.body).not.toContain('Nguyen Van Minh');
    expect(listed.body).not.toContain(held.survivorId);
    // Ask; the asked side sees the request; the asker cannot accept it.
    const asked = await b.request('POST', `/api/matching/proposals/${p.id}/link-requests`, { reason: 'same phone' });
    expect(asked.status).toBe(201);
    expect(asked.json.link.state).toBe('requested');
    expect(asked.json.candidate.survivor).toBeNull();
    expect((await b.request('POST', `/api/matching/proposals/${p.id}/link-requests`, {})).status).toBe(409);
    const incoming = (await a.request('GET', `/api/matching/proposals/${p.id}`)).json;
    expect(incoming.link.direction).toBe('incoming');
    expect(incoming.actions).toEqual(['accept', 'decline']);
    expect(incoming.candidate.survivor).toBeNull();
    expect((await b.request('PATCH', `/api/matching/link-requests/${asked.json.link.id}`, { state: 'accepted' })).status).toBe(403);
    const accepted = await a.request('PATCH', `/api/matching/link-requests/${asked.json.link.id}`, { state: 'accepted' });
    expect(accepted.json.status).toBe('confirmed');
    // ngo-a's survivor consented to ngo-b: ngo-b now sees the shared fields (not contacts).
    const shared = await b.request('GET', `/api/matching/proposals/${p.id}`);
    expect(shared.json.candidate.reveal).toBe('shared_fields');
    expect(shared.json.candidate.survivor.names).toEqual(['Nguyen Van Minh']);
    expect(shared.json.score.reasons.find((r: { comparison: string }) => r.comparison === 'phone').explanation).toBeNull();
    expect(shared.body).not.toContain('912 345');
    // ngo-b's survivor did not consent to ngo-a: ngo-a still sees only existence.
    const other = await a.request('GET', `/api/matching/proposals/${p.id}`);
    expect(other.json.candidate.reveal).toBe('existence_only');
    expect(other.body).not.toContain('Nguyễn');
    // Revoking closes the fields again and undoes the link; nothing is deleted.
    const revoked = await b.request('PATCH', `/api/matching/link-requests/${asked.json.link.id}`, { state: 'revoked' });
    expect(revoked.json.status).toBe('undone');
    expect(revoked.json.candidate.survivor).toBeNull();
    expect(await count(t, 'link_requests', sql`proposal_id = ${p.id}`)).toBe(1);
  });

  it('declines a link request without revealing anything, and lets the pair be asked again', async () => {
    await register(a, person('Maria Santos Cruz', 'PH', '1988-01-30', '+63 917 555 0101', { consent: consent({ shareWithOrganisationIds: [ngoB] }) }));
    const mine = await register(b, person('Maria Santos Cruz', 'PH', '1988-01-30', '0917 555 0101'));
    await checkSurvivorForDuplicates(t.app, null, mine.survivorId);
    const p = (await b.request('GET', `/api/matching/survivors/${mine.survivorId}/proposals`)).json.items[0];
    const asked = (await b.request('POST', `/api/matching/proposals/${p.id}/link-requests`, {})).json;
    const declined = await a.request('PATCH', `/api/matching/link-requests/${asked.link.id}`, { state: 'declined', reason: 'not the same person' });
    expect(declined.json.link.state).toBe('declined');
    expect(declined.json.status).toBe('proposed');
    const seen = await b.request('GET', `/api/matching/proposals/${p.id}`);
    expect(seen.json.candidate.survivor).toBeNull();
    expect(seen.json.actions).toEqual(['request_link']);
    expect((await a.request('PATCH', `/api/matching/link-requests/${asked.link.id}`, { state: 'accepted' })).status).toBe(409);
    expect((await b.request('POST', `/api/matching/proposals/${p.id}/link-requests`, {})).status).toBe(201);
  });

  it('hides every proposal row from a third organisation under row-level security', async () => {
    const third = await asSystem(t.database, (trx) => trx.selectFrom('organisations').select('id').where('slug', '=', 'ngo-c').executeTakeFirstOrThrow());
    const user = await asSystem(t.database, (trx) => trx.selectFrom('memberships').select('user_id').where('organisation_id', '=', third.id).executeTakeFirstOrThrow());
    const thirdActor = await issueServiceSession(t.app, { userId: user.user_id, organisationId: third.id, minutes: 60 });
    const seen = await asActor(t.database, thirdActor!, async (trx) => ({
      proposals: Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM match_proposals`.execute(trx)).rows[0].n),
      links: Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM link_requests`.execute(trx)).rows[0].n),
    }));
    expect(await count(t, 'match_proposals')).toBeGreaterThan(0);
    expect(seen).toEqual({ proposals: 0, links: 0 });
    expect((await c.request('GET', '/api/matching/proposals')).json.items).toEqual([]);
  });

  it('re-runs de-duplication over everyone as a job with progress to completion', async () => {
    expect((await a.request('POST', '/api/matching/dedupe')).status).toBe(403);
    const started = await aAdmin.request('POST', '/api/matching/dedupe');
    expect(started.status).toBe(202);
    const runner = new JobRunner(t.app, jobHandlers);
    for (let i = 0; i < 10 && (await aAdmin.request('GET', `/api/jobs/${started.json.jobId}`)).json.status === 'queued'; i++) await runner.runOnce();
    const job = (await aAdmin.request('GET', `/api/jobs/${started.json.jobId}`)).json;
    expect(job.status).toBe('succeeded');
    expect(job.progress.phase).toBe('storing');
    expect(job.progress.done).toBe(job.progress.total);
    expect(job.result.survivors).toBe(await count(t, 'survivors'));
    expect(job.result.pairs).toBeGreaterThanOrEqual(4);
    expect(job.result.newProposals).toBe(0); // every pair was already proposed on registration
    // Decisions already taken survive the re-run.
    expect(await count(t, 'match_proposals', sql`status = 'rejected'`)).toBe(1);
  });
});
