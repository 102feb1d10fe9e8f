/**
 * Preferred names on the organisation's working lists (triage, follow-ups): shown to the roles that
 * read survivors across their own organisation, decrypted for the page only, and audited as a
 * survivor read of the people on the page. Other roles (and other organisations' survivors, which
 * row-level security hides anyway) get no name.
 */
import { scopeFor } from '../../core/permissions/matrix.ts';
import { findOwnSurvivorIdentities } from '../../db/repositories/survivors.repository.ts';
import type { Tx } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { openIdentity } from './survivor-envelopes.service.ts';
import { preferredNameOf } from './survivor-presenter.ts';

export async function ownPreferredNames(
  trx: Tx,
  app: AppContext,
  actor: RequestActor,
  survivorIds: readonly string[],
  view: string,
): Promise<Map<string, string | null>> {
  const scope = scopeFor(actor.roles, 'read', 'survivor');
  if (scope !== 'organisation' && scope !== 'all') return new Map();
  const rows = await findOwnSurvivorIdentities(trx, actor.organisationId, survivorIds);
  if (rows.length === 0) return new Map();
  await audit(trx, app, actor, 'survivor.read', 'survivor', null, { view, survivorIds: rows.map((r) => r.id) });
  return new Map(rows.map((r) => [r.id, preferredNameOf(openIdentity(app, r))]));
}
