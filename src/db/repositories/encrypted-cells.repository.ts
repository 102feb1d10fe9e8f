/**
 * Key rotation's queries: any encrypted column (db/encrypted-columns.ts) read and rewritten by its
 * row key. Table and column names come from ENCRYPTED_COLUMNS, never from input.
 */
import { sql } from 'kysely';
import type { EncryptedColumn } from '../encrypted-columns.ts';
import type { Queryable } from '../transaction.ts';

export interface EncryptedCell {
  /** The row key, as text. */
  key: string;
  /** The envelope. */
  value: string;
}

/** Up to `limit` cells not encrypted under `keyId`, locked until commit. */
export async function cellsNotUnderKey(
  trx: Queryable,
  col: EncryptedColumn,
  keyId: string,
  limit: number,
): Promise<EncryptedCell[]> {
  const { rows } = await sql<EncryptedCell>`SELECT ${sql.ref(col.key)}::text AS key, ${sql.ref(col.column)} AS value
    FROM ${sql.table(col.table)}
    WHERE ${sql.ref(col.column)} IS NOT NULL AND ${sql.ref(col.column)} NOT LIKE ${`v1.${keyId}.%`} LIMIT ${limit} FOR UPDATE`.execute(
    trx,
  );
  return rows;
}

export async function rewriteCell(trx: Queryable, col: EncryptedColumn, key: string, value: string): Promise<void> {
  await sql`UPDATE ${sql.table(col.table)} SET ${sql.ref(col.column)} = ${value} WHERE ${sql.ref(col.key)}::text = ${key}`.execute(
    trx,
  );
}
