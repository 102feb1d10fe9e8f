/**
 * Who may use networks: the permission matrix's `entity` resource with scope `all` (analysts and administrators —
 * monitors and coordination cells), never caseworkers. Row-level security (0019 refuge_reads_networks) says the same.
 * A null actor is the operator at the command line (`refuge entities …`, `refuge screen`).
 */
import { scopeFor, type Action } from '../../core/permissions/matrix.ts';
import { asActor, asSystem, type Tx } from '../../db/transaction.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { forbidden } from '../errors.ts';

export function authoriseNetworks(actor: RequestActor | null, action: Extract<Action, 'read' | 'create' | 'update'>) {
  if (actor && scopeFor(actor.roles, action, 'entity') !== 'all')
    throw forbidden('network data is for analysts, monitors and coordination');
}

/** A transaction as the actor (row-level security applies), or as the system for the operator. */
export function asNetworksActor<T>(
  app: AppContext,
  actor: RequestActor | null,
  fn: (trx: Tx) => Promise<T>,
): Promise<T> {
  return actor ? asActor(app.database, actor, fn) : asSystem(app.database, fn);
}
