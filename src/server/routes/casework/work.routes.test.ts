import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareNeedsByUrgency, type TriageNeed } from '../../../core/triage/urgency.ts';
import { DATABASE_KINDS } from '../../../testing/test-harness.ts';
import { asActor, asSystem } from '../../../db/transaction.ts';
import { triageBoard, type TriageFilter } from '../../../db/repositories/casework/needs.repository.ts';
import { JobRunner } from '../../../services/jobs.service.ts';
import { issueServiceSession } from '../../../services/sessions.service.ts';
import { jobHandlers } from '../../job-handlers.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../testing/test-server.ts';
import { consent, register } from '../../../testing/casework-fixtures.ts';

const DAY = 86_400_000;

describe.each(DATABASE_KINDS)('triage, consular queue, coordination and follow-ups on %s', (kind) => {
  let t: TestServer;
  let cw: TestClient;
  let consul: TestClient;
  let coord: TestClient;
  let fcw: TestClient;
  beforeAll(async () => {
    t = await createTestServer(kind);
    await t.org('emb-id', 'embassy', ['ID']);
    await t.org('coord', 'coordination');
    cw = await t.userIn('ngo-a', 'caseworker', 'cw@ngo-a.test');
    consul = await t.userIn('emb-id', 'consular_officer');
    coord = await t.userIn('coord', 'admin');
    fcw = await t.userIn('ngo-follow', 'caseworker', 'follow@ngo-follow.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('orders the triage board as core/triage does, filters in SQL and pages with a cursor', async () => {
    const adult = await register(cw, { ageBand: '25_34', nationalities: ['ID'], location: { kind: 'street' } });
    const child = await register(cw, { ageBand: 'under_18', nationalities: ['VN'], location: { kind: 'unknown' } });
    const critical = await register(cw, { ageBand: '35_44', nationalities: ['PH'], riskLevel: 'critical' });
    const add = async (caseId: string, kind: string, priority: string) => {
      const res = await cw.request('POST', `/api/cases/${caseId}/needs`, { kind, priority });
      expect(res.status).toBe(201);
      t.app.advance(60_000); // distinct waiting times
      return res.json.id as string;
    };
    await add(adult.caseId, 'legal', 'normal');
    await add(adult.caseId, 'shelter', 'urgent');
    await add(child.caseId, 'food', 'high');
    await add(critical.caseId, 'psychosocial', 'normal');
    await add(adult.caseId, 'medical_urgent', 'low');
    const met = await add(child.caseId, 'family_contact', 'urgent');
    expect((await cw.request('PATCH', `/api/needs/${met}`, { status: 'met' })).status).toBe(200);
    const board = await cw.request('GET', '/api/triage?limit=200');
    expect(board.status).toBe(200);
    const items = board.json.items as {
      needId: string;
      kind: string;
      priority: string;
      createdAt: string;
      caseRisk: string;
      survivor: { ageBand: string; nationalities: string[] };
      status: string;
    }[];
    expect(items.map((i) => i.needId)).not.toContain(met);
    expect(items[0]!.kind).toBe('medical_urgent');
    const asCore: TriageNeed[] = items.map((i) => ({
      id: i.needId,
      kind: i.kind as never,
      priority: i.priority as never,
      status: i.status as never,
      createdAt: i.createdAt,
      survivor: { ageBand: i.survivor.ageBand as never, nationalities: i.survivor.nationalities },
      caseRisk: i.caseRisk as never,
    }));
    expect([...asCore].sort(compareNeedsByUrgency).map((n) => n.id)).toEqual(items.map((i) => i.needId));
    expect(items.map((i) => i.kind)).toEqual(['medical_urgent', 'shelter', 'food', 'psychosocial', 'legal']);
    // Filters: OR within one, AND across.
    expect(
      (await cw.request('GET', '/api/triage?kind=food,legal')).json.items.map((i: { kind: string }) => i.kind),
    ).toEqual(['food', 'legal']);
    expect(
      (await cw.request('GET', '/api/triage?nationality=vn')).json.items.map((i: { kind: string }) => i.kind),
    ).toEqual(['food']);
    expect(
      (await cw.request('GET', '/api/triage?ageBand=under_18,35_44')).json.items.map((i: { kind: string }) => i.kind),
    ).toEqual(['food', 'psychosocial']);
    expect(
      (await cw.request('GET', '/api/triage?locationKind=street&kind=legal,shelter')).json.items.map(
        (i: { kind: string }) => i.kind,
      ),
    ).toEqual(['shelter', 'legal']);
    expect((await cw.request('GET', '/api/triage?kind=teleport')).status).toBe(400);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { json: { items: { needId: string }[]; nextCursor: string | null } } = await cw.request(
        'GET',
        `/api/triage?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...res.json.items.map((i) => i.needId));
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(paged).toEqual(items.map((i) => i.needId));
    // The sparse-filter plan (taken when the ordered walk finds too few matches) gives the same answer.
    const orgId = (
      await asSystem(t.database, (trx) =>
        trx.selectFrom('organisations').select('id').where('slug', '=', 'ngo-a').executeTakeFirstOrThrow(),
      )
    ).id;
    const userId = (
      await asSystem(t.database, (trx) =>
        trx.selectFrom('users').select('id').where('email', '=', 'cw@ngo-a.test').executeTakeFirstOrThrow(),
      )
    ).id;
    const actor = (await issueServiceSession(t.app, { userId, organisationId: orgId, minutes: 60 }))!;
    const filters: Partial<TriageFilter>[] = [
      { kinds: ['food', 'legal'] },
      { nationalities: ['VN'] },
      { ageBands: ['under_18', '35_44'] },
      { nationalities: ['ZZ'] },
    ];
    for (const filter of filters) {
      const run = (walkBudget?: number) =>
        asActor(t.database, actor, (trx) =>
          triageBoard(trx, { organisationId: orgId, limit: 50, walkBudget, ...filter }),
        );
      const [walked, sparse] = [await run(), await run(1)];
      expect(sparse.map((r) => r.id)).toEqual(walked.map((r) => r.id));
    }
    // Raising the case risk to critical re-ranks its needs at once.
    await cw.request('PATCH', `/api/cases/${adult.caseId}/risk`, { riskLevel: 'critical' });
    const reranked = (await cw.request('GET', '/api/triage?limit=200')).json.items.map((i: { kind: string }) => i.kind);
    expect(reranked).toEqual(['medical_urgent', 'shelter', 'food', 'legal', 'psychosocial']);
  });

  it('books a group on one flight all-or-none, and records each consular step', async () => {
    const members = [];
    for (let i = 0; i < 3; i++)
      members.push(
        await register(cw, {
          consent: consent({ shareWithOwnEmbassy: true }),
          documentStatus: i === 0 ? 'held' : 'lost',
        }),
      );
    const screen = { answers: { forced_criminality: { answer: 'yes' }, deception: { answer: 'yes' } } };
    for (const m of members) {
      await cw.request('PUT', `/api/cases/${m.caseId}/screening`, screen);
      await cw.request('PATCH', `/api/cases/${m.caseId}/status`, { status: 'assessed' });
      expect(
        (await cw.request('PATCH', `/api/cases/${m.caseId}/status`, { status: 'awaiting_documents' })).status,
      ).toBe(200);
    }
    const flight = { date: '2026-03-01', flightNumber: 'QZ 273' };
    const caseIds = members.map((m) => m.caseId);
    const refused = await consul.request('POST', '/api/consular/flights', { caseIds, flight });
    expect(refused.status).toBe(422);
    expect(refused.json.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual([
      'body.caseIds.1',
      'body.caseIds.2',
    ]);
    const untouched = await asSystem(t.database, (trx) =>
      trx.selectFrom('consular_records').select('case_id').where('case_id', 'in', caseIds).execute(),
    );
    expect(untouched).toHaveLength(0);
    const dry = await consul.request('POST', '/api/consular/flights', { caseIds, flight, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.json.applied).toBe(false);
    expect(dry.json.members.map((m: { ok: boolean }) => m.ok)).toEqual([true, false, false]);
    for (const id of caseIds.slice(1)) {
      const issued = await consul.request('PATCH', `/api/consular/cases/${id}`, {
        emergencyDocument: { status: 'issued', number: 'ETD-001' },
        exitClearance: 'paid',
      });
      expect(issued.status).toBe(200);
      expect(issued.json.record.emergencyDocumentNumber).toBe('ETD-001');
      expect(issued.json.progress.steps[0].done).toBe(true);
    }
    expect(
      (
        await consul.request('POST', '/api/consular/flights', {
          caseIds,
          flight: { date: '2020-01-01', flightNumber: 'QZ 273' },
        })
      ).status,
    ).toBe(422);
    const booked = await consul.request('POST', '/api/consular/flights', { caseIds, flight });
    expect(booked.status).toBe(200);
    expect(booked.json.applied).toBe(true);
    const queue = (
      await consul.request('GET', '/api/consular/queue?status=awaiting_travel&limit=200')
    ).json.items.filter((i: { caseId: string }) => caseIds.includes(i.caseId));
    expect(queue).toHaveLength(3);
    for (const item of queue) expect(item.record.flight).toEqual({ date: '2026-03-01', flightNumber: 'QZ 273' });
    const home = await consul.request('PATCH', `/api/consular/cases/${caseIds[0]}`, { repatriated: true });
    expect(home.status).toBe(200);
    expect(home.json.caseStatus).toBe('repatriated');
    expect((await consul.request('PATCH', `/api/consular/cases/${caseIds[0]}`, { repatriated: true })).status).toBe(
      409,
    );
    const timeline = (await cw.request('GET', `/api/cases/${caseIds[0]}`)).json.timeline.map(
      (e: { kind: string }) => e.kind,
    );
    expect(timeline).toContain('consular_step');
    expect((await cw.request('GET', '/api/consular/queue')).status).toBe(403);
  });

  it('summarises by nationality: every organisation for coordination, suppressed below 11; own records exactly otherwise', async () => {
    const summary = await coord.request('GET', '/api/coordination/summary');
    expect(summary.status).toBe(200);
    expect(summary.json).toMatchObject({ scope: 'all', minimumCell: 11 });
    // Two awaiting travel and one repatriated across organisations: small cells, so never published as numbers.
    for (const r of summary.json.rows)
      for (const c of ['registered', 'awaiting_documents', 'awaiting_travel', 'repatriated', 'lost_contact']) {
        expect(r[c] === 'suppressed' || r[c] === 0 || r[c] >= 11).toBe(true);
      }
    const mine = await cw.request('GET', '/api/coordination/summary');
    expect(mine.json).toMatchObject({ scope: 'organisation', minimumCell: null });
    const id = mine.json.rows.find((r: { nationality: string }) => r.nationality === 'ID');
    expect(id.registered).toBeGreaterThanOrEqual(4);
    expect(id.awaiting_travel).toBe(2);
    expect(id.repatriated).toBe(1);
    const other = await t.userIn('ngo-empty', 'admin');
    const empty = await other.request('GET', '/api/coordination/summary');
    expect(empty.json).toMatchObject({ scope: 'organisation', rows: [], totals: { registered: 0 } });
  });

  it('raises risk and alerts the owner on a missed check-in, and an urgent alert when seen in a compound', async () => {
    const { caseId } = await register(fcw, { riskLevel: 'medium' });
    const due = (await fcw.request('GET', '/api/followups/due?before=2027-01-01T00:00:00Z')).json.items.filter(
      (f: { caseId: string }) => f.caseId === caseId,
    );
    expect(due).toHaveLength(1);
    expect(Date.parse(due[0].dueAt) - t.app.now().getTime()).toBe(14 * DAY);
    t.app.advance(16 * DAY);
    // Sessions expire while the clock jumps: sign in again.
    fcw = await t.signIn('follow@ngo-follow.test');
    cw = await t.signIn('cw@ngo-a.test');
    const run = await fcw.request('POST', '/api/followups/evaluations');
    expect(run.status).toBe(200);
    expect(run.json.alertsRaised).toBeGreaterThanOrEqual(1);
    const detail = (await fcw.request('GET', `/api/cases/${caseId}`)).json;
    expect(detail.case.riskLevel).toBe('high');
    const again = await fcw.request('POST', '/api/followups/evaluations');
    expect(again.json.alertsRaised).toBe(0); // deduplicated
    const alerts = (await fcw.request('GET', '/api/alerts?status=open')).json.items;
    expect(
      alerts.some((a: { kind: string; subjectId: string }) => a.kind === 'missed_follow_up' && a.subjectId === caseId),
    ).toBe(true);
    expect(
      (await cw.request('GET', '/api/alerts')).json.items.some((a: { subjectId: string }) => a.subjectId === caseId),
    ).toBe(false);
    const open = detail.followUps.find(
      (f: { completedAt: string | null; dueAt: string }) =>
        !f.completedAt && Date.parse(f.dueAt) > t.app.now().getTime(),
    );
    const seen = await fcw.request('POST', `/api/followups/${open.id}/checkins`, {
      outcome: 'seen_in_compound',
      note: 'a friend saw her at the gate',
    });
    expect(seen.status).toBe(200);
    expect(seen.json.evaluation.riskLevel).toBe('critical');
    expect(seen.json.evaluation.alertsRaised).toContain('seen_in_compound');
    const urgent = (await fcw.request('GET', '/api/alerts?kind=seen_in_compound')).json.items[0];
    expect(urgent.severity).toBe('urgent');
    // Stored with the English: the title and each reason as key + values.
    expect(urgent.titleMessage).toEqual({ key: 'followups.title.seen_in_compound', params: {} });
    expect(urgent.reasonMessages).toHaveLength(urgent.reasons.length);
    expect(seen.json.evaluation.reasonMessages).toHaveLength(seen.json.evaluation.reasons.length);
    expect((await fcw.request('PATCH', `/api/alerts/${urgent.id}`, { status: 'acknowledged' })).json.status).toBe(
      'acknowledged',
    );
    expect((await fcw.request('POST', `/api/followups/${open.id}/checkins`, { outcome: 'reached' })).status).toBe(409);
  });

  it('runs the same evaluation as the casework.followups background job', async () => {
    let jobAdmin = await t.userIn('ngo-job', 'admin', 'admin@ngo-job.test');
    const { caseId } = await register(jobAdmin, { riskLevel: 'high' });
    t.app.advance(9 * DAY); // high risk: weekly check-in, now missed
    jobAdmin = await t.signIn('admin@ngo-job.test');
    const queued = await jobAdmin.request('POST', '/api/followups/evaluations?background=true');
    expect(queued.status).toBe(202);
    // Registrations queued duplicate checks too: drain the whole queue.
    const runner = new JobRunner(t.app, jobHandlers);
    let ran = 0;
    while (await runner.runOnce()) ran++;
    expect(ran).toBeGreaterThanOrEqual(1);
    const job = await jobAdmin.request('GET', `/api/jobs/${queued.json.jobId}`);
    expect(job.json.status).toBe('succeeded');
    expect(job.json.result.casesEvaluated).toBeGreaterThanOrEqual(1);
    const alerts = (await jobAdmin.request('GET', '/api/alerts?kind=missed_follow_up')).json.items;
    expect(alerts.map((a: { subjectId: string }) => a.subjectId)).toContain(caseId);
    expect((await jobAdmin.request('GET', `/api/cases/${caseId}`)).json.case.riskLevel).toBe('critical');
  });
});
