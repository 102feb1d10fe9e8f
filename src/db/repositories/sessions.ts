import type { Queryable } from '../transaction.ts';

export interface SessionRow { tokenHash: string; userId: string; organisationId: string | null; csrfToken: string; secondFactorPassed: boolean; expiresAt: string; lastSeenAt: string }

export async function insertSession(trx: Queryable, s: Omit<SessionRow, 'lastSeenAt'>): Promise<void> {
  await trx.insertInto('sessions').values({
    token_hash: s.tokenHash, user_id: s.userId, organisation_id: s.organisationId, csrf_token: s.csrfToken,
    second_factor_passed: s.secondFactorPassed, expires_at: s.expiresAt,
  }).execute();
}

export async function findSession(trx: Queryable, tokenHash: string): Promise<SessionRow | null> {
  const r = await trx.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return r ? { tokenHash: r.token_hash, userId: r.user_id, organisationId: r.organisation_id, csrfToken: r.csrf_token, secondFactorPassed: r.second_factor_passed, expiresAt: r.expires_at, lastSeenAt: r.last_seen_at } : null;
}

export async function touchSession(trx: Queryable, tokenHash: string, now: string, expiresAt: string): Promise<void> {
  await trx.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
}

export async function updateSession(trx: Queryable, tokenHash: string, patch: { organisationId?: string; secondFactorPassed?: boolean }): Promise<void> {
  await trx.updateTable('sessions').set({
    ...(patch.organisationId !== undefined ? { organisation_id: patch.organisationId } : {}),
    ...(patch.secondFactorPassed !== undefined ? { second_factor_passed: patch.secondFactorPassed } : {}),
  }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(trx: Queryable, tokenHash: string): Promise<void> {
  await trx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(trx: Queryable, userId: string): Promise<number> {
  const r = await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteExpiredSessions(trx: Queryable, now: string): Promise<number> {
  const r = await trx.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
