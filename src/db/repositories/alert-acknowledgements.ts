/**
 * Per-organisation acknowledgement of shared alerts (alerts.organisation_id NULL): the only SQL
 * touching alert_acknowledgements. Used by the casework (/api/alerts) and monitoring alert repositories.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../transaction.ts';

/** The alert's status as `organisationId` sees it (see core/alerts/shared-alerts.ts sharedAlertStatusFor). */
export function statusSeenBy(organisationId: string | null): RawBuilder<string> {
  return sql<string>`(CASE WHEN alerts.organisation_id IS NULL AND alerts.status = 'open' AND EXISTS (
    SELECT 1 FROM alert_acknowledgements k WHERE k.alert_id = alerts.id AND k.organisation_id = ${organisationId}::uuid) THEN 'acknowledged' ELSE alerts.status END)`;
}

/** Who acknowledged it for `organisationId` (shared alerts), else the alert's own columns. */
export function acknowledgementSeenBy(organisationId: string | null): {
  by: RawBuilder<string | null>;
  at: RawBuilder<string | null>;
} {
  const own = (column: 'acknowledged_by' | 'acknowledged_at') => sql<
    string | null
  >`(CASE WHEN alerts.organisation_id IS NULL AND alerts.status = 'open' THEN
    (SELECT k.${sql.ref(column)} FROM alert_acknowledgements k WHERE k.alert_id = alerts.id AND k.organisation_id = ${organisationId}::uuid) ELSE alerts.${sql.ref(column)} END)`;
  return { by: own('acknowledged_by'), at: own('acknowledged_at') };
}

export async function acknowledgeForOrganisation(
  trx: Queryable,
  alertId: string,
  organisationId: string,
  userId: string,
  at: string,
): Promise<void> {
  await trx
    .insertInto('alert_acknowledgements')
    .values({ alert_id: alertId, organisation_id: organisationId, acknowledged_by: userId, acknowledged_at: at })
    .onConflict((oc) => oc.columns(['alert_id', 'organisation_id']).doNothing())
    .execute();
}

export async function withdrawAcknowledgement(trx: Queryable, alertId: string, organisationId: string): Promise<void> {
  await trx
    .deleteFrom('alert_acknowledgements')
    .where('alert_id', '=', alertId)
    .where('organisation_id', '=', organisationId)
    .execute();
}

export async function isAcknowledgedBy(trx: Queryable, alertId: string, organisationId: string): Promise<boolean> {
  return !!(await trx
    .selectFrom('alert_acknowledgements')
    .select('alert_id')
    .where('alert_id', '=', alertId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst());
}

/** The owner of a shared alert's subject: for a compound, the organisation that registered it; otherwise none. */
export async function sharedAlertOwner(
  trx: Queryable,
  subjectType: string,
  subjectId: string | null,
): Promise<string | null> {
  if (subjectType !== 'compound' || !subjectId || !/^[0-9a-f-]{36}$/i.test(subjectId)) return null;
  const r = await trx.selectFrom('compounds').select('organisation_id').where('id', '=', subjectId).executeTakeFirst();
  return r?.organisation_id ?? null;
}

/** Closing or reopening a shared alert for everyone (the acknowledgement columns stay with per-organisation rows). */
export async function setSharedAlertStatus(
  trx: Queryable,
  alertId: string,
  status: 'open' | 'dismissed',
  by: string,
  at: string,
): Promise<void> {
  await trx
    .updateTable('alerts')
    .set({
      status,
      updated_at: at,
      acknowledged_by: status === 'dismissed' ? by : null,
      acknowledged_at: status === 'dismissed' ? at : null,
    })
    .where('id', '=', alertId)
    .where('organisation_id', 'is', null)
    .execute();
}
