/**
 * Signing in with a password (throttled per address, locked per account), changing or resetting a password, and the
 * one-time codes administrators issue (password reset, second-factor enrolment).
 */
import { randomBytes } from 'node:crypto';
import {
  clearLoginFailures,
  consumeAccountToken,
  findPasswordResetOwner,
  findUserByEmail,
  findUserById,
  insertAccountToken,
  lockUser,
  lockUserAfterFailures,
  membershipsOf,
  recordLoginFailure,
  setPasswordHash,
  type AccountTokenPurpose,
} from '../db/repositories/accounts.repository.ts';
import { hitRateLimit, peekRateLimit } from '../db/repositories/rate-limits.repository.ts';
import { deploymentMode } from '../db/repositories/deployment.repository.ts';
import {
  deleteSession,
  deleteSessionsOfUser,
  insertSession,
  type SessionRow,
} from '../db/repositories/sessions.repository.ts';
import { asSystem } from '../db/transaction.ts';
import { audit } from './audit.service.ts';
import type { AppContext, RequestActor } from './context.ts';
import { forbidden, invalid, notFound, TooManyRequests, unauthorized } from './errors.ts';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.service.ts';
import {
  hashToken,
  sessionView,
  SESSION_IDLE_HOURS,
  type ResolvedSession,
  type SessionView,
} from './sessions.service.ts';
import { can } from '../core/permissions/matrix.ts';

export const LOCKOUT_AFTER_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;
export const LOGIN_LIMIT_PER_IP = { hits: 30, windowSeconds: 15 * 60 };

/** The one answer to every refused sign-in (unknown, wrong password, locked, demo account in production). */
export const SIGN_IN_REFUSED = 'email or password is not right, or this account cannot sign in just now';

/** Counts a failed sign-in against the client address (successful ones are not counted). */
async function countFailedSignIn(app: AppContext, ip: string, now: Date): Promise<void> {
  await asSystem(app.database, (trx) => hitRateLimit(trx, `login:ip:${ip}`, LOGIN_LIMIT_PER_IP.windowSeconds, now));
}

async function refuseIfAddressThrottled(app: AppContext, ip: string, now: Date): Promise<void> {
  const ipLimit = await asSystem(app.database, (trx) =>
    peekRateLimit(trx, `login:ip:${ip}`, LOGIN_LIMIT_PER_IP.windowSeconds, now),
  );
  if (ipLimit.hits >= LOGIN_LIMIT_PER_IP.hits) {
    throw new TooManyRequests(Math.max(1, Math.ceil((Date.parse(ipLimit.resetAt) - now.getTime()) / 1000)));
  }
}

/**
 * Email + password sign-in. Throttled per client address on FAILED attempts only (shared counter
 * in PostgreSQL; the address is the socket's, or the one a configured number of trusted proxies
 * reports), and locked for a while after repeated failures per account. Always creates a fresh
 * session token (rotation): a token presented before sign-in is discarded.
 */
export async function login(
  app: AppContext,
  input: { email: string; password: string; ip: string; previousToken?: string; requestId?: string },
): Promise<{ token: string; view: SessionView }> {
  const now = app.now();
  await refuseIfAddressThrottled(app, input.ip, now);
  const { user, mode } = await asSystem(app.database, async (trx) => ({
    user: await findUserByEmail(trx, input.email),
    mode: await deploymentMode(trx),
  }));
  // Unknown accounts, locked accounts and demo accounts outside a demo deployment all get the same
  // answer after the same work (one argon2 verification against a decoy), so none can be told apart.
  const locked = !!user?.lockedUntil && Date.parse(user.lockedUntil) > now.getTime();
  const demoElsewhere = !!user?.isDemo && mode !== 'demo';
  if (!user || locked || demoElsewhere) {
    await verifyPassword(await decoyHash(), input.password);
    await countFailedSignIn(app, input.ip, now);
    throw unauthorized(SIGN_IN_REFUSED);
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await countFailedSignIn(app, input.ip, now);
    await asSystem(app.database, async (trx) => {
      const failures = await recordLoginFailure(trx, user.id, null);
      if (failures >= LOCKOUT_AFTER_FAILURES) {
        await lockUserAfterFailures(trx, user.id, new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString());
        await audit(
          trx,
          app,
          { userId: user.id, organisationId: null, requestId: input.requestId ?? null },
          'auth.locked',
          'user',
          user.id,
          { minutes: LOCKOUT_MINUTES },
        );
      }
      await audit(
        trx,
        app,
        { userId: user.id, organisationId: null, requestId: input.requestId ?? null },
        'auth.login_failed',
        'user',
        user.id,
      );
    });
    throw unauthorized(SIGN_IN_REFUSED);
  }
  return asSystem(app.database, async (trx) => {
    if (input.previousToken) await deleteSession(trx, hashToken(input.previousToken));
    await clearLoginFailures(trx, user.id);
    const memberships = await membershipsOf(trx, user.id);
    const token = randomBytes(32).toString('base64url');
    const session: SessionRow = {
      tokenHash: hashToken(token),
      userId: user.id,
      organisationId: (memberships.find((m) => m.role === 'admin') ?? memberships[0])?.organisationId ?? null,
      csrfToken: randomBytes(24).toString('base64url'),
      secondFactorPassed: false,
      expiresAt: new Date(now.getTime() + SESSION_IDLE_HOURS * 3600_000).toISOString(),
      lastSeenAt: now.toISOString(),
      createdAt: now.toISOString(),
    };
    await insertSession(trx, session);
    await audit(
      trx,
      app,
      { userId: user.id, organisationId: session.organisationId, requestId: input.requestId ?? null },
      'auth.login',
      'user',
      user.id,
    );
    return { token, view: sessionView(user, memberships, session) };
  });
}

