/** Monitoring alerts in the shared `alerts` table (organisation_id NULL: visible to every signed-in organisation; acknowledged per organisation). */
import { sql } from 'kysely';
import type { Queryable } from '../../transaction.ts';
import { acknowledgementSeenBy, statusSeenBy } from '../alert-acknowledgements.ts';

export const MONITORING_ALERT_KINDS = [
  'mass_exit',
  'raid_without_rescues',
  'possible_theatre_raid',
  'possible_relocation',
] as const;
export type MonitoringAlertKind = (typeof MONITORING_ALERT_KINDS)[number];

export interface AlertDetails {
  compoundId: string;
  relatedCompoundIds: string[];
  date: string;
  eventIds: string[];
  evidenceIds: string[];
}

export interface AlertRow {
  id: string;
  kind: MonitoringAlertKind;
  severity: 'info' | 'low' | 'medium' | 'high' | 'urgent';
  rank: number;
  title: string;
  dedupeKey: string;
  details: AlertDetails;
  status: 'open' | 'acknowledged' | 'dismissed';
  createdAt: string;
  updatedAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  /** Closed or open for everyone (status above is as the reading organisation sees it). */
  globalStatus: 'open' | 'acknowledged' | 'dismissed';
  subjectId: string | null;
  /** The organisation that registered the alert's compound: it may close the shared alert for everyone. */
  ownerOrganisationId: string | null;
}

export interface AlertUpsert {
  id: string;
  kind: MonitoringAlertKind;
  severity: AlertRow['severity'];
  rank: number;
  title: string;
  dedupeKey: string;
  subjectId: string;
  details: AlertDetails;
  at: string;
}

const COLUMNS = [
  'id',
  'kind',
  'severity',
  'rank',
  'title',
  'dedupe_key',
  'details',
  'status',
  'created_at',
  'updated_at',
  'acknowledged_by',
  'acknowledged_at',
  'subject_id',
] as const;
type Raw = {
  id: string;
  kind: string;
  severity: string;
  rank: number;
  title: string;
  dedupe_key: string;
  details: unknown;
  status: string;
  created_at: string;
  updated_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  subject_id: string | null;
  global_status?: string;
  owner_organisation_id?: string | null;
};
const fromRow = (r: Raw): AlertRow => ({
  id: r.id,
  kind: r.kind as MonitoringAlertKind,
  severity: r.severity as AlertRow['severity'],
  rank: r.rank,
  title: r.title,
  dedupeKey: r.dedupe_key,
  details: r.details as AlertDetails,
  status: r.status as AlertRow['status'],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  acknowledgedBy: r.acknowledged_by,
  acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null,
  globalStatus: (r.global_status ?? r.status) as AlertRow['status'],
  subjectId: r.subject_id,
  ownerOrganisationId: r.owner_organisation_id ?? null,
});

/** The alerts as `organisationId` sees them: its own acknowledgement of each shared alert, and the owner of its compound. */
function seenBy(trx: Queryable, organisationId: string) {
  const ack = acknowledgementSeenBy(organisationId);
  return trx
    .selectFrom('alerts')
    .select([
      'id',
      'kind',
      'severity',
      'rank',
      'title',
      'dedupe_key',
      'details',
      'created_at',
      'updated_at',
      'subject_id',
    ])
    .select([
      statusSeenBy(organisationId).as('status'),
      ack.by.as('acknowledged_by'),
      ack.at.as('acknowledged_at'),
      'alerts.status as global_status',
    ])
    .select(
      sql<string | null>`(SELECT c.organisation_id FROM compounds c WHERE c.id::text = alerts.subject_id)`.as(
        'owner_organisation_id',
      ),
    )
    .where('kind', 'in', [...MONITORING_ALERT_KINDS])
    .where('organisation_id', 'is', null);
}

/** Insert, or refresh an existing alert with the same key (its status and acknowledgement are kept). Returns the stored rows. */
export async function upsertAlerts(trx: Queryable, alerts: readonly AlertUpsert[]): Promise<AlertRow[]> {
  if (alerts.length === 0) return [];
  const rows = await trx
    .insertInto('alerts')
    .values(
      alerts.map((a) => ({
        id: a.id,
        kind: a.kind,
        organisation_id: null,
        severity: a.severity,
        rank: a.rank,
        title: a.title,
        dedupe_key: a.dedupeKey,
        subject_type: 'compound',
        subject_id: a.subjectId,
        details: JSON.stringify(a.details),
        created_at: a.at,
        updated_at: a.at,
      })),
    )
    .onConflict((oc) =>
      oc.column('dedupe_key').doUpdateSet((eb) => ({
        severity: eb.ref('excluded.severity'),
        rank: eb.ref('excluded.rank'),
        title: eb.ref('excluded.title'),
        details: eb.ref('excluded.details'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning(COLUMNS)
    .execute();
  return rows.map((r) => fromRow(r as Raw));
}

export async function findAlert(trx: Queryable, id: string, organisationId: string): Promise<AlertRow | null> {
  const r = await seenBy(trx, organisationId).where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r as Raw) : null;
}

export async function findAlertsByIds(
  trx: Queryable,
  ids: readonly string[],
  organisationId: string,
): Promise<AlertRow[]> {
  if (ids.length === 0) return [];
  const rows = await seenBy(trx, organisationId)
    .where('id', 'in', [...ids])
    .orderBy('rank', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => fromRow(r as Raw));
}

/** Ranked: highest rank first, then id; keyset-paginated on (rank, id). */
export async function listAlerts(
  trx: Queryable,
  f: {
    organisationId: string;
    status: AlertRow['status'] | 'any';
    compoundId?: string;
    limit: number;
    after?: { rank: number; id: string };
  },
): Promise<AlertRow[]> {
  let q = seenBy(trx, f.organisationId);
  if (f.status !== 'any') q = q.where(statusSeenBy(f.organisationId), '=', f.status);
  if (f.compoundId) q = q.where('subject_id', '=', f.compoundId);
  if (f.after)
    q = q.where((eb) =>
      eb.or([eb('rank', '<', f.after!.rank), eb.and([eb('rank', '=', f.after!.rank), eb('id', '>', f.after!.id)])]),
    );
  const rows = await q.orderBy('rank', 'desc').orderBy('id').limit(f.limit).execute();
  return rows.map((r) => fromRow(r as Raw));
}

export async function countMonitoringAlerts(trx: Queryable): Promise<number> {
  const r = await trx
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', 'in', [...MONITORING_ALERT_KINDS])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
