import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  CompoundFeatureCollection,
  CompoundGeoJsonQuery,
  CompoundImportQuery,
  CompoundImportReport,
  CompoundInput,
  CompoundList,
  CompoundListQuery,
  CompoundPatch,
  CompoundTimeline,
  CompoundView,
} from '../../../contracts/monitoring/compounds.ts';
import { EventList, EventListQuery } from '../../../contracts/monitoring/events.ts';
import { IsoDay } from '../../../contracts/monitoring/geo.ts';
import {
  compoundHistory,
  compoundTimeline,
  createCompound,
  getCompound,
  importCompoundsGeoJson,
  listCompoundPage,
  updateCompoundDetails,
} from '../../../services/monitoring/compounds.service.ts';
import { listCompoundEvents } from '../../../services/monitoring/events.service.ts';
import { compoundsGeoJson } from '../../../services/exports/exports.service.ts';
import { EXPORT_ROWS_HEADER } from '../../../contracts/exports.ts';
import { EditHistory } from '../../../contracts/monitoring/edits.ts';
import type { ServerDeps } from '../../deps.ts';
import { requireActor } from '../../plugins/session.ts';
import { IfMatchHeaders } from '../../../contracts/common.ts';
import { ifMatchVersion } from '../../plugins/versions.ts';

/** GeoJSON files from GIS tools can be large; the import gets its own body limit. */
const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

export const compoundRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['monitoring'];
    const base = '/api/monitoring/compounds';

    app.get(
      base,
      {
        schema: {
          tags,
          summary: 'Compounds, newest first (filter by name, province, status)',
          querystring: CompoundListQuery,
          response: { 200: CompoundList },
        },
      },
      async (request) => listCompoundPage(deps.app, requireActor(request), request.query),
    );

    app.post(
      base,
      { schema: { tags, summary: 'Register a compound', body: CompoundInput, response: { 201: CompoundView } } },
      async (request, reply) => {
        reply.code(201);
        return createCompound(deps.app, requireActor(request), request.body);
      },
    );

    app.get(
      `${base}.geojson`,
      {
        schema: {
          tags,
          summary: 'Compounds as a GeoJSON FeatureCollection (the list filters apply), streamed; the export is audited',
          querystring: CompoundGeoJsonQuery,
          response: { 200: CompoundFeatureCollection },
        },
      },
      async (request, reply) => {
        const { q, province, status } = request.query;
        const { rows, body } = await compoundsGeoJson(deps.app, requireActor(request), { q, province, status });
        reply.header('content-type', 'application/geo+json');
        reply.header('content-disposition', 'attachment; filename="compounds.geojson"');
        reply.header(EXPORT_ROWS_HEADER, String(rows));
        // A stream is sent as it is (not serialised); the schema documents its shape.
        return reply.send(body as unknown as z.infer<typeof CompoundFeatureCollection>);
      },
    );

    app.post(
      `${base}/import`,
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags,
          summary: 'Import compounds from GeoJSON (all or nothing; dryRun=true only reports)',
          querystring: CompoundImportQuery,
          body: z.unknown(),
          response: { 200: CompoundImportReport },
        },
      },
      async (request) => importCompoundsGeoJson(deps.app, requireActor(request), request.body, request.query.dryRun),
    );

    app.get(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'One compound with its status timeline',
          params: IdParams,
          response: { 200: CompoundView },
        },
      },
      async (request) => getCompound(deps.app, requireActor(request), request.params.id),
    );

    app.patch(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'Change a compound (only the fields sent; If-Match: the version you edited)',
          params: IdParams,
          headers: IfMatchHeaders,
          body: CompoundPatch,
          response: { 200: CompoundView },
        },
      },
      async (request) =>
        updateCompoundDetails(
          deps.app,
          requireActor(request),
          request.params.id,
          request.body,
          ifMatchVersion(request),
        ),
    );

    app.get(
      `${base}/:id/history`,
      {
        schema: {
          tags,
          summary: 'Edit history: who changed the compound, when, and the previous and new values',
          params: IdParams,
          response: { 200: EditHistory },
        },
      },
      async (request) => compoundHistory(deps.app, requireActor(request), request.params.id),
    );

    app.get(
      `${base}/:id/timeline`,
      {
        schema: {
          tags,
          summary: 'Status timeline derived from events',
          params: IdParams,
          querystring: z.object({ asOf: IsoDay.optional() }),
          response: { 200: CompoundTimeline },
        },
      },
      async (request) => compoundTimeline(deps.app, requireActor(request), request.params.id, request.query.asOf),
    );

    app.get(
      `${base}/:id/events`,
      {
        schema: {
          tags,
          summary: 'Events at a compound, latest first',
          params: IdParams,
          querystring: EventListQuery,
          response: { 200: EventList },
        },
      },
      async (request) => listCompoundEvents(deps.app, requireActor(request), request.params.id, request.query),
    );
  };
