import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../testing/test-harness.ts';
import { register } from '../../testing/casework-fixtures.ts';
import { createCompound } from '../../testing/monitoring-fixtures.ts';
import { createTestServer, type TestClient, type TestServer } from '../../testing/test-server.ts';

const DAY = 86_400_000;

/** One alert ordering for casework and monitoring (core/alerts/rank.ts), on the real database. */
describe.each(DATABASE_KINDS)('the alert list on %s', (kind) => {
  let t: TestServer;
  let caseworker: TestClient;
  let analyst: TestClient;

  beforeAll(async () => {
    t = await createTestServer(kind);
    caseworker = await t.userIn('alerts-ngo', 'caseworker', 'cw@alerts.test');
    await t.org('alerts-watch', 'monitor');
    analyst = await t.userIn('alerts-watch', 'analyst', 'analyst@alerts.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it("puts a caseworker's urgent re-trafficking alert above every shared compound alert, a critical mass exit included", async () => {
    // A critical mass exit (600 people leaving) at a compound: a shared, urgent monitoring alert.
    const compound = await createCompound(analyst, 'Rank Test Park', 103.6, 10.7);
    const exit = await analyst.request('POST', '/api/monitoring/events', {
      compoundId: compound,
      kind: 'mass_exit',
      date: '2026-02-10',
      confidence: 'high',
      counts: { peopleLeaving: 600 },
    });
    expect(exit.status).toBe(201);
    expect(exit.json.alerts.map((a: { severity: string }) => a.severity)).toContain('urgent');
    // A survivor seen back inside a compound at a check-in: an urgent re-trafficking alert for her organisation.
    const { caseId } = await register(caseworker, { riskLevel: 'medium' });
    t.app.advance(DAY);
    caseworker = await t.signIn('cw@alerts.test');
    const detail = (await caseworker.request('GET', `/api/cases/${caseId}`)).json;
    const seen = await caseworker.request('POST', `/api/followups/${detail.followUps[0].id}/checkins`, {
      outcome: 'seen_in_compound',
    });
    expect(seen.status).toBe(200);

    const items = (await caseworker.request('GET', '/api/alerts?status=open&limit=50')).json.items as {
      kind: string;
      severity: string;
      subjectId: string;
    }[];
    expect(items.map((a) => a.kind)).toEqual(expect.arrayContaining(['seen_in_compound', 'mass_exit']));
    expect(items[0]).toMatchObject({ kind: 'seen_in_compound', severity: 'urgent', subjectId: caseId });
    const monitoring = items.findIndex((a) => a.kind === 'mass_exit');
    expect(monitoring).toBeGreaterThan(items.findIndex((a) => a.kind === 'seen_in_compound'));
  });
});
