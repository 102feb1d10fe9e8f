/** Names of the people behind records, as the reader may know them (core/permissions/attribution.ts decides). */
import { attribute, type Attribution } from '../core/permissions/attribution.ts';
import { membershipsOfUsers } from '../db/repositories/accounts.repository.ts';
import type { Queryable } from '../db/transaction.ts';
import type { RequestActor } from './context.ts';

export type Attributor = (userId: string | null | undefined) => Attribution;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One query for all the given users; the returned function answers for any of them (unknown ids: nobody). Actors
 * that are not accounts (the casework hand-off writes custody as 'casework-hand-off') are nobody, not a query error.
 */
export async function attributorFor(
  trx: Queryable,
  reader: RequestActor,
  userIds: readonly (string | null | undefined)[],
): Promise<Attributor> {
  const people = await membershipsOfUsers(
    trx,
    userIds.filter((id): id is string => typeof id === 'string' && UUID.test(id)),
  );
  return (userId) => attribute(reader.organisationId, userId, userId ? people.get(userId) : undefined);
}
