import { generateDemoScenario, DEMO_PASSWORD, type DemoScenario } from '../../core/demo/index.ts';
import { anyDemoOrganisation } from '../../db/repositories/accounts.repository.ts';
import { asSystem, type Tx } from '../../db/transaction.ts';
import type { AppContext } from '../context.ts';
import { audit } from '../audit.service.ts';
import { claimDeploymentFor } from '../deployment.service.ts';
import { hashPassword } from '../passwords.service.ts';
import { DEMO_STEPS } from './steps.ts';
import { DEMO_EVENT_SCRIPTS } from '../monitoring/demo-scripts.service.ts';

/** Per demo compound, from monitoring's scripted events: the day first seen and the mass exit's day. */
export function demoCompoundDays(): Map<string, { firstSeen: number; massExit: number | null }> {
  return new Map(
    Object.entries(DEMO_EVENT_SCRIPTS)
      .filter(([, events]) => events.length > 0)
      .map(([key, events]) => [
        key,
        {
          firstSeen: Math.min(...events.map((e) => e.day)),
          massExit: events.find((e) => e.kind === 'mass_exit')?.day ?? null,
        },
      ]),
  );
}

/** Ids given to the scenario's keys as they are written, so later steps can link to them. */
export interface DemoIds {
  organisations: Map<string, string>;
  users: Map<string, string>;
  survivors: Map<string, string>;
  cases: Map<string, string>;
  compounds: Map<string, string>;
}

export interface DemoStep {
  name: string;
  run(ctx: {
    app: AppContext;
    trx: Tx;
    scenario: DemoScenario;
    ids: DemoIds;
    passwordHash: string;
    seed: number;
  }): Promise<number>;
}

export interface DemoLoadReport {
  loaded: boolean;
  counts: Record<string, number>;
  seconds: number;
}

export async function isDemoLoaded(app: AppContext): Promise<boolean> {
  return asSystem(app.database, anyDemoOrganisation);
}

/**
 * Loads the deterministic demo scenario in one transaction (all or nothing). Skips if demo data
 * is already present. Every person and organisation in it is fictional and flagged `is_demo`.
 * Only an undecided (empty) or demo deployment takes it: loading it makes the deployment a demo.
 */
export async function loadDemo(
  app: AppContext,
  options: { seed?: number; survivors?: number; onProgress?: (step: string) => void } = {},
): Promise<DemoLoadReport> {
  const started = Date.now();
  if (await isDemoLoaded(app)) return { loaded: false, counts: {}, seconds: 0 };
  const seed = options.seed ?? 2026;
  // One dated story: casework and monitoring both count days from the day the demo is loaded.
  const anchor = new Date(Math.floor(app.now().getTime() / 86_400_000) * 86_400_000);
  const scenario = generateDemoScenario({
    seed,
    survivors: options.survivors ?? 3000,
    anchor,
    compoundDays: demoCompoundDays(),
  });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids: DemoIds = {
    organisations: new Map(),
    users: new Map(),
    survivors: new Map(),
    cases: new Map(),
    compounds: new Map(),
  };
  const counts: Record<string, number> = {};
  await asSystem(app.database, async (trx) => {
    await claimDeploymentFor(trx, 'demo');
    for (const step of DEMO_STEPS) {
      options.onProgress?.(step.name);
      counts[step.name] = await step.run({ app, trx, scenario, ids, passwordHash, seed });
    }
    await audit(trx, app, null, 'demo.load', 'demo', String(seed), { counts });
  });
  return { loaded: true, counts, seconds: (Date.now() - started) / 1000 };
}
