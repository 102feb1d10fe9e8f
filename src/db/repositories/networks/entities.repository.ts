/**
 * FollowTheMoney entities (0019): the only SQL touching `entities`. Relations are entities too; `refs` holds the ids
 * an entity points at, so "everything linked to X" is `refs @> {X}`. Delta imports (0032): an import writes only new
 * and changed entities and notes every id it saw in `entity_import_seen`; its end removes its dataset from `seen` of
 * the entities it did not see, and an entity no dataset holds any more is marked disappeared (kept, with its
 * last_seen). `seen` maps each dataset holding the entity to the import that last wrote it.
 */
import { sql } from 'kysely';
import type { OperatorRole } from '../../../core/compounds/compound-types.ts';
import type { FtmEntity } from '../../../core/networks/ftm.ts';
import { ANALYST_DATASET } from '../../../core/networks/hand-edits.ts';
import type { Queryable } from '../../transaction.ts';

export interface EntityRow extends FtmEntity {
  first_seen: string;
  last_seen: string;
  disappearedAt: string | null;
}

export interface EntityWrite {
  entity: FtmEntity;
  refs: string[];
}

/**
 * When an import last saw the entity. An unchanged entity is not rewritten, so for a live one this is the newest
 * finished import of a dataset holding it (an entity it did not see would have left that dataset), or when it was last
 * written if later; a disappeared one keeps what markUnseen recorded.
 */
const LAST_SEEN = sql<string>`CASE WHEN entities.disappeared_at IS NULL THEN greatest(entities.last_seen,
  (SELECT max(i.finished_at) FROM jsonb_object_keys(entities.seen) AS k(dataset)
    JOIN entity_imports i ON i.dataset = k.dataset AND i.status = 'finished'))
  ELSE entities.last_seen END`;

const COLUMNS = [
  'id',
  'schema',
  'caption',
  'properties',
  'datasets',
  'first_seen',
  LAST_SEEN.as('last_seen'),
  'disappeared_at',
] as const;

type Selected = {
  id: string;
  schema: string;
  caption: string;
  properties: Record<string, string[]>;
  datasets: string[];
  first_seen: string;
  last_seen: string;
  disappeared_at: string | null;
};

const iso = (v: string | Date): string => new Date(v).toISOString();

const toRow = (r: Selected): EntityRow => ({
  id: r.id,
  schema: r.schema,
  caption: r.caption,
  properties: r.properties,
  datasets: r.datasets,
  first_seen: iso(r.first_seen),
  last_seen: iso(r.last_seen),
  disappearedAt: r.disappeared_at ? iso(r.disappeared_at) : null,
});

/**
 * Inserts or refreshes a batch and notes its ids as seen by the import. Only new and changed entities are written
 * (properties and caption replaced by the newest version, datasets and `seen` merged, first_seen kept, a disappeared
 * entity that comes back live again); an entity the dataset already holds as it is costs no row write. The batch
 * travels as one JSON parameter expanded by jsonb_to_recordset: one statement of constant text instead of a dozen
 * parameters per row, which cost more to build, send and parse than the rows themselves.
 */
export async function upsertEntities(
  trx: Queryable,
  batch: readonly EntityWrite[],
  seen: { dataset: string; importId: string; at: string; createdBy: string | null; isDemo?: boolean },
): Promise<void> {
  if (batch.length === 0) return;
  // One row per id within a batch (PostgreSQL refuses to update the same row twice in one statement): last wins.
  const unique = new Map(batch.map((b) => [b.entity.id, b]));
  const rows = JSON.stringify(
    [...unique.values()].map(({ entity: e, refs }) => ({
      id: e.id,
      schema: e.schema,
      caption: e.caption,
      properties: e.properties,
      datasets: e.datasets,
      refs,
    })),
  );
  // Unchanged rows are left out before the INSERT: ON CONFLICT would lock each one (a write to its page) even when
  // its WHERE then declines the update.
  await sql`
    WITH r AS MATERIALIZED (
      SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS r(id text, schema text, caption text, properties jsonb,
        datasets text[], refs text[])
    ), noted AS (
      INSERT INTO entity_import_seen (import_id, entity_id) SELECT ${seen.importId}::uuid, r.id FROM r
      ON CONFLICT DO NOTHING
    )
    INSERT INTO entities (id, schema, caption, properties, datasets, refs, seen, first_seen, last_seen, disappeared_at,
      created_by, is_demo)
    SELECT r.id, r.schema, r.caption, r.properties, r.datasets, r.refs,
      jsonb_build_object(${seen.dataset}::text, ${seen.importId}::text), ${seen.at}::timestamptz, ${seen.at}::timestamptz,
      NULL, ${seen.createdBy}::uuid, ${seen.isDemo ?? false}::boolean
    FROM r LEFT JOIN entities e ON e.id = r.id
    WHERE e.id IS NULL OR (NOT jsonb_exists(e.seen, ${ANALYST_DATASET}::text) AND (
      e.schema <> r.schema OR e.caption <> r.caption OR e.properties <> r.properties OR e.refs <> r.refs
      OR NOT e.datasets @> r.datasets OR NOT jsonb_exists(e.seen, ${seen.dataset}::text)
      OR e.disappeared_at IS NOT NULL))
    ON CONFLICT (id) DO UPDATE SET
      schema = excluded.schema,
      caption = excluded.caption,
      properties = excluded.properties,
      refs = excluded.refs,
      datasets = ARRAY(SELECT DISTINCT d FROM unnest(entities.datasets || excluded.datasets) d ORDER BY d),
      seen = entities.seen || excluded.seen,
      last_seen = excluded.last_seen,
      disappeared_at = NULL
    WHERE NOT jsonb_exists(entities.seen, ${ANALYST_DATASET}::text)`.execute(trx);
}

