import type { ConsularQueue, ConsularQueueParams } from '../../contracts/casework/consular.ts';
import {
  consularQueuePage,
  listQueueFlights,
  type ConsularQueueFilter,
  type ConsularSort,
} from '../../db/repositories/casework/consular-queue.repository.ts';
import { asActor } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { invalid } from '../errors.ts';
import { authorise, decodeCursor, encodeCursor } from './access.service.ts';
import { searchFilter, searchTermKinds } from './cases.service.ts';
import { blankRecord, presentQueueItem, requireEmbassy } from './consular.service.ts';

const CURSOR_SHAPES: Record<ConsularSort, ('instant' | 'number' | 'uuid')[]> = {
  newest: ['instant', 'uuid'],
  oldest: ['instant', 'uuid'],
  flight: ['instant', 'uuid'],
  risk: ['number', 'uuid'],
};

/**
 * The embassy's queue: consenting survivors of the nationalities it serves, filtered, sorted and paged in SQL, with
 * the number matching and the flights booked. A search (`q`) goes through the same survivor index as the case search
 * (cases.service searchFilter) and only the queue's scope decides what of it is returned. Audited as a survivor read
 * of the page; a search is audited even when it finds nobody, with the kinds of its term and never the term.
 */
export async function consularQueue(
  app: AppContext,
  actor: RequestActor,
  q: ConsularQueueParams,
): Promise<ConsularQueue> {
  authorise(actor, 'read', 'consular');
  if ((q.flightNumber === undefined) !== (q.flightDate === undefined))
    throw invalid({ 'querystring.flightNumber': 'give the flight number and the flight date together' });
  const after = decodeCursor(q.cursor, CURSOR_SHAPES[q.sort]);
  // Before the actor's transaction: the index reads new survivors as the system, on its own connection.
  const search = q.q ? await searchFilter(app, q.q) : undefined;
  return asActor(app.database, actor, async (trx) => {
    const org = await requireEmbassy(trx, actor);
    const filter: ConsularQueueFilter = {
      embassyOrganisationId: actor.organisationId,
      nationalitiesServed: org.nationalitiesServed,
      statuses: q.status,
      nationalities: q.nationality,
      documentStatuses: q.documentStatus,
      emergencyDocument: q.emergencyDocument,
      exitClearance: q.exitClearance,
      ready: q.ready === undefined ? undefined : q.ready === 'true',
      flight:
        q.flightNumber && q.flightDate ? { flightNumber: q.flightNumber.toUpperCase(), date: q.flightDate } : q.flight,
      search,
    };
    const { rows, more, total } = await consularQueuePage(trx, filter, {
      sort: q.sort,
      limit: q.limit,
      after: after ? { key: after[0]!, id: String(after[1]) } : undefined,
    });
    const items = rows.map(({ kase, survivor, record }) =>
      presentQueueItem(app, kase, survivor, record ?? blankRecord(app, kase, actor.organisationId), !!record),
    );
    const flights = await listQueueFlights(trx, {
      embassyOrganisationId: actor.organisationId,
      nationalitiesServed: org.nationalitiesServed,
    });
    if (items.length || q.q)
      await audit(trx, app, actor, 'survivor.read', 'survivor', null, {
        view: q.q ? 'consular_search' : 'consular_queue',
        ...(q.q ? { searchKinds: searchTermKinds(q.q) } : {}),
        survivorIds: items.map((i) => i.survivorId),
      });
    const last = rows[rows.length - 1];
    return {
      items,
      total: total.count,
      totalExact: total.exact,
      flights,
      nextCursor: more && last ? encodeCursor([last.sortKey, last.kase.id]) : null,
    };
  });
}
