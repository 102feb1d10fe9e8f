import { CompiledQuery } from 'kysely';
import type { Tx } from './transaction.ts';

/**
 * Sends writes whose results nobody reads before commit as one statement (issue #13: a use case's row, its timeline
 * line and its audit entry in one round trip, not three). Each becomes a WITH clause of one statement: PostgreSQL runs
 * every data-modifying WITH clause exactly once whether or not it is read; a SELECT clause (refuge_audit(...)) is
 * counted by the main query so it runs too. The clauses share one snapshot and run in no set order, so none may
 * depend on another's effect or change a row another changes (foreign keys are checked at the statement's end, so a
 * row and one that references it may go together).
 *
 * The statements are Kysely-compiled with every value a parameter; they are renumbered into one parameter list. A
 * statement with a literal in its text (a quote or dollar-quoting) is refused rather than renumbered blindly.
 */
export async function writeTogether(trx: Tx, writes: readonly (CompiledQuery | null)[]): Promise<void> {
  const clauses: string[] = [];
  const counted: string[] = [];
  const parameters: unknown[] = [];
  for (const write of writes) {
    if (!write) continue;
    if (/'|\$\$/.test(write.sql)) throw new Error(`writeTogether takes statements whose values are all parameters`);
    const offset = parameters.length;
    const name = `w${clauses.length}`;
    clauses.push(`${name} AS (${write.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`);
    parameters.push(...write.parameters);
    if (/^\s*select\b/i.test(write.sql)) counted.push(`(SELECT count(*) FROM ${name})`);
  }
  if (clauses.length === 0) return;
  const main = counted.length ? `SELECT ${counted.join(' + ')} AS n` : 'SELECT 1';
  await trx.executeQuery(CompiledQuery.raw(`WITH ${clauses.join(', ')} ${main}`, parameters));
}
