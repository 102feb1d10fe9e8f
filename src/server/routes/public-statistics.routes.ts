import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreatedPublicRelease, PublicStatistics } from '../../contracts/public-statistics.ts';
import { createPublicRelease, publicStatistics } from '../../services/public-statistics.service.ts';
import type { ServerDeps } from '../deps.ts';
import { requireActor } from '../plugins/session.ts';

/** The public page's data (no sign-in; listed in openapi PUBLIC_OPERATIONS) and the coordinator's publish action. */
export const publicStatisticsRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['public'];
    app.get(
      '/api/public/statistics',
      {
        schema: {
          tags,
          summary: 'The latest public release of aggregate statistics and the verified compounds (no sign-in)',
          response: { 200: PublicStatistics },
        },
      },
      async () => publicStatistics(deps.app),
    );
    app.post(
      '/api/public/releases',
      {
        schema: {
          tags,
          summary:
            'Publish the next public release (a coordination ' +
            'organisation; refused when it would reveal a small change)',
          response: { 201: CreatedPublicRelease },
        },
      },
      async (request, reply) => reply.code(201).send(await createPublicRelease(deps.app, requireActor(request))),
    );
  };
