import { ensurePrivateDir, restrictTree } from './data-dir.ts';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Schema } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

/** One handle on the system of record, whichever engine is behind it. */
export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Kysely<Schema>;
  /** The raw pool: for the migration runner and streaming copies only; everything else uses `db`. */
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… to use a PostgreSQL server; otherwise PGlite. */
  url?: string;
  /** PGlite data directory; omitted = in memory (tests). */
  dataDir?: string;
  /** Pool size for PostgreSQL (PGlite is always one connection). */
  poolSize?: number;
}

// Timestamps come back as ISO strings and bigints as numbers (counts stay well below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (v) => new Date(v).toISOString());
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on('error', () => { /* idle client errors surface on the next query */ });
    await pool.query('SELECT 1');
    return wrap('postgresql', pool, async () => { await pool.end(); });
  }
  const dataDir = options.dataDir;
  if (dataDir) ensurePrivateDir(dataDir);
  const pglite = await PGlite.create(dataDir ?? 'memory://');
  if (dataDir) restrictTree(dataDir);
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  return wrap('pglite', pool, async () => {
    await pool.end();
    await pglite.close();
    if (dataDir) restrictTree(dataDir);
  });
}

function wrap(kind: DatabaseKind, pool: pg.Pool, close: () => Promise<void>): Database {
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    kind, db, pool,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy().catch(() => undefined);
      await close().catch(() => undefined);
    },
  };
}