/** How long an administrator-issued code stays usable. */
export const ACCOUNT_CODE_HOURS = 72;

/** Codes are typed by hand: 20 base32 characters (100 bits) in groups of four; case and dashes do not matter. */
function newAccountCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}
export const normaliseCode = (code: string) =>
  code
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .match(/.{1,4}/g)
    ?.join('-') ?? '';

/**
 * An administrator issues a one-time code for one of their organisation's members: a TOTP enrolment
 * code or a password reset code. Only its hash is stored; issuing replaces an earlier unused code
 * of the same kind. `by` null is the operator's CLI.
 */
export async function issueAccountCode(
  app: AppContext,
  by: RequestActor | null,
  target: { userId?: string; email?: string },
  purpose: AccountTokenPurpose,
): Promise<{ code: string; userId: string; expiresAt: string }> {
  if (by && !can(by.roles, 'manage', 'user')) throw forbidden('only an administrator can issue codes');
  return asSystem(app.database, async (trx) => {
    const user = target.userId
      ? await findUserById(trx, target.userId)
      : target.email
        ? await findUserByEmail(trx, target.email)
        : null;
    const memberOf = user ? await membershipsOf(trx, user.id) : [];
    if (!user || (by && !memberOf.some((m) => m.organisationId === by.organisationId))) throw notFound('that member');
    if (user.isDemo && (await deploymentMode(trx)) !== 'demo') throw notFound('that member');
    const code = newAccountCode();
    const now = app.now();
    const expiresAt = new Date(now.getTime() + ACCOUNT_CODE_HOURS * 3600_000).toISOString();
    await insertAccountToken(trx, {
      tokenHash: hashToken(code),
      userId: user.id,
      purpose,
      issuedBy: by?.userId ?? null,
      createdAt: now.toISOString(),
      expiresAt,
    });
    await audit(
      trx,
      app,
      by ? { userId: by.userId, organisationId: by.organisationId, requestId: by.requestId } : null,
      purpose === 'totp_enrolment' ? 'user.enrolment_code_issued' : 'user.password_reset_issued',
      'user',
      user.id,
      { expiresAt },
    );
    return { code, userId: user.id, expiresAt };
  });
}

/**
 * Password change by the signed-in user, who must know the current password. Every other session of
 * the user ends. A wrong current password counts as a failed sign-in (so this is no password oracle).
 */
export async function changePassword(
  app: AppContext,
  resolved: ResolvedSession,
  input: { currentPassword: string; newPassword: string; ip: string },
): Promise<{ endedSessions: number }> {
  const now = app.now();
  await refuseIfAddressThrottled(app, input.ip, now);
  if (!(await verifyPassword(resolved.user.passwordHash, input.currentPassword))) {
    await countFailedSignIn(app, input.ip, now);
    await asSystem(app.database, async (trx) => {
      const failures = await recordLoginFailure(trx, resolved.user.id, null);
      if (failures >= LOCKOUT_AFTER_FAILURES)
        await lockUser(trx, resolved.user.id, new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString());
      await audit(
        trx,
        app,
        { userId: resolved.user.id, organisationId: resolved.session.organisationId, requestId: null },
        'auth.password_change_failed',
        'user',
        resolved.user.id,
      );
    });
    throw invalid({ currentPassword: 'this is not your current password' });
  }
  const problem = passwordProblem(input.newPassword, resolved.user.email);
  if (problem) throw invalid({ newPassword: problem });
  const passwordHash = await hashPassword(input.newPassword);
  return asSystem(app.database, async (trx) => {
    await setPasswordHash(trx, resolved.user.id, passwordHash, now.toISOString());
    const ended = await deleteSessionsOfUser(trx, resolved.user.id, resolved.session.tokenHash);
    await audit(
      trx,
      app,
      { userId: resolved.user.id, organisationId: resolved.session.organisationId, requestId: null },
      'auth.password_changed',
      'user',
      resolved.user.id,
      { endedSessions: ended },
    );
    return { endedSessions: ended };
  });
}

/**
 * Sets a new password with an administrator-issued reset code (no session needed). The code is
 * spent, every session of the user ends and the account is unlocked. Wrong codes count as failed
 * sign-ins from the client address.
 */
export async function resetPassword(
  app: AppContext,
  input: { code: string; newPassword: string; ip: string },
): Promise<void> {
  const now = app.now();
  await refuseIfAddressThrottled(app, input.ip, now);
  const tokenHash = hashToken(normaliseCode(input.code));
  const owner = await asSystem(app.database, (trx) => findPasswordResetOwner(trx, tokenHash, now.toISOString()));
  if (!owner) {
    await countFailedSignIn(app, input.ip, now);
    throw invalid({ code: 'this code is not right, was used already or has expired' });
  }
  const problem = passwordProblem(input.newPassword, owner.email);
  if (problem) throw invalid({ newPassword: problem });
  const passwordHash = await hashPassword(input.newPassword);
  await asSystem(app.database, async (trx) => {
    const userId = await consumeAccountToken(trx, tokenHash, 'password_reset', now.toISOString());
    if (!userId) throw invalid({ code: 'this code is not right, was used already or has expired' });
    await setPasswordHash(trx, userId, passwordHash, now.toISOString());
    const ended = await deleteSessionsOfUser(trx, userId);
    await audit(trx, app, { userId, organisationId: null, requestId: null }, 'auth.password_reset', 'user', userId, {
      endedSessions: ended,
    });
  });
}
