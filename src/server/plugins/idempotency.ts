import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findReplay, onceKey, type OnceKey } from '../../services/idempotency.service.ts';
import type { AppContext } from '../../services/context.ts';
import { sendProblem } from './problems.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on an idempotent route that was sent an Idempotency-Key and has not applied it yet. */
    idempotency: OnceKey | undefined;
  }
  interface FastifyContextConfig {
    /** The route takes an Idempotency-Key (see registerIdempotency). */
    idempotent?: boolean;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The header an idempotent route declares (documented in OpenAPI). A loose object, so the other headers
 * (cookie, x-csrf-token) stay on the request.
 */
export const IdempotencyHeaders = z.looseObject({
  [IDEMPOTENCY_HEADER]: z
    .string()
    .regex(KEY, '8 to 128 letters, digits or ._:-')
    .optional()
    .describe(
      'Optional. A key the client chose for this write (a UUID). The first request with a key is applied once; ' +
        'a replay by the same account gets the original status and body (header Idempotent-Replayed: true) and ' +
        'changes nothing; the same key with a different body answers 422. Keys are per account.',
    ),
});

/**
 * Idempotency-Key handling for routes with `config: { idempotent: true }` (registration, screening, needs): before
 * the handler, a key this account already applied is answered from the kept response and the handler does not run.
 * Otherwise `request.idempotency` is set and the route passes it to its use case, which keeps the answer in its own
 * transaction (services/idempotency.service.ts). A key sent to any other route is refused (400), so a client never
 * believes a write is protected when it is not. Runs after the session hook; an anonymous request falls through to
 * the route's 401.
 */
export function registerIdempotency(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('idempotency', undefined);
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined) return;
    if (!request.routeOptions.config.idempotent)
      return sendProblem(reply, request, 400, 'this operation does not take an Idempotency-Key');
    const key = Array.isArray(raw) ? undefined : raw;
    if (!key || !KEY.test(key))
      return sendProblem(reply, request, 400, 'Idempotency-Key must be 8 to 128 letters, digits or ._:-');
    const actor = request.session?.actor;
    if (!actor) return;
    const operation = `${request.method} ${request.routeOptions.url} ${JSON.stringify(request.params ?? {})}`;
    const once = onceKey(key, operation, request.body ?? null);
    const replay = await findReplay(ctx, actor, once);
    if (replay) return reply.code(replay.status).header('idempotent-replayed', 'true').send(replay.body);
    request.idempotency = once;
  });
}
