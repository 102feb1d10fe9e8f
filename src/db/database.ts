import { createHmac } from 'node:crypto';
import { ensurePrivateDir, restrictTree } from './data-dir.ts';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Schema } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

/** The role every request transaction runs as; row-level security is written for it. */
export const REQUEST_ROLE = 'refuge_app';

/**
 * One handle on the system of record, whichever engine is behind it. Two connections:
 * - `db`/`pool`: the schema owner, for migrations and system work (asSystem);
 * - `requestDb`: for work on behalf of a signed-in user (asActor). On PostgreSQL it logs in as
 *   `refuge_app`, which owns nothing, is no superuser, has no BYPASSRLS and cannot become the owner,
 *   so row-level security holds even against SQL injected into a request. PGlite has one superuser
 *   backend: there `requestDb` is the owner's connection and asActor switches role (README › Database trust).
 */
export interface Database {
  readonly kind: DatabaseKind;
  /** The owner's connection: migrations and system work only. */
  readonly db: Kysely<Schema>;
  /** The owner's raw pool: for the migration runner and streaming copies only; everything else uses `db`. */
  readonly pool: pg.Pool;
  /** The request connection (see above). */
  readonly requestDb: Kysely<Schema>;
  /** The request pool; on PGlite the owner's pool. */
  readonly requestPool: pg.Pool;
  /**
   * True when the request pool logs in as its own role (PostgreSQL), false when it shares the owner's backend (PGlite).
   */
  readonly separateRequestRole: boolean;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… to use a PostgreSQL server; otherwise PGlite. */
  url?: string;
  /**
   * postgres://… for request work (logs in as refuge_app or a member of it); default: `url` with the user refuge_app
   * and `requestPassword`.
   */
  requestUrl?: string;
  /** Password for the derived request URL (see requestRolePassword). */
  requestPassword?: string;
  /** PGlite data directory; omitted = in memory (tests). */
  dataDir?: string;
  /** Pool size for PostgreSQL, per pool (PGlite is always one connection). */
  poolSize?: number;
}

// Timestamps come back as ISO strings and bigints as numbers (counts stay well below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (v) => new Date(v).toISOString());
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** The request role's password, derived from the deployment's secret key so every server process agrees on it. */
export function requestRolePassword(secretKey: Buffer): string {
  return createHmac('sha256', secretKey).update('refuge database password for refuge_app').digest('base64url');
}

/** `ownerUrl` with the user and password of the request role. */
export function deriveRequestUrl(ownerUrl: string, password: string | undefined): string {
  const url = new URL(ownerUrl);
  url.username = REQUEST_ROLE;
  url.password = password ? encodeURIComponent(password) : '';
  return url.toString();
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on('error', () => {
      /* idle client errors surface on the next query */
    });
    keepClientErrorsInQueries(pool);
    await pool.query('SELECT 1');
    // Connects lazily: the role may only be able to log in once migrations ran (ensureRequestRole).
    const requestPool = new pg.Pool({
      connectionString: options.requestUrl ?? deriveRequestUrl(options.url, options.requestPassword),
      max: options.poolSize ?? 10,
    });
    requestPool.on('error', () => {
      /* idem */
    });
    keepClientErrorsInQueries(requestPool);
    return wrap('postgresql', pool, requestPool, async () => {
      await requestPool.end();
      await pool.end();
    });
  }
  const dataDir = options.dataDir;
  if (dataDir) ensurePrivateDir(dataDir);
  const pglite = await PGlite.create(dataDir ?? 'memory://');
  if (dataDir) restrictTree(dataDir);
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  return wrap('pglite', pool, pool, async () => {
    await pool.end();
    await pglite.close();
    if (dataDir) restrictTree(dataDir);
  });
}

/**
 * A backend terminated while its client is checked out but between queries (pg_terminate_backend, a restart) makes
 * the client emit 'error' with nobody listening, which would end the process. The next query on it fails instead
 * (the client is no longer queryable) and the pool discards it on release, so the server recovers by itself.
 */
function keepClientErrorsInQueries(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    client.on('error', () => {
      /* surfaces as the failure of the client's next query */
    });
  });
}

/** SQLSTATE classes and socket errors that mean "the database went away", not "the request was wrong". */
const LOST_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const LOST_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed|terminating connection/i;

