/** Monitoring alerts in the shared `alerts` table (organisation_id NULL: visible to every signed-in organisation). */
import type { Queryable } from '../../transaction.ts';

export const MONITORING_ALERT_KINDS = ['mass_exit', 'raid_without_rescues', 'possible_theatre_raid', 'possible_relocation'] as const;
export type MonitoringAlertKind = (typeof MONITORING_ALERT_KINDS)[number];

export interface AlertDetails { compoundId: string; relatedCompoundIds: string[]; date: string; eventIds: string[]; evidenceIds: string[] }

export interface AlertRow {
  id: string; kind: MonitoringAlertKind; severity: 'info' | 'low' | 'medium' | 'high' | 'urgent'; rank: number; title: string; dedupeKey: string;
  details: AlertDetails; status: 'open' | 'acknowledged' | 'dismissed'; createdAt: string; updatedAt: string;
  acknowledgedBy: string | null; acknowledgedAt: string | null;
}

export interface AlertUpsert { id: string; kind: MonitoringAlertKind; severity: AlertRow['severity']; rank: number; title: string; dedupeKey: string; subjectId: string; details: AlertDetails; at: string }

const COLUMNS = ['id', 'kind', 'severity', 'rank', 'title', 'dedupe_key', 'details', 'status', 'created_at', 'updated_at', 'acknowledged_by', 'acknowledged_at'] as const;
type Raw = { id: string; kind: string; severity: string; rank: number; title: string; dedupe_key: string; details: unknown; status: string;
  created_at: string; updated_at: string; acknowledged_by: string | null; acknowledged_at: string | null };
const fromRow = (r: Raw): AlertRow => ({
  id: r.id, kind: r.kind as MonitoringAlertKind, severity: r.severity as AlertRow['severity'], rank: r.rank, title: r.title, dedupeKey: r.dedupe_key,
  details: r.details as AlertDetails, status: r.status as AlertRow['status'], createdAt: r.created_at, updatedAt: r.updated_at,
  acknowledgedBy: r.acknowledged_by, acknowledgedAt: r.acknowledged_at,
});

/** Insert, or refresh an existing alert with the same key (its status and acknowledgement are kept). Returns the stored rows. */
export async function upsertAlerts(trx: Queryable, alerts: readonly AlertUpsert[]): Promise<AlertRow[]> {
  if (alerts.length === 0) return [];
  const rows = await trx.insertInto('alerts').values(alerts.map((a) => ({
    id: a.id, kind: a.kind, organisation_id: null, severity: a.severity, rank: a.rank, title: a.title, dedupe_key: a.dedupeKey,
    subject_type: 'compound', subject_id: a.subjectId, details: JSON.stringify(a.details), created_at: a.at, updated_at: a.at,
  }))).onConflict((oc) => oc.column('dedupe_key').doUpdateSet((eb) => ({
    severity: eb.ref('excluded.severity'), rank: eb.ref('excluded.rank'), title: eb.ref('excluded.title'),
    details: eb.ref('excluded.details'), updated_at: eb.ref('excluded.updated_at'),
  }))).returning(COLUMNS).execute();
  return rows.map((r) => fromRow(r as Raw));
}

export async function findAlert(trx: Queryable, id: string): Promise<AlertRow | null> {
  const r = await trx.selectFrom('alerts').select(COLUMNS).where('id', '=', id).where('kind', 'in', [...MONITORING_ALERT_KINDS]).where('organisation_id', 'is', null).executeTakeFirst();
  return r ? fromRow(r as Raw) : null;
}

export async function acknowledgeAlert(trx: Queryable, id: string, by: string, at: string): Promise<void> {
  await trx.updateTable('alerts').set({ status: 'acknowledged', acknowledged_by: by, acknowledged_at: at, updated_at: at }).where('id', '=', id).execute();
}

/** Ranked: highest rank first, then id; keyset-paginated on (rank, id). */
export async function listAlerts(trx: Queryable, f: { status: AlertRow['status'] | 'any'; compoundId?: string; limit: number; after?: { rank: number; id: string } }): Promise<AlertRow[]> {
  let q = trx.selectFrom('alerts').select(COLUMNS).where('kind', 'in', [...MONITORING_ALERT_KINDS]).where('organisation_id', 'is', null);
  if (f.status !== 'any') q = q.where('status', '=', f.status);
  if (f.compoundId) q = q.where('subject_id', '=', f.compoundId);
  if (f.after) q = q.where((eb) => eb.or([eb('rank', '<', f.after!.rank), eb.and([eb('rank', '=', f.after!.rank), eb('id', '>', f.after!.id)])]));
  const rows = await q.orderBy('rank', 'desc').orderBy('id').limit(f.limit).execute();
  return rows.map((r) => fromRow(r as Raw));
}

export async function countMonitoringAlerts(trx: Queryable): Promise<number> {
  const r = await trx.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', 'in', [...MONITORING_ALERT_KINDS]).executeTakeFirstOrThrow();
  return Number(r.n);
}
