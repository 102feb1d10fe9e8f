import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Health } from '../../contracts/home.ts';
import { pingDatabase } from '../../db/repositories/health.repository.ts';
import { durabilityOf } from '../../db/database.ts';
import type { ServerDeps } from '../deps.ts';

export const healthRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/health',
      { schema: { tags: ['system'], summary: 'Liveness and database check', response: { 200: Health } } },
      async () => {
        await pingDatabase(deps.app.database.db);
        return {
          status: 'ok' as const,
          database: deps.app.database.kind,
          version: deps.version,
          durability: durabilityOf(deps.app.database.kind),
        };
      },
    );
  };
