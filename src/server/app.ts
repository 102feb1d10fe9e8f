import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifySchemaCompiler } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import helmet from 'helmet';
import type { ZodType } from 'zod';
import { readTrustProxyHops } from './config.ts';
import type { ServerDeps } from './deps.ts';
import { openApiOptions } from './openapi.ts';
import { registerProblemHandlers, sendProblem } from './plugins/problems.ts';
import { registerIdempotency } from './plugins/idempotency.ts';
import { registerSessionHook } from './plugins/session.ts';
import { apiRoutes } from './routes/index.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The routes' zod schemas validate each part of a request and replace it with the parsed value, except the headers,
 * which are only checked: a replaced `request.headers` makes Fastify merge a fresh copy of every header on each later
 * read (the session, idempotency and compression hooks read them several times a request: 3 % of a registration's
 * server CPU). The header schemas (IdempotencyHeaders, IfMatchHeaders) only validate; they transform nothing.
 */
export const checkHeadersInPlace: FastifySchemaCompiler<ZodType> = (route) => {
  const validate = validatorCompiler(route);
  if (route.httpPart !== 'headers') return validate;
  return (data) => {
    // zod's compiler answers synchronously: { error } or { value }.
    const result = validate(data) as Exclude<ReturnType<typeof validate>, boolean | PromiseLike<unknown>>;
    return result.error ? result : true;
  };
};

/**
 * A hop count, never `true`: the socket's peer and the next `hops - 1` addresses of X-Forwarded-For
 * (from the right) are proxies; the address before them is the client, and anything further left,
 * which the client could have written itself, is ignored. X-Forwarded-Proto is read only when
 * hops ≥ 1. (Fastify's own numeric option now trusts nothing, hence the function.)
 */
function trustHops(hops: number): false | ((address: string, hop: number) => boolean) {
  return hops > 0 ? (_address: string, hop: number) => hop < hops : false;
}

/**
 * A request as its log line shows it: the path without the query string, which carries what people search for (a
 * name, a phone or passport number in /api/cases?q=) and a help request's code; the path itself holds only ids.
 */
function requestForLog(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: request.url.split('?')[0],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/**
 * helmet's next takes `unknown` (it throws since 8.1 and passes nothing); Fastify's hook `done` takes an Error or
 * nothing: the one place the two meet.
 */
function asHookError(error: unknown): Error | undefined {
  return error === undefined || error instanceof Error ? error : new Error(String(error));
}

/** Builds the HTTP application. Stateless: sessions, limits and jobs live in the database. */
export async function buildServer(
  deps: ServerDeps,
  options: { logger?: boolean; logStream?: { write(line: string): void } } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: 'info',
          redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
          serializers: { req: requestForLog },
          ...(options.logStream ? { stream: options.logStream } : {}),
        }
      : false,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    trustProxy: trustHops(deps.trustProxyHops ?? readTrustProxyHops()),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  // JSON is the only body the API reads; other types get 415 (a form post cannot reach a handler).
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(checkHeadersInPlace);
  app.setSerializerCompiler(serializerCompiler);

  const routes: { method: string; pattern: RegExp }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const pattern = new RegExp(
      `^${route.url
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/:[^/]+/g, '[^/]+')
        .replace(/\*/g, '.*')}/?$`,
    );
    for (const m of methods) if (m !== 'HEAD') routes.push({ method: m, pattern });
  });
  registerProblemHandlers(app, () => routes, deps.app);

  // Security headers on every answer. helmet's middleware is built once here: @fastify/helmet built it again for each
  // request (3-4 % of a registration's server CPU under bench:api), to allow per-route options Refuge does not use.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(asHookError(error))),
  );
  // Phones on slow networks: compress JSON (map data, lists) and the app's assets above 1 KiB. A JSON answer up to
  // 64 KiB (a page of the triage board is about 30) is compressed in one synchronous call: on two cores the plugin's
  // default (streams above 8 KiB) cost the server several times the compression itself in stream plumbing.
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    syncThreshold: 64 * 1024,
    encodings: ['br', 'gzip'],
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, openApiOptions(deps.version));
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // No API answer is kept by a browser or a proxy unless its route says so: a field phone is shared, and its HTTP
  // cache on disk would hold survivors' records in clear after the session ended.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  registerSessionHook(app, deps.app);
  registerIdempotency(app, deps.app);
  await app.register(apiRoutes(deps));

  if (deps.webRoot && existsSync(deps.webRoot)) {
    await app.register(fastifyStatic, {
      root: deps.webRoot,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // Vite names every built asset by its content's hash, so a phone keeps it for good instead of asking again on
      // each visit (over a slow connection, forty revalidations are seconds). The page, the service worker and the
      // manifest keep the default: checked each time, so a new release reaches every phone.
      setHeaders: (reply, path) => {
        if (/[\\/]assets[\\/][^\\/]+-[\w-]{8}\.\w+$/.test(path))
          reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
    // Client-side routes: any other GET outside /api gets the app shell.
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      if (request.url.startsWith('/api/')) return sendProblem(reply, request, 404, 'no such resource');
      // The public help page (its own bundle): never cached, never sends a referrer, never framed.
      if (/^\/help(\/|$|\?)/.test(request.url))
        return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').sendFile('help.html');
      return reply.sendFile('index.html');
    });
  }
  return app;
}
