import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../contracts/common.ts';
import {
  HelpNextStepsChange,
  HelpRequestList,
  HelpRequestReceipt,
  HelpRequestStatusChange,
  HelpRequestSubmission,
  HelpStatusQuery,
  HelpStatusView,
} from '../../contracts/help.ts';
import {
  changeHelpRequestNextSteps,
  changeHelpRequestStatus,
  helpRequestQueue,
  helpRequestStatus,
  submitHelpRequest,
} from '../../services/help-requests.service.ts';
import type { ServerDeps } from '../deps.ts';
import { requireActor } from '../plugins/session.ts';

/** A help request is a few short fields: anything bigger is not one. */
export const HELP_BODY_LIMIT_BYTES = 8 * 1024;

/**
 * The public help page's API (no sign-in) and the organisation's queue of what arrives through it. Answers are never
 * cached (`no-store`): a shared phone's browser keeps no copy of a code or a status.
 */
export const helpRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['help requests'];
    app.post(
      '/api/help-requests',
      {
        bodyLimit: HELP_BODY_LIMIT_BYTES,
        schema: {
          tags,
          summary: 'Ask for help (public): returns a private code, and nothing of what was sent',
          body: HelpRequestSubmission,
          response: { 201: HelpRequestReceipt },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .header('cache-control', 'no-store')
          .send(await submitHelpRequest(deps.app, request.body, request.ip)),
    );
    app.post(
      '/api/help-requests/status',
      {
        bodyLimit: 1024,
        schema: {
          tags,
          summary:
            'What happens next with the request behind a private code: status, where to go, flight date (public)',
          body: HelpStatusQuery,
          response: { 200: HelpStatusView },
        },
      },
      async (request, reply) =>
        reply
          .header('cache-control', 'no-store')
          .send(await helpRequestStatus(deps.app, request.body.code, request.ip)),
    );
    app.get(
      '/api/help-requests',
      {
        schema: {
          tags,
          summary: "The organisation's help requests, newest first (unverified; reading is audited)",
          response: { 200: HelpRequestList },
        },
      },
      async (request, reply) =>
        reply.header('cache-control', 'no-store').send(await helpRequestQueue(deps.app, requireActor(request))),
    );
    app.patch(
      '/api/help-requests/:id',
      {
        schema: {
          tags,
          summary: 'Move a help request on (will contact, closed, or spam); the person sees received/contact/closed',
          params: IdParams,
          body: HelpRequestStatusChange,
          response: { 200: HelpRequestStatusChange },
        },
      },
      async (request) => {
        await changeHelpRequestStatus(deps.app, requireActor(request), request.params.id, request.body.status);
        return { status: request.body.status };
      },
    );
    app.put(
      '/api/help-requests/:id/next-steps',
      {
        schema: {
          tags,
          summary: 'Tell the person where to go and their flight date (shown with their code, in their language)',
          params: IdParams,
          body: HelpNextStepsChange,
          response: { 200: HelpNextStepsChange },
        },
      },
      async (request) => {
        await changeHelpRequestNextSteps(deps.app, requireActor(request), request.params.id, request.body);
        return request.body;
      },
    );
  };
