/**
 * Follow-up scheduling by risk level. Intervals (days between check-ins):
 *   critical 2 — someone at acute risk of being taken back needs near-daily contact;
 *   high 7     — weekly, the usual post-exit check-in rhythm;
 *   medium 14  — fortnightly;
 *   low 30     — monthly, e.g. after a safe return home.
 * A check-in counts as missed once it is more than MISSED_GRACE_HOURS overdue and not done
 * (phones die, networks drop; a few hours late is not a missed check-in).
 */
import type { RiskLevel } from '../vocabulary.ts';
import { DAY_MS, toDate, type Instant } from '../cases/clock.ts';

export const FOLLOW_UP_INTERVAL_DAYS: Readonly<Record<RiskLevel, number>> = Object.freeze({
  critical: 2,
  high: 7,
  medium: 14,
  low: 30,
});

export const MISSED_GRACE_HOURS = 24;

export function nextFollowUpDue(lastContact: Instant, risk: RiskLevel): Date {
  return new Date(toDate(lastContact).getTime() + FOLLOW_UP_INTERVAL_DAYS[risk] * DAY_MS);
}

/** The instant after which a check-in due at `dueAt` counts as missed. */
export function missedAfter(dueAt: Instant): Date {
  return new Date(toDate(dueAt).getTime() + MISSED_GRACE_HOURS * 3_600_000);
}
