/**
 * A case timeline entry: what happened, when, who did it, in one human sentence.
 * Entries are append-only; the audit log (elsewhere) keeps the machine detail.
 */
import type { CaseStatus, RiskLevel } from '../vocabulary.ts';
import { toIso, type Instant } from './clock.ts';

export const TIMELINE_KINDS = [
  'opened', 'status_changed', 'risk_changed', 'screening_recorded', 'need_added', 'need_updated',
  'referral_sent', 'referral_updated', 'consent_changed', 'follow_up', 'note', 'consular_step',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineActor {
  readonly userId: string;
  readonly organisationId: string;
  /** Display name at the time of writing, so the timeline reads without joins. */
  readonly displayName?: string;
}

export interface CaseTimelineEntry {
  readonly kind: TimelineKind;
  /** ISO-8601 instant. */
  readonly at: string;
  readonly actor: TimelineActor;
  readonly summary: string;
}

export function timelineEntry(kind: TimelineKind, at: Instant, actor: TimelineActor, summary: string): CaseTimelineEntry {
  return Object.freeze({ kind, at: toIso(at), actor: Object.freeze({ ...actor }), summary });
}

const label = (s: string): string => s.replaceAll('_', ' ');

export function statusChangeEntry(from: CaseStatus, to: CaseStatus, at: Instant, actor: TimelineActor, reason?: string): CaseTimelineEntry {
  const because = reason && reason.trim() ? ` — ${reason.trim()}` : '';
  return timelineEntry('status_changed', at, actor, `Status changed from ${label(from)} to ${label(to)}${because}`);
}

export function riskChangeEntry(from: RiskLevel, to: RiskLevel, at: Instant, actor: TimelineActor, cause: string): CaseTimelineEntry {
  return timelineEntry('risk_changed', at, actor, `Risk changed from ${from} to ${to} (${cause})`);
}

/** Newest first, stable for equal instants (keeps insertion order). */
export function sortTimeline(entries: readonly CaseTimelineEntry[]): CaseTimelineEntry[] {
  return entries
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map(({ e }) => e);
}
