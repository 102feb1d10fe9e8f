import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common.ts';
import { RetractRequest } from '../../../contracts/monitoring/evidence.ts';
import {
  AlertList,
  AlertListQuery,
  AlertView,
  EventInput,
  EventPatch,
  EventWriteResult,
  MapData,
  MapQuery,
} from '../../../contracts/monitoring/events.ts';
import {
  acknowledgeMonitoringAlert,
  closeMonitoringAlert,
  listMonitoringAlerts,
} from '../../../services/monitoring/alerts.service.ts';
import { changeEvent, createEvent, retractCompoundEvent } from '../../../services/monitoring/events.service.ts';
import { mapData } from '../../../services/monitoring/map.service.ts';
import type { ServerDeps } from '../../deps.ts';
import { requireActor } from '../../plugins/session.ts';

export const eventRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['monitoring'];

    app.post(
      '/api/monitoring/events',
      {
        schema: {
          tags,
          summary: 'Record an event at a compound (recomputes its timeline, runs the alert rules)',
          body: EventInput,
          response: { 201: EventWriteResult },
        },
      },
      async (request, reply) => {
        reply.code(201);
        return createEvent(deps.app, requireActor(request), request.body);
      },
    );

    app.patch(
      '/api/monitoring/events/:id',
      {
        schema: {
          tags,
          summary: 'Change an event',
          params: IdParams,
          body: EventPatch,
          response: { 200: EventWriteResult },
        },
      },
      async (request) => changeEvent(deps.app, requireActor(request), request.params.id, request.body),
    );

    app.post(
      '/api/monitoring/events/:id/retract',
      {
        schema: {
          tags,
          summary: 'Retract an event (kept, marked, with the reason)',
          params: IdParams,
          body: RetractRequest,
          response: { 200: EventWriteResult },
        },
      },
      async (request) => retractCompoundEvent(deps.app, requireActor(request), request.params.id, request.body.reason),
    );

    app.get(
      '/api/monitoring/alerts',
      {
        schema: {
          tags,
          summary: 'Monitoring alerts, highest rank first',
          querystring: AlertListQuery,
          response: { 200: AlertList },
        },
      },
      async (request) => listMonitoringAlerts(deps.app, requireActor(request), request.query),
    );

    app.post(
      '/api/monitoring/alerts/:id/acknowledge',
      {
        schema: {
          tags,
          summary: 'Acknowledge an alert for your organisation (others still see it open)',
          params: IdParams,
          response: { 200: AlertView },
        },
      },
      async (request) => acknowledgeMonitoringAlert(deps.app, requireActor(request), request.params.id),
    );

    app.post(
      '/api/monitoring/alerts/:id/close',
      {
        schema: {
          tags,
          summary: "Close a shared alert for every organisation (the compound's owner or coordination only)",
          params: IdParams,
          response: { 200: AlertView },
        },
      },
      async (request) => closeMonitoringAlert(deps.app, requireActor(request), request.params.id),
    );

    app.get(
      '/api/monitoring/map',
      {
        schema: {
          tags,
          summary: 'Compounds with status on a day and evidence points as flat arrays',
          querystring: MapQuery,
          response: { 200: MapData },
        },
      },
      async (request) => mapData(deps.app, requireActor(request), request.query.at),
    );
  };
