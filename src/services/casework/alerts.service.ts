import { can, scopeFor } from '../../core/permissions/matrix.ts';
import { z } from 'zod';
import { Message } from '../../contracts/common.ts';
import type { AlertView } from '../../contracts/casework/alerts.ts';
import {
  ADMINISTRATORS_AUDIENCE,
  findAlerts,
  listAlerts,
  setAlertStatus,
  type AlertRow,
} from '../../db/repositories/alerts.repository.ts';
import { asActor } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { decodeCursor, encodeCursor } from './access.service.ts';
import { changeSharedAlert } from '../shared-alerts.service.ts';
import type { AlertStatus } from '../../core/alerts/shared-alerts.ts';
import { ALERT_KINDS, type AlertKind } from '../../core/vocabulary.ts';
import { NETWORK_ALERT_KINDS } from '../../core/alerts/kinds.ts';

/** Messages stored in an alert's details beside its English title and reasons (none on older rows). */
function storedMessages(details: unknown): Pick<AlertView, 'titleMessage' | 'reasonMessages'> {
  const d = details as { titleMessage?: unknown; reasonMessages?: unknown; reasons?: unknown };
  const title = Message.safeParse(d.titleMessage);
  const reasons = z.array(Message).safeParse(d.reasonMessages);
  const sameLength = Array.isArray(d.reasons) && reasons.success && reasons.data.length === d.reasons.length;
  return { titleMessage: title.success ? title.data : null, reasonMessages: sameLength ? reasons.data : [] };
}

const present = (a: AlertRow): AlertView => ({
  id: a.id,
  kind: a.kind,
  severity: a.severity,
  title: a.title,
  status: a.status,
  subjectType: a.subjectType,
  subjectId: a.subjectId,
  shared: a.organisationId === null,
  reasons: Array.isArray((a.details as { reasons?: unknown }).reasons)
    ? (a.details as { reasons: unknown[] }).reasons.filter((r): r is string => typeof r === 'string')
    : [],
  ...storedMessages(a.details),
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

/**
 * Anyone who works cases or watches compounds sees alerts; row-level security keeps them to their organisation's and
 * shared ones.
 */
function mayUseAlerts(actor: RequestActor): void {
  if (!can(actor.roles, 'read', 'case') && !can(actor.roles, 'read', 'compound'))
    throw forbidden('your role does not receive alerts');
}

/**
 * Alerts for an organisation's administrators only (e.g. a probing pattern by one of its accounts, which that account
 * must not see).
 */
const isAdministrator = (actor: RequestActor): boolean => actor.roles.includes('admin');
const isAdministratorsOnly = (a: AlertRow): boolean =>
  (a.details as { audience?: unknown }).audience === ADMINISTRATORS_AUDIENCE;

/**
 * The kinds this seat may list: network alerts (a sanctions hit names an entity) only for seats that read entities;
 * `wanted` narrows further.
 */
function kindsFor(actor: RequestActor, wanted: readonly AlertKind[] | undefined): AlertKind[] | undefined {
  if (scopeFor(actor.roles, 'read', 'entity') === 'all') return wanted ? [...wanted] : undefined;
  return (wanted ?? ALERT_KINDS).filter((k) => !(NETWORK_ALERT_KINDS as readonly AlertKind[]).includes(k));
}

export async function alertsFor(
  app: AppContext,
  actor: RequestActor,
  q: { status?: AlertStatus[]; kind?: AlertKind[]; limit: number; cursor?: string },
) {
  mayUseAlerts(actor);
  const after = decodeCursor(q.cursor, ['number', 'instant', 'uuid']);
  const kinds = kindsFor(actor, q.kind);
  const rows = await asActor(app.database, actor, (trx) =>
    kinds?.length === 0
      ? Promise.resolve([])
      : listAlerts(trx, {
          organisationId: actor.organisationId,
          statuses: q.status,
          kinds,
          limit: q.limit,
          after: after ? { rank: Number(after[0]), createdAt: String(after[1]), id: String(after[2]) } : undefined,
          administrator: isAdministrator(actor),
        }),
  );
  const last = rows[rows.length - 1];
  return {
    items: rows.map(present),
    nextCursor: rows.length === q.limit && last ? encodeCursor([last.rank, last.createdAt, last.id]) : null,
  };
}

export async function changeAlertStatus(
  app: AppContext,
  actor: RequestActor,
  alertId: string,
  status: 'open' | 'acknowledged' | 'dismissed',
): Promise<AlertView> {
  mayUseAlerts(actor);
  return asActor(app.database, actor, async (trx) => {
    const [a] = await findAlerts(trx, [alertId], actor.organisationId);
    if (!a || (isAdministratorsOnly(a) && !isAdministrator(actor)) || !(kindsFor(actor, [a.kind])?.length ?? 1))
      throw notFound('alert');
    if (a.organisationId === null) {
      // Shared: acknowledged per organisation; closed or reopened for everyone only by its owner or coordination.
      await changeSharedAlert(
        trx,
        app,
        actor,
        { id: a.id, subjectType: a.subjectType, subjectId: a.subjectId, globalStatus: a.globalStatus },
        status,
      );
      return present((await findAlerts(trx, [alertId], actor.organisationId))[0]!);
    }
    if (a.status === status) throw conflict(`the alert is already ${status}`);
    const at = app.now().toISOString();
    await setAlertStatus(trx, alertId, status, actor.userId, at);
    await audit(trx, app, actor, 'alert.status', 'alert', alertId, { from: a.status, to: status });
    return present({ ...a, status, updatedAt: at });
  });
}
