import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, IfMatchHeaders, PageQuery } from '../../../contracts/common.ts';
import {
  AssignRequest,
  AttachmentRequest,
  AttachmentView,
  CaseDetail,
  CaseList,
  CaseListQuery,
  CaseView,
  ChangeRiskRequest,
  ChangeStatusRequest,
  NeedPatchRequest,
  NeedRequest,
  NeedView,
  NoteRequest,
  NoteView,
  ScreeningRequest,
  ScreeningRuleView,
  ScreeningView,
  TimelinePage,
} from '../../../contracts/casework/cases.ts';
import { TriageBoard, TriageQuery } from '../../../contracts/casework/triage.ts';
import { getCaseDetail, getCaseTimeline } from '../../../services/casework/case-detail.service.ts';
import { addAttachment, addNote, readAttachment } from '../../../services/casework/case-records.service.ts';
import {
  assignCase,
  changeCaseRisk,
  changeCaseStatus,
  listVisibleCases,
} from '../../../services/casework/cases.service.ts';
import { addNeed, triage, updateNeedStatus } from '../../../services/casework/needs.service.ts';
import { recordScreening, screeningRule } from '../../../services/casework/screening.service.ts';
import type { ServerDeps } from '../../deps.ts';
import { IdempotencyHeaders } from '../../plugins/idempotency.ts';
import { requireActor } from '../../plugins/session.ts';
import { ifMatchVersion } from '../../plugins/versions.ts';

/** Base64 grows bytes by 4/3; the route accepts a 10 MiB file plus the JSON around it. */
const ATTACHMENT_BODY_LIMIT = 14 * 1024 * 1024 + 4096;

export const caseRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['cases'];
    app.get(
      '/api/cases',
      {
        schema: {
          tags,
          summary: 'Cases this organisation may see, newest first',
          querystring: CaseListQuery,
          response: { 200: CaseList },
        },
      },
      async (request) => listVisibleCases(deps.app, requireActor(request), request.query),
    );
    app.get(
      '/api/cases/:id',
      {
        schema: {
          tags,
          summary: 'One case with its survivor, screening, needs, notes and timeline',
          params: IdParams,
          response: { 200: CaseDetail },
        },
      },
      async (request) => getCaseDetail(deps.app, requireActor(request), request.params.id),
    );
    app.get(
      '/api/cases/:id/timeline',
      {
        schema: {
          tags,
          summary: 'The case timeline, newest first',
          params: IdParams,
          querystring: PageQuery,
          response: { 200: TimelinePage },
        },
      },
      async (request) =>
        getCaseTimeline(deps.app, requireActor(request), request.params.id, request.query.limit, request.query.cursor),
    );
    app.patch(
      '/api/cases/:id/status',
      {
        schema: {
          tags,
          summary: 'Move a case to another status (If-Match: the version you edited)',
          params: IdParams,
          headers: IfMatchHeaders,
          body: ChangeStatusRequest,
          response: { 200: CaseView },
        },
      },
      async (request) =>
        changeCaseStatus(
          deps.app,
          requireActor(request),
          request.params.id,
          request.body.status,
          request.body.reason,
          ifMatchVersion(request),
        ),
    );
    app.patch(
      '/api/cases/:id/risk',
      {
        schema: {
          tags,
          summary: 'Raise or (with a reason) lower the risk level (If-Match: the version you edited)',
          params: IdParams,
          headers: IfMatchHeaders,
          body: ChangeRiskRequest,
          response: { 200: CaseView },
        },
      },
      async (request) =>
        changeCaseRisk(
          deps.app,
          requireActor(request),
          request.params.id,
          request.body.riskLevel,
          request.body.reason,
          ifMatchVersion(request),
        ),
    );
    app.patch(
      '/api/cases/:id/assignment',
      {
        schema: {
          tags,
          summary: 'Assign the case to a caseworker (If-Match: the version you edited)',
          params: IdParams,
          headers: IfMatchHeaders,
          body: AssignRequest,
          response: { 200: CaseView },
        },
      },
      async (request) =>
        assignCase(
          deps.app,
          requireActor(request),
          request.params.id,
          request.body.assignedTo,
          ifMatchVersion(request),
        ),
    );
    app.post(
      '/api/cases/:id/notes',
      {
        schema: {
          tags,
          summary: 'Add a note (stored encrypted)',
          params: IdParams,
          body: NoteRequest,
          response: { 201: NoteView },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addNote(deps.app, requireActor(request), request.params.id, request.body.body)),
    );
    app.post(
      '/api/cases/:id/attachments',
      {
        bodyLimit: ATTACHMENT_BODY_LIMIT,
        schema: {
          tags,
          summary: 'Attach a file (base64; type sniffed; encrypted at rest)',
          params: IdParams,
          body: AttachmentRequest,
          response: { 201: AttachmentView },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addAttachment(deps.app, requireActor(request), request.params.id, request.body)),
    );
    app.get(
      '/api/cases/:id/attachments/:attachmentId',
      {
        schema: { tags, summary: 'Download an attachment', params: z.object({ id: z.uuid(), attachmentId: z.uuid() }) },
      },
      async (request, reply) => {
        const file = await readAttachment(
          deps.app,
          requireActor(request),
          request.params.id,
          request.params.attachmentId,
        );
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .header('x-content-type-options', 'nosniff')
          .send(file.bytes);
      },
    );

    app.get(
      '/api/screening/rule',
      {
        schema: {
          tags: ['screening'],
          summary: 'The screening rule in plain words, and the 12 indicators',
          response: { 200: ScreeningRuleView },
        },
      },
      async (request) => {
        requireActor(request);
        return screeningRule();
      },
    );
    app.put(
      '/api/cases/:id/screening',
      {
        config: { idempotent: true },
        schema: {
          tags: ['screening'],
          summary: 'Record a screening; returns the outcome with its reasons',
          headers: IdempotencyHeaders,
          params: IdParams,
          body: ScreeningRequest,
          response: { 200: ScreeningView },
        },
      },
      async (request) =>
        recordScreening(deps.app, requireActor(request), request.params.id, request.body, request.idempotency),
    );

    app.post(
      '/api/cases/:id/needs',
      {
        config: { idempotent: true },
        schema: {
          tags: ['needs'],
          summary: 'Add a need to a case',
          headers: IdempotencyHeaders,
          params: IdParams,
          body: NeedRequest,
          response: { 201: NeedView },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await addNeed(deps.app, requireActor(request), request.params.id, request.body, request.idempotency)),
    );
    app.patch(
      '/api/needs/:id',
      {
        schema: {
          tags: ['needs'],
          summary: "Change a need's status or priority (If-Match: the version you edited)",
          params: IdParams,
          headers: IfMatchHeaders,
          body: NeedPatchRequest,
          response: { 200: NeedView },
        },
      },
      async (request) =>
        updateNeedStatus(deps.app, requireActor(request), request.params.id, request.body, ifMatchVersion(request)),
    );
    app.get(
      '/api/triage',
      {
        schema: {
          tags: ['needs'],
          summary: 'The triage board: open needs, most urgent first',
          querystring: TriageQuery,
          response: { 200: TriageBoard },
        },
      },
      async (request) => triage(deps.app, requireActor(request), request.query),
    );
  };
