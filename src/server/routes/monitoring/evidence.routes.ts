import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common.ts';
import {
  CustodyLog,
  EvidenceInput,
  EvidenceProofView,
  EvidenceList,
  EvidenceListQuery,
  EvidencePatch,
  EvidenceUploadQuery,
  EvidenceView,
  MAX_UPLOAD_BYTES,
  RetractRequest,
  VerificationStepInput,
} from '../../../contracts/monitoring/evidence.ts';
import { custodyLog, evidenceProof } from '../../../services/monitoring/evidence-custody.service.ts';
import { exportOriginal, readThumbnail, viewOriginal } from '../../../services/monitoring/evidence-media.service.ts';
import {
  annotateEvidence,
  evidenceHistory,
  getEvidence,
  listEvidencePage,
  retractEvidence,
} from '../../../services/monitoring/evidence-review.service.ts';
import { registerEvidence, uploadEvidence } from '../../../services/monitoring/evidence-upload.service.ts';
import { takeVerificationStep } from '../../../services/monitoring/verification.service.ts';
import { EditHistory } from '../../../contracts/monitoring/edits.ts';
import type { ServerDeps } from '../../deps.ts';
import { requireActor } from '../../plugins/session.ts';
import { IfMatchHeaders } from '../../../contracts/common.ts';
import { ifMatchVersion } from '../../plugins/versions.ts';
import { parseByteRange } from '../../../core/evidence/byte-range.ts';

/** Types a browser could render as active content: originals of these are served as opaque bytes. */
const SERVE_AS_BYTES = new Set(['text/html', 'message/rfc822', 'image/svg+xml']);

