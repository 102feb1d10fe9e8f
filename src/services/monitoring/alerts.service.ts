/**
 * Monitoring alerts: ranked list, per-organisation acknowledgement, closing for everyone (owner or coordination).
 * Raised by derived-status.ts.
 */
import type { AlertList, AlertView } from '../../contracts/monitoring/events.ts';
import { MONITORING_ALERT_KINDS } from '../../core/alerts/kinds.ts';
import type { AlertStatus } from '../../core/alerts/shared-alerts.ts';
import { findAlerts, listAlerts } from '../../db/repositories/alerts.repository.ts';
import { asActor, type Tx } from '../../db/transaction.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { notFound } from '../errors.ts';
import { changeSharedAlert } from '../shared-alerts.service.ts';
import { alertCloser, authorise, decodeCursor, encodeCursor } from './access.service.ts';
import { presentAlerts } from './compound-presenters.ts';

export async function listMonitoringAlerts(
  app: AppContext,
  actor: RequestActor,
  q: { limit: number; cursor?: string; status: AlertStatus | 'any'; compoundId?: string },
): Promise<AlertList> {
  authorise(actor, 'read', 'compound');
  const after = decodeCursor(q.cursor, { r: 'number', c: 'timestamp', i: 'uuid' });
  return asActor(app.database, actor, async (trx) => {
    const rows = await listAlerts(trx, {
      organisationId: actor.organisationId,
      kinds: MONITORING_ALERT_KINDS,
      statuses: q.status === 'any' ? undefined : [q.status],
      subjectId: q.compoundId,
      administrator: actor.roles.includes('admin'),
      limit: q.limit + 1,
      after: after ? { rank: Number(after.r), createdAt: String(after.c), id: String(after.i) } : undefined,
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: presentAlerts(page, await alertCloser(trx, actor)),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ r: last.rank, c: last.createdAt, i: last.id }) : null,
    };
  });
}

async function change(
  app: AppContext,
  actor: RequestActor,
  id: string,
  status: 'acknowledged' | 'dismissed',
): Promise<AlertView> {
  return asActor(app.database, actor, async (trx: Tx) => {
    const [alert] = await findAlerts(trx, [id], actor.organisationId, MONITORING_ALERT_KINDS);
    if (!alert) throw notFound('alert');
    await changeSharedAlert(
      trx,
      app,
      actor,
      { id, subjectType: 'compound', subjectId: alert.subjectId, globalStatus: alert.globalStatus },
      status,
    );
    return presentAlerts(
      await findAlerts(trx, [id], actor.organisationId, MONITORING_ALERT_KINDS),
      await alertCloser(trx, actor),
    )[0]!;
  });
}

/** Acknowledged for the actor's organisation only: every other organisation still sees it open. */
export async function acknowledgeMonitoringAlert(app: AppContext, actor: RequestActor, id: string): Promise<AlertView> {
  authorise(actor, 'update', 'compound');
  return change(app, actor, id, 'acknowledged');
}

/** Closed for everyone: only the organisation that registered the compound, or coordination (else 403). */
export async function closeMonitoringAlert(app: AppContext, actor: RequestActor, id: string): Promise<AlertView> {
  authorise(actor, 'update', 'compound');
  return change(app, actor, id, 'dismissed');
}
