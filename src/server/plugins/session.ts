import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfMatches, resolveSession, type ResolvedSession } from '../../services/auth.ts';
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
    // Signing in needs no token (there may be no session yet); it only accepts JSON, which a cross-site form cannot send.
    const signingIn = request.method === 'POST' && request.url.split('?')[0] === '/api/session';
    if (request.session && !signingIn && UNSAFE.has(request.method) && !csrfMatches(request.session.session, request.headers['x-csrf-token'] as string | undefined)) {
      return sendProblem(reply, request, 403, 'missing or wrong CSRF token (send the x-csrf-token header from /api/session)');
    }
  });
}

/** The acting user in their current organisation, or a 401/403 problem. */
export function requireActor(request: FastifyRequest): RequestActor {
  const s = request.session;
  if (!s) throw unauthorized();
  if (!s.actor) {
    if (s.view.secondFactor === 'required' || s.view.secondFactor === 'enrolment_required') throw forbidden('finish the second sign-in step first');
    throw forbidden('choose an organisation you belong to');
  }
  return s.actor;
}

export function requireSession(request: FastifyRequest): ResolvedSession {
  if (!request.session) throw unauthorized();
  return request.session;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: 7 * 86400 });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
