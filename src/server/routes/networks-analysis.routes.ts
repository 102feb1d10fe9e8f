import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EntityIdParams,
  EntityPath,
  FlowTrace,
  HandEntityRequest,
  HandEntityResponse,
  PathQuery,
  TraceQuery,
  TransferImportQuery,
  TransferImportSummary,
} from '../../contracts/networks.ts';
import { createHandEntity, updateHandEntityById } from '../../services/networks/hand-edits.service.ts';
import { findPath } from '../../services/networks/paths.service.ts';
import { importTransfers, traceWallet, transferCount } from '../../services/networks/transfers.service.ts';
import type { ServerDeps } from '../deps.ts';
import { requireActor } from '../plugins/session.ts';

/** A transfers CSV sent through the API (the CLI streams larger ones from disk). */
export const MAX_TRANSFERS_UPLOAD_BYTES = 32 * 1024 * 1024;

async function* linesOfBuffer(body: Buffer): AsyncGenerator<string> {
  let start = 0;
  while (start < body.length) {
    let end = body.indexOf(0x0a, start);
    if (end === -1) end = body.length;
    yield body.toString('utf8', start, end).replace(/\r$/, '');
    start = end + 1;
  }
}

/**
 * Networks analysis: entities and relations added or edited by hand, path finding between two entities, and wallet
 * transfers (CSV import, flow tracing). The services authorise: analysts and administrators.
 */
export const networksAnalysisRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['networks'];
    app.post(
      '/api/networks/entities',
      {
        schema: {
          tags,
          summary: 'Add an entity or relation by hand, with its sources (dataset "refuge-analysts")',
          body: HandEntityRequest,
          response: { 201: HandEntityResponse },
        },
      },
      async (request, reply) =>
        reply.code(201).send({ entity: await createHandEntity(deps.app, requireActor(request), request.body) }),
    );
    app.put(
      '/api/networks/entities/:id',
      {
        schema: {
          tags,
          summary: 'Replace the properties and sources of a hand-made entity or relation (imported ones: 409)',
          params: EntityIdParams,
          body: HandEntityRequest,
          response: { 200: HandEntityResponse },
        },
      },
      async (request) => ({
        entity: await updateHandEntityById(deps.app, requireActor(request), request.params.id, request.body),
      }),
    );
    app.get(
      '/api/networks/path',
      {
        schema: {
          tags,
          summary: 'The shortest chain of relations between two entities (at most 6 hops), as nodes and edges',
          querystring: PathQuery,
          response: { 200: EntityPath },
        },
      },
      async (request) => findPath(deps.app, requireActor(request), request.query),
    );
    app.get(
      '/api/networks/transfers/trace',
      {
        schema: {
          tags,
          summary:
            'Flows N hops out from (or into) a wallet, with amounts; transfers touching sanctioned or compound wallets flagged',
          querystring: TraceQuery,
          response: { 200: FlowTrace },
        },
      },
      async (request) => traceWallet(deps.app, requireActor(request), request.query),
    );
    app.get(
      '/api/networks/transfers/summary',
      {
        schema: {
          tags,
          summary: 'How many wallet transfers are stored',
          response: { 200: z.object({ count: z.number() }) },
        },
      },
      async (request) => ({ count: await transferCount(deps.app, requireActor(request)) }),
    );
    // Raw upload: the body is the CSV itself (header chain,tx,from,to,amount,time[,asset,index]).
    await app.register(async (instance) => {
      const raw = instance.withTypeProvider<ZodTypeProvider>();
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_TRANSFERS_UPLOAD_BYTES }, (_r, body, done) =>
        done(null, body),
      );
      raw.post(
        '/api/networks/transfers',
        {
          bodyLimit: MAX_TRANSFERS_UPLOAD_BYTES,
          schema: {
            tags,
            summary: 'Import a CSV of wallet transfers (raw body); bad lines are reported by number, the rest imported',
            querystring: TransferImportQuery,
            response: { 200: TransferImportSummary },
          },
        },
        async (request) => {
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          return importTransfers(deps.app, requireActor(request), linesOfBuffer(body), request.query);
        },
      );
    });
  };
