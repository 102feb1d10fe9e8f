import { sql, type Selectable } from 'kysely';
/** Events at compounds: the only SQL touching compound_events. */
import type { EventKind } from '../../../core/vocabulary.ts';
import type { EventCounts } from '../../../core/compounds/compound-types.ts';
import type { CompoundEventsTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';

export interface EventRow {
  id: string;
  compoundId: string;
  kind: EventKind;
  date: string;
  dateEnd: string | null;
  counts: EventCounts;
  nationalities: string[];
  confidence: number;
  evidenceIds: string[];
  statesEmptied: boolean;
  relocatedToCompoundId: string | null;
  description: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  retractedAt: string | null;
}

export interface EventWrite {
  id: string;
  compoundId: string;
  kind: EventKind;
  date: string;
  dateEnd: string | null;
  counts: EventCounts;
  nationalities: string[];
  confidence: number;
  evidenceIds: string[];
  statesEmptied: boolean;
  relocatedToCompoundId: string | null;
  description: string | null;
  createdBy: string | null;
  at: string;
  isDemo?: boolean;
}

const COLUMNS = [
  'id',
  'compound_id',
  'kind',
  'date',
  'date_end',
  'counts',
  'nationalities',
  'confidence',
  'evidence_ids',
  'states_emptied',
  'relocated_to',
  'description',
  'created_by',
  'created_at',
  'updated_at',
  'retracted_at',
] as const;

type Raw = Pick<Selectable<CompoundEventsTable>, (typeof COLUMNS)[number]>;

const fromRow = (r: Raw): EventRow => ({
  id: r.id,
  compoundId: r.compound_id,
  kind: r.kind,
  date: r.date,
  dateEnd: r.date_end,
  counts: r.counts,
  nationalities: r.nationalities,
  confidence: Number(r.confidence),
  evidenceIds: r.evidence_ids,
  statesEmptied: r.states_emptied,
  relocatedToCompoundId: r.relocated_to,
  description: r.description,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  retractedAt: r.retracted_at,
});

const values = (e: EventWrite) => ({
  compound_id: e.compoundId,
  kind: e.kind,
  date: e.date,
  date_end: e.dateEnd,
  counts: JSON.stringify(e.counts),
  nationalities: e.nationalities,
  confidence: e.confidence,
  evidence_ids: e.evidenceIds,
  states_emptied: e.statesEmptied,
  relocated_to: e.relocatedToCompoundId,
  description: e.description,
  updated_at: e.at,
});

export async function insertEvents(trx: Queryable, rows: readonly EventWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('compound_events')
    .values(
      rows.map((e) => ({
        id: e.id,
        ...values(e),
        created_by: e.createdBy,
        created_at: e.at,
        is_demo: e.isDemo ?? false,
      })),
    )
    .execute();
}

export async function updateEvent(trx: Queryable, e: EventWrite): Promise<void> {
  await trx.updateTable('compound_events').set(values(e)).where('id', '=', e.id).execute();
}

export async function retractEvent(trx: Queryable, id: string, by: string, reason: string, at: string): Promise<void> {
  await trx
    .updateTable('compound_events')
    .set({ retracted_at: at, retracted_by: by, retracted_reason: reason, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function findEvent(trx: Queryable, id: string): Promise<EventRow | null> {
  const r = await trx.selectFrom('compound_events').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : null;
}

/** Live (not retracted) events of the given compounds, or of every compound when `compoundIds` is null. */
export async function listLiveEvents(trx: Queryable, compoundIds: readonly string[] | null): Promise<EventRow[]> {
  if (compoundIds && compoundIds.length === 0) return [];
  let q = trx.selectFrom('compound_events').select(COLUMNS).where('retracted_at', 'is', null);
  if (compoundIds) q = q.where('compound_id', 'in', [...compoundIds]);
  const rows = await q.orderBy('date').orderBy('id').execute();
  return rows.map((r) => fromRow(r));
}

export async function listEventsPage(
  trx: Queryable,
  compoundId: string,
  f: { limit: number; includeRetracted: boolean; after?: { date: string; id: string } },
): Promise<EventRow[]> {
  let q = trx.selectFrom('compound_events').select(COLUMNS).where('compound_id', '=', compoundId);
  if (!f.includeRetracted) q = q.where('retracted_at', 'is', null);
  if (f.after)
    q = q.where((eb) =>
      eb.or([eb('date', '<', f.after!.date), eb.and([eb('date', '=', f.after!.date), eb('id', '<', f.after!.id)])]),
    );
  const rows = await q.orderBy('date', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map((r) => fromRow(r));
}

/** Events that cite a piece of evidence. */
export async function eventIdsCiting(trx: Queryable, evidenceId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('compound_events')
    .select('id')
    .where(sql<boolean>`evidence_ids @> ARRAY[${evidenceId}]::uuid[]`)
    .where('retracted_at', 'is', null)
    .orderBy('date')
    .execute();
  return rows.map((r) => r.id);
}

/** Events recorded at the compound and not retracted. */
export async function countLiveEventsAt(trx: Queryable, compoundId: string): Promise<number> {
  const r = await trx
    .selectFrom('compound_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('compound_id', '=', compoundId)
    .where('retracted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A live event of this kind, day and description written by nobody (a casework sighting), if one is recorded. */
export async function findAnonymousEvent(
  trx: Queryable,
  compoundId: string,
  kind: EventKind,
  date: string,
  description: string,
): Promise<string | null> {
  const r = await trx
    .selectFrom('compound_events')
    .select('id')
    .where('compound_id', '=', compoundId)
    .where('kind', '=', kind)
    .where('date', '=', date)
    .where('description', '=', description)
    .where('created_by', 'is', null)
    .where('retracted_at', 'is', null)
    .executeTakeFirst();
  return r?.id ?? null;
}
