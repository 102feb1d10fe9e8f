import { sql } from 'kysely';
import type { Queryable } from '../transaction.ts';
import { onlyRow } from '../only-row.ts';

/**
 * Fixed-window counter shared by every server process: one upsert per hit, atomic in PostgreSQL.
 * Returns the number of hits in the current window including this one.
 */
export async function hitRateLimit(
  trx: Queryable,
  key: string,
  windowSeconds: number,
  now: Date,
): Promise<{ hits: number; resetAt: string }> {
  const nowIso = now.toISOString();
  const { rows } = await sql<{ hits: number; window_start: string }>`
    INSERT INTO rate_limits(key, window_start, hits) VALUES (${key}, ${nowIso}::timestamptz, 1)
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN rate_limits.window_start <= ${nowIso}::timestamptz - make_interval(secs => ${windowSeconds}) THEN 1 ELSE rate_limits.hits + 1 END,
      window_start = CASE WHEN rate_limits.window_start <= ${nowIso}::timestamptz - make_interval(secs => ${windowSeconds}) THEN ${nowIso}::timestamptz ELSE rate_limits.window_start END
    RETURNING hits, window_start`.execute(trx);
  const { hits, window_start } = onlyRow(rows);
  const start = new Date(window_start);
  return { hits, resetAt: new Date(start.getTime() + windowSeconds * 1000).toISOString() };
}

export async function clearRateLimit(trx: Queryable, key: string): Promise<void> {
  await trx.deleteFrom('rate_limits').where('key', '=', key).execute();
}

/** Hits in the current window without adding one (0 when the window has passed). */
export async function peekRateLimit(
  trx: Queryable,
  key: string,
  windowSeconds: number,
  now: Date,
): Promise<{ hits: number; resetAt: string }> {
  const row = await trx
    .selectFrom('rate_limits')
    .select(['hits', 'window_start'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return { hits: 0, resetAt: now.toISOString() };
  const start = new Date(row.window_start).getTime();
  if (start + windowSeconds * 1000 <= now.getTime()) return { hits: 0, resetAt: now.toISOString() };
  return { hits: row.hits, resetAt: new Date(start + windowSeconds * 1000).toISOString() };
}
