/**
 * A benchmark's own PostgreSQL database on the local server: created fresh (dropped first if a crashed run left it)
 * and dropped after. Each benchmark takes its name from `--database`, so two runs on one server do not drop each
 * other's database; one a run kept on purpose (markKept) is never dropped by a fresh run of the same name.
 */
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';

export const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The name given, refused unless it is a plain identifier (it is spliced into DROP/CREATE DATABASE). */
export function benchDatabaseName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--database must be a plain lower-case name, not ${name}`);
  return name;
}

async function admin<R extends pg.QueryResultRow = pg.QueryResultRow>(
  statement: string,
  values: unknown[] = [],
): Promise<R[]> {
  const pool = new pg.Pool({ connectionString: ADMIN_URL, max: 1 });
  try {
    return (await pool.query<R>(statement, values)).rows;
  } finally {
    await pool.end();
  }
}

/** The comment markKept leaves on a database, so a fresh run of the same name refuses to drop it. */
const KEPT = 'kept by a benchmark run with --keep';

/** Marks a loaded database as kept on purpose (a million cases take minutes to load again). */
export async function markKept(name: string, what: string): Promise<void> {
  await admin(`COMMENT ON DATABASE ${name} IS '${KEPT}: ${what.replace(/'/g, '')}'`);
}

export async function openFreshBenchDatabase(name: string, poolSize: number): Promise<Database> {
  const [kept] = await admin<{ comment: string }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [name],
  );
  if (kept?.comment?.startsWith(KEPT))
    throw new Error(
      `database ${name} was ${kept.comment}; measure it again with --reuse, load a fresh one under another name ` +
        `with --database NAME, or drop it first (dropdb -h 127.0.0.1 -U postgres ${name})`,
    );
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
