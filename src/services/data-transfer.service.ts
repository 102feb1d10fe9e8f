import type { Database } from '../db/database.ts';
import {
  advanceSerialSequences,
  countTableRows,
  insertTableRows,
  listForeignKeyEdges,
  listPublicTables,
  openExportSnapshot,
  primaryKeyColumns,
  readTablePage,
} from '../db/repositories/whole-tables.repository.ts';
import { asSystem } from '../db/transaction.ts';

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

// Not data: migrations are applied by the target itself, permissions are synced from core at start-up, and the
// consular queue's lists are derived (0031: its triggers rebuild them as the cases arrive).
const SKIP = new Set(['schema_migrations', 'permissions', 'consular_queue_entries']);

/** Tables of the public schema, parents before children (foreign keys). */
export async function tablesInDependencyOrder(database: Database): Promise<string[]> {
  return asSystem(database, async (trx) => {
    const tables = (await listPublicTables(trx)).filter((t) => !SKIP.has(t));
    const deps = await listForeignKeyEdges(trx);
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

/**
 * Reads every table in pages (keyset pagination on the primary key, so millions of rows stay cheap), all of them from
 * one snapshot of the database (openExportSnapshot): consistent while the server keeps writing.
 */
export async function* exportTables(database: Database, pageSize = 2000): AsyncGenerator<TablePage> {
  const tables = await tablesInDependencyOrder(database);
  const snapshot = await openExportSnapshot(database);
  try {
    for (const table of tables) {
      const pk = await asSystem(database, (trx) => primaryKeyColumns(trx, table));
      let after: unknown[] | null = null;
      for (;;) {
        const page: { rows: string; count: number; last: unknown[] | null } = await snapshot.read(async (trx) => {
          const { rows, last } = await readTablePage(trx, table, pk, after, pageSize);
          return { rows: `[${rows.join(',')}]`, count: rows.length, last };
        });
        if (page.count > 0) yield { table, rows: page.rows, count: page.count };
        if (page.count < pageSize) break;
        after = page.last;
      }
    }
  } finally {
    await snapshot.close();
  }
}

/** Writes pages into a migrated, empty target database, then moves serial sequences past the copied ids. */
export async function importPages(
  target: Database,
  pages: AsyncIterable<TablePage>,
  onProgress?: (table: string, rows: number) => void,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const existing = await asSystem(target, (trx) => countTableRows(trx, 'organisations'));
  if (existing > 0) throw new Error('the target database already holds data; copy into an empty database');
  for await (const page of pages) {
    await asSystem(target, (trx) => insertTableRows(trx, page.table, page.rows));
    const copied = (counts[page.table] ?? 0) + page.count;
    counts[page.table] = copied;
    onProgress?.(page.table, copied);
  }
  await asSystem(target, advanceSerialSequences);
  return counts;
}

export async function countRows(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesInDependencyOrder(database)) {
    counts[table] = await asSystem(database, (trx) => countTableRows(trx, table));
  }
  return counts;
}
