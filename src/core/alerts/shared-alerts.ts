/**
 * Shared alerts (organisation_id NULL: every organisation sees them) are acknowledged per
 * organisation: one organisation's acknowledgement never hides an alert from another. Closing
 * (dismissing) or reopening it for everyone belongs to the owner of its subject or to a
 * coordination organisation. Owner: for a compound alert, the organisation that registered the
 * compound; when that is not recorded, or for other subjects, nobody but coordination.
 * (Migration 0010 enforces the same rule in the database: refuge_may_close_shared_alert.)
 */
import type { OrganisationKind } from '../vocabulary.ts';

export type AlertStatus = 'open' | 'acknowledged' | 'dismissed';

export interface AlertCloser {
  organisationId: string;
  organisationKind: OrganisationKind | null;
}

export function mayCloseSharedAlert(closer: AlertCloser, ownerOrganisationId: string | null): boolean {
  return (
    closer.organisationKind === 'coordination' ||
    (ownerOrganisationId !== null && ownerOrganisationId === closer.organisationId)
  );
}

/** What a reader sees: closed for everyone wins; otherwise acknowledged only if its own organisation acknowledged. */
export function sharedAlertStatusFor(
  globalStatus: AlertStatus,
  acknowledgedByReadersOrganisation: boolean,
): AlertStatus {
  if (globalStatus === 'dismissed') return 'dismissed';
  return acknowledgedByReadersOrganisation ? 'acknowledged' : 'open';
}

export type SharedAlertChange =
  | { kind: 'acknowledge' }
  | { kind: 'withdraw_acknowledgement' }
  | { kind: 'set_global'; status: 'open' | 'dismissed'; alsoAcknowledge: boolean }
  | { kind: 'refused'; reason: string }
  | { kind: 'unchanged' };

/**
 * How a requested status applies to a shared alert for one organisation: acknowledging touches
 * only that organisation; closing or reopening for everyone needs `mayClose`.
 */
export function planSharedAlertChange(
  globalStatus: AlertStatus,
  acknowledgedByOrg: boolean,
  requested: AlertStatus,
  mayClose: boolean,
): SharedAlertChange {
  const seen = sharedAlertStatusFor(globalStatus, acknowledgedByOrg);
  if (seen === requested) return { kind: 'unchanged' };
  const refused = {
    kind: 'refused' as const,
    reason: 'only the organisation that owns this shared alert, or coordination, may close or reopen it for everyone',
  };
  if (requested === 'dismissed')
    return mayClose ? { kind: 'set_global', status: 'dismissed', alsoAcknowledge: false } : refused;
  if (globalStatus === 'dismissed')
    return mayClose ? { kind: 'set_global', status: 'open', alsoAcknowledge: requested === 'acknowledged' } : refused;
  return requested === 'acknowledged' ? { kind: 'acknowledge' } : { kind: 'withdraw_acknowledgement' };
}
