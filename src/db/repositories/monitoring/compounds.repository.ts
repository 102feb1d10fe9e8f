/** Compounds: the only SQL touching the compounds table. */
import { sql, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Schema } from '../../schema.ts';
import type { CompoundStatus } from '../../../core/vocabulary.ts';
import type { CompoundOperator } from '../../../core/compounds/compound-types.ts';
import type { FootprintGeometry, PointGeometry } from '../../../core/geo/geojson-types.ts';
import type { TimelineEntry } from '../../../core/compounds/timeline.ts';
import type { CompoundName, CompoundsTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';

export type { CompoundName };

export interface CompoundRow {
  id: string;
  names: CompoundName[];
  aliases: string[];
  province: string | null;
  district: string | null;
  point: PointGeometry | null;
  footprint: FootprintGeometry | null;
  operators: CompoundOperator[];
  notes: string | null;
  externalRef: string | null;
  /** ISO 3166-1 alpha-2 (migration 0014). */
  country: string;
  status: CompoundStatus;
  statusSince: string | null;
  statusConfidence: number | null;
  timeline: TimelineEntry[];
  createdAt: string;
  updatedAt: string;
  /** Raised by every update (0018): what an editor sends back in If-Match. */
  version: number;
}

export interface CompoundWrite {
  id: string;
  names: CompoundName[];
  aliases: string[];
  province: string | null;
  district: string | null;
  point: PointGeometry | null;
  footprint: FootprintGeometry | null;
  operators: CompoundOperator[];
  notes: string | null;
  externalRef: string | null;
  /** ISO 3166-1 alpha-2; Cambodia ('KH') when omitted. */
  country?: string;
  createdBy: string | null;
  isDemo?: boolean;
  at: string;
  /** The registering organisation (owner of its shared alerts); set on insert only. */
  organisationId?: string | null;
}

const COLUMNS = [
  'id',
  'names',
  'aliases',
  'province',
  'district',
  'point',
  'footprint',
  'operators',
  'notes',
  'external_ref',
  'country',
  'status',
  'status_since',
  'status_confidence',
  'timeline',
  'created_at',
  'updated_at',
  'version',
] as const;

type Raw = Pick<Selectable<CompoundsTable>, (typeof COLUMNS)[number]>;

function fromRow(r: Raw): CompoundRow {
  return {
    id: r.id,
    names: r.names,
    aliases: r.aliases,
    province: r.province,
    district: r.district,
    point: r.point ?? null,
    footprint: r.footprint ?? null,
    operators: r.operators,
    notes: r.notes,
    externalRef: r.external_ref,
    country: r.country,
    status: r.status,
    statusSince: r.status_since,
    statusConfidence: r.status_confidence,
    timeline: r.timeline,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** Lower-cased names, aliases and place, for one ILIKE filter. */
function searchText(c: Pick<CompoundWrite, 'names' | 'aliases' | 'province' | 'district'>): string {
  return [...c.names.map((n) => n.name), ...c.aliases, c.province ?? '', c.district ?? '']
    .join(' \u2022 ')
    .toLowerCase();
}

function values(c: CompoundWrite) {
  return {
    names: JSON.stringify(c.names),
    aliases: c.aliases,
    search_text: searchText(c),
    province: c.province,
    district: c.district,
    point: c.point ? JSON.stringify(c.point) : null,
    footprint: c.footprint ? JSON.stringify(c.footprint) : null,
    operators: JSON.stringify(c.operators),
    notes: c.notes,
    external_ref: c.externalRef,
    ...(c.country ? { country: c.country } : {}),
    updated_at: c.at,
  };
}

export async function insertCompounds(trx: Queryable, rows: readonly CompoundWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('compounds')
    .values(
      rows.map((c) => ({
        id: c.id,
        ...values(c),
        created_by: c.createdBy,
        organisation_id: c.organisationId ?? null,
        created_at: c.at,
        is_demo: c.isDemo ?? false,
      })),
    )
    .execute();
}

export async function updateCompound(trx: Queryable, c: CompoundWrite): Promise<void> {
  await trx.updateTable('compounds').set(values(c)).where('id', '=', c.id).execute();
}

/** Serialises changes of one compound (held until commit), so each change records the values it replaced. */
export async function lockCompound(trx: Queryable, id: string): Promise<number | null> {
  const r = await trx
    .selectFrom('compounds')
    .select('version')
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst();
  return r?.version ?? null;
}

export async function findCompound(trx: Queryable, id: string): Promise<CompoundRow | null> {
  const r = await trx.selectFrom('compounds').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : null;
}

export async function findCompoundsByIds(trx: Queryable, ids: readonly string[]): Promise<CompoundRow[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('compounds')
    .select(COLUMNS)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => fromRow(r));
}

export async function findCompoundIdsByExternalRef(
  trx: Queryable,
  refs: readonly string[],
): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const rows = await trx
    .selectFrom('compounds')
    .select(['id', 'external_ref'])
    .where('external_ref', 'in', [...refs])
    .execute();
  return new Map(rows.map((r) => [r.external_ref!, r.id]));
}

/** Every compound's names, aliases and country: the registration picker's candidates (a few hundred rows at most). */
export async function listCompoundNames(
  trx: Queryable,
): Promise<{ id: string; names: CompoundName[]; aliases: string[]; country: string; province: string | null }[]> {
  return trx.selectFrom('compounds').select(['id', 'names', 'aliases', 'country', 'province']).orderBy('id').execute();
}

/**
 * Per compound, survivors linked to it: everyone who left it (consented to statistics) and those of them with a case
 * still open or active ("in care"). Read as the system by the one service that suppresses the result.
 */
export async function countSurvivorsOfCompounds(
  trx: Queryable,
  compoundIds: readonly string[],
): Promise<Map<string, { exits: number; inCare: number }>> {
  if (compoundIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('survivors as s')
    .select((eb) => [
      's.compound_id',
      eb.fn.countAll<string>().as('exits'),
      sql<string>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cases c WHERE c.survivor_id = s.id AND c.status <> 'closed'))`.as(
        'in_care',
      ),
    ])
    .where('s.compound_id', 'in', [...compoundIds])
    .where('s.consent_statistics', '=', true)
    .groupBy('s.compound_id')
    .execute();
  return new Map(rows.map((r) => [r.compound_id!, { exits: Number(r.exits), inCare: Number(r.in_care) }]));
}

export interface CompoundListFilter {
  q?: string;
  province?: string;
  status?: CompoundStatus;
  limit: number;
  after?: { createdAt: string; id: string };
}

export interface CompoundListRow extends CompoundRow {
  evidenceCount: number;
  eventCount: number;
}

/** The list's filters (name/alias/place text, province, status), shared by the list and its count. */
function filtered<O>(
  q: SelectQueryBuilder<Schema, 'compounds', O>,
  f: Omit<CompoundListFilter, 'limit'>,
): SelectQueryBuilder<Schema, 'compounds', O> {
  let r = q;
  if (f.q) r = r.where('search_text', 'like', `%${f.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (f.province) r = r.where('province', '=', f.province);
  if (f.status) r = r.where('status', '=', f.status);
  return r;
}

/** How many compounds the list would show with these filters (an export's row count, known before the first row). */
export async function countCompoundsMatching(
  trx: Queryable,
  f: Omit<CompoundListFilter, 'limit' | 'after'>,
): Promise<number> {
  const r = await filtered(
    trx.selectFrom('compounds').select((eb) => eb.fn.countAll<number>().as('n')),
    f,
  ).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Newest first, keyset-paginated on (created_at, id); counts come from indexed subqueries. */
export async function listCompounds(trx: Queryable, f: CompoundListFilter): Promise<CompoundListRow[]> {
  let q = trx
    .selectFrom('compounds')
    .select(COLUMNS)
    .select(
      sql<number>`(SELECT count(*)::int FROM evidence e WHERE e.compound_id = compounds.id AND e.retracted_at IS NULL)`.as(
        'evidence_count',
      ),
    )
    .select(
      sql<number>`(SELECT count(*)::int FROM compound_events ev WHERE ev.compound_id = compounds.id AND ev.retracted_at IS NULL)`.as(
        'event_count',
      ),
    );
  q = filtered(q, f);
  if (f.after)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', f.after!.createdAt),
        eb.and([eb('created_at', '=', f.after!.createdAt), eb('id', '<', f.after!.id)]),
      ]),
    );
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({
    ...fromRow(r),
    evidenceCount: Number(r.evidence_count),
    eventCount: Number(r.event_count),
  }));
}

/** Everything the map and the rules need about every compound (hundreds of rows at most). */
export async function listAllCompounds(trx: Queryable): Promise<CompoundRow[]> {
  const rows = await trx.selectFrom('compounds').select(COLUMNS).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => fromRow(r));
}

export async function countCompounds(trx: Queryable): Promise<number> {
  const r = await trx
    .selectFrom('compounds')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function saveDerivedStatus(
  trx: Queryable,
  id: string,
  timeline: readonly TimelineEntry[],
  at: string,
): Promise<void> {
  const last = timeline[timeline.length - 1];
  await trx
    .updateTable('compounds')
    .set({
      timeline: JSON.stringify(timeline),
      status: last?.status ?? 'unknown',
      status_since: last?.from ?? null,
      status_confidence: last?.confidence ?? null,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}
