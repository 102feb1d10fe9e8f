import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerDeps } from '../deps.ts';

/** Monitoring endpoints. */
export const monitoringRoutes = (_deps: ServerDeps): FastifyPluginAsyncZod => async (_app) => {
};
