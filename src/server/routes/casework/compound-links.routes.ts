import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  CompoundLookupQuery,
  CompoundLookupResult,
  TestimonyHandOffRequest,
  TestimonyHandOffResult,
} from '../../../contracts/casework/compound-links.ts';
import { lookupCompoundsFor } from '../../../services/casework/compound-links.service.ts';
import { handOffTestimony } from '../../../services/casework/testimony.service.ts';
import type { ServerDeps } from '../../deps.ts';
import { requireActor } from '../../plugins/session.ts';

/** Casework joined to monitoring: the compound picker and the consented testimony hand-off. */
export const compoundLinkRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/compound-lookup',
      {
        schema: {
          tags: ['survivors'],
          summary: 'Compounds of the registry matching a name or alias in any script (the registration picker)',
          querystring: CompoundLookupQuery,
          response: { 200: CompoundLookupResult },
        },
      },
      async (request) => lookupCompoundsFor(deps.app, requireActor(request), request.query.q, request.query.limit),
    );
    app.post(
      '/api/cases/:id/testimony',
      {
        schema: {
          tags: ['cases'],
          summary: "Hand a de-identified testimony to monitoring (the survivor's consent required)",
          params: IdParams,
          body: TestimonyHandOffRequest,
          response: { 201: TestimonyHandOffResult },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await handOffTestimony(deps.app, requireActor(request), request.params.id, request.body)),
    );
  };
