import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseKind } from './database.ts';
import { FieldCipher } from './encryption.ts';
import { Keyring } from './keyring.ts';
import { MemoryBlobStore } from './blob-store.ts';
import { ephemeralAuditKeys } from './audit-key.ts';
import { migrate } from './migrate.ts';
import type { Schema } from './schema.ts';
import type { AppContext } from '../services/context.ts';
import { syncPermissions } from '../services/accounts.ts';

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

export interface TestDatabase extends Database { readonly url: string | null; drop(): Promise<void> }

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const template = process.env.REFUGE_TEST_PGLITE_TEMPLATE;
    const pglite = template && existsSync(template)
      ? await PGlite.create({ loadDataDir: new Blob([readFileSync(template)]) })
      : await PGlite.create();
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
    await migrate(pool);
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    const close = async () => { await db.destroy().catch(() => undefined); await pglite.close().catch(() => undefined); };
    return { kind, db, pool, url: null, close, drop: close };
  }
  const name = `refuge_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: testPostgresUrl(), max: 1 });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    throw new Error(`cannot reach the test PostgreSQL server at ${testPostgresUrl()} (set REFUGE_TEST_DATABASE_URL, or run .ci/run which starts one): ${(error as Error).message}`);
  } finally {
    await admin.end();
  }
  const url = testPostgresUrl(name);
  const database = await openDatabase({ url, poolSize: 5 });
  await migrate(database.pool);
  return {
    ...database, url,
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
export async function createTestApp(database: Database, options: { now?: Date } = {}): Promise<AppContext & { setNow(d: Date): void; advance(ms: number): void }> {
  let now = options.now ?? new Date('2026-02-15T08:00:00Z');
  const app = {
    database, cipher: new FieldCipher(testKeyring()), blobs: new MemoryBlobStore(),
    now: () => new Date(now), newId: () => randomUUID(), auditKeys: ephemeralAuditKeys(),
    setNow(d: Date) { now = d; },
    advance(ms: number) { now = new Date(now.getTime() + ms); },
  };
  await syncPermissions(app);
  return app;
}
