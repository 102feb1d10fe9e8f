import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  DatasetParams,
  EntityDetail,
  EntityGraph,
  EntityId,
  EntityIdParams,
  ExportQuery,
  ImportQuery,
  ImportStarted,
  NetworksSummary,
  ReconQueries,
  ScreenRequest,
  ScreenResponse,
  YenteMatchQuery,
  YenteMatchRequest,
} from '../../contracts/networks.ts';
import { OPERATOR_ROLES } from '../../core/compounds/compound-types.ts';
import { Message } from '../../contracts/common.ts';
import {
  entityCounts,
  entityNeighbourhood,
  exportEntities,
  getEntity,
} from '../../services/networks/entities.service.ts';
import {
  linkCompoundToEntity,
  listSanctionsAlerts,
  screenCompoundOperators,
} from '../../services/networks/compound-screening.service.ts';
import { startUploadImport } from '../../services/networks/upload.service.ts';
import { matchYente, reconcile, reconciliationService, screenName } from '../../services/networks/screening.service.ts';
import { invalid } from '../../services/errors.ts';
import type { ServerDeps } from '../deps.ts';
import { requireActor } from '../plugins/session.ts';

/** An uploaded FtM file (the CLI takes larger ones from disk). */
export const MAX_IMPORT_UPLOAD_BYTES = 256 * 1024 * 1024;

/**
 * Networks: entities and their relations, FtM import (upload → background job) and export (streamed), screening,
 * and the yente `/match` and W3C reconciliation protocols. The services authorise: analysts and administrators.
 */
