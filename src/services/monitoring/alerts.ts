/** Monitoring alerts: ranked list and acknowledgement. Raised by derived-status.ts. */
import type { AlertList, AlertView } from '../../contracts/monitoring/events.ts';
import { acknowledgeAlert, findAlert, listAlerts, type AlertRow } from '../../db/repositories/monitoring/alerts.ts';
import { asActor } from '../../db/transaction.ts';
import { audit } from '../audit.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { authorise, decodeCursor, encodeCursor } from './access.ts';
import { presentAlert } from './compound-presenters.ts';

export async function listMonitoringAlerts(app: AppContext, actor: RequestActor, q: { limit: number; cursor?: string; status: AlertRow['status'] | 'any'; compoundId?: string }): Promise<AlertList> {
  authorise(actor, 'read', 'compound');
  const after = decodeCursor(q.cursor, { r: 'number', i: 'uuid' });
  const rows = await asActor(app.database, actor, (trx) => listAlerts(trx, { status: q.status, compoundId: q.compoundId, limit: q.limit + 1, after: after ? { rank: Number(after.r), id: String(after.i) } : undefined }));
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page.map(presentAlert), nextCursor: rows.length > q.limit && last ? encodeCursor({ r: last.rank, i: last.id }) : null };
}

export async function acknowledgeMonitoringAlert(app: AppContext, actor: RequestActor, id: string): Promise<AlertView> {
  authorise(actor, 'update', 'compound');
  return asActor(app.database, actor, async (trx) => {
    const alert = await findAlert(trx, id);
    if (!alert) throw notFound('alert');
    if (alert.status !== 'open') throw conflict(`this alert is already ${alert.status}`);
    await acknowledgeAlert(trx, id, actor.userId, app.now().toISOString());
    await audit(trx, app, actor, 'alert.acknowledge', 'alert', id, { kind: alert.kind });
    return presentAlert((await findAlert(trx, id))!);
  });
}
