import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerDeps } from '../deps.ts';

/** Matching endpoints. */
export const matchingRoutes = (_deps: ServerDeps): FastifyPluginAsyncZod => async (_app) => {
};
