import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import {
  clearLoginFailures, findUserByEmail, findUserById, membershipsOf, recordLoginFailure, setTotp,
  type MembershipRow, type OrganisationRow, type UserRow,
} from '../db/repositories/accounts.ts';
import { clearRateLimit, hitRateLimit } from '../db/repositories/rate-limits.ts';
import {
  deleteSession, deleteSessionsOfUser, insertSession, loadSessionBundle, touchSession, updateSession, type SessionRow,
} from '../db/repositories/sessions.ts';
import { asSystem } from '../db/transaction.ts';
import { encryptionContext } from '../db/encrypted-columns.ts';
import type { Role } from '../core/vocabulary.ts';
import { audit } from './audit.ts';
import type { AppContext, RequestActor } from './context.ts';
import { conflict, forbidden, ServiceError, TooManyRequests, unauthorized } from './errors.ts';
import { decoyHash, verifyPassword } from './passwords.ts';

export const SESSION_IDLE_HOURS = 12;
export const LOCKOUT_AFTER_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;
export const LOGIN_LIMIT_PER_IP = { hits: 30, windowSeconds: 15 * 60 };

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SessionView {
  user: { id: string; email: string; displayName: string; locale: string; totpEnabled: boolean; isDemo: boolean };
  organisations: { id: string; slug: string; name: string; kind: string; roles: Role[]; isDemo: boolean; nationalitiesServed: string[] }[];
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

function secondFactorState(user: UserRow, memberships: { organisation: OrganisationRow }[], session: Pick<SessionRow, 'secondFactorPassed' | 'organisationId'>): SessionView['secondFactor'] {
  if (session.secondFactorPassed) return 'passed';
  if (user.totpEnabled) return 'required';
  const current = memberships.find((m) => m.organisation.id === session.organisationId);
  if (current?.organisation.requireTotp && !user.totpExempt) return 'enrolment_required';
  return 'not_needed';
}

function view(user: UserRow, memberships: (MembershipRow & { organisation: OrganisationRow })[], session: SessionRow): SessionView {
  const byOrg = new Map<string, SessionView['organisations'][number]>();
  for (const m of memberships) {
    const entry = byOrg.get(m.organisationId) ?? { id: m.organisation.id, slug: m.organisation.slug, name: m.organisation.name, kind: m.organisation.kind, roles: [], isDemo: m.organisation.isDemo, nationalitiesServed: m.organisation.nationalitiesServed };
    entry.roles.push(m.role);
    byOrg.set(m.organisationId, entry);
  }
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale, totpEnabled: user.totpEnabled, isDemo: user.isDemo },
    organisations: [...byOrg.values()],
    currentOrganisationId: session.organisationId,
    secondFactor: secondFactorState(user, memberships, session),
    csrfToken: session.csrfToken,
  };
}

/**
 * Email + password sign-in. Throttled per client address (shared counter in PostgreSQL) and
 * locked for a while after repeated failures per account. Always creates a fresh session token
 * (rotation): a token presented before sign-in is discarded.
 */
export async function login(app: AppContext, input: { email: string; password: string; ip: string; previousToken?: string; requestId?: string }): Promise<{ token: string; view: SessionView }> {
  const now = app.now();
  const ipLimit = await asSystem(app.database, (trx) => hitRateLimit(trx, `login:ip:${input.ip}`, LOGIN_LIMIT_PER_IP.windowSeconds, now));
  if (ipLimit.hits > LOGIN_LIMIT_PER_IP.hits) {
    throw new TooManyRequests(Math.max(1, Math.ceil((Date.parse(ipLimit.resetAt) - now.getTime()) / 1000)));
  }
  const user = await asSystem(app.database, (trx) => findUserByEmail(trx, input.email));
  if (!user) {
    await verifyPassword(await decoyHash(), input.password);
    throw unauthorized('email or password is not right');
  }
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now.getTime()) {
    const retry = Math.ceil((Date.parse(user.lockedUntil) - now.getTime()) / 1000);
    throw new TooManyRequests(retry, 'this account is locked for a while after repeated failed sign-ins');
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await asSystem(app.database, async (trx) => {
      const failures = await recordLoginFailure(trx, user.id, null);
      if (failures >= LOCKOUT_AFTER_FAILURES) {
        await trx.updateTable('users').set({ locked_until: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString(), failed_logins: 0 }).where('id', '=', user.id).execute();
        await audit(trx, app, { userId: user.id, organisationId: null, requestId: input.requestId ?? null }, 'auth.locked', 'user', user.id, { minutes: LOCKOUT_MINUTES });
      }
      await audit(trx, app, { userId: user.id, organisationId: null, requestId: input.requestId ?? null }, 'auth.login_failed', 'user', user.id);
    });
    throw unauthorized('email or password is not right');
  }
  return asSystem(app.database, async (trx) => {
    if (input.previousToken) await deleteSession(trx, hashToken(input.previousToken));
    await clearLoginFailures(trx, user.id);
    const memberships = await membershipsOf(trx, user.id);
    const token = randomBytes(32).toString('base64url');
    const session: SessionRow = {
      tokenHash: hashToken(token), userId: user.id, organisationId: (memberships.find((m) => m.role === 'admin') ?? memberships[0])?.organisationId ?? null,
      csrfToken: randomBytes(24).toString('base64url'), secondFactorPassed: false,
      expiresAt: new Date(now.getTime() + SESSION_IDLE_HOURS * 3600_000).toISOString(), lastSeenAt: now.toISOString(),
    };
    await insertSession(trx, session);
    await audit(trx, app, { userId: user.id, organisationId: session.organisationId, requestId: input.requestId ?? null }, 'auth.login', 'user', user.id);
    return { token, view: view(user, memberships, session) };
  });
}

