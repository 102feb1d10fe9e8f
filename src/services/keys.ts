import { sql } from 'kysely';
import { ENCRYPTED_COLUMNS } from '../db/encrypted-columns.ts';
import { asSystem } from '../db/transaction.ts';
import { audit } from './audit.ts';
import type { AppContext } from './context.ts';

export interface RotationReport {
  column: string;
  rewritten: number;
}

/**
 * Re-encrypts every encrypted cell that is not yet under the keyring's primary key, in batches,
 * each batch in its own transaction (restartable: run it again after an interruption).
 * Decryption binds the same table/column/row context, so a moved ciphertext fails loudly.
 */
export async function rotateEncryption(
  app: AppContext,
  onProgress?: (r: RotationReport) => void,
): Promise<RotationReport[]> {
  const primary = app.cipher.primaryKeyId;
  const reports: RotationReport[] = [];
  for (const col of ENCRYPTED_COLUMNS) {
    const report = { column: `${col.table}.${col.column}`, rewritten: 0 };
    for (;;) {
      const n = await asSystem(app.database, async (trx) => {
        const { rows } = await sql<{
          k: string;
          v: string;
        }>`SELECT ${sql.ref(col.key)}::text AS k, ${sql.ref(col.column)} AS v FROM ${sql.table(col.table)}
          WHERE ${sql.ref(col.column)} IS NOT NULL AND ${sql.ref(col.column)} NOT LIKE ${`v1.${primary}.%`} LIMIT 500 FOR UPDATE`.execute(
          trx,
        );
        for (const row of rows) {
          const context = `${col.table}.${col.column}:${row.k}`;
          const fresh = app.cipher.encrypt(app.cipher.decryptBytes(row.v, context), context);
          await sql`UPDATE ${sql.table(col.table)} SET ${sql.ref(col.column)} = ${fresh} WHERE ${sql.ref(col.key)}::text = ${row.k}`.execute(
            trx,
          );
        }
        return rows.length;
      });
      report.rewritten += n;
      if (n === 0) break;
      onProgress?.(report);
    }
    reports.push(report);
  }
  await asSystem(app.database, (trx) => audit(trx, app, null, 'keys.rotate', 'keyring', primary, { columns: reports }));
  return reports;
}
