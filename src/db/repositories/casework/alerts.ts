import { sql, type Selectable } from 'kysely';
import type { AlertSeverity } from '../../../core/alerts/rank.ts';
import type { AlertStatus } from '../../../core/alerts/shared-alerts.ts';
import type { AlertKind } from '../../../core/vocabulary.ts';
import type { AlertsTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';
import { statusSeenBy } from '../alert-acknowledgements.ts';

export interface AlertUpsert {
  id: string;
  kind: string;
  organisationId: string | null;
  severity: string;
  rank: number;
  title: string;
  dedupeKey: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
  at: string;
}

/** Insert or refresh by dedupe_key; returns true when the alert is new. A dismissed alert stays dismissed. */
export async function upsertAlert(trx: Queryable, a: AlertUpsert): Promise<boolean> {
  const { rows } = await sql<{ inserted: boolean }>`
    INSERT INTO alerts (id, kind, organisation_id, severity, rank, title, dedupe_key, subject_type, subject_id, details, created_at, updated_at)
    VALUES (${a.id}, ${a.kind}, ${a.organisationId}, ${a.severity}, ${a.rank}, ${a.title}, ${a.dedupeKey}, ${a.subjectType}, ${a.subjectId},
            ${JSON.stringify(a.details)}::jsonb, ${a.at}::timestamptz, ${a.at}::timestamptz)
    ON CONFLICT (dedupe_key) DO UPDATE SET severity = excluded.severity, rank = excluded.rank, title = excluded.title,
      details = excluded.details, updated_at = excluded.updated_at
    RETURNING (xmax = 0) AS inserted`.execute(trx);
  return rows[0]?.inserted === true;
}

/**
 * Inserts the alert unless one with its dedupe_key exists, and leaves an existing one untouched (no
 * refreshed time or details): for alerts whose every change would itself disclose something.
 * Returns true when the alert is new.
 */
export async function insertAlertOnce(trx: Queryable, a: AlertUpsert): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO alerts (id, kind, organisation_id, severity, rank, title, dedupe_key, subject_type, subject_id, details, created_at, updated_at)
    VALUES (${a.id}, ${a.kind}, ${a.organisationId}, ${a.severity}, ${a.rank}, ${a.title}, ${a.dedupeKey}, ${a.subjectType}, ${a.subjectId},
            ${JSON.stringify(a.details)}::jsonb, ${a.at}::timestamptz, ${a.at}::timestamptz)
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`.execute(trx);
  return rows.length > 0;
}

/** details.audience of an alert meant for an organisation's administrators only (e.g. matching_probe). */
export const ADMINISTRATORS_AUDIENCE = 'administrators';

export interface AlertRow {
  id: string;
  kind: AlertKind;
  organisationId: string | null;
  severity: AlertSeverity;
  rank: number;
  title: string;
  status: AlertStatus;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  /** For a shared alert: open or closed for everyone (`status` is as the reading organisation sees it). */
  globalStatus: AlertStatus;
}

type SeenRow = Omit<Selectable<AlertsTable>, 'status'> & { status: AlertStatus; global_status: AlertStatus };
const alertFrom = (r: SeenRow): AlertRow => ({
  id: r.id,
  kind: r.kind,
  organisationId: r.organisation_id,
  severity: r.severity,
  rank: r.rank,
  title: r.title,
  status: r.status,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  details: r.details ?? {},
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  globalStatus: r.global_status,
});

/** Every column, with `status` as the reading organisation sees it (shared alerts are acknowledged per organisation). */
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
      'acknowledged_by',
      'acknowledged_at',
    ])
    .select([statusSeenBy(organisationId).$castTo<AlertStatus>().as('status'), 'alerts.status as global_status']);
}

export async function listAlerts(
  trx: Queryable,
  f: {
    organisationId: string | null;
    statuses?: AlertStatus[];
    kinds?: AlertKind[];
    limit: number;
    after?: { rank: number; createdAt: string; id: string };
    administrator?: boolean;
  },
): Promise<AlertRow[]> {
  let q = seenBy(trx, f.organisationId);
  if (!f.administrator) q = q.where(sql<boolean>`coalesce(details->>'audience', '') <> ${ADMINISTRATORS_AUDIENCE}`);
  if (f.statuses?.length) q = q.where(statusSeenBy(f.organisationId), 'in', f.statuses);
  if (f.kinds?.length) q = q.where('kind', 'in', f.kinds);
  if (f.after)
    q = q.where(
      sql<boolean>`(rank, created_at, id) < (${f.after.rank}::int, ${f.after.createdAt}::timestamptz, ${f.after.id}::uuid)`,
    );
  return (
    await q.orderBy('rank', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute()
  ).map(alertFrom);
}

export async function findAlert(
  trx: Queryable,
  id: string,
  organisationId: string | null,
): Promise<AlertRow | undefined> {
  const r = await seenBy(trx, organisationId).where('id', '=', id).executeTakeFirst();
  return r ? alertFrom(r) : undefined;
}

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
