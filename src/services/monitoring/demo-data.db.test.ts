import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoScenario } from '../../core/demo/index.ts';
import { COMPOUND_STATUSES } from '../../core/vocabulary.ts';
import {
  createTestApp,
  createTestDatabase,
  DATABASE_KINDS,
  signedInActor,
  type TestDatabase,
} from '../../testing/test-harness.ts';
import { asSystem } from '../../db/transaction.ts';
import { organisationsStep, usersStep } from '../demo/accounts-step.ts';
import { monitoringStep } from '../demo/monitoring-step.ts';
import type { DemoIds } from '../demo/load.ts';
import { findCustodyChainBreak } from '../../core/evidence/custody-log.ts';
import { listCustody } from '../../db/repositories/monitoring/evidence-custody.repository.ts';
import { mapData } from './map.service.ts';
import { DEMO_EVIDENCE_POINTS } from './demo-data.service.ts';
import { monitoringJobs } from './jobs.service.ts';
import type { JobRow } from '../../db/repositories/jobs.repository.ts';

describe.each(DATABASE_KINDS)('monitoring demo data on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  const ids: DemoIds = {
    organisations: new Map(),
    users: new Map(),
    survivors: new Map(),
    cases: new Map(),
    compounds: new Map(),
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = await createTestApp(database);
    const scenario = generateDemoScenario({ seed: 2026, survivors: 0 });
    await asSystem(database, async (trx) => {
      for (const step of [organisationsStep, usersStep])
        await step.run({ app, trx, scenario, ids, passwordHash: 'x', seed: 2026 });
      await monitoringStep.run({ app, trx, scenario, ids, passwordHash: 'x', seed: 2026 });
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('loads the 20 compounds with every status and every monitoring alert kind', async () => {
    expect(ids.compounds.size).toBe(20);
    const statuses = await database.db.selectFrom('compounds').select('status').execute();
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(COMPOUND_STATUSES));
    const alerts = await database.db.selectFrom('alerts').select('kind').execute();
    expect(new Set(alerts.map((a) => a.kind))).toEqual(
      new Set(['mass_exit', 'raid_without_rescues', 'possible_theatre_raid', 'possible_relocation']),
    );
  });

  it('scatters evidence points around the compounds, each with an intact first custody entry', async () => {
    const n = await database.db
      .selectFrom('evidence')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('lon', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(DEMO_EVIDENCE_POINTS);
    const assigned = await database.db
      .selectFrom('evidence')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('compound_id', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(assigned.n)).toBeGreaterThan(100);
    const sample = await database.db.selectFrom('evidence').select('id').limit(5).execute();
    for (const { id } of sample) expect(findCustodyChainBreak(await listCustody(database.db, id, 10))).toBe(-1);
    const monitorOrg = [...ids.organisations.entries()].find(([key]) => key.startsWith('monitor'))![1];
    const map = await mapData(app, await signedInActor(app, monitorOrg, ['analyst']));
    expect(map.compounds).toHaveLength(20);
    expect(map.evidence.id.length).toBeGreaterThan(DEMO_EVIDENCE_POINTS * 0.9);
    expect(map.evidence.lon).toHaveLength(map.evidence.id.length);
  });

  it('recomputes every compound in the background job without duplicating alerts', async () => {
    const before = await database.db.selectFrom('alerts').select('dedupe_key').orderBy('dedupe_key').execute();
    const phases: unknown[] = [];
    const result = await monitoringJobs['monitoring.recompute']!({} as JobRow, {
      app,
      progress: async (p) => {
        phases.push(p);
      },
      creator: async () => null,
    });
    expect(result).toMatchObject({ compounds: 20 });
    expect(phases).toHaveLength(2);
    expect(await database.db.selectFrom('alerts').select('dedupe_key').orderBy('dedupe_key').execute()).toEqual(before);
  });
});
