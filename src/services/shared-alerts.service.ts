/**
 * Changing a shared alert (organisation_id NULL) for one organisation: acknowledging or
 * withdrawing an acknowledgement touches only that organisation; closing or reopening it for
 * everyone needs the owner of its subject or a coordination organisation (core shared-alerts).
 * Used by /api/alerts (casework) and /api/monitoring/alerts, in the caller's transaction.
 */
import { mayCloseSharedAlert, planSharedAlertChange, type AlertStatus } from '../core/alerts/shared-alerts.ts';
import {
  acknowledgeForOrganisation,
  isAcknowledgedBy,
  setSharedAlertStatus,
  sharedAlertOwner,
  withdrawAcknowledgement,
} from '../db/repositories/alerts.repository.ts';
import { findOrganisationKind } from '../db/repositories/accounts.repository.ts';
import type { Tx } from '../db/transaction.ts';
import { audit } from './audit.service.ts';
import type { AppContext, RequestActor } from './context.ts';
import { conflict, forbidden } from './errors.ts';

export interface SharedAlertRef {
  id: string;
  subjectType: string;
  subjectId: string | null;
  globalStatus: AlertStatus;
}

/** Whether this actor's organisation may close or reopen the shared alert for everyone. */
export async function mayCloseForEveryone(
  trx: Tx,
  actor: RequestActor,
  alert: Pick<SharedAlertRef, 'subjectType' | 'subjectId'>,
  knownOwner?: string | null,
): Promise<boolean> {
  const owner = knownOwner !== undefined ? knownOwner : await sharedAlertOwner(trx, alert.subjectType, alert.subjectId);
  return mayCloseSharedAlert(
    { organisationId: actor.organisationId, organisationKind: await findOrganisationKind(trx, actor.organisationId) },
    owner,
  );
}

export async function changeSharedAlert(
  trx: Tx,
  app: AppContext,
  actor: RequestActor,
  alert: SharedAlertRef,
  requested: AlertStatus,
): Promise<void> {
  const acknowledged = await isAcknowledgedBy(trx, alert.id, actor.organisationId);
  const plan = planSharedAlertChange(
    alert.globalStatus,
    acknowledged,
    requested,
    await mayCloseForEveryone(trx, actor, alert),
  );
  const at = app.now().toISOString();
  switch (plan.kind) {
    case 'unchanged':
      throw conflict(`the alert is already ${requested}${requested === 'acknowledged' ? ' by your organisation' : ''}`);
    case 'refused':
      throw forbidden(plan.reason);
    case 'acknowledge':
      await acknowledgeForOrganisation(trx, alert.id, actor.organisationId, actor.userId, at);
      await audit(trx, app, actor, 'alert.acknowledge', 'alert', alert.id, { scope: 'organisation' });
      return;
    case 'withdraw_acknowledgement':
      await withdrawAcknowledgement(trx, alert.id, actor.organisationId);
      await audit(trx, app, actor, 'alert.acknowledge.withdraw', 'alert', alert.id, { scope: 'organisation' });
      return;
    case 'set_global':
      await setSharedAlertStatus(trx, alert.id, plan.status, actor.userId, at);
      if (plan.alsoAcknowledge) await acknowledgeForOrganisation(trx, alert.id, actor.organisationId, actor.userId, at);
      await audit(trx, app, actor, 'alert.status', 'alert', alert.id, {
        from: alert.globalStatus,
        to: plan.status,
        scope: 'everyone',
      });
  }
}
