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

/** Whether the actor's lists show names: roles that read survivors across their own organisation. */
export function listsShowNames(actor: RequestActor): boolean {
  const scope = scopeFor(actor.roles, 'read', 'survivor');
  return scope === 'organisation' || scope === 'all';
}

export async function ownPreferredNames(
  trx: Tx,
  app: AppContext,
  actor: RequestActor,
  survivorIds: readonly string[],
  view: string,
): Promise<Map<string, string | null>> {
  if (!listsShowNames(actor)) return new Map();
  return preferredNames(trx, app, actor, await findOwnSurvivorIdentities(trx, actor.organisationId, survivorIds), view);
}

/**
 * The names in identity envelopes a list already read (its own organisation's survivors only; the caller checked
 * listsShowNames), audited as one survivor read of those people.
 */
export async function preferredNames(
  trx: Tx,
  app: AppContext,
  actor: RequestActor,
  identities: readonly { id: string; identityEnc: string }[],
  view: string,
): Promise<Map<string, string | null>> {
  const survivorIds = [...new Set(identities.map((r) => r.id))];
  if (survivorIds.length === 0) return new Map();
  await audit(trx, app, actor, 'survivor.read', 'survivor', null, { view, survivorIds });
  return namesIn(app, identities);
}

/** The names in identity envelopes whose read the database already audited (the triage board's one-call page). */
export function namesIn(
  app: AppContext,
  identities: readonly { id: string; identityEnc: string }[],
): Map<string, string | null> {
  const unique = new Map(identities.map((r) => [r.id, r.identityEnc]));
  return new Map([...unique].map(([id, identityEnc]) => [id, preferredNameOf(openIdentity(app, { id, identityEnc }))]));
}
