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

declare const inTransaction: unique symbol;
/** Queries on one connection inside an open transaction. Only asActor and asSystem (and export snapshots) make one. */
export type Tx = Kysely<Schema> & { readonly [inTransaction]: true };

/** A transaction Kysely opened (BEGIN … COMMIT around a callback) as a Tx. */
export const openedTx = (trx: Transaction<Schema>): Tx => trx as unknown as Tx;

/** What asActor writes into its first statement's text: a session token is 32 random bytes in base64url. */
const SESSION_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * Runs `fn` in one transaction on the request connection as `actor`. On PostgreSQL that connection
 * is logged in as `refuge_app`; on PGlite (one superuser backend) the role is switched with
 * set_config('role', …, true), i.e. SET LOCAL ROLE. The token is transaction-local
 * (set_config(…, true)) because PGlite has a single backend shared by every pooled client.
 *
 * BEGIN and both settings go in one round trip (issue #13: every request starts here): a statement without
 * parameters is sent by the simple query protocol, which carries several statements, so the token is written into
 * the text — checked against the shape of a token first, so nothing else ever is.
 */
export function asActor<T>(database: Database, actor: Actor, fn: (trx: Tx) => Promise<T>): Promise<T> {
  if (!SESSION_TOKEN.test(actor.sessionToken)) throw new Error('a session token is base64url');
  return database.requestDb.connection().execute(async (connection) => {
    await sql
      .raw(
        `BEGIN; SELECT set_config('refuge.session_token', '${actor.sessionToken}', true), ` +
          `set_config('role', 'refuge_app', true)`,
      )
      .execute(connection);
    let result: T;
    try {
      result = await fn(connection as Tx);
    } catch (error) {
      // A lost connection fails the rollback too; the error that matters is the first.
      await sql
        .raw('ROLLBACK')
        .execute(connection)
        .catch(() => undefined);
      throw error;
    }
    await sql.raw('COMMIT').execute(connection);
    return result;
  });
}

/**
 * Runs `fn` in one transaction as the schema owner, bypassing row-level security. Only for work
 * that no signed-in user drives: sign-in itself, migrations, demo loading, audit verification,
 * key rotation, the job queue's bookkeeping and database copies.
 */
export function asSystem<T>(database: Database, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction().execute((trx) => fn(openedTx(trx)));
}

export type Queryable = Kysely<Schema> | Tx;
