import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import {
  claimTotpStep,
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
  setTotp,
  type AccountTokenPurpose,
  type MembershipRow,
  type OrganisationRow,
  type UserRow,
} from '../db/repositories/accounts.repository.ts';
import { clearRateLimit, hitRateLimit, peekRateLimit } from '../db/repositories/rate-limits.repository.ts';
import { deploymentMode } from '../db/repositories/deployment.repository.ts';
import {
  deleteSession,
  deleteSessionsOfUser,
  insertSession,
  loadSessionBundle,
  touchSession,
  updateSession,
  type SessionRow,
} from '../db/repositories/sessions.repository.ts';
import { asSystem } from '../db/transaction.ts';
import { encryptionContext } from '../db/encrypted-columns.ts';
import type { Role } from '../core/vocabulary.ts';
import { audit } from './audit.service.ts';
import type { AppContext, RequestActor } from './context.ts';
import { conflict, forbidden, invalid, notFound, ServiceError, TooManyRequests, unauthorized } from './errors.ts';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.service.ts';
import { can } from '../core/permissions/matrix.ts';

/** A session ends after this long without a request… */
export const SESSION_IDLE_HOURS = 12;
/** …and this long after sign-in, however busy it is (then sign in again). */
export const SESSION_ABSOLUTE_HOURS = 24;
export const LOCKOUT_AFTER_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;
export const LOGIN_LIMIT_PER_IP = { hits: 30, windowSeconds: 15 * 60 };

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SessionView {
  user: { id: string; email: string; displayName: string; locale: string; totpEnabled: boolean; isDemo: boolean };
  organisations: {
    id: string;
    slug: string;
    name: string;
    kind: string;
    roles: Role[];
    isDemo: boolean;
    nationalitiesServed: string[];
  }[];
  currentOrganisationId: string | null;
  secondFactor: 'passed' | 'required' | 'enrolment_required' | 'not_needed';
  csrfToken: string;
}

export interface ResolvedSession {
  session: SessionRow;
  user: UserRow;
  memberships: (MembershipRow & { organisation: OrganisationRow })[];
  view: SessionView;
  /** Present only when the session is fully signed in with a current organisation. */
  actor: RequestActor | null;
}

function secondFactorState(
  user: UserRow,
  memberships: { organisation: OrganisationRow }[],
  session: Pick<SessionRow, 'secondFactorPassed' | 'organisationId'>,
): SessionView['secondFactor'] {
  if (session.secondFactorPassed) return 'passed';
  if (user.totpEnabled) return 'required';
  const current = memberships.find((m) => m.organisation.id === session.organisationId);
  if (current?.organisation.requireTotp && !user.totpExempt) return 'enrolment_required';
  return 'not_needed';
}

function view(
  user: UserRow,
  memberships: (MembershipRow & { organisation: OrganisationRow })[],
  session: SessionRow,
): SessionView {
  const byOrg = new Map<string, SessionView['organisations'][number]>();
  for (const m of memberships) {
    const entry = byOrg.get(m.organisationId) ?? {
      id: m.organisation.id,
      slug: m.organisation.slug,
      name: m.organisation.name,
      kind: m.organisation.kind,
      roles: [],
      isDemo: m.organisation.isDemo,
      nationalitiesServed: m.organisation.nationalitiesServed,
    };
    entry.roles.push(m.role);
    byOrg.set(m.organisationId, entry);
  }
  return {
    user: {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      locale: user.locale,
      totpEnabled: user.totpEnabled,
      isDemo: user.isDemo,
    },
    organisations: [...byOrg.values()],
    currentOrganisationId: session.organisationId,
    secondFactor: secondFactorState(user, memberships, session),
    csrfToken: session.csrfToken,
  };
}

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
    return { token, view: view(user, memberships, session) };
  });
}

/** Looks a session token up; slides its expiry. Null when unknown or expired. */
export async function resolveSession(
  app: AppContext,
  token: string | undefined,
  requestId: string | null = null,
): Promise<ResolvedSession | null> {
  if (!token) return null;
  const now = app.now();
  const bundle = await loadSessionBundle(app.database.db, hashToken(token));
  if (!bundle) return null;
  const { session, user, memberships } = bundle;
  if (
    Date.parse(session.expiresAt) <= now.getTime() ||
    Date.parse(session.createdAt) + SESSION_ABSOLUTE_HOURS * 3600_000 <= now.getTime()
  ) {
    await asSystem(app.database, (trx) => deleteSession(trx, session.tokenHash));
    return null;
  }
  // Only write when a minute has passed, so reads don't each cost a write.
  if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) {
    await asSystem(app.database, (trx) =>
      touchSession(
        trx,
        session.tokenHash,
        now.toISOString(),
        new Date(now.getTime() + SESSION_IDLE_HOURS * 3600_000).toISOString(),
      ),
    );
  }
  const v = view(user, memberships, session);
  const fullySignedIn = v.secondFactor === 'passed' || v.secondFactor === 'not_needed';
  const roles = memberships.filter((m) => m.organisationId === session.organisationId).map((m) => m.role);
  const actor =
    fullySignedIn && session.organisationId && roles.length
      ? { userId: user.id, organisationId: session.organisationId, roles, requestId, sessionToken: token }
      : null;
  return { session, user, memberships, view: v, actor };
}

