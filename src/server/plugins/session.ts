import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  csrfMatches,
  resolveSession,
  SESSION_ABSOLUTE_HOURS,
  type ResolvedSession,
} from '../../services/sessions.service.ts';
import type { AppContext, RequestActor } from '../../services/context.ts';
import { forbidden, unauthorized } from '../../services/errors.ts';
import { sendProblem } from './problems.ts';

export const SESSION_COOKIE = 'refuge_session';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the session cookie on every API request and enforces CSRF on state-changing ones:
 * the header `x-csrf-token` must equal the token bound to the session (synchroniser token).
 * Together with SameSite=Strict cookies and JSON-only bodies this closes cross-site writes.
 */
export function registerSessionHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('session', null);
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.session = await resolveSession(ctx, token, request.id);
    // Signing in and resetting a password need no token (there may be no session yet); they only accept JSON, which a
    // cross-site form cannot send.
    const path = request.url.split('?')[0];
    // The public help page acts for nobody: a signed-in browser that opens it is not asked for a token either.
    const signingIn =
      request.method === 'POST' &&
      (path === '/api/session' ||
        path === '/api/password-reset' ||
        path === '/api/help-requests' ||
        path === '/api/help-requests/status');
    if (
      request.session &&
      !signingIn &&
      UNSAFE.has(request.method) &&
      !csrfMatches(request.session.session, request.headers['x-csrf-token'] as string | undefined)
    ) {
      return sendProblem(
        reply,
        request,
        403,
        'missing or wrong CSRF token (send the x-csrf-token header from /api/session)',
      );
    }
  });
}

/** The acting user in their current organisation, or a 401/403 problem. */
export function requireActor(request: FastifyRequest): RequestActor {
  const s = request.session;
  if (!s) throw unauthorized();
  if (!s.actor) {
    if (s.view.secondFactor === 'required' || s.view.secondFactor === 'enrolment_required')
      throw forbidden('finish the second sign-in step first');
    throw forbidden('choose an organisation you belong to');
  }
  return s.actor;
}

export function requireSession(request: FastifyRequest): ResolvedSession {
  if (!request.session) throw unauthorized();
  return request.session;
}

/**
 * The session cookie is Secure whenever the request arrived over HTTPS: on the socket itself, or as
 * reported by X-Forwarded-Proto from a proxy that REFUGE_TRUST_PROXY trusts (Fastify's
 * `request.protocol` only reads that header from trusted hops). `REFUGE_SECURE_COOKIES=1` forces it.
 */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  alwaysSecure: boolean,
): void {
  const secure = alwaysSecure || request.protocol === 'https';
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: SESSION_ABSOLUTE_HOURS * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
