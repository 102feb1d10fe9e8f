/**
 * A case timeline entry is structured: a kind and parameters (statuses, need kinds, organisation
 * ids, counts), never a sentence with someone's words in it. Free text that belongs to an entry
 * (a status or risk reason) travels apart as `detail`, stored encrypted and shown only to the
 * organisation that wrote it (core/disclosure). Each audience's line is rendered from kind +
 * params (describeTimelineEntry here in English; the web renders the same with i18n keys).
 * Entries are append-only; the audit log (elsewhere) keeps the machine detail.
 */
import type { CaseStatus, NeedKind, NeedPriority, NeedStatus, RiskLevel } from '../vocabulary.ts';
import { toIso, type Instant } from './clock.ts';

export const TIMELINE_KINDS = [
  'opened',
  'status_changed',
  'assignment_changed',
  'risk_changed',
  'screening_recorded',
  'need_added',
  'need_updated',
  'referral_sent',
  'referral_updated',
  'referral_frozen',
  'consent_changed',
  'follow_up',
  'note',
  'attachment_added',
  'consular_step',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export type TimelineParamValue = string | number | boolean | readonly string[];
export type TimelineParams = { readonly [name: string]: TimelineParamValue };

/** What a service records: the structured fact, and free text (if any) that is sealed apart. */
export interface TimelineEvent {
  readonly kind: TimelineKind;
  readonly params: TimelineParams;
  /** Free text of the acting organisation (a reason). Encrypted at rest; never crosses an organisation boundary. */
  readonly detail?: string | null;
}

export interface TimelineActor {
  readonly userId: string;
  readonly organisationId: string;
}

export interface CaseTimelineEntry extends TimelineEvent {
  /** ISO-8601 instant. */
  readonly at: string;
  readonly actor: TimelineActor;
}

const text = (s?: string | null): string | null => (s && s.trim() ? s.trim() : null);
const ev = (kind: TimelineKind, params: TimelineParams, detail?: string | null): TimelineEvent =>
  Object.freeze({ kind, params: Object.freeze({ ...params }), detail: text(detail) });

/** The risk change causes a timeline names (the follow-up evaluation's own words stay in its alert). */
export const RISK_CAUSES = ['assessment', 'contact_lost', 'follow_up'] as const;
export type RiskCause = (typeof RISK_CAUSES)[number];

export const timelineEvents = {
  opened: (risk: RiskLevel) => ev('opened', { risk }),
  statusChanged: (from: CaseStatus, to: CaseStatus, reason?: string | null) =>
    ev('status_changed', { from, to }, reason),
  assignmentChanged: (assigned: boolean) => ev('assignment_changed', { assigned }),
  riskChanged: (from: RiskLevel, to: RiskLevel, cause: RiskCause, reason?: string | null) =>
    ev('risk_changed', { from, to, cause }, reason),
  screeningRecorded: (outcome: string, yes: number) => ev('screening_recorded', { outcome, yes }),
  needAdded: (need: NeedKind, priority: NeedPriority) => ev('need_added', { need, priority }),
  needUpdated: (need: NeedKind, change: { status?: NeedStatus; priority?: NeedPriority }) =>
    ev('need_updated', { need, ...change }),
  referralSent: (organisationId: string, override: boolean) => ev('referral_sent', { organisationId, override }),
  referralUpdated: (organisationId: string, state: string) => ev('referral_updated', { organisationId, state }),
  /** Consent no longer covers a live referral (frozen), or covers it again (frozen: false). */
  referralFrozen: (organisationId: string, frozen: boolean) => ev('referral_frozen', { organisationId, frozen }),
  consentChanged: (version: number, changes: readonly string[]) =>
    ev('consent_changed', { version, changes: [...changes] }),
  checkIn: (outcome: string) => ev('follow_up', { outcome }),
  alertRaised: (alert: string) => ev('follow_up', { alert }),
  note: () => ev('note', {}),
  attachmentAdded: (contentType: string, size: number) => ev('attachment_added', { contentType, size }),
  consularStep: (steps: {
    emergencyDocument?: string;
    exitClearance?: string;
    flightNumber?: string;
    flightDate?: string;
    flightCancelled?: boolean;
    groupSize?: number;
    repatriated?: boolean;
  }) =>
    ev('consular_step', Object.fromEntries(Object.entries(steps).filter(([, v]) => v !== undefined)) as TimelineParams),
} as const;

export function timelineEntry(event: TimelineEvent, at: Instant, actor: TimelineActor): CaseTimelineEntry {
  return Object.freeze({ ...event, at: toIso(at), actor: Object.freeze({ ...actor }) });
}

const label = (v: TimelineParamValue | undefined): string =>
  typeof v === 'string' ? v.replaceAll('_', ' ') : String(v ?? '');
const str = (p: TimelineParams, k: string): string | undefined =>
  typeof p[k] === 'string' ? (p[k] as string) : undefined;

/**
 * One English line from kind + params, with no free text. `organisationName` resolves an
 * organisation id param; a caller passes it only where the audience may see that name
 * (core/disclosure), otherwise the line says "another organisation". Missing params (entries
 * written before timelines were structured) give the kind's plain line.
 */
export function describeTimelineEntry(
  kind: TimelineKind,
  params: TimelineParams,
  organisationName: (id: string) => string | null = () => null,
): string {
  const org = () => {
    const id = str(params, 'organisationId');
    return (id && organisationName(id)) || 'another organisation';
  };
  switch (kind) {
    case 'opened':
      return params.risk ? `Case opened at ${label(params.risk)} risk` : 'Case opened';
    case 'status_changed':
      return params.from && params.to
        ? `Status changed from ${label(params.from)} to ${label(params.to)}`
        : 'Status changed';
    case 'assignment_changed':
      return params.assigned === false ? 'Caseworker unassigned' : 'Caseworker assigned';
    case 'risk_changed':
      return params.from && params.to
        ? `Risk changed from ${label(params.from)} to ` +
            `${label(params.to)}${params.cause ? ` (${label(params.cause)})` : ''}`
        : 'Risk changed';
    case 'screening_recorded':
      return params.outcome
        ? `Screening recorded: ${label(params.outcome)} (${label(params.yes)} of 12 indicators yes)`
        : 'Screening recorded';
    case 'need_added':
      return params.need ? `Need added: ${label(params.need)} (${label(params.priority)})` : 'Need added';
    case 'need_updated': {
      const parts = [
        params.status ? `status ${label(params.status)}` : null,
        params.priority ? `priority ${label(params.priority)}` : null,
      ].filter(Boolean);
      return params.need
        ? `Need ${label(params.need)} updated${parts.length ? `: ${parts.join(', ')}` : ''}`
        : 'Need updated';
    }
    case 'referral_sent':
      return `Referred to ${org()}${params.override === true ? ' (consent overridden)' : ''}`;
    case 'referral_updated':
      return params.state ? `Referral to ${org()} ${label(params.state)}` : 'Referral updated';
    case 'referral_frozen':
      return params.frozen === false
        ? `Referral to ${org()} covered by consent again`
        : `Referral to ${org()} frozen: consent no longer covers it`;
    case 'consent_changed':
      return params.version !== undefined ? `Consent version ${label(params.version)}` : 'Consent changed';
    case 'follow_up':
      return params.alert
        ? `Alert raised: ${label(params.alert)}`
        : params.outcome
          ? `Check-in: ${label(params.outcome)}`
          : 'Follow-up';
    case 'note':
      return 'Note added';
    case 'attachment_added':
      return params.contentType
        ? `Attachment added (${label(params.contentType)}, ${label(params.size)} bytes)`
        : 'Attachment added';
    case 'consular_step': {
      const parts = [
        params.emergencyDocument ? `emergency travel document ${label(params.emergencyDocument)}` : null,
        params.exitClearance ? `exit permit / overstay fine ${label(params.exitClearance)}` : null,
        params.flightNumber
          ? `flight ${label(params.flightNumber)} on ` +
            `${label(params.flightDate)}${params.groupSize ? ` with a group of ${label(params.groupSize)}` : ''}`
          : null,
        params.flightCancelled ? 'flight booking cancelled' : null,
        params.repatriated ? 'repatriated' : null,
      ].filter(Boolean);
      return parts.length ? `Consular: ${parts.join('; ')}` : 'Consular step';
    }
  }
}

/** Newest first, stable for equal instants (keeps insertion order). */
export function sortTimeline<T extends { readonly at: string }>(entries: readonly T[]): T[] {
  return entries
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map(({ e }) => e);
}
