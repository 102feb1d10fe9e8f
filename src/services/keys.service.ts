import { ENCRYPTED_COLUMNS } from '../db/encrypted-columns.ts';
import { cellsNotUnderKey, rewriteCell } from '../db/repositories/encrypted-cells.repository.ts';
import { asSystem } from '../db/transaction.ts';
import { audit } from './audit.service.ts';
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
        const rows = await cellsNotUnderKey(trx, col, primary, 500);
        for (const row of rows) {
          const context = `${col.table}.${col.column}:${row.key}`;
          const fresh = app.cipher.encrypt(app.cipher.decryptBytes(row.value, context), context);
          await rewriteCell(trx, col, row.key, fresh);
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
