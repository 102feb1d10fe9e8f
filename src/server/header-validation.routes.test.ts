import Fastify from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IfMatchHeaders } from '../contracts/common.ts';
import { checkHeadersInPlace } from './app.ts';
import { IdempotencyHeaders } from './plugins/idempotency.ts';

/** The server's validator compiler (app.ts): headers are checked against the route's schema but not replaced. */
describe('header validation', () => {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  beforeAll(async () => {
    app.setValidatorCompiler(checkHeadersInPlace);
    app.setSerializerCompiler(serializerCompiler);
    for (const [path, headers] of [
      ['/idempotent', IdempotencyHeaders],
      ['/versioned', IfMatchHeaders],
    ] as const)
      app.post(path, { schema: { headers, body: z.object({ n: z.coerce.number() }) } }, async (request) => ({
        sameHeaders: request.headers === request.raw.headers,
        body: request.body,
      }));
    await app.ready();
  });
  afterAll(() => app.close());

  it('refuses a header the schema refuses', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/idempotent',
      headers: { 'idempotency-key': 'x' },
      payload: {},
    });
    expect(bad.statusCode).toBe(400);
    const badVersion = await app.inject({
      method: 'POST',
      url: '/versioned',
      headers: { 'if-match': 'v3' },
      payload: {},
    });
    expect(badVersion.statusCode).toBe(400);
  });

  it('leaves an accepted request its own headers (no merged copy on each read), and still parses the body', async () => {
    for (const [url, headers] of [
      ['/idempotent', { 'idempotency-key': 'a-good-key-123' }],
      ['/versioned', { 'if-match': '"3"' }],
    ] as const) {
      const res = await app.inject({ method: 'POST', url, headers, payload: { n: '4' } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ sameHeaders: true, body: { n: 4 } });
    }
  });
});
