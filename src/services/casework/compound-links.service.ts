/**
 * Casework joined to monitoring: the survivor's compound as a link to the registry, the picker that
 * finds it by any name, the compound's counts of exits and of survivors in care, and a follow-up's
 * "seen in a compound" as a signal on the compound's timeline.
 *
 * What crosses to monitoring identifies nobody:
 * - counts are over every organisation's survivors who consented to statistics, read as the system
 *   and published only through core/statistics suppression (k = 11), in one line (exits = in care +
 *   no longer in care), so neither figure recovers the other;
 * - a sighting is a "reactivation" event with no author (created_by null), no case, no organisation,
 *   no nationality, no count, a fixed description and the day only (created_at is that day's
 *   midnight, not the instant of the check-in). Several sightings of one compound on one day are one
 *   event, so the timeline says "at least one person was seen there that day", never how many.
 *   Small-number inference remains: where a single organisation works with people from a compound,
 *   a monitor who also knows which survivors that organisation follows could guess that one of them
 *   went back. The event therefore carries nothing that narrows it further (no nationality, no sex,
 *   no age), and monitors see it among every other source's reactivation signals.
 */
import { lookupCompounds } from '../../core/compounds/lookup.ts';
import { suppressOneWay, type PublishedCount } from '../../core/statistics/suppression.ts';
import { can } from '../../core/permissions/matrix.ts';
import { CONFIDENCE_OF_WORD } from '../../core/compounds/timeline.ts';
import type { CompoundLookupResult } from '../../contracts/casework/compound-links.ts';
import {
  countSurvivorsOfCompounds,
  findCompound,
  listCompoundNames,
} from '../../db/repositories/monitoring/compounds.repository.ts';
import { findAnonymousEvent, insertEvents } from '../../db/repositories/monitoring/events.repository.ts';
import { asActor, asSystem, type Tx } from '../../db/transaction.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { forbidden, invalid } from '../errors.ts';
import { recomputeCompounds } from '../monitoring/derived-status.service.ts';

/** The fixed words of a casework sighting (no free text of the caseworker ever reaches monitoring). */
export const SIGHTING_DESCRIPTION = 'A person known to a casework organisation was reported seen inside.';

/** The picker may be used by whoever registers survivors or reads compounds. */
function authoriseLookup(actor: RequestActor): void {
  if (!can(actor.roles, 'create', 'survivor') && !can(actor.roles, 'read', 'compound'))
    throw forbidden('your role may not look compounds up', 'role_may_not');
}

/** Compounds of the registry matching a name typed in any script (core/compounds/lookup). */
export async function lookupCompoundsFor(
  app: AppContext,
  actor: RequestActor,
  q: string,
  limit: number,
): Promise<CompoundLookupResult> {
  authoriseLookup(actor);
  const candidates = await asActor(app.database, actor, (trx) => listCompoundNames(trx));
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return {
    items: lookupCompounds(q, candidates, limit).map((h) => {
      const c = byId.get(h.id)!;
      return {
        id: c.id,
        name: c.names[0]?.name ?? h.matched,
        matched: h.matched,
        otherNames: [...c.names.map((n) => n.name), ...c.aliases].filter((n) => n !== (c.names[0]?.name ?? '')),
        country: c.country,
        province: c.province,
      };
    }),
  };
}

/** Checks a compound id a caseworker gave; the field is named in the 422. */
export async function checkCompoundLink(trx: Tx, compoundId: string, field: string): Promise<void> {
  if (!(await findCompound(trx, compoundId))) throw invalid({ [field]: 'no such compound' });
}

export interface CompoundCaseworkCounts {
  exits: PublishedCount;
  inCare: PublishedCount;
}

/**
 * The compound's counts across every organisation: survivors linked to it (who consented to statistics) and those
 * with a case still open. Suppressed as one line; read as the system after authorising, like statistics.service.
 */
export async function compoundCaseworkCounts(
  app: AppContext,
  actor: RequestActor,
  compoundId: string,
): Promise<CompoundCaseworkCounts> {
  if (!can(actor.roles, 'read', 'compound')) throw forbidden();
  const counts = await asSystem(app.database, (trx) => countSurvivorsOfCompounds(trx, [compoundId]));
  const c = counts.get(compoundId) ?? { exits: 0, inCare: 0 };
  const table = suppressOneWay([c.inCare, c.exits - c.inCare]);
  return { exits: table.total, inCare: table.cells[0]! };
}

/**
 * A follow-up's "seen in a compound": one anonymous reactivation event on the compound for the day (see the header),
 * then the compound's derived status and alerts are recomputed like any event's. Returns nothing the caller could
 * hand back to link the case to the event.
 */
export async function recordCompoundSighting(trx: Tx, app: AppContext, compoundId: string): Promise<void> {
  const day = app.now().toISOString().slice(0, 10);
  if (await findAnonymousEvent(trx, compoundId, 'reactivation', day, SIGHTING_DESCRIPTION)) return;
  await insertEvents(trx, [
    {
      id: app.newId(),
      compoundId,
      kind: 'reactivation',
      date: day,
      dateEnd: null,
      counts: {},
      nationalities: [],
      confidence: CONFIDENCE_OF_WORD.medium,
      evidenceIds: [],
      statesEmptied: false,
      relocatedToCompoundId: null,
      description: SIGHTING_DESCRIPTION,
      createdBy: null,
      at: `${day}T00:00:00.000Z`,
    },
  ]);
  await recomputeCompounds(trx, app, [compoundId]);
}
