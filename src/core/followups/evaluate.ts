/**
 * Evaluating a case's follow-ups at an instant: which check-ins were missed, what risk and status
 * to suggest, and which alerts to raise. Returns descriptors only; the service layer stores them,
 * and a person confirms status changes (suggestions, not silent automation).
 *
 * Rules:
 *  - A check-in is missed when it was done with outcome no_answer, or is still not done more than
 *    MISSED_GRACE_HOURS after it was due. Only misses since the last successful contact count.
 *  - Each such miss raises risk one level above the risk at the last contact (so evaluating again,
 *    after the suggested risk was saved, gives the same answer) — never lower than the current risk.
 *  - Two misses in a row, or a check-in recording lost_contact, suggest the status lost_contact and
 *    raise a re_trafficking_risk alert for the case owner.
 *  - A report that the survivor was seen in a compound again (a check-in outcome or a sighting from
 *    another source, after the last contact) sets risk to critical and raises an urgent
 *    seen_in_compound alert.
 */
import type { AlertKind, CaseStatus, RiskLevel } from '../vocabulary.ts';
import { toDate, toIso, type Instant } from '../cases/clock.ts';
import { maxRisk, stepRisk } from '../cases/risk.ts';
import { worded, type Message, type Worded } from '../message.ts';
import { missedAfter, nextFollowUpDue } from './schedule.ts';

