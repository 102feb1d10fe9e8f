import { summariseVisible, type OrganisationSummary } from '../db/repositories/survivors.ts';
import { asActor, asSystem } from '../db/transaction.ts';
import type { OrganisationKind } from '../core/vocabulary.ts';
import type { AppContext, RequestActor } from './context.ts';

export type SummaryScope = 'organisation' | 'all_organisations';

/**
 * The signed-in organisation's numbers: only what row-level security lets it see. A coordination
 * organisation (the cluster lead) sees the same counts across every organisation: aggregates only,
 * never a record, as in the coordination view. Aggregate, so not audited per record.
 */
export async function organisationSummary(app: AppContext, actor: RequestActor, kind: OrganisationKind): Promise<OrganisationSummary & { scope: SummaryScope }> {
  if (kind === 'coordination') {
    return { ...(await asSystem(app.database, (trx) => summariseVisible(trx, app.now()))), scope: 'all_organisations' };
  }
  return { ...(await asActor(app.database, actor, (trx) => summariseVisible(trx, app.now()))), scope: 'organisation' };
}
