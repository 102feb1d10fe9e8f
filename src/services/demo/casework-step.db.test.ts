import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../testing/test-harness.ts';
import { asSystem } from '../../db/transaction.ts';
import { loadDemo } from './load.ts';

async function profile(database: TestDatabase) {
  return asSystem(database, async (trx) => {
    const q = async (text: string) =>
      (await sql.raw<{ k: string; n: number }>(text).execute(trx)).rows.map((r) => `${r.k}:${Number(r.n)}`).sort();
    return {
      referralStates: await q('SELECT state AS k, count(*) AS n FROM referrals GROUP BY 1'),
      urgentMedical: await q(`SELECT priority AS k, count(*) AS n FROM needs WHERE kind = 'medical_urgent' GROUP BY 1`),
      consular: await q(
        `SELECT (emergency_document_status || '/' || (flight_number IS NOT NULL) || '/' || (repatriated_at IS NOT NULL)) AS k, count(*) AS n FROM consular_records GROUP BY 1`,
      ),
      alerts: await q(`SELECT kind AS k, count(*) AS n FROM alerts WHERE subject_type = 'case' GROUP BY 1`),
      screenings: await q('SELECT outcome AS k, count(*) AS n FROM screenings GROUP BY 1'),
      timeline: await q('SELECT kind AS k, count(*) AS n FROM case_events GROUP BY 1'),
    };
  });
}

describe.each(DATABASE_KINDS)('casework demo step on %s', (kind) => {
  let database: TestDatabase;
  let result: Awaited<ReturnType<typeof profile>>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const app = await createTestApp(database, { now: new Date('2026-02-20T08:00:00Z') });
    await loadDemo(app, { seed: 7, survivors: 400 });
    result = await profile(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('puts cases at every stage: referrals in every state, urgent medical needs, consular steps, alerts from missed check-ins', () => {
    expect(result.referralStates.map((s) => s.split(':')[0]).sort()).toEqual([
      'accepted',
      'completed',
      'declined',
      'revoked',
      'sent',
    ]);
    expect(result.urgentMedical).toEqual([expect.stringMatching(/^urgent:\d+$/)]);
    const consular = result.consular.join(' ');
    expect(consular).toMatch(/issued\/true\/true/); // repatriated
    expect(consular).toMatch(/issued\/true\/false/); // flight booked
    expect(result.alerts.some((a) => a.startsWith('missed_follow_up:'))).toBe(true);
    expect(result.screenings.length).toBeGreaterThanOrEqual(2);
    expect(result.timeline.some((e) => e.startsWith('opened:400'))).toBe(true);
  });

  it('is deterministic: the same seed gives the same casework on a second database', async () => {
    const again = await createTestDatabase(kind);
    try {
      await loadDemo(await createTestApp(again, { now: new Date('2026-02-20T08:00:00Z') }), {
        seed: 7,
        survivors: 400,
      });
      expect(await profile(again)).toEqual(result);
    } finally {
      await again.drop();
    }
  });
});
