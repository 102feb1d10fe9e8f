/**
 * Acting as an SQL injection would in the database-trust tests: raw statements on the request connection, as
 * refuge_app, with whatever token and settings the attacker likes.
 */
import type pg from 'pg';
import type { Database } from '../db/database.ts';

/** Runs `fn` on the request connection as refuge_app after `setup`, in a transaction rolled back afterwards. */
export async function asInjection<T>(
  database: Database,
  setup: { token?: string; settings?: Record<string, string> },
  fn: (c: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const c = await database.requestPool.connect();
  try {
    await c.query('BEGIN');
    await c.query(`SELECT set_config('role', 'refuge_app', true)`);
    if (setup.token !== undefined) await c.query(`SELECT set_config('refuge.session_token', $1, true)`, [setup.token]);
    for (const [k, v] of Object.entries(setup.settings ?? {})) await c.query('SELECT set_config($1, $2, true)', [k, v]);
    return await fn(c);
  } finally {
    await c.query('ROLLBACK').catch(() => undefined);
    c.release();
  }
}

/**
 * Rows of `table` the connection sees. A table refuge_app may not read at all (permission denied, 42501) counts as
 * nothing read: a stronger refusal than row-level security.
 */
export async function countVisible(c: pg.PoolClient, table: string, where = 'true', params: unknown[] = []) {
  const {
    rows: [may],
  } = await c.query<{ ok: boolean }>(`SELECT has_table_privilege(current_user, $1, 'SELECT') AS ok`, [
    `public.${table}`,
  ]);
  if (!may!.ok) return 0;
  return Number((await c.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0].n);
}
