import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerDeps } from '../deps.ts';
import { compoundRoutes } from './monitoring/compounds.routes.ts';
import { evidenceRoutes } from './monitoring/evidence.routes.ts';
import { eventRoutes } from './monitoring/events.routes.ts';
import { articleRoutes } from './monitoring/articles.routes.ts';

/** Monitoring endpoints (contracts and the list of endpoints: src/contracts/monitoring/index.ts). */
export const monitoringRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(compoundRoutes(deps));
    await app.register(evidenceRoutes(deps));
    await app.register(eventRoutes(deps));
    await app.register(articleRoutes(deps));
  };
