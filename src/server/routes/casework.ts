import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerDeps } from '../deps.ts';

/** Casework endpoints. */
export const caseworkRoutes = (_deps: ServerDeps): FastifyPluginAsyncZod => async (_app) => {
};
