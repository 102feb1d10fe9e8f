import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.ts';
import type { Schema } from './schema.ts';

/** Who is acting. Row-level security reads these from the transaction's settings. */
export interface Actor {
  userId: string;
  organisationId: string | null;
}

export type Tx = Transaction<Schema>;

/**
 * Runs `fn` in one transaction as `actor`, switched to the non-owner role `refuge_app` so that
 * PostgreSQL's row-level security filters every statement. Settings are transaction-local
 * (set_config(…, true)) because PGlite has a single backend shared by every pooled client.
 */
export function asActor<T>(database: Database, actor: Actor, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('refuge.user_id', ${actor.userId}, true), set_config('refuge.org_id', ${actor.organisationId ?? ''}, true)`.execute(trx);
    await sql`SET LOCAL ROLE refuge_app`.execute(trx);
    return fn(trx);
  });
}

/**
 * Runs `fn` in one transaction as the schema owner, bypassing row-level security. Only for work
 * that no signed-in user drives: sign-in itself, migrations, demo loading, audit verification,
 * key rotation, the job queue's bookkeeping and database copies.
 */
export function asSystem<T>(database: Database, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(fn);
}

export type Queryable = Kysely<Schema> | Tx;
