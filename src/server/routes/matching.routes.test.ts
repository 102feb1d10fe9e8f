import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { asActor, asSystem } from '../../db/transaction.ts';
import { issueServiceSession } from '../../services/sessions.service.ts';
import { JobRunner } from '../../services/jobs.service.ts';
import { checkAcrossOrganisations, checkSurvivorForDuplicates } from '../../services/matching/check.service.ts';
import { jobHandlers } from '../job-handlers.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { consent, register } from '../../testing/casework-fixtures.ts';

const person = (
  name: string,
  nationality: string,
  dateOfBirth: string,
  phone: string,
  extra: Record<string, unknown> = {},
) => ({
  names: [{ value: name, script: 'Latn', preferred: true }],
  nationalities: [nationality],
  dateOfBirth,
  ageBand: undefined,
  contacts: [{ channel: 'phone', value: phone }],
  consent: consent(),
  ...extra,
});

async function count(
  t: TestServer,
  table: 'match_proposals' | 'link_requests' | 'survivors',
  where = sql`true`,
): Promise<number> {
  const { rows } = await asSystem(t.database, (trx) =>
    sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${where}`.execute(trx),
  );
  return Number(rows[0]!.n);
}

describe.each(DATABASE_KINDS)('matching through the API on %s', (kind) => {
  let t: TestServer;
  let a: TestClient;
  let aAdmin: TestClient;
  let b: TestClient;
  let c: TestClient;
  let ngoB: string;
  beforeAll(async () => {
    t = await createTestServer(kind);
    a = await t.userIn('ngo-a', 'caseworker');
    aAdmin = await t.userIn('ngo-a', 'admin');
    ngoB = await t.org('ngo-b');
    b = await t.userIn('ngo-b', 'caseworker');
    c = await t.userIn('ngo-c', 'caseworker');
  });
  afterAll(async () => {
    await t?.close();
  });

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
    const reasons = Object.fromEntries(
      p.score.reasons.map((r: { comparison: string; level: string }) => [r.comparison, r]),
    );
    expect(reasons.dob.level).toBe('day_month_swapped');
    expect(reasons.phone.level).toBe('same_number');
    expect(reasons.name.explanation).toMatch(/DEWI LESTARI|Dewi Lestari/);
    expect(p.actions).toEqual(['confirm', 'reject']);
    // Provenance, but no identifying text, in the stored row.
    const row = await asSystem(t.database, (trx) =>
      trx.selectFrom('match_proposals').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow(),
    );
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
    expect((await a.request('PATCH', `/api/matching/proposals/${id}`, { decision: 'reject' })).json.status).toBe(
      'rejected',
    );
    expect(await count(t, 'survivors')).toBe(survivorsBefore);
    expect(await count(t, 'match_proposals', sql`id = ${id}`)).toBe(1);
    // Other organisations cannot see or decide it.
    expect((await b.request('PATCH', `/api/matching/proposals/${id}`, { decision: 'confirm' })).status).toBe(404);
    const { rows } = await asSystem(t.database, (trx) =>
      sql<{ action: string }>`SELECT action FROM audit_events WHERE resource_id = ${id} ORDER BY seq`.execute(trx),
    );
    expect(rows.map((r) => r.action).filter((x) => x.startsWith('match.') && x !== 'match.read')).toEqual([
      'match.confirm',
      'match.undo',
      'match.reject',
    ]);
  });

  it('across organisations asks only the holder, and shows the registering side nothing until accepted with consent', async () => {
    // (Replaces the old expectations: the registering side was shown "a possible match at <organisation>" and asked for
    // the link.)
    const held = await register(
      a,
      person('Nguyen Van Minh', 'VN', '1990-07-21', '+84 912 345 678', {
        consent: consent({ shareWithOrganisationIds: [ngoB], crossOrganisationMatching: true }),
      }),
    );
    t.app.advance(60_000);
    const mine = await register(
      b,
      person('Nguyễn Văn Minh', 'VN', '1990-07-21', '0912 345 678', {
        consent: consent({ crossOrganisationMatching: true }),
      }),
    );
    await checkSurvivorForDuplicates(t.app, null, mine.survivorId);
    await checkAcrossOrganisations(t.app, mine.survivorId);
    const res = await b.request('GET', `/api/matching/survivors/${mine.survivorId}/proposals`);
    expect(res.json.items).toEqual([]);
    for (const secret of ['ngo-a', 'Nguyen Van Minh', held.survivorId, held.caseId])
      expect(res.body).not.toContain(secret);
    expect((await b.request('GET', '/api/matching/proposals?scope=cross')).json.items).toEqual([]);
    // The holder (ngo-a, earlier registration) is asked, without ngo-b's name or text.
    const asked = (await a.request('GET', `/api/matching/survivors/${held.survivorId}/proposals`)).json.items;
    expect(asked).toHaveLength(1);
    const p = asked[0];
    expect(p.sameOrganisation).toBe(false);
    expect(p.candidate).toEqual({
      reveal: 'existence_only',
      organisationId: null,
      organisationName: null,
      survivor: null,
    });
    expect(p.link).toMatchObject({ state: 'requested', direction: 'incoming' });
    expect(p.actions).toEqual(['accept', 'decline']);
    expect(JSON.stringify(p)).not.toContain('Nguyễn');
    expect((await b.request('PATCH', `/api/matching/link-requests/${p.link.id}`, { state: 'accepted' })).status).toBe(
      404,
    );
    expect((await a.request('PATCH', `/api/matching/proposals/${p.id}`, { decision: 'confirm' })).status).toBe(409);
    const accepted = await a.request('PATCH', `/api/matching/link-requests/${p.link.id}`, { state: 'accepted' });
    expect(accepted.json.status).toBe('confirmed');
    // ngo-a's survivor consented to ngo-b: ngo-b now sees the shared fields (not contacts) and who holds them.
    const shared = await b.request('GET', `/api/matching/proposals/${p.id}`);
    expect(shared.json.candidate).toMatchObject({
      reveal: 'shared_fields',
      organisationName: 'ngo-a',
      survivor: { names: ['Nguyen Van Minh'] },
    });
    expect(
      shared.json.score.reasons.find((r: { comparison: string }) => r.comparison === 'phone').explanation,
    ).toBeNull();
    expect(shared.body).not.toContain('912 345');
    expect(shared.json.actions).toEqual([]);
    // ngo-b's survivor did not consent to ngo-a: ngo-a still sees only that the pair exists.
    const other = await a.request('GET', `/api/matching/proposals/${p.id}`);
    expect(other.json.candidate.reveal).toBe('existence_only');
    expect(other.body).not.toContain('Nguyễn');
    // Revoking (the holder) closes the fields again and undoes the link; nothing is deleted.
    expect((await b.request('PATCH', `/api/matching/link-requests/${p.link.id}`, { state: 'revoked' })).status).toBe(
      404,
    );
    const revoked = await a.request('PATCH', `/api/matching/link-requests/${p.link.id}`, { state: 'revoked' });
    expect(revoked.json.status).toBe('undone');
    expect((await b.request('GET', `/api/matching/proposals/${p.id}`)).status).toBe(404);
    expect(await count(t, 'link_requests', sql`proposal_id = ${p.id}`)).toBe(1);
  });

  it('a declined pair is rejected without revealing anything', async () => {
    await register(
      a,
      person('Maria Santos Cruz', 'PH', '1988-01-30', '+63 917 555 0101', {
        consent: consent({ shareWithOrganisationIds: [ngoB], crossOrganisationMatching: true }),
      }),
    );
    t.app.advance(60_000);
    const mine = await register(
      b,
      person('Maria Santos Cruz', 'PH', '1988-01-30', '0917 555 0101', {
        consent: consent({ crossOrganisationMatching: true }),
      }),
    );
    await checkAcrossOrganisations(t.app, mine.survivorId);
    const p = (await a.request('GET', '/api/matching/proposals?scope=cross&status=proposed')).json.items[0];
    const declined = await a.request('PATCH', `/api/matching/link-requests/${p.link.id}`, {
      state: 'declined',
      reason: 'not the same person',
    });
    expect(declined.json.link.state).toBe('declined');
    expect(declined.json.link.reason).toBe('not the same person');
    expect(declined.json.status).toBe('rejected');
    expect(declined.json.actions).toEqual([]);
    expect((await b.request('GET', `/api/matching/proposals/${p.id}`)).status).toBe(404);
    expect((await a.request('PATCH', `/api/matching/link-requests/${p.link.id}`, { state: 'accepted' })).status).toBe(
      409,
    );
  });

  it('hides every proposal row from a third organisation under row-level security', async () => {
    const third = await asSystem(t.database, (trx) =>
      trx.selectFrom('organisations').select('id').where('slug', '=', 'ngo-c').executeTakeFirstOrThrow(),
    );
    const user = await asSystem(t.database, (trx) =>
      trx.selectFrom('memberships').select('user_id').where('organisation_id', '=', third.id).executeTakeFirstOrThrow(),
    );
    const thirdActor = await issueServiceSession(t.app, {
      userId: user.user_id,
      organisationId: third.id,
      minutes: 60,
    });
    const seen = await asActor(t.database, thirdActor!, async (trx) => ({
      proposals: Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM match_proposals`.execute(trx)).rows[0]!.n,
      ),
      links: Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM link_requests`.execute(trx)).rows[0]!.n),
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
    while (await runner.runOnce()) {
      /* the queued system searches across organisations run too */
    }
    const job = (await aAdmin.request('GET', `/api/jobs/${started.json.jobId}`)).json;
    expect(job.status).toBe('succeeded');
    expect(job.progress.phase).toBe('storing');
    expect(job.progress.done).toBe(job.progress.total);
    // The starting organisation reads its own figures only (it used to read every organisation's pairs).
    const ngoA = await t.org('ngo-a');
    expect(job.result.survivors).toBe(await count(t, 'survivors', sql`organisation_id = ${ngoA}`));
    expect(job.result.pairs).toBe(
      await count(t, 'match_proposals', sql`organisation_a = ${ngoA} AND organisation_b = ${ngoA}`),
    );
    expect(job.result.newProposals).toBe(0); // every pair was already proposed on registration
    // Decisions already taken survive the re-run.
    expect(await count(t, 'match_proposals', sql`status = 'rejected'`)).toBe(2);
  });
});
