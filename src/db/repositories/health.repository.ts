/** The liveness probe's one query. */
import { sql } from 'kysely';
import type { Queryable } from '../transaction.ts';

/** Throws when the database does not answer. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
