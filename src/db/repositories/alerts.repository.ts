/**
 * Alerts, casework and monitoring alike: the only SQL touching `alerts` and `alert_acknowledgements`.
 * An alert belongs to one organisation, or is shared (organisation_id NULL: every signed-in
 * organisation sees it and acknowledges it for itself; closing it is for everyone). Severity, rank
 * and the sort order come from core/alerts/rank.ts, the kinds from core/vocabulary.ts.
 */
import { sql, type RawBuilder } from 'kysely';
import { ALERT_SORT_KEYS, type AlertSeverity } from '../../core/alerts/rank.ts';
import type { AlertStatus } from '../../core/alerts/shared-alerts.ts';
import type { AlertKind } from '../../core/vocabulary.ts';
import type { Queryable } from '../transaction.ts';

/** details.audience of an alert meant for an organisation's administrators only (e.g. matching_probe). */
export const ADMINISTRATORS_AUDIENCE = 'administrators';

/** What a producer states about an alert; a stored row adds how its reader sees it. */
interface AlertFields {
  id: string;
  kind: AlertKind;
  /** Null for a shared alert. */
  organisationId: string | null;
  severity: AlertSeverity;
  rank: number;
  title: string;
  dedupeKey: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
}

export interface AlertRow extends AlertFields {
  /** As the reading organisation sees it: a shared alert is acknowledged per organisation. */
  status: AlertStatus;
  /** Open, acknowledged or closed for everyone. */
  globalStatus: AlertStatus;
  createdAt: string;
  updatedAt: string;
  /** Who acknowledged it for the reading organisation (shared alerts), or for its own organisation. */
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  /** For a shared compound alert: the organisation that registered the compound, which may close it for everyone. */
  ownerOrganisationId: string | null;
}

export interface AlertUpsert extends AlertFields {
  at: string;
}

/** What an upsert stored: the alert's id (the existing one when its dedupe key was known) and whether it is new. */
export interface StoredAlert {
  id: string;
  dedupeKey: string;
  inserted: boolean;
}

/**
 * Inserts alerts by dedupe_key. An existing alert keeps its id, status and acknowledgements (a
 * dismissed alert stays dismissed); with `onExisting: 'refresh'` its severity, rank, title, details
 * and time are refreshed, with 'keep' it is left untouched and not returned (for alerts whose every
 * change would itself disclose something).
 */
