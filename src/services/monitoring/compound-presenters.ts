/** Compound responses: each field listed, never a row spread. */
import type {
  CompoundSummary,
  CompoundTimeline,
  CompoundView,
  TimelineEntryView,
} from '../../contracts/monitoring/compounds.ts';
import type { EventView } from '../../contracts/monitoring/events.ts';
import type { AlertView } from '../../contracts/monitoring/events.ts';
import type { TimelineEntry } from '../../core/compounds/timeline.ts';
import type { CompoundListRow, CompoundRow } from '../../db/repositories/monitoring/compounds.repository.ts';
import type { EventRow } from '../../db/repositories/monitoring/events.repository.ts';
import type { AlertRow } from '../../db/repositories/alerts.repository.ts';
import { isMonitoringAlertKind } from '../../core/alerts/kinds.ts';
import { compoundAlertDetails } from './derived-status.service.ts';
import { mayCloseSharedAlert, type AlertCloser } from '../../core/alerts/shared-alerts.ts';

export function presentTimelineEntries(
  timeline: readonly TimelineEntry[],
  events: readonly EventRow[],
): TimelineEntryView[] {
  const evidenceOf = new Map(events.map((e) => [e.id, e.evidenceIds]));
  return timeline.map((t) => ({
    from: t.from,
    status: t.status,
    confidence: t.confidence,
    reason: t.reason,
    reasonMessages: t.reasonMessages ?? [],
    eventIds: [...t.eventIds],
    evidenceIds: [...new Set(t.eventIds.flatMap((id) => evidenceOf.get(id) ?? []))].sort(),
  }));
}

export function presentTimeline(
  compoundId: string,
  asOf: string,
  timeline: readonly TimelineEntry[],
  events: readonly EventRow[],
): CompoundTimeline {
  return {
    compoundId,
    asOf,
    status: timeline[timeline.length - 1]?.status ?? 'unknown',
    entries: presentTimelineEntries(timeline, events),
  };
}

export function presentCompoundSummary(
  c: CompoundRow & Partial<Pick<CompoundListRow, 'evidenceCount' | 'eventCount'>>,
): CompoundSummary {
  return {
    id: c.id,
    name: c.names.find((n) => n.lang === 'en')?.name ?? c.names[0]?.name ?? c.id,
    names: c.names.map((n) => ({ name: n.name, lang: n.lang })),
    aliases: [...c.aliases],
    country: c.country,
    province: c.province,
    district: c.district,
    status: c.status,
    statusSince: c.statusSince,
    statusConfidence: c.statusConfidence,
    point: c.point,
    evidenceCount: c.evidenceCount ?? 0,
    eventCount: c.eventCount ?? 0,
    updatedAt: c.updatedAt,
  };
}

export function presentCompound(
  c: CompoundRow,
  counts: { evidenceCount: number; eventCount: number },
  timeline: readonly TimelineEntry[],
  events: readonly EventRow[],
): Omit<CompoundView, 'casework'> {
  return {
    ...presentCompoundSummary({ ...c, ...counts }),
    footprint: c.footprint,
    operators: c.operators.map((o) => ({ name: o.name, role: o.role, entityId: o.entityId })),
    notes: c.notes,
    externalRef: c.externalRef,
    timeline: presentTimelineEntries(timeline, events),
    createdAt: c.createdAt,
    version: c.version,
  };
}

export function presentEvent(e: EventRow): EventView {
  return {
    id: e.id,
    compoundId: e.compoundId,
    kind: e.kind,
    date: e.date,
    dateEnd: e.dateEnd,
    counts: {
      peopleLeaving: e.counts.peopleLeaving,
      arrests: e.counts.arrests,
      rescues: e.counts.rescues,
      deaths: e.counts.deaths,
    },
    nationalities: [...e.nationalities],
    confidence: e.confidence,
    evidenceIds: [...e.evidenceIds],
    statesEmptied: e.statesEmptied,
    relocatedToCompoundId: e.relocatedToCompoundId,
    description: e.description,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    retracted: e.retractedAt !== null,
  };
}

/** Alerts as one organisation sees them: its own acknowledgement, and whether it may close them for everyone. */
export function presentAlerts(rows: readonly AlertRow[], closer: AlertCloser): AlertView[] {
  return rows.map((a) => presentAlert(a, mayCloseSharedAlert(closer, a.ownerOrganisationId)));
}

export function presentAlert(a: AlertRow, mayClose: boolean): AlertView {
  // The monitoring services read alerts filtered to MONITORING_ALERT_KINDS; anything else is a bug.
  if (!isMonitoringAlertKind(a.kind)) throw new Error(`not a monitoring alert: ${a.kind}`);
  const details = compoundAlertDetails(a.details);
  return {
    mayClose,
    id: a.id,
    kind: a.kind,
    severity: a.severity,
    rank: a.rank / 100,
    title: a.title,
    titleMessage: details.titleMessage ?? null,
    compoundId: details.compoundId,
    relatedCompoundIds: [...details.relatedCompoundIds],
    date: details.date,
    eventIds: [...details.eventIds],
    evidenceIds: [...details.evidenceIds],
    status: a.status,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    acknowledgedBy: a.acknowledgedBy,
    acknowledgedAt: a.acknowledgedAt,
  };
}