function attachmentName(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const evidenceRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['monitoring'];
    const base = '/api/monitoring/evidence';

    app.get(
      base,
      {
        schema: {
          tags,
          summary: 'Evidence, newest first',
          querystring: EvidenceListQuery,
          response: { 200: EvidenceList },
        },
      },
      async (request) => listEvidencePage(deps.app, requireActor(request), request.query),
    );

    app.post(
      base,
      {
        schema: {
          tags,
          summary: 'Register evidence without a file (URL, article, testimony note)',
          body: EvidenceInput,
          response: { 201: EvidenceView },
        },
      },
      async (request, reply) => {
        reply.code(201);
        return registerEvidence(deps.app, requireActor(request), request.body);
      },
    );

    // Raw-bytes upload: the body is the file itself (no multipart dependency), metadata in the query.
    await app.register(async (instance) => {
      const raw = instance.withTypeProvider<ZodTypeProvider>();
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) =>
        done(null, body),
      );
      raw.post(
        `${base}/upload`,
        {
          bodyLimit: MAX_UPLOAD_BYTES,
          schema: {
            tags,
            summary: 'Upload an original file (raw bytes; metadata in the query string)',
            querystring: EvidenceUploadQuery,
            response: { 201: EvidenceView },
          },
        },
        async (request, reply) => {
          const actor = requireActor(request);
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const view = await uploadEvidence(
            deps.app,
            actor,
            request.query,
            String(request.headers['content-type'] ?? ''),
            new Uint8Array(body.buffer, body.byteOffset, body.length),
          );
          reply.code(201);
          return view;
        },
      );
    });

    app.get(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'One evidence item (the access is recorded in its custody log)',
          params: IdParams,
          response: { 200: EvidenceView },
        },
      },
      async (request) => getEvidence(deps.app, requireActor(request), request.params.id),
    );

    app.patch(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'Annotate evidence (custody: annotated; If-Match: the version you edited)',
          params: IdParams,
          headers: IfMatchHeaders,
          body: EvidencePatch,
          response: { 200: EvidenceView },
        },
      },
      async (request) =>
        annotateEvidence(deps.app, requireActor(request), request.params.id, request.body, ifMatchVersion(request)),
    );

    app.post(
      `${base}/:id/verification`,
      {
        schema: {
          tags,
          summary: 'Take a verification step (geolocate, corroborate, verify, dispute)',
          params: IdParams,
          body: VerificationStepInput,
          response: { 200: EvidenceView },
        },
      },
      async (request) => takeVerificationStep(deps.app, requireActor(request), request.params.id, request.body),
    );

    app.post(
      `${base}/:id/retract`,
      {
        schema: {
          tags,
          summary: 'Retract evidence (never deleted)',
          params: IdParams,
          body: RetractRequest,
          response: { 200: EvidenceView },
        },
      },
      async (request) => retractEvidence(deps.app, requireActor(request), request.params.id, request.body.reason),
    );

    app.get(
      `${base}/:id/original`,
      {
        schema: {
          tags,
          summary: 'Download the untouched original (custody: exported)',
          params: IdParams,
          response: { 200: z.any() },
        },
      },
      async (request, reply) => {
        const file = await exportOriginal(deps.app, requireActor(request), request.params.id);
        reply.header(
          'content-type',
          SERVE_AS_BYTES.has(file.contentType) ? 'application/octet-stream' : file.contentType,
        );
        reply.header('content-disposition', attachmentName(file.fileName));
        reply.header('x-evidence-sha256', file.sha256);
        reply.header('cache-control', 'private, no-store');
        return reply.send(file.bytes);
      },
    );

    app.get(
      `${base}/:id/media`,
      {
        // Already-compressed media, and a compressed 206 would no longer match its Content-Range.
        compress: false,
        schema: {
          tags,
          summary:
            'The original for the in-page viewer, inline, with HTTP byte ranges for video seeking ' +
            '(same readers as the download; custody: accessed, per request)',
          params: IdParams,
          response: { 200: z.any(), 206: z.any(), 416: z.any() },
        },
      },
      async (request, reply) => {
        const header = request.headers.range;
        const file = await viewOriginal(deps.app, requireActor(request), request.params.id, (size) =>
          parseByteRange(typeof header === 'string' ? header : undefined, size),
        );
        reply.header('content-type', file.contentType);
        reply.header('content-disposition', 'inline');
        reply.header('accept-ranges', 'bytes');
        reply.header('cache-control', 'private, no-store');
        if (file.range.kind === 'unsatisfiable') {
          reply.header('content-range', `bytes */${file.size}`);
          return reply.code(416).send();
        }
        if (file.range.kind === 'partial') {
          reply.header('content-range', `bytes ${file.range.start}-${file.range.end}/${file.size}`);
          return reply.code(206).send(file.bytes.subarray(file.range.start, file.range.end + 1));
        }
        return reply.send(file.bytes);
      },
    );

    app.get(
      `${base}/:id/thumbnail`,
      { schema: { tags, summary: 'Thumbnail working copy (WebP)', params: IdParams, response: { 200: z.any() } } },
      async (request, reply) => {
        const bytes = await readThumbnail(deps.app, requireActor(request), request.params.id);
        reply.header('content-type', 'image/webp');
        reply.header('cache-control', 'private, no-store');
        return reply.send(bytes);
      },
    );

    app.get(
      `${base}/:id/history`,
      {
        schema: {
          tags,
          summary: 'Edit history: who changed the item, when, and the previous and new values',
          params: IdParams,
          response: { 200: EditHistory },
        },
      },
      async (request) => evidenceHistory(deps.app, requireActor(request), request.params.id),
    );
    app.get(
      `${base}/:id/proof`,
      {
        schema: {
          tags,
          summary:
            'Custody log with inclusion proofs against a signed audit ' +
            'checkpoint, checkable without Refuge (custody: exported)',
          params: IdParams,
          response: { 200: EvidenceProofView },
        },
      },
      async (request) => evidenceProof(deps.app, requireActor(request), request.params.id),
    );

    app.get(
      `${base}/:id/custody`,
      {
        schema: {
          tags,
          summary: 'Chain-of-custody log, with a check of its hash chain',
          params: IdParams,
          response: { 200: CustodyLog },
        },
      },
      async (request) => custodyLog(deps.app, requireActor(request), request.params.id),
    );
  };
