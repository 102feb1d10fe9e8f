/**
 * A benchmark's own PostgreSQL database on the local server: created fresh (dropped first if a crashed run left it)
 * and dropped after. Each benchmark takes its name from `--database`, so two runs on one server do not drop each
 * other's database.
 */
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';

export const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The name given, refused unless it is a plain identifier (it is spliced into DROP/CREATE DATABASE). */
export function benchDatabaseName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--database must be a plain lower-case name, not ${name}`);
  return name;
}

async function admin(statement: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: ADMIN_URL, max: 1 });
  try {
    await pool.query(statement);
  } finally {
    await pool.end();
  }
}

export async function openFreshBenchDatabase(name: string, poolSize: number): Promise<Database> {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return openDatabase({ url: url.toString(), poolSize });
}

/** The benchmark database a run with --keep left, as it is (--reuse). */
export function openKeptBenchDatabase(name: string, poolSize: number): Promise<Database> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return openDatabase({ url: url.toString(), poolSize });
}

export async function dropBenchDatabase(name: string): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
}
