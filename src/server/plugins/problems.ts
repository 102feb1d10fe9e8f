import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DatabaseUnavailable, ServiceError, TooManyRequests, VersionConflict } from '../../services/errors.ts';
import { isRetryableDatabaseError } from '../../db/database.ts';
import type { Problem } from '../../contracts/common.ts';
import { auditRefusal } from '../../services/audit.service.ts';
import type { AppContext } from '../../services/context.ts';

/** `code` and `params` for an error whose code says all its message says (services/errors.ts). */
const worded = (error: ServiceError): Pick<Problem, 'code' | 'params'> =>
  error.params ? { code: error.code, params: { ...error.params } } : {};

/**
 * A Zod issue (code and its values) as a field reason's `code` and `params` (web: field.<code>). Refinements
 * (custom) are worded by their schema in English only, so they get none.
 */
export function fieldReason(
  issue: string,
  missing: boolean,
  values: Record<string, unknown> = {},
): Pick<NonNullable<Problem['invalidParams']>[number], 'code' | 'params'> {
  const n = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0);
  const origin = ['string', 'array', 'number'].includes(String(values.origin)) ? String(values.origin) : undefined;
  const keys = Array.isArray(values.keys) ? values.keys.map(String) : [];
  // A member left out, whatever its schema (Zod says invalid_type or invalid_value for it).
  if (missing && issue !== 'custom' && issue !== 'unrecognized_keys') return { code: 'required', params: {} };
  switch (issue) {
    case 'invalid_type':
      return { code: issue, params: {} };
    case 'too_small':
      if (!origin) return { code: 'invalid', params: {} };
      if (origin !== 'number' && n(values.minimum) <= 1) return { code: 'required', params: {} };
      return { code: `too_small_${origin}`, params: { count: n(values.minimum) } };
    case 'too_big':
      return origin
        ? { code: `too_big_${origin}`, params: { count: n(values.maximum) } }
        : { code: 'invalid', params: {} };
    case 'invalid_format':
      return values.format === 'email' ? { code: 'invalid_email', params: {} } : { code: issue, params: {} };
    case 'invalid_value':
    case 'invalid_union':
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
      return { code: issue, params: {} };
    case 'unrecognized_keys':
      return { code: issue, params: { keys, count: keys.length } };
    default:
      return {};
  }
}

/** The value the request sent at a Zod issue's path (undefined when it sent none). */
function valueAt(root: unknown, path: readonly string[]): unknown {
  let at = root;
  for (const part of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign in required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Invalid input',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  detail?: string,
  extra: Partial<Problem> = {},
): FastifyReply {
  const body: Problem = {
    type: `https://refuge.example/problems/${status}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    requestId: request.id,
    ...extra,
  };
  return reply
    .code(status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(JSON.stringify(body));
}

/**
 * A refused request for a resource (403/404 from a service, on a route with an id in its path) is
 * audited in its own transaction: the request's transaction has rolled back, the record must stay.
 * The caller's answer does not change whether or not the record could be written.
 */
async function auditRefused(ctx: AppContext, request: FastifyRequest, status: number): Promise<void> {
  const actor = request.session?.actor;
  const route = request.routeOptions?.url;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const idKey = Object.keys(params).find((k) => k === 'id' || k.endsWith('Id'));
  if (!actor || !route || !idKey || typeof params[idKey] !== 'string') return;
  const segments = route.split('/');
  const at = segments.findIndex((s) => s === `:${idKey}`);
  const resourceType = (at > 0 ? segments[at - 1] : 'resource') || 'resource';
  try {
    await auditRefusal(ctx, actor, resourceType, String(params[idKey]).slice(0, 200), {
      status,
      method: request.method,
      route,
    });
  } catch (error) {
    request.log.error({ err: error }, 'could not audit a refused request');
  }
}

/** Every error leaves as application/problem+json; unexpected ones without any internals. */
export function registerProblemHandlers(
  app: FastifyInstance,
  routePatterns: () => { method: string; pattern: RegExp }[],
  ctx?: AppContext,
): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = error.validationContext ?? 'body';
      const invalidParams = error.validation.map((v) => {
        const path = String(v.instancePath ?? '')
          .split('/')
          .filter(Boolean);
        const missing = valueAt((request as unknown as Record<string, unknown>)[context], path) === undefined;
        return {
          name: [context, ...path].join('.'),
          reason: v.message ?? 'invalid',
          ...fieldReason(v.keyword, missing, v.params as Record<string, unknown>),
        };
      });
      return sendProblem(reply, request, 400, 'some fields are not valid', {
        code: 'validation',
        params: {},
        invalidParams,
      });
    }
    if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
    if (!(error instanceof ServiceError) && isRetryableDatabaseError(error)) {
      request.log.warn({ err: error }, 'database unavailable; answered 503');
      const unavailable = new DatabaseUnavailable();
      reply.header('retry-after', String(unavailable.retryAfterSeconds));
      return sendProblem(reply, request, 503, unavailable.message, worded(unavailable));
    }
    if (error instanceof VersionConflict) {
      reply.header('etag', `"${error.currentVersion}"`);
      return sendProblem(reply, request, 409, error.message, {
        currentVersion: error.currentVersion,
        ...worded(error),
      });
    }
    if (error instanceof DatabaseUnavailable) reply.header('retry-after', String(error.retryAfterSeconds));
    if (error instanceof ServiceError) {
      if (ctx && (error.status === 403 || error.status === 404)) await auditRefused(ctx, request, error.status);
      const invalidParams = error.fields
        ? Object.entries(error.fields).map(([name, reason]) => ({ name, reason }))
        : undefined;
      return sendProblem(reply, request, error.status, error.message, {
        ...error.extensions,
        ...worded(error),
        ...(invalidParams ? { invalidParams } : {}),
      });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(reply, request, 500, 'something went wrong on our side; nothing was changed', {
        code: 'internal',
        params: {},
      });
    }
    // Fastify's own 4xx (bad JSON, body too large, wrong content type): safe, generic messages.
    const detail =
      status === 413
        ? 'the request body is too large'
        : status === 415
          ? 'send application/json'
          : 'the request could not be read';
    const code = status === 413 ? 'too_large' : status === 415 ? 'unsupported_media_type' : 'unreadable';
    return sendProblem(reply, request, status, detail, { code, params: {} });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!; // split yields at least one part
    const allowed = routePatterns()
      .filter((r) => r.pattern.test(path))
      .map((r) => r.method);
    if (allowed.length) {
      reply.header('allow', [...new Set(allowed)].join(', '));
      return sendProblem(reply, request, 405, `${request.method} is not allowed here`, {
        code: 'method_not_allowed',
        params: { method: request.method },
      });
    }
    return sendProblem(reply, request, 404, 'no such resource', { code: 'no_such_resource', params: {} });
  });
}
