/**
 * Derived monitoring state: a compound's status timeline (core deriveTimeline) and the alerts
 * the rules raise (core runAlertRules), recomputed whenever events change and upserted by key.
 */
import { runAlertRules, type CompoundWithEvents, type MonitoringAlert } from '../../core/compounds/alert-rules.ts';
import { deriveTimeline, type TimelineEntry } from '../../core/compounds/timeline.ts';
import type { CompoundEvent } from '../../core/compounds/compound-types.ts';
import { haversineMeters, representativePoint } from '../../core/geo/distance.ts';
import { SEVERITY_OF_RISK } from '../../core/alerts/rank.ts';
import type { Message } from '../../core/message.ts';
import {
  listAllCompounds,
  saveDerivedStatus,
  type CompoundRow,
} from '../../db/repositories/monitoring/compounds.repository.ts';
import { listLiveEvents, type EventRow } from '../../db/repositories/monitoring/events.repository.ts';
import { upsertAlerts, type StoredAlert } from '../../db/repositories/alerts.repository.ts';
import type { Queryable } from '../../db/transaction.ts';
import type { AppContext } from '../context.ts';

export function toCoreEvent(e: EventRow): CompoundEvent {
  return {
    id: e.id,
    compoundId: e.compoundId,
    kind: e.kind,
    date: e.date,
    dateEnd: e.dateEnd,
    counts: e.counts,
    confidence: e.confidence,
    evidenceIds: e.evidenceIds,
    statesEmptied: e.statesEmptied,
    relocatedToCompoundId: e.relocatedToCompoundId,
  };
}

/** What a compound alert's `details` hold; written only by recomputeCompounds, read by the presenters. */
export interface CompoundAlertDetails {
  compoundId: string;
  relatedCompoundIds: string[];
  date: string;
  eventIds: string[];
  evidenceIds: string[];
  /** The title as a message; absent on alerts written before titles had one (they show the English title). */
  titleMessage?: Message;
}

export const compoundAlertDetails = (details: Record<string, unknown>): CompoundAlertDetails =>
  details as unknown as CompoundAlertDetails;

export function today(app: AppContext): string {
  return app.now().toISOString().slice(0, 10);
}

export function timelineFor(events: readonly EventRow[], asOf: string): TimelineEntry[] {
  return deriveTimeline(events.map(toCoreEvent), { asOf });
}

const RELOCATION_REACH_METERS = 10_000;

/**
 * Recomputes the timelines of `compoundIds` and runs the alert rules for them and for every
 * compound near them (a new compound may be where a vacated neighbour moved). Returns the alerts
 * the rules produced for these compounds, as stored (an alert raised before keeps its id).
 */
export async function recomputeCompounds(
  trx: Queryable,
  app: AppContext,
  compoundIds: readonly string[],
): Promise<StoredAlert[]> {
  const asOf = today(app);
  const at = app.now().toISOString();
  const compounds = await listAllCompounds(trx);
  const events = await listLiveEvents(trx, null);
  const byCompound = new Map<string, EventRow[]>();
  for (const e of events) byCompound.set(e.compoundId, [...(byCompound.get(e.compoundId) ?? []), e]);

  for (const id of compoundIds) await saveDerivedStatus(trx, id, timelineFor(byCompound.get(id) ?? [], asOf), at);

  const subjects = compoundsNear(compounds, compoundIds);
  const all: CompoundWithEvents[] = compounds.map((c) => ({
    compound: coreCompound(c),
    events: (byCompound.get(c.id) ?? []).map(toCoreEvent),
  }));
  const byId = new Map(all.map((c) => [c.compound.id, c]));
  const alerts: MonitoringAlert[] = [];
  for (const id of subjects) {
    const subject = byId.get(id);
    if (!subject || subject.events.length === 0) continue;
    alerts.push(
      ...runAlertRules(
        subject,
        all.filter((c) => c.compound.id !== id),
        { timeline: { asOf } },
      ),
    );
  }
  const stored = await upsertAlerts(
    trx,
    alerts.map((a) => ({
      id: app.newId(),
      kind: a.kind,
      // Shared: every organisation sees a compound alert and acknowledges it for itself.
      organisationId: null,
      severity: SEVERITY_OF_RISK[a.severity],
      rank: a.rank,
      title: a.title,
      dedupeKey: a.key,
      subjectType: 'compound',
      subjectId: a.compoundId,
      at,
      details: {
        compoundId: a.compoundId,
        relatedCompoundIds: a.relatedCompoundIds,
        date: a.date,
        eventIds: a.eventIds,
        evidenceIds: a.evidenceIds,
        titleMessage: a.titleMessage,
      } satisfies CompoundAlertDetails,
    })),
  );
  const touched = new Set(compoundIds);
  const touches = new Set(
    alerts
      .filter((a) => touched.has(a.compoundId) || a.relatedCompoundIds.some((id) => touched.has(id)))
      .map((a) => a.key),
  );
  return stored.filter((a) => touches.has(a.dedupeKey));
}

export function coreCompound(c: CompoundRow): CompoundWithEvents['compound'] {
  // English first so alert titles read the same for every organisation; the other scripts follow.
  const names = [...c.names.filter((n) => n.lang === 'en'), ...c.names.filter((n) => n.lang !== 'en')].map(
    (n) => n.name,
  );
  return { id: c.id, names, point: c.point, footprint: c.footprint };
}

/** The given compounds plus every compound within the relocation reach of one of them. */
function compoundsNear(compounds: readonly CompoundRow[], ids: readonly string[]): string[] {
  const wanted = new Set(ids);
  const centres = compounds
    .filter((c) => wanted.has(c.id))
    .map((c) => representativePoint(c.point, c.footprint))
    .filter((p) => p !== null);
  for (const c of compounds) {
    if (wanted.has(c.id)) continue;
    const p = representativePoint(c.point, c.footprint);
    if (p && centres.some((q) => haversineMeters(p[0], p[1], q[0], q[1]) <= RELOCATION_REACH_METERS)) wanted.add(c.id);
  }
  return [...wanted];
}
