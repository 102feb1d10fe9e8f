import { sql } from 'kysely';
import type { Queryable, Tx } from '../transaction.ts';
import { onlyRow } from '../only-row.ts';

export type DeploymentMode = 'demo' | 'production';

/** The deployment's mode, or null while undecided (an empty database). */
export async function deploymentMode(trx: Queryable): Promise<DeploymentMode | null> {
  const row = await trx.selectFrom('deployment').select('mode').executeTakeFirst();
  return row?.mode ?? null;
}

/**
 * Decides the mode if it is still undecided and returns the mode in force, locked for the rest of
 * the transaction (concurrent deciders queue behind it; the first one wins).
 */
export async function decideDeploymentMode(trx: Tx, mode: DeploymentMode): Promise<DeploymentMode> {
  await sql`INSERT INTO deployment(singleton, mode) VALUES (true, ${mode}) ON CONFLICT (singleton) DO NOTHING`.execute(
    trx,
  );
  const { rows } = await sql<{ mode: DeploymentMode }>`SELECT mode FROM deployment FOR UPDATE`.execute(trx);
  return onlyRow(rows).mode;
}

export async function markDemoPurged(trx: Tx, at: string): Promise<void> {
  await sql`INSERT INTO deployment(singleton, mode, demo_purged_at) VALUES (true, 'production', ${at}::timestamptz)
    ON CONFLICT (singleton) DO UPDATE SET mode = 'production', decided_at = ${at}::timestamptz, demo_purged_at = ${at}::timestamptz`.execute(
    trx,
  );
}

interface ForeignKey {
  child: string;
  col: string;
  parent: string;
  pcol: string;
  notNull: boolean;
}

/**
 * Tables the purge never touches: schema bookkeeping, the permission matrix, the append-only audit log, the mode
 * itself.
 */
const UNTOUCHED = new Set(['schema_migrations', 'permissions', 'audit_events', 'deployment']);

/**
 * Which rows are demo rows, found from the schema rather than a hand-kept list (so tables added
 * later are covered): a row is a demo row when its `is_demo` is true, when a NOT NULL foreign key
 * or an `organisation_id` points at a demo row, or when its `subject_id` names one. Found to a fixed
 * point, then: nullable references from real rows to demo rows are cleared, demo rows are deleted
 * children first (with the tables' own user triggers off inside this transaction only, since
 * append-only tables refuse deletes), and file records only demo rows used are deleted.
 * Returns rows removed per table and the blob keys removed, so the caller can delete the files.
 */
