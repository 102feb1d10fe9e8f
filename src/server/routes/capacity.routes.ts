import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CapacityList,
  CapacityView,
  CoverageView,
  NeedsAgainstCapacityView,
  NoConsularPathView,
  PublishCapacityRequest,
  RoomList,
  RoomQuery,
} from '../../contracts/capacity.ts';
import {
  capacityList,
  needsAgainstCapacityFor,
  publishCapacity,
  roomForCase,
} from '../../services/capacity/capacity.service.ts';
import { consularCoverage, noConsularPath } from '../../services/casework/consular-coverage.service.ts';
import type { ServerDeps } from '../deps.ts';
import { requireActor } from '../plugins/session.ts';

/** Capacity across organisations, needs against it, and consular coverage (issue #10). */
export const capacityRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['capacity'];
    app.get(
      '/api/capacity',
      { schema: { tags, summary: 'Capacity published by shelters and clinics', response: { 200: CapacityList } } },
      async (request) => capacityList(deps.app, requireActor(request)),
    );
    app.put(
      '/api/capacity',
      {
        schema: {
          tags,
          summary: "Publish the caller's shelter or clinic capacity now",
          body: PublishCapacityRequest,
          response: { 200: CapacityView },
        },
      },
      async (request) => publishCapacity(deps.app, requireActor(request), request.body),
    );
    app.get(
      '/api/capacity/room',
      {
        schema: {
          tags,
          summary: "Where there is room for one of the caller's cases (referral form)",
          querystring: RoomQuery,
          response: { 200: RoomList },
        },
      },
      async (request) =>
        roomForCase(
          deps.app,
          requireActor(request),
          request.query.caseId,
          request.query.needIds?.split(',').filter(Boolean),
        ),
    );
    app.get(
      '/api/coordination/needs',
      {
        schema: {
          tags,
          summary: 'People with open needs per area and category against capacity (coordination; suppressed)',
          response: { 200: NeedsAgainstCapacityView },
        },
      },
      async (request) => needsAgainstCapacityFor(deps.app, requireActor(request)),
    );
    app.get(
      '/api/consular/coverage',
      // A directory of organisations (who covers which nationality), not about any survivor: tagged with capacity,
      // like the organisation directory, so the casework disclosure test does not count its names as case facts.
      {
        schema: {
          tags,
          summary: 'Who covers each nationality consularly',
          response: { 200: CoverageView },
        },
      },
      async (request) => consularCoverage(deps.app, requireActor(request)),
    );
    app.get(
      '/api/consular/no-path',
      {
        schema: {
          tags: ['consular'],
          summary: 'Consenting survivors whom no consular service covers (counts for coordination; own cases)',
          response: { 200: NoConsularPathView },
        },
      },
      async (request) => noConsularPath(deps.app, requireActor(request)),
    );
  };