/** Looks a session token up; slides its expiry. Null when unknown or expired. */
export async function resolveSession(app: AppContext, token: string | undefined, requestId: string | null = null): Promise<ResolvedSession | null> {
  if (!token) return null;
  const now = app.now();
  const bundle = await loadSessionBundle(app.database.db, hashToken(token));
  if (!bundle) return null;
  const { session, user, memberships } = bundle;
  if (Date.parse(session.expiresAt) <= now.getTime()) {
    await asSystem(app.database, (trx) => deleteSession(trx, session.tokenHash));
    return null;
  }
  // Only write when a minute has passed, so reads don't each cost a write.
  if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) {
    await asSystem(app.database, (trx) => touchSession(trx, session.tokenHash, now.toISOString(), new Date(now.getTime() + SESSION_IDLE_HOURS * 3600_000).toISOString()));
  }
  const v = view(user, memberships, session);
  const fullySignedIn = v.secondFactor === 'passed' || v.secondFactor === 'not_needed';
  const roles = memberships.filter((m) => m.organisationId === session.organisationId).map((m) => m.role);
  const actor = fullySignedIn && session.organisationId && roles.length
    ? { userId: user.id, organisationId: session.organisationId, roles, requestId, sessionToken: token } : null;
  return { session, user, memberships, view: v, actor };
}

/**
 * A session the server issues to itself to act for a user in one organisation without a browser:
 * a background job acting for whoever queued it, for example. Written by the owner connection (the
 * request role cannot insert sessions, so it cannot mint one), short-lived on the database's own
 * clock, and its token never leaves the process. Null when the user is no longer a member.
 */
export async function issueServiceSession(app: AppContext, input: { userId: string; organisationId: string; minutes: number; requestId?: string | null }): Promise<RequestActor | null> {
  const now = app.now();
  return asSystem(app.database, async (trx) => {
    const roles = (await membershipsOf(trx, input.userId)).filter((m) => m.organisationId === input.organisationId).map((m) => m.role);
    if (!roles.length) return null;
    const token = randomBytes(32).toString('base64url');
    await insertSession(trx, {
      tokenHash: hashToken(token), userId: input.userId, organisationId: input.organisationId, csrfToken: randomBytes(24).toString('base64url'),
      secondFactorPassed: true, lastSeenAt: now.toISOString(), expiresAt: new Date(now.getTime() + input.minutes * 60_000).toISOString(),
    });
    return { userId: input.userId, organisationId: input.organisationId, roles, requestId: input.requestId ?? null, sessionToken: token };
  });
}

/** Ends a session issued by issueServiceSession. */
export async function endServiceSession(app: AppContext, actor: RequestActor): Promise<void> {
  await asSystem(app.database, (trx) => deleteSession(trx, hashToken(actor.sessionToken)));
}

