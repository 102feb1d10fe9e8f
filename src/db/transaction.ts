import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.ts';
import type { Schema } from './schema.ts';

/**
 * Who is acting. Row-level security does not take the ids from here: the database derives the user
 * and organisation from `sessionToken` (refuge_user_id()/refuge_org_id() look its hash up in
 * `sessions`, which the request role cannot read or write). The ids are for the services' own use.
 */
export interface Actor {
  userId: string;
  organisationId: string | null;
  /** The raw token of a live session signed in to `organisationId` (a browser's cookie or a job session). */
  sessionToken: string;
}

export type Tx = Transaction<Schema>;

/**
 * Runs `fn` in one transaction on the request connection as `actor`. On PostgreSQL that connection
 * is logged in as `refuge_app`; on PGlite (one superuser backend) the role is switched with
 * set_config('role', …, true), i.e. SET LOCAL ROLE. The token is transaction-local
 * (set_config(…, true)) because PGlite has a single backend shared by every pooled client.
 * One round trip: both settings in one statement.
 */
export function asActor<T>(database: Database, actor: Actor, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return database.requestDb.transaction().execute(async (trx) => {
    await sql`SELECT set_config('refuge.session_token', ${actor.sessionToken}, true), set_config('role', 'refuge_app', true)`.execute(
      trx,
    );
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