/**
 * After an import: fresh planner statistics. A table filled in one go has none until autovacuum comes round, and
 * without them the screening index's keyset pages (`id > $1 ORDER BY id LIMIT n`) are planned as a full scan and
 * sort each, quadratic in the table's size. Needs the table's owner (the system connection).
 */
export async function analyseEntities(trx: Queryable): Promise<void> {
  await sql`ANALYZE entities`.execute(trx);
}

/** A hand-made entity (core/networks/hand-edits): a new id, in the analysts' dataset only. */
export async function insertHandEntity(
  trx: Queryable,
  write: EntityWrite,
  at: string,
  createdBy: string | null,
): Promise<void> {
  const e = write.entity;
  await trx
    .insertInto('entities')
    .values({
      id: e.id,
      schema: e.schema,
      caption: e.caption,
      properties: JSON.stringify(e.properties),
      datasets: [ANALYST_DATASET],
      refs: write.refs,
      seen: JSON.stringify({ [ANALYST_DATASET]: 'hand' }),
      first_seen: at,
      last_seen: at,
      disappeared_at: null,
      created_by: createdBy,
    })
    .execute();
}

/** Replaces a hand-made entity's properties (never an imported one's: false when `id` is not hand-made). */
export async function updateHandEntity(trx: Queryable, write: EntityWrite, at: string): Promise<boolean> {
  const e = write.entity;
  const r = await trx
    .updateTable('entities')
    .set({
      caption: e.caption,
      properties: JSON.stringify(e.properties),
      refs: write.refs,
      last_seen: at,
      disappeared_at: null,
    })
    .where('id', '=', e.id)
    .where('schema', '=', e.schema)
    .where(sql<boolean>`jsonb_exists(seen, ${ANALYST_DATASET}::text)`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * End of a delta import of `dataset`: entities the import did not see (no `entity_import_seen` row) leave the
 * dataset; those no dataset holds any more are marked disappeared at `at`, keeping when an import last saw them.
 * Returns how many were marked.
 */
export async function markUnseen(trx: Queryable, dataset: string, importId: string, at: string): Promise<number> {
  const { rows } = await sql<{ gone: boolean }>`
    UPDATE entities SET seen = seen - ${dataset}::text,
      disappeared_at = CASE WHEN (seen - ${dataset}::text) = '{}'::jsonb THEN ${at}::timestamptz ELSE disappeared_at END,
      last_seen = ${LAST_SEEN}
    WHERE jsonb_exists(seen, ${dataset})
      AND NOT EXISTS (SELECT 1 FROM entity_import_seen s WHERE s.import_id = ${importId}::uuid AND s.entity_id = entities.id)
    RETURNING (disappeared_at IS NOT NULL) AS gone`.execute(trx);
  return rows.filter((r) => r.gone).length;
}

/**
 * After an import has ended: its seen ids are no longer needed. With no other import running the table is emptied
 * at once (TRUNCATE frees the space without waiting for vacuum); otherwise only this import's rows are deleted.
 * Needs the table's owner (the system connection).
 */
export async function clearImportSeen(trx: Queryable, importId: string): Promise<void> {
  await sql`LOCK TABLE entity_import_seen IN ACCESS EXCLUSIVE MODE`.execute(trx);
  const { rows } = await sql<{ others: boolean }>`
    SELECT EXISTS (SELECT 1 FROM entity_imports WHERE status = 'running' AND id <> ${importId}::uuid) AS others`.execute(
    trx,
  );
  if (rows[0]?.others) await sql`DELETE FROM entity_import_seen WHERE import_id = ${importId}::uuid`.execute(trx);
  else await sql`TRUNCATE entity_import_seen`.execute(trx);
}

export async function findEntities(trx: Queryable, ids: readonly string[]): Promise<EntityRow[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('entities')
    .select(COLUMNS)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(toRow);
}

/** Entities that point at `id` (relations and sanctions naming it), live ones only unless asked. */
export async function findReferencing(trx: Queryable, id: string, limit: number): Promise<EntityRow[]> {
  const rows = await trx
    .selectFrom('entities')
    .select(COLUMNS)
    .where(sql<boolean>`refs @> ARRAY[${id}]::text[]`)
    .where('disappeared_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toRow);
}

/** Live entities pointing at any of `ids` together with what `ids` point at themselves (path finding), at most `limit`. */
export async function findLinkedAny(
  trx: Queryable,
  ids: readonly string[],
  limit: number,
): Promise<{ referencing: (EntityRow & { refs: string[] })[]; own: { id: string; refs: string[] }[] }> {
  if (ids.length === 0) return { referencing: [], own: [] };
  const list = sql`ARRAY[${sql.join([...ids])}]::text[]`;
  const referencing = await trx
    .selectFrom('entities')
    .select([...COLUMNS, 'refs'])
    .where(sql<boolean>`refs && ${list}`)
    .where('disappeared_at', 'is', null)
    .limit(limit)
    .execute();
  const own = await trx
    .selectFrom('entities')
    .select(['id', 'refs'])
    .where('id', 'in', [...ids])
    .where('disappeared_at', 'is', null)
    .execute();
  return { referencing: referencing.map((r) => ({ ...toRow(r), refs: r.refs })), own };
}

/** One page of entities in id order (export and index building), after `after`. */
export async function pageEntities(
  trx: Queryable,
  after: string | null,
  size: number,
  options: { dataset?: string; includeDisappeared?: boolean } = {},
): Promise<EntityRow[]> {
  let q = trx.selectFrom('entities').select(COLUMNS).orderBy('id').limit(size);
  if (after !== null) q = q.where('id', '>', after);
  if (!options.includeDisappeared) q = q.where('disappeared_at', 'is', null);
  if (options.dataset) q = q.where(sql<boolean>`datasets @> ARRAY[${options.dataset}]::text[]`);
  return (await q.execute()).map(toRow);
}

export async function countEntities(trx: Queryable): Promise<{ live: number; disappeared: number }> {
  const r = await trx
    .selectFrom('entities')
    .select([
      sql<number>`count(*) FILTER (WHERE disappeared_at IS NULL)::int`.as('live'),
      sql<number>`count(*) FILTER (WHERE disappeared_at IS NOT NULL)::int`.as('disappeared'),
    ])
    .executeTakeFirstOrThrow();
  return { live: Number(r.live), disappeared: Number(r.disappeared) };
}

/** Compounds linked to an entity (operator, owner, landlord, security), with the compound's first name. */
export async function findCompoundLinksOfEntity(
  trx: Queryable,
  entityId: string,
): Promise<{ compoundId: string; name: string; role: string }[]> {
  const rows = await trx
    .selectFrom('compound_entities as l')
    .innerJoin('compounds as c', 'c.id', 'l.compound_id')
    .select(['l.compound_id', 'l.role', sql<string>`coalesce(c.names -> 0 ->> 'name', '')`.as('name')])
    .where('l.entity_id', '=', entityId)
    .orderBy('l.compound_id')
    .execute();
  return rows.map((r) => ({ compoundId: r.compound_id, name: r.name, role: r.role }));
}

/** Links a compound's operator/owner/landlord/security to an entity (idempotent). */
export async function linkCompoundEntity(
  trx: Queryable,
  link: {
    compoundId: string;
    entityId: string;
    role: OperatorRole;
    at: string;
    createdBy: string | null;
    isDemo?: boolean;
  },
): Promise<boolean> {
  const r = await trx
    .insertInto('compound_entities')
    .values({
      compound_id: link.compoundId,
      entity_id: link.entityId,
      role: link.role,
      created_at: link.at,
      created_by: link.createdBy,
      is_demo: link.isDemo ?? false,
    })
    .onConflict((oc) => oc.columns(['compound_id', 'entity_id', 'role']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