/**
 * A session the server issues to itself to act for a user in one organisation without a browser:
 * a background job acting for whoever queued it, for example. Written by the owner connection (the
 * request role cannot insert sessions, so it cannot mint one), short-lived on the database's own
 * clock, and its token never leaves the process. Null when the user is no longer a member.
 */
export async function issueServiceSession(
  app: AppContext,
  input: { userId: string; organisationId: string; minutes: number; requestId?: string | null },
): Promise<RequestActor | null> {
  const now = app.now();
  return asSystem(app.database, async (trx) => {
    const roles = (await membershipsOf(trx, input.userId))
      .filter((m) => m.organisationId === input.organisationId)
      .map((m) => m.role);
    if (!roles.length) return null;
    const token = randomBytes(32).toString('base64url');
    await insertSession(trx, {
      tokenHash: hashToken(token),
      userId: input.userId,
      organisationId: input.organisationId,
      csrfToken: randomBytes(24).toString('base64url'),
      secondFactorPassed: true,
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + input.minutes * 60_000).toISOString(),
    });
    return {
      userId: input.userId,
      organisationId: input.organisationId,
      roles,
      requestId: input.requestId ?? null,
      sessionToken: token,
    };
  });
}

/** Ends a session issued by issueServiceSession. */
export async function endServiceSession(app: AppContext, actor: RequestActor): Promise<void> {
  await asSystem(app.database, (trx) => deleteSession(trx, hashToken(actor.sessionToken)));
}

