/**
 * Sessions: what a session token resolves to (user, memberships, the actor of a request), its expiry, CSRF, signing
 * out, switching organisation, and the short sessions the server issues to itself for background work.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  membershipsOf,
  type MembershipRow,
  type OrganisationRow,
  type UserRow,
} from '../db/repositories/accounts.repository.ts';
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
import type { Role } from '../core/vocabulary.ts';
import { audit } from './audit.service.ts';
import type { AppContext, RequestActor } from './context.ts';
import { forbidden } from './errors.ts';

/** A session ends after this long without a request… */
export const SESSION_IDLE_HOURS = 12;
/** …and this long after sign-in, however busy it is (then sign in again). */
export const SESSION_ABSOLUTE_HOURS = 24;

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

export function sessionView(
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
  const v = sessionView(user, memberships, session);
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
