import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from './plugins/session.ts';

/**
 * The API description a generated client can rely on: every operation names how it is
 * authenticated (session cookie, plus the CSRF header on state-changing calls), has an
 * operationId and describes its problem+json errors. `redocly lint` with the recommended rules
 * runs over it in `npm test` (src/server/openapi.routes.test.ts).
 */

/** Operations that need no session. Everything else answers 401 to an anonymous caller (tested). */
export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set([
  'GET /api/health',
  'GET /api/demo',
  'POST /api/session',
  'GET /api/public/statistics',
  'POST /api/help-requests',
  'POST /api/help-requests/status',
]);

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `GET /api/cases/:id/notes` → `getCasesByIdNotes`: stable, unique per method and path. */
export function operationId(method: string, url: string): string {
  const words = url
    .replace(/^\/api\//, '')
    .split(/[/.\-_]+/)
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by ${part.slice(1)}` : part))
    .flatMap((part) => part.split(' '));
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function errorResponses(isPublic: boolean, hasInput: boolean, versioned: boolean): Record<string, unknown> {
  return {
    ...(hasInput ? { 400: problem('Some fields are not valid (invalidParams names each one)') } : {}),
    ...(isPublic
      ? {}
      : {
          401: problem('Sign in required'),
          403: problem('Not allowed for this role, organisation or consent, or a missing CSRF token'),
        }),
    404: problem('No such resource, or not one the caller may see'),
    ...(versioned
      ? {
          409: problem(
            'Changed by someone else since the If-Match version (currentVersion carries the stored one), or not allowed in its current state; nothing was changed',
          ),
        }
      : {}),
    429: problem('Too many requests; retry after the number of seconds in Retry-After'),
    503: problem('The database is unreachable for a moment; nothing was applied: retry after Retry-After seconds'),
  };
}

/** Routes that take an Idempotency-Key (server/plugins/idempotency.ts) answer these too. */
const IDEMPOTENCY_RESPONSES = {
  409: problem('A request with this Idempotency-Key is being applied right now; retry to get its answer'),
  422: problem('Invalid input, or this Idempotency-Key was already used for a different request'),
};

const FILE_RESPONSE = {
  description: 'The file',
  content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
};

type Transform = NonNullable<FastifyDynamicSwaggerOptions['transform']>;
type TransformObject = NonNullable<FastifyDynamicSwaggerOptions['transformObject']>;

const describeOperation: Transform = (input) => {
  const { schema, url } = jsonSchemaTransform(input) as { schema: Record<string, unknown>; url: string };
  const method = String(Array.isArray(input.route.method) ? input.route.method[0] : input.route.method).toUpperCase();
  const isPublic = PUBLIC_OPERATIONS.has(`${method} ${input.url}`);
  const hasInput = Boolean(schema.body || schema.querystring || schema.params);
  const versioned = JSON.stringify(schema.headers ?? schema.parameters ?? '').includes('if-match');
  const declared = (schema.response ?? {}) as Record<string, unknown>;
  // Routes without a response schema stream a file (attachments, evidence originals).
  const success = Object.keys(declared).some((code) => code.startsWith('2')) ? {} : { 200: FILE_RESPONSE };
  return {
    url,
    schema: {
      ...schema,
      operationId: operationId(method, input.url),
      security: isPublic ? [] : UNSAFE.has(method) ? [{ session: [], csrf: [] }] : [{ session: [] }],
      response: {
        ...success,
        ...errorResponses(isPublic, hasInput, versioned),
        ...(input.route.config?.idempotent ? IDEMPOTENCY_RESPONSES : {}),
        ...declared,
      },
    },
  };
};

/**
 * Shapes zod's JSON Schema into what OpenAPI 3.0 means. It ignores `nullable` without a sibling
 * `type`, which zod emits for nullable unions and for `unknown`: move it into one alternative, or
 * drop it where any value is allowed anyway.
 */
export function fitOpenApi30(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach(fitOpenApi30);
    return;
  }
  const schema = node as Record<string, unknown>;
  if (schema.nullable === true && schema.type === undefined) {
    delete schema.nullable;
    for (const key of ['anyOf', 'oneOf'] as const) {
      const alternatives = schema[key];
      // One alternative accepts null, so `oneOf` stays mutually exclusive.
      const typed = Array.isArray(alternatives)
        ? alternatives.find((alt) => alt && typeof alt === 'object' && 'type' in alt)
        : undefined;
      if (typed) (typed as Record<string, unknown>).nullable = true;
    }
  }
  // OpenAPI 3.0 has no tuples: zod writes `[number, number]` as items.anyOf of two equal schemas.
  if (Array.isArray(schema.anyOf)) {
    const distinct = [...new Map(schema.anyOf.map((alt) => [JSON.stringify(alt), alt])).values()];
    if (distinct.length === 1) {
      delete schema.anyOf;
      Object.assign(schema, distinct[0]);
    } else schema.anyOf = distinct;
  }
  for (const value of Object.values(schema)) fitOpenApi30(value);
}

const finishDocument: TransformObject = (documentObject) => {
  const document = (
    'openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject
  ) as Record<string, unknown>;
  fitOpenApi30(document.paths);
  return document as ReturnType<TransformObject>;
};

export function openApiOptions(version: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      info: {
        title: 'Refuge API',
        version,
        description:
          'Casework, monitoring, networks and matching for responders to scam-compound exits. ' +
          'Sign in with POST /api/session: the response sets the session cookie and carries the CSRF token, ' +
          'which every POST, PUT, PATCH and DELETE sends back in the x-csrf-token header.',
        license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
      },
      servers: [{ url: '/', description: 'This Refuge server' }],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'Set by POST /api/session (httpOnly, SameSite=Strict)',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'x-csrf-token',
            description: 'The csrfToken returned by POST or GET /api/session',
          },
        },
        schemas: {
          Problem: {
            type: 'object',
            description: 'RFC 9457 problem details',
            required: ['type', 'title', 'status'],
            properties: {
              type: { type: 'string' },
              title: { type: 'string' },
              status: { type: 'integer' },
              detail: { type: 'string' },
              requestId: { type: 'string' },
              invalidParams: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['name', 'reason'],
                  properties: { name: { type: 'string' }, reason: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
    transform: describeOperation,
    transformObject: finishDocument,
  };
}
