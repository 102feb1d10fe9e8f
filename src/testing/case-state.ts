import { sql } from 'kysely';
import { asSystem } from '../db/transaction.ts';
import type { TestServer } from './test-server.ts';

/**
 * Puts cases straight into a status, as the system (no timeline entry: their waiting time counts from opening). For
 * tests that need cases in a late stage without walking each through screening, documents and the embassy.
 */
export async function putCasesInStatus(t: TestServer, caseIds: readonly string[], status: string): Promise<void> {
  await asSystem(t.database, (trx) =>
    sql`UPDATE cases SET status = ${status} WHERE id = ANY(${[...caseIds]}::uuid[])`.execute(trx),
  );
}
