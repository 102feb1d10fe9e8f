import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { asSystem } from '../db/transaction.ts';
import { onlyRow } from '../db/only-row.ts';

/**
 * Moves whole tables between databases without loss, for `db copy`, `backup` and `restore`.
 * Rows travel as PostgreSQL's own JSON (row_to_json / json_populate_recordset), so every type
 * (arrays, jsonb, timestamps, uuids) round-trips exactly, on PGlite and PostgreSQL alike.
 */
export interface TablePage {
  table: string;
  rows: string /* JSON array text */;
  count: number;
}

// Not data: migrations are applied by the target itself, and permissions are synced from core at start-up.
const SKIP = new Set(['schema_migrations', 'permissions']);

/** Tables of the public schema, parents before children (foreign keys). */
export async function tablesInDependencyOrder(database: Database): Promise<string[]> {
  return asSystem(database, async (trx) => {
    const tables = (
      await sql<{
        t: string;
      }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(trx)
    ).rows
      .map((r) => r.t)
      .filter((t) => !SKIP.has(t));
    const deps = (
      await sql<{ child: string; parent: string }>`
      SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`.execute(
        trx,
      )
    ).rows;
    const order: string[] = [];
    const visiting = new Set<string>();
    const visit = (t: string) => {
      if (order.includes(t) || visiting.has(t)) return;
      visiting.add(t);
      for (const d of deps) if (d.child === t && d.parent !== t) visit(d.parent);
      order.push(t);
    };
    tables.forEach(visit);
    return order;
  });
}

async function primaryKey(database: Database, table: string): Promise<string[]> {
  const { rows } = await asSystem(database, (trx) =>
    sql<{ col: string }>`
    SELECT a.attname AS col FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = ${table}::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`.execute(
      trx,
    ),
  );
  return rows.map((r) => r.col);
}

/** Reads every table in pages (keyset pagination on the primary key, so millions of rows stay cheap). */
export async function* exportTables(database: Database, pageSize = 2000): AsyncGenerator<TablePage> {
  for (const table of await tablesInDependencyOrder(database)) {
    const pk = await primaryKey(database, table);
    const keyList = sql.join(pk.map((c) => sql.ref(c)));
    let after: unknown[] | null = null;
    for (;;) {
      const page: { rows: string; count: number; last: unknown[] | null } = await asSystem(database, async (trx) => {
        const where = after ? sql`WHERE (${keyList}) > (${sql.join(after.map((v) => sql`${v}`))})` : sql``;
        const { rows } = await sql<{ j: string; k: unknown[] }>`
          SELECT row_to_json(t)::text AS j, json_build_array(${keyList}) AS k FROM ${sql.table(table)} t ${where} ORDER BY ${keyList} LIMIT ${pageSize}`.execute(
          trx,
        );
        return {
          rows: `[${rows.map((r) => r.j).join(',')}]`,
          count: rows.length,
          last: rows.at(-1)?.k ?? null,
        };
      });
      if (page.count > 0) yield { table, rows: page.rows, count: page.count };
      if (page.count < pageSize) break;
      after = page.last;
    }
  }
}

/** Writes pages into a migrated, empty target database, then moves serial sequences past the copied ids. */
export async function importPages(
  target: Database,
  pages: AsyncIterable<TablePage>,
  onProgress?: (table: string, rows: number) => void,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const existing = await asSystem(target, (trx) =>
    sql<{ n: number }>`SELECT count(*)::int AS n FROM organisations`.execute(trx),
  );
  if (onlyRow(existing.rows).n > 0)
    throw new Error('the target database already holds data; copy into an empty database');
  for await (const page of pages) {
    await asSystem(target, (trx) =>
      sql`INSERT INTO ${sql.table(page.table)} SELECT * FROM json_populate_recordset(null::${sql.table(page.table)}, ${page.rows}::json)`.execute(
        trx,
      ),
    );
    const copied = (counts[page.table] ?? 0) + page.count;
    counts[page.table] = copied;
    onProgress?.(page.table, copied);
  }
  await asSystem(target, async (trx) => {
    const serials = await sql<{ t: string; c: string }>`
      SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`.execute(
      trx,
    );
    for (const s of serials.rows) {
      await sql`SELECT setval(pg_get_serial_sequence(${s.t}, ${s.c}), coalesce((SELECT max(${sql.ref(s.c)}) FROM ${sql.table(s.t)}), 0) + 1, false)`.execute(
        trx,
      );
    }
  });
  return counts;
}

export async function countRows(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesInDependencyOrder(database)) {
    const { rows } = await asSystem(database, (trx) =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(trx),
    );
    counts[table] = onlyRow(rows).n;
  }
  return counts;
}
