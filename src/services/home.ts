import { summariseVisible, type OrganisationSummary } from '../db/repositories/survivors.ts';
import { asActor } from '../db/transaction.ts';
import type { AppContext, RequestActor } from './context.ts';

/** The signed-in organisation's numbers: only what row-level security lets it see. Aggregate, so not audited per record. */
export function organisationSummary(app: AppContext, actor: RequestActor): Promise<OrganisationSummary> {
  return asActor(app.database, actor, (trx) => summariseVisible(trx, app.now()));
}
