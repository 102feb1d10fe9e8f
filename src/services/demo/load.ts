import { generateDemoScenario, DEMO_PASSWORD, type DemoScenario } from '../../core/demo/index.ts';
import { anyDemoOrganisation } from '../../db/repositories/accounts.repository.ts';
import { asSystem, type Tx } from '../../db/transaction.ts';
import type { AppContext } from '../context.ts';
import { audit } from '../audit.service.ts';
import { claimDeploymentFor } from '../deployment.service.ts';
import { hashPassword } from '../passwords.service.ts';
import { DEMO_STEPS } from './steps.ts';

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
  const scenario = generateDemoScenario({ seed, survivors: options.survivors ?? 3000 });
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
