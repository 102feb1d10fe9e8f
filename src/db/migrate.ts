import { createHash } from 'node:crypto';
import type pg from 'pg';
import { migrations } from './migrations/index.ts';

/**
 * Forward-only migrations, the same on PGlite and PostgreSQL. Each runs in its own transaction;
 * an applied migration whose text changed is refused (never edit a migration after it lands).
 * A session-level advisory lock keeps several server processes from migrating at once.
 */
export async function migrate(pool: pg.Pool, log: (line: string) => void = () => {}): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(7301000)');
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM schema_migrations',
    );
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    for (const migration of migrations) {
      const checksum = createHash('sha256').update(migration.sql).digest('hex');
      const previous = done.get(migration.name);
      if (previous) {
        if (previous !== checksum) throw new Error(`migration ${migration.name} was edited after it was applied`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations(name, checksum) VALUES ($1, $2)', [migration.name, checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.name);
      log(`applied migration ${migration.name}`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(7301000)').catch(() => undefined);
    client.release();
  }
  return applied;
}