export function csrfMatches(session: SessionRow, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(session.csrfToken),
    b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function logout(app: AppContext, resolved: ResolvedSession, everywhere: boolean): Promise<number> {
  return asSystem(app.database, async (trx) => {
    const n = everywhere
      ? await deleteSessionsOfUser(trx, resolved.user.id)
      : (await deleteSession(trx, resolved.session.tokenHash), 1);
    await audit(
      trx,
      app,
      { userId: resolved.user.id, organisationId: resolved.session.organisationId, requestId: null },
      everywhere ? 'auth.logout_everywhere' : 'auth.logout',
      'user',
      resolved.user.id,
      { sessions: n },
    );
    return n;
  });
}

export async function switchOrganisation(
  app: AppContext,
  resolved: ResolvedSession,
  organisationId: string,
): Promise<void> {
  if (!resolved.memberships.some((m) => m.organisationId === organisationId))
    throw forbidden('you are not a member of that organisation');
  await asSystem(app.database, async (trx) => {
    await updateSession(trx, resolved.session.tokenHash, { organisationId });
    await audit(
      trx,
      app,
      { userId: resolved.user.id, organisationId, requestId: null },
      'auth.switch_organisation',
      'organisation',
      organisationId,
    );
  });
}

const totpFor = (secretBase32: string, email: string) =>
  new OTPAuth.TOTP({
    issuer: 'Refuge',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });

const TOTP_PERIOD_SECONDS = 30;

/**
 * Checks a TOTP code and spends its time step: a code (or any earlier one) that was accepted once is
 * refused afterwards, so a code seen over a shoulder or in a log cannot be replayed within its window.
 */
async function spendTotpCode(
  app: AppContext,
  user: { id: string; email: string },
  secret: string,
  code: string,
): Promise<boolean> {
  const now = app.now().getTime();
  const delta = totpFor(secret, user.email).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return false;
  const step = Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
  return asSystem(app.database, (trx) => claimTotpStep(trx, user.id, step));
}

/** Second sign-in step: a TOTP code from the user's authenticator app, usable once. Throttled like passwords. */
export async function verifySecondFactor(app: AppContext, resolved: ResolvedSession, code: string): Promise<void> {
  const now = app.now();
  const limit = await asSystem(app.database, (trx) =>
    hitRateLimit(trx, `totp:${resolved.user.id}`, LOCKOUT_MINUTES * 60, now),
  );
  if (limit.hits > LOCKOUT_AFTER_FAILURES)
    throw new TooManyRequests(LOCKOUT_MINUTES * 60, 'too many wrong codes; try again later');
  if (!resolved.user.totpEnabled || !resolved.user.totpSecretEnc)
    throw conflict('this account has no second factor set up');
  const secret = app.cipher.decrypt(
    resolved.user.totpSecretEnc,
    encryptionContext('users', 'totp_secret_enc', resolved.user.id),
  );
  if (!(await spendTotpCode(app, resolved.user, secret, code))) {
    await asSystem(app.database, (trx) =>
      audit(
        trx,
        app,
        { userId: resolved.user.id, organisationId: null, requestId: null },
        'auth.totp_failed',
        'user',
        resolved.user.id,
      ),
    );
    throw new ServiceError(
      401,
      'wrong_code',
      'that code is not right',
      { code: 'the code does not match or was used already; wait for the next one' },
      undefined,
      {},
    );
  }
  await asSystem(app.database, async (trx) => {
    await clearRateLimit(trx, `totp:${resolved.user.id}`);
    await updateSession(trx, resolved.session.tokenHash, { secondFactorPassed: true });
    await audit(
      trx,
      app,
      { userId: resolved.user.id, organisationId: resolved.session.organisationId, requestId: null },
      'auth.totp_passed',
      'user',
      resolved.user.id,
    );
  });
}

/**
 * Starts TOTP enrolment: stores a new secret (not yet active) and returns it for the authenticator
 * app. A user whose organisation requires a second factor and who has none yet must present a
 * one-time enrolment code from an administrator: otherwise whoever learnt the password alone could
 * bind their own authenticator to the account. The code is spent here.
 */
export async function beginTotpEnrolment(
  app: AppContext,
  resolved: ResolvedSession,
  enrolmentCode?: string,
): Promise<{ secret: string; uri: string }> {
  if (resolved.user.totpEnabled) throw conflict('a second factor is already set up');
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await asSystem(app.database, async (trx) => {
    if (resolved.view.secondFactor === 'enrolment_required') {
      const now = app.now();
      const limit = await hitRateLimit(trx, `enrol:${resolved.user.id}`, LOCKOUT_MINUTES * 60, now);
      if (limit.hits > LOCKOUT_AFTER_FAILURES)
        throw new TooManyRequests(LOCKOUT_MINUTES * 60, 'too many wrong enrolment codes; try again later');
      const used = enrolmentCode
        ? await consumeAccountToken(
            trx,
            hashToken(normaliseCode(enrolmentCode)),
            'totp_enrolment',
            now.toISOString(),
            resolved.user.id,
          )
        : null;
      if (!used) {
        throw new ServiceError(
          403,
          'enrolment_code_required',
          'setting up the second step needs the one-time enrolment code your administrator gives you',
          {
            enrolmentCode: enrolmentCode
              ? 'this code is not right, was used already or has expired'
              : 'ask your administrator for an enrolment code',
          },
        );
      }
      await audit(
        trx,
        app,
        { userId: resolved.user.id, organisationId: resolved.session.organisationId, requestId: null },
        'auth.enrolment_code_used',
        'user',
        resolved.user.id,
      );
    }
    await setTotp(
      trx,
      resolved.user.id,
      app.cipher.encrypt(secret, encryptionContext('users', 'totp_secret_enc', resolved.user.id)),
      false,
    );
  });
  return { secret, uri: totpFor(secret, resolved.user.email).toString() };
}

/** Confirms enrolment with a first code; the session counts as having passed the second factor. */
export async function confirmTotpEnrolment(app: AppContext, resolved: ResolvedSession, code: string): Promise<void> {
  const user = await asSystem(app.database, (trx) => findUserById(trx, resolved.user.id));
  if (!user?.totpSecretEnc || user.totpEnabled) throw conflict('start enrolment first');
  const secret = app.cipher.decrypt(user.totpSecretEnc, encryptionContext('users', 'totp_secret_enc', user.id));
  if (!(await spendTotpCode(app, user, secret, code))) {
    throw new ServiceError(
      422,
      'wrong_code',
      'that code is not right',
      { code: 'the code does not match' },
      undefined,
      {},
    );
  }
  await asSystem(app.database, async (trx) => {
    await setTotp(trx, user.id, user.totpSecretEnc, true);
    await updateSession(trx, resolved.session.tokenHash, { secondFactorPassed: true });
    await audit(
      trx,
      app,
      { userId: user.id, organisationId: resolved.session.organisationId, requestId: null },
      'auth.totp_enrolled',
      'user',
      user.id,
    );
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
const normaliseCode = (code: string) =>
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

/** Generates the current code for a secret: used by tests and by the CLI to help operators. */
export function currentTotpCode(secretBase32: string, at: Date): string {
  return totpFor(secretBase32, 'x').generate({ timestamp: at.getTime() });
}
