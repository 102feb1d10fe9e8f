import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ServiceError, TooManyRequests } from '../../services/errors.ts';
import type { Problem } from '../../contracts/common.ts';

const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Sign in required', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed', 409: 'Conflict',
  413: 'Request too large', 415: 'Unsupported media type', 422: 'Invalid input', 423: 'Locked', 429: 'Too many requests', 500: 'Internal error',
};

export function sendProblem(reply: FastifyReply, request: FastifyRequest, status: number, detail?: string, extra: Partial<Problem> = {}): FastifyReply {
  const body: Problem = { type: `https://refuge.example/problems/${status}`, title: TITLES[status] ?? 'Error', status, detail, requestId: request.id, ...extra };
  return reply.code(status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(body));
}

/** Every error leaves as application/problem+json; unexpected ones without any internals. */
export function registerProblemHandlers(app: FastifyInstance, routePatterns: () => { method: string; pattern: RegExp }[]): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const invalidParams = error.validation.map((v) => ({
        name: [error.validationContext ?? 'body', ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
        reason: v.message ?? 'invalid',
      }));
      return sendProblem(reply, request, 400, 'some fields are not valid', { invalidParams });
    }
    if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
    if (error instanceof ServiceError) {
      const invalidParams = error.fields ? Object.entries(error.fields).map(([name, reason]) => ({ name, reason })) : undefined;
      return sendProblem(reply, request, error.status, error.message, invalidParams ? { invalidParams } : {});
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(reply, request, 500, 'something went wrong on our side; nothing was changed');
    }
    // Fastify's own 4xx (bad JSON, body too large, wrong content type): safe, generic messages.
    const detail = status === 413 ? 'the request body is too large' : status === 415 ? 'send application/json' : 'the request could not be read';
    return sendProblem(reply, request, status, detail);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const allowed = routePatterns().filter((r) => r.pattern.test(path)).map((r) => r.method);
    if (allowed.length) {
      reply.header('allow', [...new Set(allowed)].join(', '));
      return sendProblem(reply, request, 405, `${request.method} is not allowed here`);
    }
    return sendProblem(reply, request, 404, 'no such resource');
  });
}
