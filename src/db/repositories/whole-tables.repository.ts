/**
 * Whole-table copies for `db copy`, `backup` and `restore` (services/data-transfer.service.ts): the public
 * schema's catalogue and rows as PostgreSQL's own JSON. Table and column names come from the
 * catalogue, never from input.
 */
import { sql } from 'kysely';
import type { Database } from '../database.ts';
import { asSystem, openedTx, type Queryable, type Tx } from '../transaction.ts';
import { onlyRow } from '../only-row.ts';

export async function listPublicTables(trx: Queryable): Promise<string[]> {
  const { rows } = await sql<{
    t: string;
  }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(trx);
  return rows.map((r) => r.t);
}

export interface ForeignKeyEdge {
  child: string;
  parent: string;
}

export async function listForeignKeyEdges(trx: Queryable): Promise<ForeignKeyEdge[]> {
  const { rows } = await sql<ForeignKeyEdge>`
      SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`.execute(
    trx,
  );
  return rows;
}

export async function primaryKeyColumns(trx: Queryable, table: string): Promise<string[]> {
  const { rows } = await sql<{ col: string }>`
    SELECT a.attname AS col FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = ${table}::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`.execute(
    trx,
  );
  return rows.map((r) => r.col);
}

export interface TableRowsPage {
  /** Each row as JSON text. */
  rows: string[];
  /** The primary key of the last row, for the next page. */
  last: unknown[] | null;
}

/** One page of `table` in primary-key order, after the key `after` (keyset pagination). */
export async function readTablePage(
  trx: Queryable,
  table: string,
  primaryKey: readonly string[],
  after: readonly unknown[] | null,
  pageSize: number,
): Promise<TableRowsPage> {
  const keyList = sql.join(primaryKey.map((c) => sql.ref(c)));
  const where = after ? sql`WHERE (${keyList}) > (${sql.join(after.map((v) => sql`${v}`))})` : sql``;
  const { rows } = await sql<{ j: string; k: unknown[] }>`
          SELECT row_to_json(t)::text AS j, json_build_array(${keyList}) AS k FROM ${sql.table(table)} t ${where} ORDER BY ${keyList} LIMIT ${pageSize}`.execute(
    trx,
  );
  return { rows: rows.map((r) => r.j), last: rows.at(-1)?.k ?? null };
}

/**
 * Inserts a JSON array of rows (as readTablePage returns them) into `table`, keeping their own values also in
 * identity columns GENERATED ALWAYS (OVERRIDING SYSTEM VALUE; a no-op for tables without one).
 */
export async function insertTableRows(trx: Queryable, table: string, rowsJson: string): Promise<void> {
  await sql`INSERT INTO ${sql.table(table)} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(null::${sql.table(table)}, ${rowsJson}::json)`.execute(
    trx,
  );
}

/** Moves every serial and identity sequence of the public schema past the highest value in its column. */
export async function advanceSerialSequences(trx: Queryable): Promise<void> {
  const serials = await sql<{ t: string; c: string }>`
      SELECT table_name AS t, column_name AS c FROM information_schema.columns
      WHERE table_schema = 'public' AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')`.execute(trx);
  for (const s of serials.rows) {
    await sql`SELECT setval(pg_get_serial_sequence(${s.t}, ${s.c}), coalesce((SELECT max(${sql.ref(s.c)}) FROM ${sql.table(s.t)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}

export async function countTableRows(trx: Queryable, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(trx);
  return onlyRow(rows).n;
}

/**
 * One consistent view of a live database for a backup: a REPEATABLE READ READ ONLY transaction on a connection of
 * its own exports its snapshot (pg_export_snapshot), and every page is read in a transaction that adopts it, so a
 * backup taken while people keep registering holds each table as of one instant (no case without its survivor, no
 * audit entry beyond the tree head it was read with). PGlite has one backend and no other writer while a CLI holds
 * its directory: there each page reads the database as it is.
 */
export interface ExportSnapshot {
  /** Runs `fn` in a read-only transaction that sees the snapshot. */
  read<T>(fn: (trx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const SNAPSHOT_ID = /^[0-9A-F]+-[0-9A-F]+(-[0-9A-F]+)?$/i;

export async function openExportSnapshot(database: Database): Promise<ExportSnapshot> {
  if (database.kind === 'pglite') return { read: (fn) => asSystem(database, fn), close: async () => undefined };
  const holder = await database.pool.connect();
  try {
    await holder.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await holder.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const id = rows[0]!.id;
    if (!SNAPSHOT_ID.test(id)) throw new Error(`unexpected snapshot id ${id}`);
    return {
      read: (fn) =>
        database.db
          .transaction()
          .setIsolationLevel('repeatable read')
          .setAccessMode('read only')
          .execute(async (trx) => {
            // Must be the transaction's first statement; the id was checked above (no parameters allowed here).
            await sql.raw(`SET TRANSACTION SNAPSHOT '${id}'`).execute(trx);
            return fn(openedTx(trx));
          }),
      async close() {
        await holder.query('COMMIT').catch(() => undefined);
        holder.release();
      },
    };
  } catch (error) {
    holder.release(error as Error);
    throw error;
  }
}