export const FOLLOW_UP_OUTCOMES = ['reached', 'no_answer', 'lost_contact', 'seen_in_compound'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

export interface FollowUp {
  readonly id: string;
  readonly dueAt: Instant;
  readonly completedAt?: Instant | null;
  readonly outcome?: FollowUpOutcome | null;
}

export interface CompoundSighting {
  readonly at: Instant;
  readonly compoundId?: string | null;
  /** Who reported it, e.g. "hotline", "other survivor" (shown in the alert). */
  readonly source: string;
}

export interface FollowUpCaseContext {
  readonly caseId: string;
  readonly ownerOrganisationId: string;
  readonly status: CaseStatus;
  readonly currentRisk: RiskLevel;
  /** Risk level when the survivor was last reached; defaults to currentRisk (then re-evaluating can raise twice). */
  readonly riskAtLastContact?: RiskLevel;
  readonly sightings?: readonly CompoundSighting[];
}

export const ALERT_SEVERITIES = ['info', 'warning', 'urgent'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export interface AlertDescriptor {
  readonly kind: AlertKind;
  readonly severity: AlertSeverity;
  readonly caseId: string;
  /** The organisation that should act on it (the case owner). */
  readonly recipientOrganisationId: string;
  readonly title: string;
  readonly reasons: string[];
  /** Title and reasons as keys and parameters (web namespace `server`), stored beside the English. */
  readonly titleMessage: Message;
  readonly reasonMessages: Message[];
  /** Same key = same alert: lets the alert store ignore repeats from re-evaluation. */
  readonly dedupeKey: string;
}

export interface FollowUpEvaluation {
  readonly missedFollowUpIds: string[];
  readonly consecutiveMisses: number;
  readonly lastContactAt: string | null;
  readonly suggestedRisk: RiskLevel;
  readonly riskRaised: boolean;
  readonly suggestedStatus: CaseStatus | null;
  readonly nextDueAt: string;
  readonly overdue: boolean;
  readonly alerts: AlertDescriptor[];
  /** Plain-English explanation of the suggested risk and status. */
  readonly reasons: string[];
  readonly reasonMessages: Message[];
}

/** The keys alert titles, alert reasons and evaluation reasons use (namespace `server`). */
export const FOLLOW_UP_MESSAGE_KEYS = [
  'followups.title.seen_in_compound',
  'followups.title.missed_follow_up',
  'followups.title.re_trafficking_risk',
  'followups.alert.seen_at_check_in',
  'followups.alert.seen_in_named_compound',
  'followups.alert.seen_in_compound',
  'followups.alert.risk_critical',
  'followups.alert.no_answer',
  'followups.alert.not_done',
  'followups.alert.missed_since_contact',
  'followups.alert.missed_since_opened',
  'followups.alert.lost_recorded',
  'followups.alert.re_trafficking_warning',
  'followups.reason.missed',
  'followups.reason.lost',
  'followups.reason.seen',
  'followups.reason.suggested_risk',
  'followups.reason.suggested_status',
] as const;

/** Two misses in a row mean we have lost the person. */
export const MISSES_FOR_LOST_CONTACT = 2;

const isMissed = (f: FollowUp, now: number): boolean =>
  f.outcome === 'no_answer' || (!f.completedAt && !f.outcome && missedAfter(f.dueAt).getTime() < now);

const dayOf = (at: Instant): string => toIso(at).slice(0, 10);

export function evaluateFollowUps(
  followUps: readonly FollowUp[],
  now: Instant,
  ctx: FollowUpCaseContext,
): FollowUpEvaluation {
  const nowMs = toDate(now).getTime();
  const ordered = [...followUps].sort(
    (a, b) => toDate(a.dueAt).getTime() - toDate(b.dueAt).getTime() || (a.id < b.id ? -1 : 1),
  );

  // Everything before the last successful contact is settled.
  let lastReachedIndex = -1;
  ordered.forEach((f, i) => {
    if (f.outcome === 'reached') lastReachedIndex = i;
  });
  const lastReached = lastReachedIndex >= 0 ? ordered[lastReachedIndex] : undefined;
  const lastContactAt = lastReached ? toIso(lastReached.completedAt ?? lastReached.dueAt) : null;
  const since = ordered.slice(lastReachedIndex + 1);

  const missed = since.filter((f) => isMissed(f, nowMs));
  const explicitLoss = since.filter((f) => f.outcome === 'lost_contact');
  const seenInCheckIn = since.filter((f) => f.outcome === 'seen_in_compound');
  const lastContactMs = lastContactAt ? Date.parse(lastContactAt) : -Infinity;
  const sightings = (ctx.sightings ?? []).filter(
    (s) => toDate(s.at).getTime() > lastContactMs && toDate(s.at).getTime() <= nowMs,
  );

  const base = ctx.riskAtLastContact ?? ctx.currentRisk;
  let suggestedRisk = maxRisk(ctx.currentRisk, stepRisk(base, missed.length));
  const lost = missed.length >= MISSES_FOR_LOST_CONTACT || explicitLoss.length > 0;
  if (lost) suggestedRisk = maxRisk(suggestedRisk, 'high');
  const seen = seenInCheckIn.length > 0 || sightings.length > 0;
  if (seen) suggestedRisk = 'critical';

  const alerts: AlertDescriptor[] = [];
  const alert = (kind: AlertKind, severity: AlertSeverity, title: string, reasons: Worded[], key: string): void => {
    alerts.push({
      kind,
      severity,
      caseId: ctx.caseId,
      recipientOrganisationId: ctx.ownerOrganisationId,
      title,
      reasons: reasons.map((r) => r.text),
      titleMessage: { key: `followups.title.${kind}`, params: {} },
      reasonMessages: reasons.map((r) => r.message),
      dedupeKey: `${kind}:${ctx.caseId}:${key}`,
    });
  };

  if (seen) {
    alert(
      'seen_in_compound',
      'urgent',
      'Survivor reported back in a compound',
      [
        ...seenInCheckIn.map((f) =>
          worded(
            `Check-in due ${dayOf(f.dueAt)} reported the survivor inside a compound.`,
            'followups.alert.seen_at_check_in',
            { day: dayOf(f.dueAt) },
          ),
        ),
        ...sightings.map((s) =>
          worded(
            `Seen in ${s.compoundId ? `compound ${s.compoundId}` : 'a compound'} on ${dayOf(s.at)} (reported by ` +
              `${s.source}).`,
            s.compoundId ? 'followups.alert.seen_in_named_compound' : 'followups.alert.seen_in_compound',
            { day: dayOf(s.at), source: s.source, ...(s.compoundId ? { compoundId: s.compoundId } : {}) },
          ),
        ),
        worded('Risk set to critical.', 'followups.alert.risk_critical'),
      ],
      [...seenInCheckIn.map((f) => f.id), ...sightings.map((s) => toIso(s.at))].join(','),
    );
  }
  for (const f of missed) {
    alert(
      'missed_follow_up',
      suggestedRisk === 'critical' ? 'urgent' : 'warning',
      'Follow-up check-in missed',
      [
        f.outcome === 'no_answer'
          ? worded(`No answer at the check-in due ${dayOf(f.dueAt)}.`, 'followups.alert.no_answer', {
              day: dayOf(f.dueAt),
            })
          : worded(`The check-in due ${dayOf(f.dueAt)} was not done.`, 'followups.alert.not_done', {
              day: dayOf(f.dueAt),
            }),
      ],
      f.id,
    );
  }
  if (lost) {
    const reasons = [
      ...(missed.length >= MISSES_FOR_LOST_CONTACT
        ? [
            worded(
              `${missed.length} check-ins missed in a row since ` +
                `${lastContactAt ? `the last contact on ${lastContactAt.slice(0, 10)}` : 'the case opened'}.`,
              lastContactAt ? 'followups.alert.missed_since_contact' : 'followups.alert.missed_since_opened',
              lastContactAt ? { count: missed.length, day: lastContactAt.slice(0, 10) } : { count: missed.length },
            ),
          ]
        : []),
      ...explicitLoss.map((f) =>
        worded(`Check-in due ${dayOf(f.dueAt)} recorded that contact was lost.`, 'followups.alert.lost_recorded', {
          day: dayOf(f.dueAt),
        }),
      ),
      worded(
        'People who lose contact after leaving a compound are at risk of being recruited or taken again.',
        'followups.alert.re_trafficking_warning',
      ),
    ];
    alert(
      're_trafficking_risk',
      'urgent',
      'Contact lost: re-trafficking risk',
      reasons,
      lastContactAt ?? 'never-reached',
    );
  }

  const suggestedStatus: CaseStatus | null =
    lost && ctx.status !== 'lost_contact' && ctx.status !== 'closed' ? 'lost_contact' : null;
  const reasons: Worded[] = [];
  if (missed.length)
    reasons.push(
      worded(
        `${missed.length} check-in${missed.length > 1 ? 's' : ''} missed since the last contact: one risk level ` +
          `each above ${base}.`,
        'followups.reason.missed',
        { count: missed.length, baseRisk: base },
      ),
    );
  if (lost) reasons.push(worded('Contact is lost: risk at least high.', 'followups.reason.lost'));
  if (seen) reasons.push(worded('Seen in a compound again: risk critical.', 'followups.reason.seen'));
  if (suggestedRisk !== ctx.currentRisk)
    reasons.push(
      worded(`Suggested risk: ${suggestedRisk} (now ${ctx.currentRisk}).`, 'followups.reason.suggested_risk', {
        risk: suggestedRisk,
        currentRisk: ctx.currentRisk,
      }),
    );
  if (suggestedStatus) reasons.push(worded('Suggested status: lost contact.', 'followups.reason.suggested_status'));

  // Next check-in: from the last contact at the suggested risk; with no contact recorded yet, from now.
  const next = nextFollowUpDue(lastContactAt ?? now, suggestedRisk);
  return {
    missedFollowUpIds: missed.map((f) => f.id),
    consecutiveMisses: missed.length,
    lastContactAt,
    suggestedRisk,
    riskRaised: suggestedRisk !== ctx.currentRisk,
    suggestedStatus,
    nextDueAt: next.toISOString(),
    overdue: next.getTime() < nowMs,
    alerts,
    reasons: reasons.map((r) => r.text),
    reasonMessages: reasons.map((r) => r.message),
  };
}
