import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asActor } from '../../db/transaction.ts';
import { issueServiceSession } from '../../services/sessions.service.ts';
import { enqueueDueReports } from '../../services/exports/report-schedules.service.ts';
import { JobRunner } from '../../services/jobs.service.ts';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { createCompound } from '../../testing/monitoring-fixtures.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';
import { jobHandlers } from '../job-handlers.ts';

/**
 * Scheduled situation reports: made by someone allowed to download the report, produced when due as that account
 * (one job per due schedule, even with two schedulers racing), stored for the organisation and nobody else.
 */
describe.each(DATABASE_KINDS)('scheduled situation reports, on %s', (kind) => {
  let t: TestServer;
  let analyst: TestClient;
  let caseworker: TestClient;
  let otherAnalyst: TestClient;

  const runJobs = async () => {
    const runner = new JobRunner(t.app, jobHandlers);
    let ran = 0;
    while (await runner.runOnce()) ran++;
    return ran;
  };

  beforeAll(async () => {
    t = await createTestServer(kind);
    analyst = await t.userIn('sched-watch', 'analyst');
    caseworker = await t.userIn('sched-watch', 'caseworker');
    otherAnalyst = await t.userIn('sched-other', 'analyst');
    await createCompound(analyst, 'Schedule Test Park', 103.5, 10.6);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses bad schedules and roles that may not export reports, changing nothing', async () => {
    // Shape errors are the schema's (400); a weekly report without its day is the rule's (422, naming the field).
    const noDay = await analyst.request('POST', '/api/reports/schedules', { cadence: 'weekly', hourUtc: 6 });
    expect(noDay.status).toBe(422);
    expect(JSON.stringify(noDay.json)).toMatch(/weekday/);
    for (const body of [
      { cadence: 'daily', hourUtc: 24 },
      { cadence: 'hourly', hourUtc: 1 },
    ])
      expect((await analyst.request('POST', '/api/reports/schedules', body)).status).toBe(400);
    const refused = await caseworker.request('POST', '/api/reports/schedules', { cadence: 'daily', hourUtc: 6 });
    expect(refused.status).toBe(403);
    expect((await analyst.request('GET', '/api/reports/schedules')).json.items).toEqual([]);
  });

  it('produces the report when due, once, as its author, for its organisation only', async () => {
    // Due two hours from the test clock's now, on the hour.
    const start = t.app.now();
    const hourUtc = (start.getUTCHours() + 2) % 24;
    const due = new Date(start);
    due.setUTCHours(hourUtc, 0, 0, 0);
    if (due <= start) due.setUTCDate(due.getUTCDate() + 1);
    const created = await analyst.request('POST', '/api/reports/schedules', { cadence: 'daily', hourUtc });
    expect(created.status).toBe(201);
    expect(created.json.nextRunAt).toBe(due.toISOString());

    // Not yet due: nothing queued.
    expect(await enqueueDueReports(t.app)).toBe(0);
    t.app.setNow(new Date(due.getTime() + 30_000));
    // Two server processes look at the same moment: one of them takes it.
    const [a, b] = await Promise.all([enqueueDueReports(t.app), enqueueDueReports(t.app)]);
    expect(a + b).toBe(1);
    expect(await runJobs()).toBe(1);

    const schedules = (await analyst.request('GET', '/api/reports/schedules')).json.items;
    expect(schedules).toHaveLength(1);
    expect(schedules[0].nextRunAt).toBe(new Date(due.getTime() + 86_400_000).toISOString());
    expect(schedules[0].lastRunAt).toBe(new Date(due.getTime() + 30_000).toISOString());

    const generated = (await analyst.request('GET', '/api/reports/generated')).json.items;
    expect(generated).toHaveLength(1);
    const download = await analyst.request('GET', `/api/reports/generated/${generated[0].id}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.body.startsWith('%PDF-')).toBe(true);
    expect(Number(generated[0].size)).toBeGreaterThan(1000);

    // Another organisation sees neither the schedule nor the report, and cannot stop or fetch them.
    expect((await otherAnalyst.request('GET', '/api/reports/schedules')).json.items).toEqual([]);
    expect((await otherAnalyst.request('GET', '/api/reports/generated')).json.items).toEqual([]);
    expect((await otherAnalyst.request('GET', `/api/reports/generated/${generated[0].id}`)).status).toBe(404);
    expect((await otherAnalyst.request('DELETE', `/api/reports/schedules/${schedules[0].id}`)).status).toBe(404);
    // Nor with raw SQL as the request role, signed in as that organisation.
    const member = await t.database.db
      .selectFrom('memberships')
      .select(['user_id'])
      .where('organisation_id', '=', await t.org('sched-other'))
      .executeTakeFirstOrThrow();
    const attacker = await issueServiceSession(t.app, {
      userId: member.user_id,
      organisationId: await t.org('sched-other'),
      minutes: 10,
    });
    if (!attacker) throw new Error('no membership at sched-other');
    const actorRows = await asActor(t.database, attacker, async (trx) => ({
      schedules: (await sql<{ n: number }>`SELECT count(*)::int AS n FROM report_schedules`.execute(trx)).rows[0]!.n,
      reports: (await sql<{ n: number }>`SELECT count(*)::int AS n FROM generated_reports`.execute(trx)).rows[0]!.n,
    }));
    expect(actorRows).toEqual({ schedules: 0, reports: 0 });

    expect(
      (await analyst.request('DELETE', `/api/reports/schedules/${schedules[0].id}`)).status,
      'the owner stops it',
    ).toBe(204);
    expect((await analyst.request('GET', '/api/reports/schedules')).json.items).toEqual([]);
    // The produced report stays after its schedule is stopped.
    expect((await analyst.request('GET', '/api/reports/generated')).json.items).toHaveLength(1);
  });
});