export function csrfMatches(session: SessionRow, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(session.csrfToken), b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function logout(app: AppContext, resolved: ResolvedSession, everywhere: boolean): Promise<number> {
  return asSystem(app.database, async (trx) => {
    const n = everywhere ? await deleteSessionsOfUser(trx, resolved.user.id) : (await deleteSession(trx, resolved.session.tokenHash), 1);
    await audit(trx, app, { userId: resolved.user.id, organisationId: resolved.session.organisationId, requestId: null }, everywhere ? 'auth.logout_everywhere' : 'auth.logout', 'user', resolved.user.id, { sessions: n });
    return n;
  });
}

export async function switchOrganisation(app: AppContext, resolved: ResolvedSession, organisationId: string): Promise<void> {
  if (!resolved.memberships.some((m) => m.organisationId === organisationId)) throw forbidden('you are not a member of that organisation');
  await asSystem(app.database, async (trx) => {
    await updateSession(trx, resolved.session.tokenHash, { organisationId });
    await audit(trx, app, { userId: resolved.user.id, organisationId, requestId: null }, 'auth.switch_organisation', 'organisation', organisationId);
  });
}

const totpFor = (secretBase32: string, email: string) =>
  new OTPAuth.TOTP({ issuer: 'Refuge', label: email, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secretBase32) });

/** Second sign-in step: a TOTP code from the user's authenticator app. Throttled like passwords. */
export async function verifySecondFactor(app: AppContext, resolved: ResolvedSession, code: string): Promise<void> {
  const now = app.now();
  const limit = await asSystem(app.database, (trx) => hitRateLimit(trx, `totp:${resolved.user.id}`, LOCKOUT_MINUTES * 60, now));
  if (limit.hits > LOCKOUT_AFTER_FAILURES) throw new TooManyRequests(LOCKOUT_MINUTES * 60, 'too many wrong codes; try again later');
  if (!resolved.user.totpEnabled || !resolved.user.totpSecretEnc) throw conflict('this account has no second factor set up');
  const secret = app.cipher.decrypt(resolved.user.totpSecretEnc, encryptionContext('users', 'totp_secret_enc', resolved.user.id));
  const delta = totpFor(secret, resolved.user.email).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) {
    await asSystem(app.database, (trx) => audit(trx, app, { userId: resolved.user.id, organisationId: null, requestId: null }, 'auth.totp_failed', 'user', resolved.user.id));
    throw new ServiceError(401, 'wrong_code', 'that code is not right', { code: 'the code does not match; check the time on your phone' });
  }
  await asSystem(app.database, async (trx) => {
    await clearRateLimit(trx, `totp:${resolved.user.id}`);
    await updateSession(trx, resolved.session.tokenHash, { secondFactorPassed: true });
    await audit(trx, app, { userId: resolved.user.id, organisationId: resolved.session.organisationId, requestId: null }, 'auth.totp_passed', 'user', resolved.user.id);
  });
}

/** Starts TOTP enrolment: stores a new secret (not yet active) and returns it for the authenticator app. */
export async function beginTotpEnrolment(app: AppContext, resolved: ResolvedSession): Promise<{ secret: string; uri: string }> {
  if (resolved.user.totpEnabled) throw conflict('a second factor is already set up');
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await asSystem(app.database, (trx) => setTotp(trx, resolved.user.id, app.cipher.encrypt(secret, encryptionContext('users', 'totp_secret_enc', resolved.user.id)), false));
  return { secret, uri: totpFor(secret, resolved.user.email).toString() };
}

/** Confirms enrolment with a first code; the session counts as having passed the second factor. */
export async function confirmTotpEnrolment(app: AppContext, resolved: ResolvedSession, code: string): Promise<void> {
  const user = await asSystem(app.database, (trx) => findUserById(trx, resolved.user.id));
  if (!user?.totpSecretEnc || user.totpEnabled) throw conflict('start enrolment first');
  const secret = app.cipher.decrypt(user.totpSecretEnc, encryptionContext('users', 'totp_secret_enc', user.id));
  if (totpFor(secret, user.email).validate({ token: code, timestamp: app.now().getTime(), window: 1 }) === null) {
    throw new ServiceError(422, 'wrong_code', 'that code is not right', { code: 'the code does not match' });
  }
  await asSystem(app.database, async (trx) => {
    await setTotp(trx, user.id, user.totpSecretEnc, true);
    await updateSession(trx, resolved.session.tokenHash, { secondFactorPassed: true });
    await audit(trx, app, { userId: user.id, organisationId: resolved.session.organisationId, requestId: null }, 'auth.totp_enrolled', 'user', user.id);
  });
}

/** Generates the current code for a secret: used by tests and by the CLI to help operators. */
export function currentTotpCode(secretBase32: string, at: Date): string {
  return totpFor(secretBase32, 'x').generate({ timestamp: at.getTime() });
}