export const networksRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['networks'];
    app.get(
      '/api/networks/summary',
      {
        schema: {
          tags,
          summary: 'How many entities are stored (live and disappeared)',
          response: { 200: NetworksSummary },
        },
      },
      async (request) => entityCounts(deps.app, requireActor(request)),
    );
    app.get(
      '/api/networks/entities/:id',
      {
        schema: {
          tags,
          summary: 'One entity: properties, datasets, sanctions, relations and linked compounds',
          params: EntityIdParams,
          response: { 200: EntityDetail },
        },
      },
      async (request) => getEntity(deps.app, requireActor(request), request.params.id),
    );
    app.get(
      '/api/networks/entities/:id/graph',
      {
        schema: {
          tags,
          summary: 'The entity and everything one relation away, as nodes and edges (expand on click)',
          params: EntityIdParams,
          response: { 200: EntityGraph },
        },
      },
      async (request) => entityNeighbourhood(deps.app, requireActor(request), request.params.id),
    );
    app.get(
      '/api/networks/entities.ftm.json',
      { schema: { tags, summary: 'Every entity as FollowTheMoney JSON lines (streamed)', querystring: ExportQuery } },
      async (request, reply) => {
        const actor = requireActor(request);
        const lines = exportEntities(deps.app, actor, {
          dataset: request.query.dataset,
          includeDisappeared: request.query.includeDisappeared === 'true',
        });
        // Authorise before the first byte: the generator's first step throws a 403 here, not mid-stream.
        const first = await lines.next();
        async function* all() {
          if (!first.done) yield first.value;
          yield* lines;
        }
        return reply
          .header('content-type', 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', 'attachment; filename="entities.ftm.json"')
          .header('cache-control', 'no-store')
          .send(Readable.from(all()));
      },
    );

    // Raw upload: the body is the FtM JSON-lines file itself; the import runs as a background job.
    await app.register(async (instance) => {
      const raw = instance.withTypeProvider<ZodTypeProvider>();
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_IMPORT_UPLOAD_BYTES }, (_r, body, done) =>
        done(null, body),
      );
      raw.post(
        '/api/networks/imports',
        {
          bodyLimit: MAX_IMPORT_UPLOAD_BYTES,
          schema: {
            tags,
            summary: 'Import an FtM JSON-lines file (raw body) as a delta of one dataset; progress at /api/jobs/:id',
            querystring: ImportQuery,
            response: { 202: ImportStarted },
          },
        },
        async (request, reply) => {
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const jobId = await startUploadImport(deps.app, requireActor(request), request.query.dataset, body);
          return reply.code(202).send({ jobId });
        },
      );
    });

    app.post(
      '/api/screen',
      {
        schema: {
          tags,
          summary: 'Screen a name (and birth date, countries, schema, identifiers) against every entity',
          body: ScreenRequest,
          response: { 200: ScreenResponse },
        },
      },
      async (request) => ({ results: await screenName(deps.app, requireActor(request), request.body) }),
    );
    app.post(
      '/api/match/:dataset',
      {
        schema: {
          tags,
          summary: "OpenSanctions yente's /match: queries of {schema, properties} → scored results ('default' = all)",
          params: DatasetParams,
          querystring: YenteMatchQuery,
          body: YenteMatchRequest,
        },
      },
      async (request) =>
        matchYente(deps.app, requireActor(request), request.params.dataset, request.body, request.query),
    );

    app.get(
      '/api/networks/alerts',
      {
        schema: {
          tags,
          summary: 'Sanctions hits on compound operators and owners (suggestions for a person to confirm)',
          querystring: z.object({
            status: z.enum(['open', 'any']).default('open'),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  title: z.string(),
                  titleMessage: Message.nullable(),
                  status: z.string(),
                  compoundId: z.string().nullable(),
                  entityId: z.string().nullable(),
                  score: z.number().nullable(),
                  reasons: z.array(z.string()),
                  createdAt: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({ items: await listSanctionsAlerts(deps.app, requireActor(request), request.query) }),
    );
    app.post(
      '/api/networks/screen-compounds',
      {
        schema: {
          tags,
          summary: "Screen every compound's operators and owners now; sanctioned matches become alerts",
          response: {
            200: z.object({ compounds: z.number(), operators: z.number(), hits: z.number(), newAlerts: z.number() }),
          },
        },
      },
      async (request) => screenCompoundOperators(deps.app, requireActor(request)),
    );
    app.post(
      '/api/networks/compound-links',
      {
        schema: {
          tags,
          summary: "Link a compound's operator, owner, landlord or security to an entity",
          body: z.object({
            compoundId: z.uuid(),
            entityId: EntityId,
            role: z.enum(OPERATOR_ROLES),
          }),
          response: { 200: z.object({ linked: z.boolean() }) },
        },
      },
      async (request) => linkCompoundToEntity(deps.app, requireActor(request), request.body),
    );

    const base = (host: string | undefined, proto: string) => `${proto}://${host ?? 'localhost'}`;
    const parseQueries = (text: string | undefined) => {
      if (text === undefined) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw invalid({ queries: 'not JSON' }, 'queries must be a JSON object of reconciliation queries');
      }
      const r = ReconQueries.safeParse(parsed);
      if (!r.success) throw invalid({ queries: r.error.issues[0]?.message ?? 'not valid' }, 'queries are not valid');
      return r.data;
    };
    app.get(
      '/api/reconcile',
      {
        schema: {
          tags,
          summary: 'W3C Reconciliation Service API: the service manifest, or the answers to ?queries=',
          querystring: z.object({ queries: z.string().max(100_000).optional() }),
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const queries = parseQueries(request.query.queries);
        if (!queries) return reconciliationService(actor, base(request.headers.host, request.protocol));
        return reconcile(deps.app, actor, queries);
      },
    );
    app.post(
      '/api/reconcile',
      {
        schema: {
          tags,
          summary: 'W3C Reconciliation Service API queries (JSON body {queries: …})',
          body: z.object({ queries: z.union([z.string().max(100_000), ReconQueries]) }),
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const q = request.body.queries;
        return reconcile(deps.app, actor, typeof q === 'string' ? parseQueries(q)! : q);
      },
    );
  };
