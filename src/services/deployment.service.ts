import {
  decideDeploymentMode,
  deploymentMode as readMode,
  type DeploymentMode,
} from '../db/repositories/deployment.repository.ts';
import { asSystem, type Tx } from '../db/transaction.ts';
import type { AppContext } from './context.ts';
import { conflict } from './errors.ts';

export type { DeploymentMode };

/**
 * Whether this deployment is a demo is a fact recorded in the database (table `deployment`), not a
 * start-up flag: `REFUGE_DEMO` only says whether to load the demo into an empty database. A demo
 * deployment holds only fictional organisations and shows its demo sign-ins to anyone; a production
 * deployment holds real organisations and no demo account can sign in to it.
 */
export function deploymentMode(app: AppContext): Promise<DeploymentMode | null> {
  return asSystem(app.database, (trx) => readMode(trx));
}

export const DEMO_DEPLOYMENT_REFUSAL =
  'this is a demo deployment (fictional data, public demo sign-ins): real organisations cannot be created in it. Run `refuge demo purge` to remove the demo first, or use a new data directory or database.';
export const PRODUCTION_DEPLOYMENT_REFUSAL =
  'this is a production deployment: the fictional demo cannot be loaded into it (its public sign-ins would sit beside real data).';

/** Called in the transaction that creates an organisation: a real one makes an undecided deployment production. */
export async function claimDeploymentFor(trx: Tx, kind: 'real' | 'demo'): Promise<void> {
  const mode = await decideDeploymentMode(trx, kind === 'real' ? 'production' : 'demo');
  if (kind === 'real' && mode === 'demo') throw conflict(DEMO_DEPLOYMENT_REFUSAL);
  if (kind === 'demo' && mode === 'production') throw conflict(PRODUCTION_DEPLOYMENT_REFUSAL);
}
