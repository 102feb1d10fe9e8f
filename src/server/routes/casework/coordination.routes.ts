import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import { EXPORT_ROWS_HEADER } from '../../../contracts/exports.ts';
import {
  BulkStepRequest,
  BulkStepResult,
  ConsularQueue,
  ConsularQueueItem,
  ConsularQueueQuery,
  ConsularUpdateRequest,
  GroupFlightRequest,
  GroupFlightResult,
  ManifestQuery,
} from '../../../contracts/casework/consular.ts';
import { CoordinationSummary } from '../../../contracts/casework/coordination.ts';
import { consularQueue } from '../../../services/casework/consular-queue.service.ts';
import { applyBulkStep, bookGroupFlight, updateConsularCase } from '../../../services/casework/consular.service.ts';
import { flightManifest } from '../../../services/exports/manifest.service.ts';
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
    app.post(
      '/api/consular/steps',
      {
        schema: {
          tags,
          summary: 'Record one step (travel document issued, exit clearance paid) for many people (all or none)',
          body: BulkStepRequest,
          response: { 200: BulkStepResult },
        },
      },
      async (request) => applyBulkStep(deps.app, requireActor(request), request.body),
    );
    app.get(
      '/api/consular/manifest',
      {
        schema: {
          tags,
          summary: 'The manifest of one flight (CSV, XLSX or printable PDF): only what an airline or immigration needs',
          querystring: ManifestQuery,
        },
      },
      async (request, reply) => {
        const file = await flightManifest(deps.app, requireActor(request), request.query);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'no-store')
          .header(EXPORT_ROWS_HEADER, String(file.rows))
          .send(file.body);
      },
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
