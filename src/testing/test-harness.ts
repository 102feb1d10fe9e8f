import { Blob as NodeBlob } from 'node:buffer';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { ensureRequestRole, openDatabase, wrap, type Database, type DatabaseKind } from '../db/database.ts';
import { FieldCipher } from '../db/encryption.ts';
import { Keyring } from '../db/keyring.ts';
import { MemoryBlobStore } from '../db/blob-store.ts';
import { ephemeralAuditKeys } from '../db/audit-key.ts';
import { migrate } from '../db/migrate.ts';
import type { AppContext } from '../services/context.ts';
import { syncPermissions } from '../services/accounts.service.ts';
import { sealClearFreeText } from '../services/casework/free-text-seal.service.ts';
import { issueServiceSession } from '../services/sessions.service.ts';
import type { RequestActor } from '../services/context.ts';
import type { Role } from '../core/vocabulary.ts';
import { asSystem } from '../db/transaction.ts';

/**
 * Test databases: every `*.db.test.ts` suite runs against both engines. PGlite starts from a
 * migrated template made once per test run (see vitest.global-setup.ts); PostgreSQL gets a fresh
 * database per suite, dropped afterwards. No mocks: these are the real engines.
 */
export const DATABASE_KINDS: readonly DatabaseKind[] = ['pglite', 'postgresql'];

export function testPostgresUrl(database = 'postgres'): string {
  const base = process.env.REFUGE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface TestDatabase extends Database {
  readonly url: string | null;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const template = process.env.REFUGE_TEST_PGLITE_TEMPLATE;
    const pglite =
      template && existsSync(template)
        ? // Node's own Blob: jsdom (web component tests) replaces the global one with one PGlite cannot read.
          await PGlite.create({ loadDataDir: new NodeBlob([readFileSync(template)]) as Blob })
        : await PGlite.create();
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
    await migrate(pool);
    const database = wrap('pglite', pool, pool, async () => {
      await pglite.close();
    });
    return { ...database, url: null, drop: () => database.close() };
  }
  const name = `refuge_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: testPostgresUrl(), max: 1 });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    throw new Error(
      `cannot reach the test PostgreSQL server at ${testPostgresUrl()} ` +
        `(set REFUGE_TEST_DATABASE_URL, or run .ci/run which starts one): ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    await admin.end();
  }
  const url = testPostgresUrl(name);
  // The same two pools as a server: the owner (postgres) and the request role logging in as
  // refuge_app (trust authentication on the test server, so no password), so every db and routes
  // test runs through the real role separation.
  const database = await openDatabase({ url, poolSize: 4 });
  await migrate(database.pool);
  await ensureRequestRole(database, { password: null });
  return {
    ...database,
    url,
    async drop() {
      await database.close();
      const a = new pg.Pool({ connectionString: testPostgresUrl(), max: 1 });
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await a.end();
    },
  };
}

export function testKeyring(): Keyring {
  return new Keyring([{ kid: 'testkey1', key: Buffer.alloc(32, 7) }]);
}

/** An application context over a test database, with a settable clock. */
export async function createTestApp(
  database: Database,
  options: { now?: Date } = {},
): Promise<AppContext & { setNow(d: Date): void; advance(ms: number): void }> {
  let now = options.now ?? new Date('2026-02-15T08:00:00Z');
  const app = {
    database,
    cipher: new FieldCipher(testKeyring()),
    blobs: new MemoryBlobStore(),
    now: () => new Date(now),
    newId: () => randomUUID(),
    auditKeys: ephemeralAuditKeys(),
    setNow(d: Date) {
      now = d;
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
  await syncPermissions(app);
  await sealClearFreeText(app);
  return app;
}

/**
 * A real signed-in actor for tests that call services or asActor directly: a user with `roles` in
 * `organisationId` and a live session (row-level security derives the actor from its token only).
 */
export async function signedInActor(
  app: AppContext,
  organisationId: string,
  roles: readonly Role[] = ['caseworker'],
): Promise<RequestActor> {
  const userId = app.newId();
  await asSystem(app.database, async (trx) => {
    await trx
      .insertInto('users')
      .values({ id: userId, email: `${userId}@actor.test`, display_name: 'Test actor', password_hash: '!' })
      .execute();
    await trx
      .insertInto('memberships')
      .values(roles.map((role) => ({ user_id: userId, organisation_id: organisationId, role })))
      .execute();
  });
  const actor = await issueServiceSession(app, { userId, organisationId, minutes: 24 * 60 });
  if (!actor) throw new Error('no membership');
  return actor;
}