export async function purgeDemoRows(
  trx: Tx,
): Promise<{ removed: Record<string, number>; blobKeys: string[]; cleared: Record<string, number> }> {
  const tables = (
    await sql<{
      t: string;
    }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(trx)
  ).rows
    .map((r) => r.t)
    .filter((t) => !UNTOUCHED.has(t));
  const columns = (
    await sql<{
      t: string;
      c: string;
    }>`SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public'`.execute(
      trx,
    )
  ).rows;
  const hasColumn = (t: string, c: string) => columns.some((x) => x.t === t && x.c === c);
  const fks = (
    await sql<ForeignKey>`
    SELECT c.conrelid::regclass::text AS child, a.attname AS col, c.confrelid::regclass::text AS parent, pa.attname AS pcol, a.attnotnull AS "notNull"
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
    WHERE c.contype = 'f' AND n.nspname = 'public' AND array_length(c.conkey, 1) = 1`.execute(trx)
  ).rows.filter((f) => tables.includes(f.child));
  const owning = (f: ForeignKey) => f.notNull || f.col === 'organisation_id';

  await sql`CREATE TEMP TABLE IF NOT EXISTS refuge_purge_keys (tbl text NOT NULL, key text NOT NULL, PRIMARY KEY (tbl, key)) ON COMMIT DROP`.execute(
    trx,
  );
  await sql`DELETE FROM refuge_purge_keys`.execute(trx);
  // subject_id lookups go by key alone.
  await sql`CREATE INDEX IF NOT EXISTS refuge_purge_keys_key ON refuge_purge_keys(key)`.execute(trx);

  const isDemoRow = (t: string): ReturnType<typeof sql.raw> => {
    const parts: string[] = [];
    if (hasColumn(t, 'is_demo')) parts.push('x.is_demo');
    for (const f of fks.filter((k) => k.child === t && owning(k))) {
      parts.push(
        `EXISTS (SELECT 1 FROM refuge_purge_keys k WHERE k.tbl = '${f.parent}.${f.pcol}' AND k.key = x.${f.col}::text)`,
      );
    }
    if (hasColumn(t, 'subject_id'))
      parts.push(`EXISTS (SELECT 1 FROM refuge_purge_keys k WHERE k.key = x.subject_id::text)`);
    if (t === 'rate_limits')
      parts.push(
        `EXISTS (SELECT 1 FROM refuge_purge_keys k WHERE k.tbl = 'users.id' AND position(k.key in x.key) > 0)`,
      );
    return sql.raw(parts.length ? `(${parts.join(' OR ')})` : 'false');
  };

  // Each referenced (table, column) once, in first-seen order.
  const referenced = new Map(
    fks.filter((f) => tables.includes(f.parent)).map((f) => [`${f.parent}.${f.pcol}`, [f.parent, f.pcol] as const]),
  );
  for (;;) {
    let added = 0;
    for (const [ref, [t, c]] of referenced) {
      const r =
        await sql`INSERT INTO refuge_purge_keys(tbl, key) SELECT ${ref}, x.${sql.ref(c)}::text FROM ${sql.table(t)} x
        WHERE ${isDemoRow(t)} AND x.${sql.ref(c)} IS NOT NULL ON CONFLICT DO NOTHING`.execute(trx);
      added += Number(r.numAffectedRows ?? 0);
    }
    // Temporary tables are never analysed automatically: give the planner the real size.
    await sql`ANALYZE refuge_purge_keys`.execute(trx);
    if (added === 0) break;
  }

  // Files that demo rows point at.
  const blobRefs = fks.filter((f) => f.parent === 'blobs');
  const candidateBlobs = new Set<string>();
  for (const f of blobRefs) {
    const { rows } = await sql<{
      k: string;
    }>`SELECT DISTINCT x.${sql.ref(f.col)} AS k FROM ${sql.table(f.child)} x WHERE ${isDemoRow(f.child)} AND x.${sql.ref(f.col)} IS NOT NULL`.execute(
      trx,
    );
    for (const r of rows) candidateBlobs.add(r.k);
  }

  // Parents after children: delete in reverse dependency order.
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (order.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const f of fks) if (f.child === t && f.parent !== t && tables.includes(f.parent)) visit(f.parent);
    order.push(t);
  };
  tables.forEach(visit);

  const cleared: Record<string, number> = {};
  for (const f of fks.filter((k) => !owning(k) && tables.includes(k.parent))) {
    const r = await sql`UPDATE ${sql.table(f.child)} x SET ${sql.ref(f.col)} = NULL WHERE NOT ${isDemoRow(f.child)}
      AND EXISTS (SELECT 1 FROM refuge_purge_keys k WHERE k.tbl = ${`${f.parent}.${f.pcol}`} AND k.key = x.${sql.ref(f.col)}::text)`.execute(
      trx,
    );
    const n = Number(r.numAffectedRows ?? 0);
    if (n) cleared[`${f.child}.${f.col}`] = n;
  }
  // Demo rows' own nullable self- and cross-references would block deleting their targets.
  for (const f of fks.filter((k) => !owning(k) && tables.includes(k.parent))) {
    await sql`ALTER TABLE ${sql.table(f.child)} DISABLE TRIGGER USER`.execute(trx);
    await sql`UPDATE ${sql.table(f.child)} x SET ${sql.ref(f.col)} = NULL WHERE ${isDemoRow(f.child)} AND x.${sql.ref(f.col)} IS NOT NULL`.execute(
      trx,
    );
    await sql`ALTER TABLE ${sql.table(f.child)} ENABLE TRIGGER USER`.execute(trx);
  }

  const removed: Record<string, number> = {};
  for (const t of [...order].reverse()) {
    if (t === 'blobs') continue;
    await sql`ALTER TABLE ${sql.table(t)} DISABLE TRIGGER USER`.execute(trx);
    const r = await sql`DELETE FROM ${sql.table(t)} x WHERE ${isDemoRow(t)}`.execute(trx);
    await sql`ALTER TABLE ${sql.table(t)} ENABLE TRIGGER USER`.execute(trx);
    const n = Number(r.numAffectedRows ?? 0);
    if (n) removed[t] = n;
  }

  const blobKeys: string[] = [];
  for (const key of candidateBlobs) {
    let used = false;
    for (const f of blobRefs) {
      const { rows } = await sql`SELECT 1 FROM ${sql.table(f.child)} WHERE ${sql.ref(f.col)} = ${key} LIMIT 1`.execute(
        trx,
      );
      if (rows.length) {
        used = true;
        break;
      }
    }
    if (!used) {
      await sql`DELETE FROM blobs WHERE sha256 = ${key}`.execute(trx);
      blobKeys.push(key);
    }
  }
  if (blobKeys.length) removed.blobs = blobKeys.length;
  return { removed, blobKeys, cleared };
}
