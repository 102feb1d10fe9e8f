import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../testing/test-harness.ts';
import { asSystem } from '../../db/transaction.ts';
import { loadDemo } from './load.ts';
import { DEMO_NEED_WINDOW_DAYS } from './casework-step.ts';

/** Issue 10: the demo is one dated story, whatever day it is loaded on (not the scenario's default anchor). */
const NOW = new Date('2026-11-29T08:30:00Z');
const DAY = 86_400_000;

describe.each(DATABASE_KINDS)('the demo as one dated story on %s', (kind) => {
  let database: TestDatabase;
  const q = <T>(text: string) => asSystem(database, async (trx) => (await sql.raw<T>(text).execute(trx)).rows);
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await loadDemo(await createTestApp(database, { now: NOW }), { seed: 11, survivors: 300 });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("no survivor leaves a compound before the compound's first sighting, nor is registered before leaving", async () => {
    const rows = await q<{ exit_date: string; first_seen: string; registered_at: string }>(`
      SELECT s.exit_date::text, s.registered_at::text,
        (SELECT min(e.date) FROM compound_events e WHERE e.compound_id = s.compound_id AND e.retracted_at IS NULL)::text AS first_seen
      FROM survivors s WHERE s.compound_id IS NOT NULL AND s.exit_date IS NOT NULL`);
    expect(rows.length).toBeGreaterThan(100);
    const seen = rows.filter((r) => r.first_seen !== null);
    expect(seen.length).toBeGreaterThan(100);
    for (const r of seen) expect(r.exit_date > r.first_seen, JSON.stringify(r)).toBe(true);
    for (const r of rows) expect(Date.parse(r.registered_at)).toBeGreaterThanOrEqual(Date.parse(r.exit_date));
    // And every event of the story is in the past.
    const [last] = await q<{ d: string }>(`SELECT max(date)::text AS d FROM compound_events`);
    expect(last!.d <= NOW.toISOString().slice(0, 10)).toBe(true);
    // Survivors are linked to the registry, not left as free-text slugs.
    const [free] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM survivors WHERE compound_ref IS NOT NULL`);
    expect(free!.n).toBe(0);
  });

  it('no check-in is due in the past at load time, except the missed ones the demo raises an alert for', async () => {
    const past = await q<{ case_id: string }>(`
      SELECT f.case_id FROM follow_ups f WHERE f.completed_at IS NULL AND f.outcome IS NULL AND f.due_at < '${NOW.toISOString()}'`);
    const alerted = new Set(
      (await q<{ id: string }>(`SELECT subject_id AS id FROM alerts WHERE kind = 'missed_follow_up'`)).map((r) => r.id),
    );
    expect(alerted.size).toBeGreaterThan(0);
    for (const f of past) expect(alerted.has(f.case_id), f.case_id).toBe(true);
    const [ahead] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM follow_ups WHERE completed_at IS NULL AND due_at >= '${NOW.toISOString()}'`,
    );
    expect(ahead!.n).toBeGreaterThan(past.length);
  });

  it(`no open need has waited more than ${DEMO_NEED_WINDOW_DAYS} days, and no date is after the load instant`, async () => {
    const [oldest] = await q<{ created: string | null }>(
      `SELECT min(created_at)::text AS created FROM needs WHERE status IN ('open','in_progress')`,
    );
    expect(NOW.getTime() - Date.parse(oldest!.created!)).toBeLessThanOrEqual(DEMO_NEED_WINDOW_DAYS * DAY);
    const [future] = await q<{ n: number }>(`
      SELECT (SELECT count(*) FROM cases WHERE opened_at > '${NOW.toISOString()}')
        + (SELECT count(*) FROM case_events WHERE at > '${NOW.toISOString()}')
        + (SELECT count(*) FROM needs WHERE created_at > '${NOW.toISOString()}')
        + (SELECT count(*) FROM survivors WHERE registered_at > '${NOW.toISOString()}') AS n`);
    expect(Number(future!.n)).toBe(0);
  });

  it('includes nationals with no resident embassy and walk-ins registered by embassies and clinics', async () => {
    const nationals = await q<{ n: string; c: number }>(
      `SELECT n, count(*)::int AS c FROM survivors, unnest(nationalities) n WHERE n IN ('SL','LR','MG') GROUP BY n`,
    );
    expect(nationals.map((r) => r.n).sort()).toEqual(['LR', 'MG', 'SL']);
    const registrars = await q<{ kind: string }>(
      `SELECT DISTINCT o.kind FROM survivors s JOIN organisations o ON o.id = s.organisation_id`,
    );
    expect(registrars.map((r) => r.kind)).toEqual(expect.arrayContaining(['embassy']));
  });

  it('names no compound like the real one and repeats no real figure', async () => {
    const names = JSON.stringify(await q(`SELECT names, aliases FROM compounds`));
    expect(names).not.toMatch(/golden fortune|金福/i);
    const [n] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM compound_events WHERE (counts->>'peopleLeaving')::int = 1440`,
    );
    expect(n!.n).toBe(0);
  });
});