export async function upsertAlerts(
  trx: Queryable,
  alerts: readonly AlertUpsert[],
  onExisting: 'refresh' | 'keep' = 'refresh',
): Promise<StoredAlert[]> {
  if (alerts.length === 0) return [];
  const rows = await trx
    .insertInto('alerts')
    .values(
      alerts.map((a) => ({
        id: a.id,
        kind: a.kind,
        organisation_id: a.organisationId,
        severity: a.severity,
        rank: a.rank,
        title: a.title,
        dedupe_key: a.dedupeKey,
        subject_type: a.subjectType,
        subject_id: a.subjectId,
        details: JSON.stringify(a.details),
        created_at: a.at,
        updated_at: a.at,
      })),
    )
    .onConflict((oc) =>
      onExisting === 'keep'
        ? oc.column('dedupe_key').doNothing()
        : oc.column('dedupe_key').doUpdateSet((eb) => ({
            severity: eb.ref('excluded.severity'),
            rank: eb.ref('excluded.rank'),
            title: eb.ref('excluded.title'),
            details: eb.ref('excluded.details'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
    )
    // xmax is 0 on a freshly inserted row version, and set on one an ON CONFLICT update rewrote.
    .returning(['id', 'dedupe_key', sql<boolean>`(xmax = 0)`.as('inserted')])
    .execute();
  return rows.map((r) => ({ id: r.id, dedupeKey: r.dedupe_key, inserted: r.inserted }));
}

/** The alert's status as `organisationId` sees it (see core/alerts/shared-alerts.ts sharedAlertStatusFor). */
function statusSeenBy(organisationId: string | null): RawBuilder<string> {
  return sql<string>`(CASE WHEN alerts.organisation_id IS NULL AND alerts.status = 'open' AND EXISTS (
    SELECT 1 FROM alert_acknowledgements k WHERE k.alert_id = alerts.id AND k.organisation_id = ${organisationId}::uuid) THEN 'acknowledged' ELSE alerts.status END)`;
}

/** Who acknowledged it for `organisationId` (shared alerts), else the alert's own columns. */
function acknowledgementSeenBy(organisationId: string | null, column: 'acknowledged_by' | 'acknowledged_at') {
  return sql<string | null>`(CASE WHEN alerts.organisation_id IS NULL AND alerts.status = 'open' THEN
    (SELECT k.${sql.ref(column)} FROM alert_acknowledgements k WHERE k.alert_id = alerts.id AND k.organisation_id = ${organisationId}::uuid) ELSE alerts.${sql.ref(column)} END)`;
}

/**
 * Every column, as `organisationId` sees it: its own acknowledgement of each shared alert, and the owner of its
 * compound.
 */
function seenBy(trx: Queryable, organisationId: string | null) {
  return trx
    .selectFrom('alerts')
    .select([
      'id',
      'kind',
      'organisation_id',
      'severity',
      'rank',
      'title',
      'dedupe_key',
      'subject_type',
      'subject_id',
      'details',
      'created_at',
      'updated_at',
      'alerts.status as global_status',
    ])
    .select([
      statusSeenBy(organisationId).as('status'),
      acknowledgementSeenBy(organisationId, 'acknowledged_by').as('acknowledged_by'),
      acknowledgementSeenBy(organisationId, 'acknowledged_at').as('acknowledged_at'),
      sql<
        string | null
      >`(SELECT c.organisation_id FROM compounds c WHERE alerts.subject_type = 'compound' AND c.id::text = alerts.subject_id)`.as(
        'owner_organisation_id',
      ),
    ]);
}

interface SeenRow {
  id: string;
  kind: string;
  organisation_id: string | null;
  severity: string;
  rank: number;
  title: string;
  dedupe_key: string;
  subject_type: string;
  subject_id: string | null;
  details: unknown;
  created_at: string;
  updated_at: string;
  global_status: string;
  status: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  owner_organisation_id: string | null;
}

// The table's CHECK constraints keep kind, severity and status to these vocabularies.
const toAlertRow = (r: SeenRow): AlertRow => ({
  id: r.id,
  kind: r.kind as AlertKind,
  organisationId: r.organisation_id,
  severity: r.severity as AlertSeverity,
  rank: r.rank,
  title: r.title,
  dedupeKey: r.dedupe_key,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  details: (r.details ?? {}) as Record<string, unknown>,
  status: r.status as AlertStatus,
  globalStatus: r.global_status as AlertStatus,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  acknowledgedBy: r.acknowledged_by,
  // Read through a subquery, so normalised here to the ISO form the table's own columns have.
  acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null,
  ownerOrganisationId: r.owner_organisation_id,
});

/**
 * Alerts by id as `organisationId` sees them (row-level security decides which exist for the reader), in list order.
 */
export async function findAlerts(
  trx: Queryable,
  ids: readonly string[],
  organisationId: string | null,
  kinds?: readonly AlertKind[],
): Promise<AlertRow[]> {
  if (ids.length === 0) return [];
  return listAlerts(trx, { organisationId, ids, kinds, administrator: true });
}

/** The keyset of ALERT_SORT_KEYS: a page starts after this alert. */
export interface AlertCursor {
  rank: number;
  createdAt: string;
  id: string;
}

export interface AlertFilter {
  /**
   * The reader's organisation (null: a system reader, which sees every shared alert as open or closed for everyone).
   */
  organisationId: string | null;
  ids?: readonly string[];
  /** As the reader sees them. */
  statuses?: readonly AlertStatus[];
  kinds?: readonly AlertKind[];
  subjectId?: string;
  /** Whether the reader is an administrator: only then are alerts for administrators included. */
  administrator: boolean;
  after?: AlertCursor;
  limit?: number;
}

/** Most urgent first (ALERT_SORT_KEYS), keyset-paginated. */
export async function listAlerts(trx: Queryable, f: AlertFilter): Promise<AlertRow[]> {
  let q = seenBy(trx, f.organisationId);
  if (f.ids) q = q.where('id', 'in', [...f.ids]);
  if (!f.administrator) q = q.where(sql<boolean>`coalesce(details->>'audience', '') <> ${ADMINISTRATORS_AUDIENCE}`);
  if (f.statuses?.length) q = q.where(statusSeenBy(f.organisationId), 'in', [...f.statuses]);
  if (f.kinds?.length) q = q.where('kind', 'in', [...f.kinds]);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  // Every key of ALERT_SORT_KEYS sorts descending, so "after" is a row-value comparison with <.
  if (f.after)
    q = q.where(
      sql<boolean>`(rank, created_at, id) < (${f.after.rank}::int, ${f.after.createdAt}::timestamptz, ${f.after.id}::uuid)`,
    );
  for (const key of ALERT_SORT_KEYS) {
    const [column, direction] = key.split(' ') as ['rank' | 'created_at' | 'id', 'asc' | 'desc'];
    q = q.orderBy(column, direction);
  }
  if (f.limit !== undefined) q = q.limit(f.limit);
  return (await q.execute()).map(toAlertRow);
}

/** Sets the status of an organisation's own alert (a shared one goes through setSharedAlertStatus). */
export async function setAlertStatus(
  trx: Queryable,
  id: string,
  status: AlertStatus,
  by: string | null,
  at: string,
): Promise<void> {
  await trx
    .updateTable('alerts')
    .set({
      status,
      updated_at: at,
      acknowledged_by: status === 'open' ? null : by,
      acknowledged_at: status === 'open' ? null : at,
    })
    .where('id', '=', id)
    .execute();
}

// ---- shared alerts: acknowledged per organisation, closed or reopened for everyone ----

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
