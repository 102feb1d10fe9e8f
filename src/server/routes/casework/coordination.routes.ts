import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  ConsularQueue,
  ConsularQueueItem,
  ConsularQueueQuery,
  ConsularUpdateRequest,
  CoordinationSummary,
  GroupFlightRequest,
  GroupFlightResult,
} from '../../../contracts/casework/work.ts';
import { bookGroupFlight, consularQueue, updateConsularCase } from '../../../services/casework/consular.service.ts';
import { coordinationStatistics } from '../../../services/statistics.service.ts';
import type { ServerDeps } from '../../deps.ts';
import { requireActor } from '../../plugins/session.ts';

export const coordinationRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['consular'];
    app.get(
      '/api/consular/queue',
      {
        schema: {
          tags,
          summary: "The embassy's queue of consenting nationals",
          querystring: ConsularQueueQuery,
          response: { 200: ConsularQueue },
        },
      },
      async (request) => consularQueue(deps.app, requireActor(request), request.query),
    );
    app.patch(
      '/api/consular/cases/:id',
      {
        schema: {
          tags,
          summary: 'Record repatriation steps for one case',
          params: IdParams,
          body: ConsularUpdateRequest,
          response: { 200: ConsularQueueItem },
        },
      },
      async (request) => updateConsularCase(deps.app, requireActor(request), request.params.id, request.body),
    );
    app.post(
      '/api/consular/flights',
      {
        schema: {
          tags,
          summary: 'Book a group on one flight (all or none)',
          body: GroupFlightRequest,
          response: { 200: GroupFlightResult },
        },
      },
      async (request) => bookGroupFlight(deps.app, requireActor(request), request.body),
    );
    app.get(
      '/api/coordination/summary',
      {
        schema: {
          tags: ['coordination'],
          summary:
            'Per nationality: people registered, waiting, repatriated, lost ' +
            'contact, bottleneck (small cells suppressed across organisations)',
          response: { 200: CoordinationSummary },
        },
      },
      async (request) => coordinationStatistics(deps.app, requireActor(request)),
    );
  };