/**
 * True when a failed query failed because the connection to the database was lost or could not be made (restart,
 * failover, pg_terminate_backend, too many connections): the transaction did not commit and the request can be sent
 * again. Serialization failures and deadlocks are retryable too.
 */
export function isRetryableDatabaseError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (LOST_CODES.has(code) || code.startsWith('08') || code === '40001' || code === '40P01') return true;
  if (typeof e.message === 'string' && LOST_MESSAGES.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error ? isRetryableDatabaseError(e.cause) : false;
}

/**
 * What a committed write survives on each engine. PostgreSQL fsyncs its WAL at commit. PGlite in Node writes its
 * files through Emscripten's NODEFS, whose fsync does nothing: a commit reaches the operating system's page cache,
 * so it survives the server process being killed (SIGKILL, a crash, an OOM kill), but not a power loss or kernel
 * crash, which can lose the last commits or leave the directory needing a restore from backup.
 */
export function durabilityOf(kind: DatabaseKind): { processCrash: boolean; powerLoss: boolean; note: string } {
  return kind === 'postgresql'
    ? {
        processCrash: true,
        powerLoss: true,
        note: 'PostgreSQL: commits are flushed to disk (fsync) before they are acknowledged',
      }
    : {
        processCrash: true,
        powerLoss: false,
        note:
          'embedded PGlite does not flush to disk (no fsync): acknowledged writes survive the server process being killed, ' +
          'but a power loss or operating-system crash can lose the last ones or damage the data directory. ' +
          'Use PostgreSQL (DATABASE_URL) where that matters, and keep backups (README › Durability)',
      };
}

export function wrap(kind: DatabaseKind, pool: pg.Pool, requestPool: pg.Pool, close: () => Promise<void>): Database {
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const separate = requestPool !== pool;
  const requestDb = separate ? new Kysely<Schema>({ dialect: new PostgresDialect({ pool: requestPool }) }) : db;
  let closed = false;
  return {
    kind,
    db,
    pool,
    requestDb,
    requestPool,
    separateRequestRole: separate,
    async close() {
      if (closed) return;
      closed = true;
      if (separate) await requestDb.destroy().catch(() => undefined);
      await db.destroy().catch(() => undefined);
      await close().catch(() => undefined);
    },
  };
}

/**
 * Makes sure the request pool can log in and is what row-level security needs (PostgreSQL only),
 * after migrations created the role. `setUp` given (a derived URL): the owner gives refuge_app LOGIN
 * and `setUp.password` when it cannot log in yet (first start, or the secret key changed); null
 * password = no password (trust authentication, tests). `setUp` null (an explicit DATABASE_APP_URL):
 * the operator set the role up; only check it.
 */
export async function ensureRequestRole(database: Database, setUp: { password: string | null } | null): Promise<void> {
  if (!database.separateRequestRole) return;
  let lastError: unknown = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    let rows: { superuser: boolean; bypass: boolean; member: boolean }[];
    try {
      ({ rows } = await database.requestPool.query(
        `SELECT r.rolsuper AS superuser, r.rolbypassrls AS bypass, pg_has_role(current_user, o.oid, 'MEMBER') AS member
         FROM pg_roles r, pg_class c JOIN pg_roles o ON o.oid = c.relowner
         WHERE r.rolname = current_user AND c.oid = 'public.survivors'::regclass`,
      ));
    } catch (error) {
      lastError = error;
      if (!setUp) break;
      // Several processes (or test suites) may do this at once; a concurrent update of the role is retried.
      const password = setUp.password === null ? '' : ` PASSWORD ${escapeLiteral(setUp.password)}`;
      await database.pool.query(`ALTER ROLE ${REQUEST_ROLE} WITH LOGIN${password}`).catch((e) => {
        lastError = e;
      });
      continue;
    }
    const r = rows[0];
    if (!r || r.superuser || r.bypass || r.member) {
      throw new Error(
        'the request connection logs in as a superuser, a role with BYPASSRLS or a member of the schema owner: row-level security would not hold (README › Database trust)',
      );
    }
    return;
  }
  throw new Error(`cannot connect as the request role: ${(lastError as Error)?.message}`, { cause: lastError });
}

const escapeLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;
